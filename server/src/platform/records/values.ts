/**
 * Field values: checks and normalisation of what a client sends (pure), and the conversions between the wire
 * value and the column value. Existence and visibility of referenced records are the pipeline's.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { FIELD_FILES_MAX, RELATIONS_MAX } from '../../../../contracts/records.js';
import { storedType, type FieldDefinition } from './definitions.js';

export type Checked = { ok: true; value: unknown } | { ok: false; message: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ok = (value: unknown): Checked => ({ ok: true, value });
const bad = (message: string): Checked => ({ ok: false, message });

function validDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * E.164 form of a phone number in the default region, or null (the same libphonenumber rules as the contacts
 * module's normaliser; the platform keeps its own copy because it may not import a module).
 * Example: toE164('0903 123 456', 'VN') → '+84903123456'.
 */
export function toE164(raw: string, region: string): string | null {
  if (!/\d/.test(raw)) return null;
  const parsed = parsePhoneNumberFromString(raw.trim(), region.toUpperCase() as CountryCode);
  return parsed && parsed.isValid() ? parsed.number : null;
}

/**
 * Checks one value against its field and returns the wire form to store (null clears).
 * Example: checkValue({ type: 'money', currency: 'VND', … }, { amount: 5000, currency: 'VND' }, 'VN') → ok 5000 stored as { amount, currency }.
 */
export function checkValue(f: Pick<FieldDefinition, 'type' | 'options' | 'currency'>, value: unknown, region: string): Checked {
  if (value === null || value === undefined || value === '') return ok(null);
  const str = (max: number): Checked => (typeof value === 'string' && value.length <= max ? ok(value) : bad(`expected text of at most ${max} characters`));
  switch (f.type) {
    case 'text': return str(1000);
    case 'long_text': return str(20000);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? ok(value) : bad('expected a number');
    case 'percent':
      return typeof value === 'number' && Number.isFinite(value) && value >= -1000 && value <= 1000 ? ok(value) : bad('expected a percentage between -1000 and 1000');
    case 'rating':
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5 ? ok(value) : bad('expected a whole number from 1 to 5');
    case 'money': {
      const m = value as { amount?: unknown; currency?: unknown };
      if (typeof m !== 'object' || !Number.isSafeInteger(m.amount)) return bad('expected { amount: integer minor units, currency }');
      if (f.currency === ANY_CURRENCY) {
        if (typeof m.currency !== 'string' || !currencies.has(m.currency)) return bad('currency: expected an ISO 4217 code such as VND or USD');
      } else if (m.currency !== undefined && m.currency !== f.currency) return bad(`currency must be ${f.currency}`);
      const keys = Object.keys(m).filter((k) => k !== 'amount' && k !== 'currency');
      if (keys.length) return bad(`unknown key ${keys[0]}`);
      return ok({ amount: m.amount, currency: f.currency === ANY_CURRENCY ? m.currency : f.currency });
    }
    case 'date':
      return typeof value === 'string' && validDate(value) ? ok(value) : bad('expected a date YYYY-MM-DD');
    case 'datetime': {
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return bad('expected an ISO 8601 date-time');
      const d = new Date(value);
      return Number.isNaN(d.getTime()) ? bad('expected an ISO 8601 date-time') : ok(d.toISOString());
    }
    case 'boolean':
      return typeof value === 'boolean' ? ok(value) : bad('expected true or false');
    case 'select':
      return typeof value === 'string' && (f.options ?? []).some((o) => o.value === value) ? ok(value) : bad('not one of the options');
    case 'multi_select': {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return bad('expected a list of option values');
      const unknown = value.find((v) => !(f.options ?? []).some((o) => o.value === v));
      if (unknown !== undefined) return bad(`"${String(unknown)}" is not one of the options`);
      const set = new Set(value);
      // Stored in option order, so equal selections compare equal.
      return ok((f.options ?? []).filter((o) => set.has(o.value)).map((o) => o.value));
    }
    case 'url': {
      if (typeof value !== 'string' || value.length > 2000) return bad('expected a URL');
      try {
        const u = new URL(value);
        return u.protocol === 'http:' || u.protocol === 'https:' ? ok(value) : bad('expected an http(s) URL');
      } catch {
        return bad('expected a URL');
      }
    }
    case 'email':
      return typeof value === 'string' && value.length <= 254 && EMAIL.test(value.trim()) ? ok(value.trim().toLowerCase()) : bad('expected an email address');
    case 'phone': {
      if (typeof value !== 'string' || value.length > 40) return bad('expected a phone number');
      const e164 = toE164(value, region);
      return e164 ? ok(e164) : bad('not a valid phone number');
    }
    case 'user':
    case 'relation':
      return typeof value === 'string' && value.length <= 64 ? ok(value) : bad('expected a record id');
    case 'relations': {
      if (!Array.isArray(value)) return bad('expected a list of record ids');
      const bent = value.findIndex((v) => typeof v !== 'string' || v.length === 0 || v.length > 64);
      if (bent >= 0) return bad(`item ${bent}: expected a record id`);
      // Duplicates are dropped, order kept; an empty list clears.
      const ids = [...new Set(value as string[])];
      if (ids.length > RELATIONS_MAX) return bad(`at most ${RELATIONS_MAX} records`);
      return ok(ids.length ? ids : null);
    }
    case 'attachments': {
      // Written only by the files routes (through `derived`): the list of the field's stored files.
      const good = Array.isArray(value) && value.length <= FIELD_FILES_MAX && value.every((v) => typeof v === 'object' && v !== null
        && typeof (v as { id?: unknown }).id === 'string' && typeof (v as { name?: unknown }).name === 'string'
        && Number.isInteger((v as { size?: unknown }).size) && typeof (v as { contentType?: unknown }).contentType === 'string');
      if (!good) return bad(`expected at most ${FIELD_FILES_MAX} files { id, name, size, contentType }`);
      const list = (value as { id: string; name: string; size: number; contentType: string }[]).map(({ id, name, size, contentType }) => ({ id, name, size, contentType }));
      return ok(list.length ? list : null);
    }
    case 'formula':
    case 'rollup':
      return bad('a computed field cannot be written');
  }
}

