/** Custom field values: type checks and normalisation (pure; existence checks of ids are the service's). */
import type { Classification } from '../../../../contracts/common.js';
import type { CustomFieldType } from '../../../../contracts/custom-fields.js';
import { normaliseEmail, normalisePhone } from './contacts.logic.js';

export interface CustomFieldDef {
  id: string;
  entity: 'contact' | 'company';
  key: string;
  type: CustomFieldType;
  label: { en: string; vi: string };
  options: { value: string; label: { en: string; vi: string } }[];
  required: boolean;
  default: unknown;
  classification: Classification;
  relationEntity: 'contact' | 'company' | null;
  currency: string | null;
  position: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type Checked = { ok: true; value: unknown } | { ok: false; message: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * Checks one value against its definition and returns the stored form (null clears).
 * Example: checkCustomValue({type:'phone',…}, '0903 123 456', 'VN') → { ok: true, value: '+84903123456' }.
 */
export function checkCustomValue(def: Pick<CustomFieldDef, 'type' | 'options'>, value: unknown, region: string): Checked {
  if (value === null || value === undefined) return { ok: true, value: null };
  const str = (max: number): Checked =>
    typeof value === 'string' && value.length <= max ? { ok: true, value: value } : { ok: false, message: `expected text of at most ${max} characters` };
  switch (def.type) {
    case 'text': return str(1000);
    case 'long_text': return str(20000);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? { ok: true, value } : { ok: false, message: 'expected a number' };
    case 'money':
      return typeof value === 'number' && Number.isSafeInteger(value) ? { ok: true, value } : { ok: false, message: 'expected an integer amount in minor units' };
    case 'date':
      return typeof value === 'string' && validDate(value) ? { ok: true, value } : { ok: false, message: 'expected a date YYYY-MM-DD' };
    case 'datetime': {
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return { ok: false, message: 'expected an ISO 8601 date-time' };
      const d = new Date(value);
      return Number.isNaN(d.getTime()) ? { ok: false, message: 'expected an ISO 8601 date-time' } : { ok: true, value: d.toISOString() };
    }
    case 'select':
      return typeof value === 'string' && def.options.some((o) => o.value === value)
        ? { ok: true, value } : { ok: false, message: 'not one of the options' };
    case 'multi_select': {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return { ok: false, message: 'expected a list of option values' };
      const bad = value.find((v) => !def.options.some((o) => o.value === v));
      if (bad !== undefined) return { ok: false, message: `"${String(bad)}" is not one of the options` };
      return { ok: true, value: [...new Set(value)] };
    }
    case 'checkbox':
      return typeof value === 'boolean' ? { ok: true, value } : { ok: false, message: 'expected true or false' };
    case 'url': {
      if (typeof value !== 'string' || value.length > 2000) return { ok: false, message: 'expected a URL' };
      try {
        const u = new URL(value);
        if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, message: 'expected an http(s) URL' };
        return { ok: true, value };
      } catch {
        return { ok: false, message: 'expected a URL' };
      }
    }
    case 'email':
      return typeof value === 'string' && value.length <= 254 && EMAIL.test(value.trim())
        ? { ok: true, value: normaliseEmail(value) } : { ok: false, message: 'expected an email address' };
    case 'phone': {
      if (typeof value !== 'string') return { ok: false, message: 'expected a phone number' };
      const { e164 } = normalisePhone(value, region);
      return e164 ? { ok: true, value: e164 } : { ok: false, message: 'not a valid phone number' };
    }
    case 'user':
    case 'relation':
      return typeof value === 'string' && value.length > 0 && value.length <= 64 ? { ok: true, value } : { ok: false, message: 'expected a record id' };
  }
}

/** Which comparison a field's values use in filters and sorts. */
export function valueKind(type: CustomFieldType): 'text' | 'number' | 'bool' | 'array' {
  if (type === 'number' || type === 'money') return 'number';
  if (type === 'checkbox') return 'bool';
  if (type === 'multi_select') return 'array';
  return 'text';
}
