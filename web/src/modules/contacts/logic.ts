/**
 * Pure helpers of the contacts UI: names in their own order, filter operators by field kind, the sort
 * string, capped totals. No React here, so they are unit-tested directly (logic.test.ts).
 */
import type { Contact, FilterCondition, FilterOp } from '../../../../contracts/contacts';
import { displayPersonName, type NameOrder } from '../../../../contracts/person-names';
import type { CustomField, CustomFieldType } from '../../../../contracts/custom-fields';
import i18n from '../../i18n';
import { dateTimeFormat, formatDate } from '../../ui/format';

export type Entity = 'contact' | 'company';

// Copies of the contract's enums: importing values from contracts/ would pull zod into the web bundle.
export const CUSTOM_FIELD_TYPES: CustomFieldType[] = [
  'text', 'long_text', 'number', 'money', 'date', 'datetime', 'select', 'multi_select', 'checkbox', 'url', 'email', 'phone', 'user', 'relation',
];
export const CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted'] as const;
export type Lang = 'en' | 'vi';

/**
 * A person's name in its own order (family first for Vietnamese, Chinese, Korean… names), whatever the UI language.
 * @example personName('Văn An', 'Nguyễn') === 'Nguyễn Văn An'; personName('Henry', 'Walker') === 'Henry Walker'
 */
export function personName(given: string | null | undefined, family: string | null | undefined, order?: NameOrder | null, country?: string | null): string {
  return displayPersonName({ givenName: given, familyName: family, order, country });
}

/**
 * A contact's name as shown everywhere: from its parts and order (so an optimistic edit shows at once, with the
 * server's rules: contracts/person-names.ts), else the server's display name (an email or phone when unnamed).
 */
export function contactName(c: Pick<Contact, 'givenName' | 'familyName' | 'displayName'> & { nameOrder?: NameOrder | null; addresses?: { country?: string | null }[] }): string {
  return personName(c.givenName, c.familyName, c.nameOrder, c.addresses?.find((a) => a.country)?.country) || c.displayName;
}

/** Kinds of list fields; the server accepts a fixed set of operators for each (list-query.ts). */
export type FieldKind = 'text' | 'id' | 'date' | 'datetime' | 'number' | 'bool' | 'array';

export const OPS: Record<FieldKind, FilterOp[]> = {
  text: ['is', 'is_not', 'contains', 'starts_with', 'in', 'empty', 'not_empty'],
  id: ['is', 'is_not', 'in', 'empty', 'not_empty'],
  date: ['is', 'is_not', 'before', 'after', 'between', 'empty', 'not_empty'],
  datetime: ['before', 'after', 'between', 'empty', 'not_empty'],
  number: ['is', 'is_not', 'before', 'after', 'between', 'empty', 'not_empty'],
  bool: ['is', 'is_not', 'empty', 'not_empty'],
  array: ['contains', 'is_not', 'in', 'empty', 'not_empty'],
};

/** Where the values of an id-like field come from (for pickers in filters, forms and inline edit). */
export type ValueSource = 'stage' | 'user' | 'team' | 'company' | 'contact' | 'options' | 'tags';

export interface FieldDef {
  /** Filter / sort name: a built-in field or `custom.<key>`. */
  key: string;
  /** i18n key (built-in) or a label already in the UI language (custom). */
  label: string;
  kind: FieldKind;
  source?: ValueSource;
  sortable: boolean;
  custom?: CustomField;
}

type Spec = [key: string, kind: FieldKind, sortable: boolean, source?: ValueSource];
const CONTACT: Spec[] = [
  ['displayName', 'text', true], ['givenName', 'text', true], ['familyName', 'text', true], ['email', 'text', true],
  ['phone', 'text', true], ['jobTitle', 'text', true], ['department', 'text', true], ['birthday', 'date', true],
  ['companyId', 'id', false, 'company'], ['companyName', 'text', true], ['ownerId', 'id', false, 'user'],
  ['teamId', 'id', false, 'team'], ['tags', 'array', false, 'tags'], ['lifecycleStage', 'id', true, 'stage'],
  ['source', 'text', true], ['externalId', 'id', false], ['createdAt', 'datetime', true], ['updatedAt', 'datetime', true],
];
const COMPANY: Spec[] = [
  ['name', 'text', true], ['domain', 'text', true], ['industry', 'text', true], ['size', 'text', true],
  ['phone', 'text', false], ['parentId', 'id', false, 'company'], ['ownerId', 'id', false, 'user'],
  ['teamId', 'id', false, 'team'], ['tags', 'array', false, 'tags'], ['createdAt', 'datetime', true], ['updatedAt', 'datetime', true],
];

/** The kind of a custom field for filtering (mirrors the server's valueKind). */
export function customKind(type: CustomFieldType): { kind: FieldKind; source?: ValueSource } {
  switch (type) {
    case 'number': case 'money': return { kind: 'number' };
    case 'checkbox': return { kind: 'bool' };
    case 'multi_select': return { kind: 'array', source: 'options' };
    case 'date': return { kind: 'date' };
    case 'datetime': return { kind: 'datetime' };
    case 'select': return { kind: 'id', source: 'options' };
    case 'user': return { kind: 'id', source: 'user' };
    case 'relation': return { kind: 'id' };
    default: return { kind: 'text' };
  }
}

