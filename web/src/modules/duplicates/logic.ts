/**
 * Pure helpers of the duplicates and recycle-bin screens: merge choices, value display, purge days.
 * No React here (logic.test.ts).
 */
import type { Contact } from '../../../../contracts/contacts';

/** Fields the user chooses a side for (contracts/duplicates.ts mergeChoiceFields). */
export const CHOICE_FIELDS = [
  'givenName', 'familyName', 'jobTitle', 'department', 'birthday', 'companyId', 'ownerId', 'lifecycleStage', 'source',
  'externalId', 'social', 'custom', 'consent',
] as const;
export type ChoiceField = (typeof CHOICE_FIELDS)[number];
export type Side = 'a' | 'b';

/** Is a field's value empty (null, '', {}, an object of only empty values)? */
export function isEmptyValue(v: unknown): boolean {
  if (v === null || v === undefined || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.values(v as object).every(isEmptyValue);
  return false;
}

/** The raw value of a choice field on a contact (consent reduced to its statuses). */
export function fieldValue(c: Contact, f: ChoiceField): unknown {
  if (f === 'consent') return Object.fromEntries(Object.entries(c.consent).map(([k, v]) => [k, v.status === 'unknown' ? null : v.status]));
  return c[f];
}

/**
 * Default side per field: the survivor's value, unless it is empty and the other side has one —
 * the same rule the server applies when a field has no explicit choice.
 */
export function defaultChoices(a: Contact, b: Contact, survivor: Side): Record<ChoiceField, Side> {
  const other: Side = survivor === 'a' ? 'b' : 'a';
  const rec = { a, b };
  const out = {} as Record<ChoiceField, Side>;
  for (const f of CHOICE_FIELDS) out[f] = isEmptyValue(fieldValue(rec[survivor], f)) && !isEmptyValue(fieldValue(rec[other], f)) ? other : survivor;
  return out;
}

/** The merge body's `choices`: each side as survivor/merged, relative to the chosen survivor. */
export function toServerChoices(choices: Record<ChoiceField, Side>, survivor: Side): Record<ChoiceField, 'survivor' | 'merged'> {
  const out = {} as Record<ChoiceField, 'survivor' | 'merged'>;
  for (const f of CHOICE_FIELDS) out[f] = choices[f] === survivor ? 'survivor' : 'merged';
  return out;
}

/** Do the two sides hold the same value (no choice to make)? */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null) || (isEmptyValue(a) && isEmptyValue(b));
}

/** A short display text for an object value: { linkedin: 'x', zalo: null } → "linkedin: x". */
export function objectText(v: unknown): string {
  if (isEmptyValue(v)) return '';
  if (typeof v !== 'object' || v === null) return String(v);
  return Object.entries(v as Record<string, unknown>).filter(([, x]) => !isEmptyValue(x)).map(([k, x]) => `${k}: ${typeof x === 'object' ? JSON.stringify(x) : String(x)}`).join(' · ');
}

/** Whole days left before a soft-deleted record is purged (never negative). */
export function daysUntilPurge(deletedAt: string, purgeDays: number, now = Date.now()): number {
  const purgeAt = new Date(deletedAt).getTime() + purgeDays * 86_400_000;
  return Math.max(0, Math.ceil((purgeAt - now) / 86_400_000));
}

/** Score 0–1 as a percentage: 0.98 → "98%". */
export const scorePercent = (score: number) => `${Math.round(score * 100)}%`;

/** Badge colour of a score: red from 0.9 (confident, as the server's CONFIDENT_THRESHOLD), orange from 0.7, else yellow. */
export const scoreColor = (score: number) => (score >= 0.9 ? 'red' : score >= 0.7 ? 'orange' : 'yellow');

/** The tab of /duplicates from its URL (`?tab=companies`); people unless the reader may see companies. */
export function duplicatesTab(param: string | null, mayReadCompanies: boolean): 'people' | 'companies' {
  return param === 'companies' && mayReadCompanies ? 'companies' : 'people';
}