/** Wire value → column value. */
export function toColumn(field: Pick<FieldDefinition, 'type' | 'computed'>, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const f = { type: storedType(field) };
  if (f.type === 'money') return (value as { amount: number }).amount;
  if (f.type === 'boolean') return value ? 1 : 0;
  if (f.type === 'multi_select' || f.type === 'relations' || f.type === 'attachments') return (value as unknown[]).length ? JSON.stringify(value) : null;
  return value;
}

/**
 * A money field of a standard object whose currency is chosen per record (`currency: '*'`): the amount in its
 * column, the ISO 4217 code in `<column>_currency`.
 */
export const ANY_CURRENCY = '*';
const currencies = new Set(Intl.supportedValuesOf('currency'));

/** The columns a value is stored in (money with a per-record currency takes two). */
export function columnsOf(f: Pick<FieldDefinition, 'type' | 'column' | 'currency' | 'computed'>, value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { [f.column]: toColumn(f, value) };
  if (f.type === 'money' && f.currency === ANY_CURRENCY) out[`${f.column}_currency`] = value === null || value === undefined ? null : (value as { currency: string }).currency;
  return out;
}

/** A field's wire value from a stored row. */
export function fromRow(f: Pick<FieldDefinition, 'type' | 'column' | 'currency' | 'computed'>, row: Record<string, unknown>): unknown {
  if (f.type === 'money' && f.currency === ANY_CURRENCY) {
    const raw = row[f.column];
    return raw === null || raw === undefined ? null : { amount: Number(raw), currency: row[`${f.column}_currency`] ?? null };
  }
  return fromColumn(f, row[f.column]);
}

/** Column value → wire value. */
export function fromColumn(f: Pick<FieldDefinition, 'type' | 'currency' | 'computed'>, raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  switch (storedType(f)) {
    case 'money': return { amount: Number(raw), currency: f.currency };
    case 'boolean': return Number(raw) === 1;
    case 'multi_select': case 'relations': return JSON.parse(String(raw)) as string[];
    case 'attachments': return JSON.parse(String(raw)) as unknown[];
    case 'number': case 'percent': case 'rating': return Number(raw);
    default: return raw;
  }
}

/** Lowercased, diacritics stripped, đ → d: the form `q` and the `search_text` column compare in. */
export function normaliseSearch(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Text of a value for search and for the title ('' when empty). */
export function valueText(f: Pick<FieldDefinition, 'type' | 'computed'>, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (f.type === 'money') return String((value as { amount: number }).amount);
  if (f.type === 'attachments' && Array.isArray(value)) return value.map((x) => (x as { name: string }).name).join(' ');
  if (Array.isArray(value)) return value.join(' ');
  return String(value);
}

/** Equality of two wire values (for diffs). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
