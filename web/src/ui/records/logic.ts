/**
 * Pure helpers of the generic record screens: operators per field type, filter and sort parameters, API
 * names from labels, money in minor units, form values and their client-side checks. Tested in logic.test.ts.
 */
import { fold } from '../format';
import type { FieldDef, FieldType, RecordFilter } from './types';

export type FilterOp = RecordFilter['op'];

const TEXTUAL: FilterOp[] = ['contains', 'eq', 'neq', 'empty', 'not_empty'];
const ORDERED: FilterOp[] = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'empty', 'not_empty'];
const CHOICE: FilterOp[] = ['eq', 'neq', 'in', 'empty', 'not_empty'];

/** Operators a filter offers for a field type (the server accepts the same per type). */
export function opsFor(type: FieldType): FilterOp[] {
  switch (type) {
    case 'text': case 'long_text': case 'email': case 'phone': case 'url': return TEXTUAL;
    case 'number': case 'money': case 'percent': case 'rating': case 'date': case 'datetime': return ORDERED;
    case 'select': case 'user': return CHOICE;
    case 'multi_select': return ['contains', 'in', 'empty', 'not_empty'];
    case 'relation': return ['eq', 'neq', 'empty', 'not_empty'];
    case 'relations': return ['has_any', 'has_all', 'empty', 'not_empty'];
    case 'attachments': return ['not_empty', 'empty'];
    case 'boolean': return ['eq'];
    // Computed fields filter as their result type (see `shown`); these stand for an unknown one.
    case 'formula': case 'rollup': return ORDERED;
  }
}

/** Operators a filter offers for a field: a text field holding a team id (`display: 'team'`) is a choice among teams. */
export function filterOps(f: FieldDef): FilterOp[] {
  return f.display === 'team' ? CHOICE : opsFor(f.type);
}

/** A computed field (formula, rollup) seen as its result type, for showing and filtering its value; others as they are. */
export function shown(f: FieldDef): FieldDef {
  return (f.type === 'formula' || f.type === 'rollup') && f.resultType ? { ...f, type: f.resultType } : f;
}

/** What value an operator takes: none (empty/not_empty), a list (in), or one value. */
export function valueShape(op: FilterOp): 'none' | 'list' | 'one' {
  if (op === 'empty' || op === 'not_empty') return 'none';
  return op === 'in' || op === 'has_any' || op === 'has_all' ? 'list' : 'one';
}

/** A condition is sent only when it has the value its operator needs. */
export function isComplete(f: RecordFilter): boolean {
  const shape = valueShape(f.op);
  if (shape === 'none') return true;
  if (shape === 'list') return Array.isArray(f.value) && f.value.length > 0;
  return f.value !== undefined && f.value !== null && f.value !== '';
}

/** The list's `filter` query parameter (JSON), or undefined when no condition is complete. */
export function filterParam(filters: RecordFilter[]): string | undefined {
  const done = filters.filter(isComplete);
  return done.length ? JSON.stringify(done) : undefined;
}

export interface SortKey {
  field: string;
  desc: boolean;
}

/** `-updatedAt,name` → keys. */
export function parseSort(sort: string): SortKey[] {
  return sort.split(',').map((s) => s.trim()).filter(Boolean).map((s) => (s.startsWith('-') ? { field: s.slice(1), desc: true } : { field: s, desc: false }));
}

export const sortString = (keys: SortKey[]): string => keys.map((k) => (k.desc ? `-${k.field}` : k.field)).join(',');

/** A header click: ascending → descending → ascending; Shift adds a key instead of replacing the sort. */
export function toggleSort(keys: SortKey[], field: string, additive: boolean): SortKey[] {
  const found = keys.find((k) => k.field === field);
  const next = found ? { field, desc: !found.desc } : { field, desc: false };
  if (!additive) return [next];
  return found ? keys.map((k) => (k.field === field ? next : k)) : [...keys, next];
}

/**
 * The API name of an object from its plural label: lowercase ASCII snake_case, diacritics dropped.
 * @example apiName('Xe máy') → 'xe_may'; apiName('Vehicles') → 'vehicles'
 */
