/** Pure rules of the tickets module that are not about time (business hours live in tickets.sla.logic.ts). */
import { isVietnameseNameWord } from '../../../../contracts/person-names.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Whether a text looks like an email address a reply can reach. */
export const isEmail = (s: string): boolean => EMAIL.test(s) && s.length <= 320;

/**
 * A requester's typed name as a contact's given/family name: a Vietnamese name is written family first
 * ("Nguyễn Thị Lan" → family Nguyễn, given Thị Lan), others given first ("Jane Smith" → given Jane, family Smith).
 */
export function splitName(name: string): { givenName: string | null; familyName: string | null } {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { givenName: null, familyName: null };
  if (words.length === 1) return { givenName: words[0]!, familyName: null };
  if (isVietnameseNameWord(words[0]!)) return { familyName: words[0]!, givenName: words.slice(1).join(' ') };
  return { givenName: words.slice(0, -1).join(' '), familyName: words.at(-1)! };
}

/** 'HH:MM' → minutes after midnight ('24:00' → 1440). */
export const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
/** Minutes after midnight → 'HH:MM'. */
export const toHhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

export type RuleConditions = {
  channel?: string[]; category?: string[]; priority?: string[]; keywords?: string[];
  /** Company ids, the ticket's customer tier, the requester's language (see requesterLanguage in tickets.routing.logic.ts). */
  company?: string[]; customerTier?: string[]; language?: string[];
};

/**
 * Whether a ticket matches an assignment rule's conditions: every listed key holds (any of its values); keywords are
 * looked for in subject and description, case and Vietnamese diacritics ignored. An empty rule matches every ticket.
 *
 * @example conditionsHold({ keywords: ['hoa don'] }, { subject: 'Hoá đơn sai' }) // true
 */
export function conditionsHold(c: RuleConditions, t: Record<string, unknown>): boolean {
  for (const [key, column] of [['channel', 'channel'], ['category', 'category'], ['priority', 'priority'], ['company', 'company'], ['customerTier', 'customer_tier'], ['language', 'language']] as const) {
    const accepted = c[key];
    if (accepted?.length && !accepted.includes(String(t[column] ?? ''))) return false;
  }
  if (c.keywords?.length) {
    const text = fold(`${String(t.subject ?? '')} ${String(t.description ?? '')}`);
    if (!c.keywords.some((k) => text.includes(fold(k)))) return false;
  }
  return true;
}

/** The n-th member (1-based counter) of a round robin over `members`, cycling. */
export function roundRobin<T>(members: T[], counter: number): T | undefined {
  if (members.length === 0) return undefined;
  return members[(((counter - 1) % members.length) + members.length) % members.length];
}

/** The member with the fewest open tickets; ties go to the earliest in ring order. */
export function fewestOpen<T extends { id: string }>(members: T[], open: Map<string, number>): T | undefined {
  let best: T | undefined;
  for (const m of members) if (!best || (open.get(m.id) ?? 0) < (open.get(best.id) ?? 0)) best = m;
  return best;
}
