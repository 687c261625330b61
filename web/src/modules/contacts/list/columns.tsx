/**
 * Columns of the contacts and companies tables: built-in ones plus one per custom field. A column names
 * the sort field it uses (if any) and the inline editor it offers (if any).
 * Cells are plain elements with the table's CSS classes, not Mantine components: ~400 cells are rendered
 * while scrolling, and each Mantine Text, Badge or Anchor costs a component with its own style props.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, numberFormat } from '../../../ui/format';
import { formatPhone, telHref } from '../../../ui/phone';
import { recordPath, useCustomFields, usePhoneRegion, useStageLabel, type Company, type Contact, type CustomField } from '../data';
import { currencyDigits, formatBirthday, fromMinor, localized, contactName, type Entity } from '../logic';
import classes from './table.module.css';

export type AnyRow = Contact | Company;

export type InlineEdit =
  | { type: 'text'; field: string; get: (r: AnyRow) => string | null }
  | { type: 'stage' }
  | { type: 'owner' }
  | { type: 'size' };

export interface Column {
  key: string;
  label: string;
  width: number;
  /** Sort field names this column sorts by (first is the one shown as sorted). */
  sort?: string;
  edit?: InlineEdit;
  render: (row: AnyRow) => ReactNode;
}

/**
 * The columns a list starts with: a handful that fit a 1440 px window without scrolling sideways (contacts
 * 1072 px, companies 1112 px with the checkbox and edit columns; the grid has ~1150 px there). The column
 * chooser adds the others; the grid then scrolls sideways with the name pinned.
 */
export const DEFAULT_COLUMNS: Record<Entity, string[]> = {
  contact: ['name', 'email', 'phone', 'company', 'lifecycleStage'],
  company: ['name', 'domain', 'industry', 'size', 'phone', 'owner'],
};

export const COMPANY_SIZES = ['1-10', '11-50', '51-200', '201-1000', '1000+'];

export const dim = (v: ReactNode) => <span className={`${classes.text} ${classes.dim}`}>{v}</span>;
const txt = (v: string | null | undefined) => (v ? <span className={classes.text}>{v}</span> : dim('—'));

/** A small light badge (Mantine Badge size sm, variant light), as a plain span. */
export const badge = (label: ReactNode, gray = false, key?: string) => (
  <span key={key} className={`${classes.badge} ${gray ? classes.badgeGray : ''}`}>{label}</span>
);

function tags(list: string[]) {
  if (!list.length) return dim('—');
  return (
    <span className={classes.tags}>
      {list.slice(0, 3).map((tg) => badge(tg, true, tg))}
      {list.length > 3 && dim(`+${list.length - 3}`)}
    </span>
  );
}

/**
 * A link in the grid: a plain anchor marked `data-nav`, which VirtualTable turns into client-side navigation
 * on a plain click (a modified click opens a tab as usual). A router Link is a component with several hooks
 * and a location subscription, and a scroll frame mounts rows with two links each.
 */
const link = (to: string, label: ReactNode, className = classes.link, testId?: string) => (
  <a href={to} className={className} data-nav="" data-testid={testId}>{label}</a>
);

/** The name of a row (contacts: in the name's own order, whatever the UI language). */
export function rowName(entity: Entity, row: AnyRow): string {
  if (entity === 'company') return (row as Company).name;
  return contactName(row as Contact);
}

export function useCustomValue() {
  const { t, i18n } = useTranslation();
  return (def: CustomField, row: AnyRow): ReactNode => {
    if (row.masked.includes(def.key)) return dim(t('contacts.masked'));
    const v = row.custom[def.key];
    if (v === null || v === undefined || v === '') return dim('—');
    const opt = (x: unknown) => {
      const o = def.options.find((p) => p.value === x);
      return o ? localized(o.label, i18n.language) : String(x);
    };
    switch (def.type) {
      case 'checkbox': return txt(v ? t('contacts.form.yes') : t('contacts.form.no'));
      case 'money': {
        const digits = currencyDigits(def.currency);
        const n = fromMinor(Number(v), def.currency);
        return txt(def.currency ? numberFormat(i18n.language, { style: 'currency', currency: def.currency, maximumFractionDigits: digits }).format(n) : String(n));
      }
      case 'number': return txt(numberFormat(i18n.language).format(Number(v)));
      case 'date': return txt(formatDate(String(v)));
      case 'datetime': return txt(formatDateTime(String(v)));
      case 'select': return txt(opt(v));
      case 'multi_select': return tags((Array.isArray(v) ? v : []).map(opt));
      default: return txt(String(v));
    }
  };
}