export function apiName(label: string): string {
  const s = fold(label).replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 50);
  return /^[0-9]/.test(s) ? `o_${s}` : s;
}

/** A field key from its label, same rules as apiName. */
export const fieldKey = apiName;

/** Decimal digits of a currency (VND 0, USD 2, …), from Intl. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Integer minor units → the amount a person types (VND 1500 → 1500; USD 1999 → 19.99). */
export const fromMinor = (amount: number, currency: string): number => amount / 10 ** currencyDigits(currency);
/** The amount a person typed → integer minor units. */
export const toMinor = (value: number, currency: string): number => Math.round(value * 10 ** currencyDigits(currency));

export interface Money {
  amount: number;
  currency: string;
}

export const isMoney = (v: unknown): v is Money =>
  typeof v === 'object' && v !== null && typeof (v as Money).amount === 'number' && typeof (v as Money).currency === 'string';

/** "15.000.000 ₫" / "$19.99", in the UI language's number format. */
export function formatMoney(m: Money, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency }).format(fromMinor(m.amount, m.currency));
  } catch {
    return `${fromMinor(m.amount, m.currency)} ${m.currency}`;
  }
}

/** Fields a form or inline edit writes: live, not read-only, not files (uploaded on the record's page). */
export const writable = (f: FieldDef): boolean => !f.archived && !f.readOnly && f.type !== 'attachments';

/** True for a value the user left blank (null, '', [], undefined). */
export function isBlank(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_RE = /^https?:\/\/[^\s.]+\.[^\s]+$/i;

/**
 * Client-side checks before a save (the server checks again and names the field in its 4xx): required
 * fields filled, e-mail and URL shaped right, numbers finite, ratings 0–5, percents 0–100.
 * Returns i18n keys by field key.
 */
export function checkValues(fields: FieldDef[], values: Record<string, unknown>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const f of fields) {
    if (!writable(f)) continue;
    const v = values[f.key];
    if (isBlank(v)) {
      if (f.required && f.type !== 'boolean') errors[f.key] = 'validation.required';
      continue;
    }
    if (f.type === 'email' && typeof v === 'string' && !EMAIL.test(v)) errors[f.key] = 'records.validation.email';
    if (f.type === 'url' && typeof v === 'string' && !URL_RE.test(v)) errors[f.key] = 'records.validation.url';
    if (f.type === 'rating' && (typeof v !== 'number' || v < 0 || v > 5)) errors[f.key] = 'records.validation.rating';
    if (f.type === 'percent' && (typeof v !== 'number' || v < 0 || v > 100)) errors[f.key] = 'records.validation.percent';
    if (f.type === 'money' && !(isMoney(v) && Number.isFinite(v.amount))) errors[f.key] = 'records.validation.number';
  }
  return errors;
}

/**
 * The values a create form sends: blanks dropped (the server applies defaults), everything else as typed.
 * An edit sends only what changed (see changedValues).
 */
export function createValues(fields: FieldDef[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (!writable(f)) continue;
    if (!isBlank(values[f.key])) out[f.key] = values[f.key];
  }
  return out;
}

/** The fields whose value differs from the record's (blanks sent as null, so a cleared field is cleared). */
export function changedValues(fields: FieldDef[], before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (!writable(f)) continue;
    const a = isBlank(before[f.key]) ? null : before[f.key];
    const b = isBlank(after[f.key]) ? null : after[f.key];
    if (JSON.stringify(a) !== JSON.stringify(b)) out[f.key] = b;
  }
  return out;
}

/** Server field errors (`values.price.amount`, `price`) → the field key they belong to. */
export function fieldOfPath(path: string): string {
  const parts = path.split('.');
  return (parts[0] === 'values' ? parts[1] : parts[0]) ?? path;
}

/** Options of a select field in their configured order. */
export function sortedOptions(f: FieldDef) {
  return [...(f.options ?? [])].sort((a, b) => a.position - b.position);
}

/** Fields a person sees in lists, forms and pages: not archived. */
export const liveFields = (fields: FieldDef[]) => fields.filter((f) => !f.archived);
