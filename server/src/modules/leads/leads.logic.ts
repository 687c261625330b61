/** Pure rules of the leads module: scoring, assignment conditions, a lead's name split for its contact. */
import { isVietnameseNameWord } from '../../../../contracts/person-names.js';

export interface ScoringRuleLike { field: string; operator: string; value: string | null; points: number }

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().trim();

/** The text a rule compares: a money value's amount, a multi-select's values, else the value as text. */
function asText(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'object' && v !== null && 'amount' in v) return String((v as { amount: unknown }).amount);
  if (Array.isArray(v)) return v.map(String).join(' ');
  return String(v);
}

/**
 * Does a lead value satisfy a rule? Text comparisons ignore case and Vietnamese diacritics.
 *
 * @example matches({ field: 'source', operator: 'eq', value: 'web_form', points: 10 }, 'web_form') // true
 */
export function matches(rule: ScoringRuleLike, raw: unknown): boolean {
  const v = asText(raw);
  const want = rule.value ?? '';
  switch (rule.operator) {
    case 'is_set': return v !== null;
    case 'eq': return v !== null && (Array.isArray(raw) ? raw.some((x) => fold(String(x)) === fold(want)) : fold(v) === fold(want));
    case 'neq': return v === null || fold(v) !== fold(want);
    case 'contains': return v !== null && fold(v).includes(fold(want));
    case 'gt':
    case 'lt': {
      const n = Number(v);
      const w = Number(want);
      if (v === null || !Number.isFinite(n) || !Number.isFinite(w)) return false;
      return rule.operator === 'gt' ? n > w : n < w;
    }
    default: return false;
  }
}

/** A lead's score: the sum of the points of the active rules it matches. */
export function scoreOf(rules: ScoringRuleLike[], values: Record<string, unknown>): number {
  return rules.reduce((sum, r) => sum + (matches(r, values[r.field]) ? r.points : 0), 0);
}

export type Conditions = { source?: string[]; region?: string[]; product_interest?: string[] };

/** Every listed condition holds (any of its values, case and diacritics ignored); an empty rule matches every lead. */
export function conditionsHold(c: Conditions, values: Record<string, unknown>): boolean {
  for (const key of ['source', 'region', 'product_interest'] as const) {
    const accepted = c[key];
    if (!accepted || accepted.length === 0) continue;
    const v = values[key];
    if (typeof v !== 'string' || !accepted.some((a) => fold(a) === fold(v))) return false;
  }
  return true;
}

/** The n-th member (1-based counter) of a round robin over `members`, cycling. */
export function roundRobin<T>(members: T[], counter: number): T | undefined {
  if (members.length === 0) return undefined;
  return members[(((counter - 1) % members.length) + members.length) % members.length];
}

/**
 * A lead's name as a contact's given/family name: a Vietnamese name is written family first
 * ("Nguyễn Thị Lan" → family Nguyễn, given Thị Lan), others given first ("Jane Smith" → given Jane, family Smith).
 */
export function splitName(name: string): { givenName: string | null; familyName: string | null; nameOrder: 'given_first' | 'family_first' | null } {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { givenName: null, familyName: null, nameOrder: null };
  if (words.length === 1) return { givenName: words[0]!, familyName: null, nameOrder: null };
  if (isVietnameseNameWord(words[0]!)) return { familyName: words[0]!, givenName: words.slice(1).join(' '), nameOrder: 'family_first' };
  return { givenName: words.slice(0, -1).join(' '), familyName: words.at(-1)!, nameOrder: 'given_first' };
}

/** Free-mail domains never point at a company. */
const FREEMAIL = new Set(['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'icloud.com', 'live.com', 'yahoo.com.vn', 'proton.me', 'protonmail.com', 'aol.com', 'gmx.com', 'mail.com']);
/** The company domain of an email address, or null for free-mail and invalid addresses. */
export function companyDomainOf(email: string | null | undefined): string | null {
  const d = email?.split('@')[1]?.trim().toLowerCase();
  return d && d.includes('.') && !FREEMAIL.has(d) ? d : null;
}