/** All columns of an entity, built-in first; custom fields as `custom.<key>`. */
export function useColumns(entity: Entity): Column[] {
  const { t, i18n } = useTranslation();
  const stageLabel = useStageLabel();
  const custom = useCustomFields(entity).data ?? [];
  const customValue = useCustomValue();
  const lang = i18n.language;
  const region = usePhoneRegion();
  // A plain anchor (no data-nav): the grid routes only in-app links; tel: opens the phone app.
  const phoneLink = (n: string | undefined) => (n ? <a href={telHref(n)} className={classes.link} data-testid="row-phone">{formatPhone(n, region)}</a> : dim('—'));
  const L = (k: string) => t(`contacts.fields.${k}`);
  const unnamed = t('contacts.unnamed');
  const nameLink = (entity: Entity, row: AnyRow) =>
    link(recordPath(entity, row.id), rowName(entity, row) || unnamed, `${classes.link} ${classes.name}`, 'row-name');
  const owner = (r: AnyRow) => txt(r.owner?.name);
  const common: Column[] = [
    { key: 'owner', label: L('owner'), width: 160, edit: { type: 'owner' }, render: owner },
    { key: 'tags', label: L('tags'), width: 200, render: (r) => tags(r.tags) },
    { key: 'createdAt', label: L('createdAt'), width: 170, sort: 'createdAt', render: (r) => dim(formatDateTime(r.createdAt)) },
    { key: 'updatedAt', label: L('updatedAt'), width: 170, sort: 'updatedAt', render: (r) => dim(formatDateTime(r.updatedAt)) },
  ];
  const builtIn: Column[] = entity === 'contact'
    ? [
      {
        key: 'name', label: L('name'), width: 220, sort: 'name',
        render: (r) => nameLink('contact', r),
      },
      { key: 'email', label: L('email'), width: 240, sort: 'email', render: (r) => txt((r as Contact).emails.find((e) => e.primary)?.address ?? (r as Contact).emails[0]?.address) },
      { key: 'phone', label: L('phone'), width: 150, sort: 'phone', render: (r) => phoneLink((r as Contact).phones.find((p) => p.primary)?.number ?? (r as Contact).phones[0]?.number) },
      {
        key: 'company', label: L('company'), width: 200, sort: 'companyName',
        render: (r) => {
          const c = (r as Contact).company;
          return c ? link(recordPath('company', c.id), c.name) : dim('—');
        },
      },
      { key: 'jobTitle', label: L('jobTitle'), width: 170, sort: 'jobTitle', edit: { type: 'text', field: 'jobTitle', get: (r) => (r as Contact).jobTitle }, render: (r) => txt((r as Contact).jobTitle) },
      { key: 'department', label: L('department'), width: 150, sort: 'department', edit: { type: 'text', field: 'department', get: (r) => (r as Contact).department }, render: (r) => txt((r as Contact).department) },
      {
        key: 'lifecycleStage', label: L('lifecycleStage'), width: 170, sort: 'lifecycleStage', edit: { type: 'stage' },
        render: (r) => badge(stageLabel((r as Contact).lifecycleStage)),
      },
      ...common.slice(0, 2),
      { key: 'source', label: L('source'), width: 130, sort: 'source', render: (r) => txt((r as Contact).source) },
      { key: 'birthday', label: L('birthday'), width: 130, sort: 'birthday', render: (r) => txt(formatBirthday((r as Contact).birthday)) },
      ...common.slice(2),
    ]
    : [
      { key: 'name', label: L('companyLabel'), width: 240, sort: 'name', render: (r) => nameLink('company', r) },
      { key: 'domain', label: L('domain'), width: 200, sort: 'domain', render: (r) => txt((r as Company).domain) },
      { key: 'industry', label: L('industry'), width: 160, sort: 'industry', edit: { type: 'text', field: 'industry', get: (r) => (r as Company).industry }, render: (r) => txt((r as Company).industry) },
      { key: 'size', label: L('size'), width: 110, sort: 'size', edit: { type: 'size' }, render: (r) => txt((r as Company).size) },
      { key: 'phone', label: L('phone'), width: 150, render: (r) => phoneLink((r as Company).phones.find((p) => p.primary)?.number ?? (r as Company).phones[0]?.number) },
      {
        key: 'parent', label: L('parent'), width: 200,
        render: (r) => {
          const p = (r as Company).parent;
          return p ? link(recordPath('company', p.id), p.name) : dim('—');
        },
      },
      ...common,
    ];
  const customCols = custom.map((def): Column => ({
    key: `custom.${def.key}`,
    label: localized(def.label, lang),
    width: def.type === 'long_text' || def.type === 'multi_select' ? 220 : 160,
    sort: def.type === 'multi_select' ? undefined : `custom.${def.key}`,
    render: (r) => customValue(def, r),
  }));
  return [...builtIn, ...customCols];
}