/** Every filterable field of an entity, built-in first, then custom fields in their order. */
export function fieldDefs(entity: Entity, custom: CustomField[], lang: string): FieldDef[] {
  const builtIn = (entity === 'contact' ? CONTACT : COMPANY).map(([key, kind, sortable, source]) => ({
    key, label: `contacts.fields.${entity === 'company' && key === 'name' ? 'companyLabel' : key}`, kind, sortable, source,
  }));
  const extra = custom.map((c): FieldDef => {
    const k = customKind(c.type);
    const source = c.type === 'relation' ? (c.relationEntity === 'company' ? 'company' : 'contact') : k.source;
    return { key: `custom.${c.key}`, label: localized(c.label, lang), kind: k.kind, source, sortable: k.kind !== 'array', custom: c };
  });
  return [...builtIn, ...extra];
}

export function localized(label: { en: string; vi: string }, lang: string): string {
  return (lang.startsWith('vi') ? label.vi : label.en) || label.en || label.vi;
}

/** What value input an operator needs. */
export function valueShape(op: FilterOp): 'none' | 'one' | 'list' | 'range' {
  if (op === 'empty' || op === 'not_empty') return 'none';
  if (op === 'in') return 'list';
  if (op === 'between') return 'range';
  return 'one';
}

const filled = (v: unknown) => v !== undefined && v !== null && v !== '';

/** True when a condition can be sent (its value matches the operator's shape). */
export function isComplete(c: FilterCondition): boolean {
  switch (valueShape(c.op)) {
    case 'none': return true;
    case 'one': return filled(c.value);
    case 'list': return Array.isArray(c.value) && c.value.length > 0 && c.value.every(filled);
    case 'range': return Array.isArray(c.value) && c.value.length === 2 && c.value.every(filled);
  }
}

/** When the operator changes, keep what still fits the new shape. */
export function adaptValue(value: unknown, from: FilterOp, to: FilterOp): unknown {
  const a = valueShape(from);
  const b = valueShape(to);
  if (a === b) return value;
  if (b === 'none') return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  if (b === 'one') return first;
  if (b === 'list') return filled(first) ? [first] : [];
  return [first ?? '', ''];
}

/** The `filter` query parameter: JSON of the complete conditions, or undefined when none. */
export function filterParam(conds: FilterCondition[]): string | undefined {
  const ok = conds.filter(isComplete).map((c) => (valueShape(c.op) === 'none' ? { field: c.field, op: c.op } : c));
  return ok.length ? JSON.stringify(ok) : undefined;
}

export interface SortKey {
  field: string;
  desc: boolean;
}

export const MAX_SORT = 4;

/** `familyName,-createdAt` → keys. */
export function parseSort(s: string | null | undefined): SortKey[] {
  return (s ?? '').split(',').map((x) => x.trim()).filter(Boolean).map((x) => (x.startsWith('-') ? { field: x.slice(1), desc: true } : { field: x, desc: false }));
}

export function sortString(keys: SortKey[]): string {
  return keys.map((k) => (k.desc ? `-${k.field}` : k.field)).join(',');
}

/**
 * A header click: plain click sorts by that field alone (ascending, then descending, then back to
 * ascending); Shift-click adds it to the sort, or flips it if present, keeping at most MAX_SORT keys.
 */
export function toggleSort(current: SortKey[], field: string, additive: boolean): SortKey[] {
  const at = current.findIndex((k) => k.field === field);
  if (!additive) {
    const only = current.length === 1 && at === 0;
    return [{ field, desc: only ? !current[0]!.desc : false }];
  }
  if (at >= 0) return current.map((k, i) => (i === at ? { ...k, desc: !k.desc } : k));
  return [...current, { field, desc: false }].slice(-MAX_SORT);
}

export const TOTAL_CAP = 10_000;

/** "1,234" exact up to the cap; the caller shows "10,000+" when capped. */
export function isCapped(total: number | undefined, capped: boolean | undefined): boolean {
  return Boolean(capped) || (total ?? 0) > TOTAL_CAP;
}

/** Money: minor units ↔ a decimal amount with the currency's digits (VND 0, most others 2). */
export function currencyDigits(currency: string | null | undefined): number {
  if (!currency) return 2;
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function fromMinor(minor: number, currency: string | null | undefined): number {
  return minor / 10 ** currencyDigits(currency);
}

export function toMinor(amount: number, currency: string | null | undefined): number {
  return Math.round(amount * 10 ** currencyDigits(currency));
}

/** A lowercase key from a label: "Customer tier" → "customer_tier", "Hạng khách" → "hang_khach". */
export function slugKey(label: string): string {
  const s = label.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase()
    .replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').replace(/^[^a-z]+/, '');
  return s.slice(0, 50);
}

/**
 * A birthday in the UI language: a full date as formatDate does, a year-less `--MM-DD` as a day and month.
 * @example formatBirthday('--07-21') → '21 July' (en) / '21 tháng 7' (vi); formatBirthday('1990-07-21') → '21 Jul 1990'
 */
export function formatBirthday(value: string | null | undefined): string {
  const m = value ? /^--(\d{2})-(\d{2})$/.exec(value) : null;
  if (!m) return formatDate(value);
  // A leap year, so 29 February exists; UTC, so the day does not shift with the time zone.
  const day = new Date(Date.UTC(2000, Number(m[1]) - 1, Number(m[2])));
  return dateTimeFormat(i18n.language === 'vi' ? 'vi-VN' : 'en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(day);
}
