/**
 * A field's value as one line of text, and an applied filter's chip, without React: the hooks (FieldValue's
 * `useFieldText`) pass the language, the translations and the directory's names. Tested in text.test.ts.
 *
 * @example chipText(team, { field: 'team', op: 'eq', value: 't1' }, ctx) → 'Team is Hanoi support'
 */
import { formatDate, formatDateTime, numberFormat } from '../format';
import { formatMoney, isBlank, isMoney, shown, valueShape } from './logic';
import { localized, type FieldDef, type RecordFilter } from './types';

export interface Included {
  id: string;
  title: string;
}

export interface TextContext {
  language: string;
  t: (key: string) => string;
  /** A colleague's name by id (user fields). */
  person: (id: string) => string;
  /** A team's name by id (text fields with `display: 'team'`). */
  team: (id: string) => string;
}

/**
 * What `include` resolved for a field of a record: its related record (many-to-one), or its linked records
 * (many-to-many, `includedMany`).
 */
export function includedOf(rec: { included?: Record<string, Included | null>; includedMany?: Record<string, Included[]> }, key: string): Included | Included[] | null | undefined {
  return rec.includedMany?.[key] ?? rec.included?.[key];
}

/** The value as one line of text (kanban cards, filter chips, timeline changes). */
export function fieldText(field: FieldDef, v: unknown, ctx: TextContext, included?: Included | Included[] | null): string {
  if (isBlank(v)) return '';
  const f = shown(field);
  const { language, t } = ctx;
  if (f.display === 'team') return ctx.team(String(v));
  switch (f.type) {
    case 'money': return isMoney(v) ? formatMoney(v, language) : String(v);
    case 'number': return typeof v === 'number' ? numberFormat(language).format(v) : String(v);
    case 'percent': return typeof v === 'number' ? `${numberFormat(language).format(v)} %` : String(v);
    case 'date': return formatDate(String(v));
    case 'datetime': return formatDateTime(String(v));
    case 'boolean': return v ? t('records.yes') : t('records.no');
    case 'select': return localized(f.options?.find((o) => o.value === v)?.labels, language) || String(v);
    case 'multi_select': return (v as string[]).map((x) => localized(f.options?.find((o) => o.value === x)?.labels, language) || x).join(', ');
    case 'user': return ctx.person(String(v));
    case 'relation': return (Array.isArray(included) ? undefined : included?.title) ?? String(v);
    case 'relations': {
      if (!Array.isArray(v)) return String(v);
      const titles = new Map((Array.isArray(included) ? included : []).map((x) => [x.id, x.title]));
      return (v as string[]).map((id) => titles.get(id) ?? id).join(', ');
    }
    case 'attachments': return (Array.isArray(v) ? (v as { name: string }[]) : []).map((x) => x.name).join(', ');
    case 'rating': return '★'.repeat(Number(v));
    default: return typeof v === 'string' ? v : JSON.stringify(v);
  }
}

/** An applied filter as its chip reads: the field's label, the operator, the value(s) as shown elsewhere. */
export function chipText(f: FieldDef, c: RecordFilter, ctx: TextContext): string {
  const one = (v: unknown) => (f.type === 'money' && typeof v === 'number' ? fieldText(f, { amount: v, currency: f.currency ?? 'VND' }, ctx) : fieldText(f, v, ctx));
  const value = valueShape(c.op) === 'none' ? '' : Array.isArray(c.value) ? c.value.map(one).join(', ') : one(c.value);
  return [localized(f.labels, ctx.language), ctx.t(`records.ops.${c.op}`), value].filter(Boolean).join(' ');
}
