/**
 * Columns of the contacts and companies tables: built-in ones plus one per custom field. A column names
 * the sort field it uses (if any) and the inline editor it offers (if any).
 */
import type { ReactNode } from 'react';
import { Anchor, Badge, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, numberFormat } from '../../../ui/format';
import { recordPath, useCustomFields, useStageLabel, type Company, type Contact, type CustomField } from '../data';
import { currencyDigits, fromMinor, localized, personName, type Entity } from '../logic';

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

export const DEFAULT_COLUMNS: Record<Entity, string[]> = {
  contact: ['name', 'email', 'phone', 'company', 'jobTitle', 'lifecycleStage', 'owner', 'tags', 'updatedAt'],
  company: ['name', 'domain', 'industry', 'size', 'phone', 'owner', 'tags', 'updatedAt'],
};

export const COMPANY_SIZES = ['1-10', '11-50', '51-200', '201-1000', '1000+'];

const dim = (v: ReactNode) => <Text span size="sm" c="dimmed">{v}</Text>;
const txt = (v: string | null | undefined) => (v ? <Text span size="sm" truncate="end">{v}</Text> : dim('—'));

function Tags({ tags }: { tags: string[] }) {
  if (!tags.length) return dim('—');
  return (
    <Group gap={4} wrap="nowrap" style={{ overflow: 'hidden' }}>
      {tags.slice(0, 3).map((tg) => <Badge key={tg} size="sm" variant="light" color="gray" style={{ flexShrink: 0 }}>{tg}</Badge>)}
      {tags.length > 3 && dim(`+${tags.length - 3}`)}
    </Group>
  );
}

/** The name of a row in the UI language (contacts: family name first in Vietnamese). */
export function rowName(entity: Entity, row: AnyRow, lang: string): string {
  if (entity === 'company') return (row as Company).name;
  const c = row as Contact;
  return personName(c.givenName, c.familyName, lang) || c.displayName;
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
      case 'multi_select': return <Tags tags={(Array.isArray(v) ? v : []).map(opt)} />;
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
  const L = (k: string) => t(`contacts.fields.${k}`);
  const owner = (r: AnyRow) => txt(r.owner?.name);
  const common: Column[] = [
    { key: 'owner', label: L('owner'), width: 160, edit: { type: 'owner' }, render: owner },
    { key: 'tags', label: L('tags'), width: 200, render: (r) => <Tags tags={r.tags} /> },
    { key: 'createdAt', label: L('createdAt'), width: 170, sort: 'createdAt', render: (r) => dim(formatDateTime(r.createdAt)) },
    { key: 'updatedAt', label: L('updatedAt'), width: 170, sort: 'updatedAt', render: (r) => dim(formatDateTime(r.updatedAt)) },
  ];
  const builtIn: Column[] = entity === 'contact'
    ? [
      {
        key: 'name', label: L('name'), width: 220, sort: lang === 'vi' ? 'familyName' : 'displayName',
        render: (r) => <NameLink entity="contact" row={r} />,
      },
      { key: 'email', label: L('email'), width: 240, sort: 'email', render: (r) => txt((r as Contact).emails.find((e) => e.primary)?.address ?? (r as Contact).emails[0]?.address) },
      { key: 'phone', label: L('phone'), width: 150, sort: 'phone', render: (r) => txt((r as Contact).phones.find((p) => p.primary)?.number ?? (r as Contact).phones[0]?.number) },
      {
        key: 'company', label: L('company'), width: 200, sort: 'companyName',
        render: (r) => {
          const c = (r as Contact).company;
          return c ? <Anchor component={Link} to={recordPath('company', c.id)} size="sm" truncate="end">{c.name}</Anchor> : dim('—');
        },
      },
      { key: 'jobTitle', label: L('jobTitle'), width: 170, sort: 'jobTitle', edit: { type: 'text', field: 'jobTitle', get: (r) => (r as Contact).jobTitle }, render: (r) => txt((r as Contact).jobTitle) },
      { key: 'department', label: L('department'), width: 150, sort: 'department', edit: { type: 'text', field: 'department', get: (r) => (r as Contact).department }, render: (r) => txt((r as Contact).department) },
      {
        key: 'lifecycleStage', label: L('lifecycleStage'), width: 170, sort: 'lifecycleStage', edit: { type: 'stage' },
        render: (r) => <Badge size="sm" variant="light" style={{ maxWidth: '100%' }}>{stageLabel((r as Contact).lifecycleStage)}</Badge>,
      },
      ...common.slice(0, 2),
      { key: 'source', label: L('source'), width: 130, sort: 'source', render: (r) => txt((r as Contact).source) },
      { key: 'birthday', label: L('birthday'), width: 130, sort: 'birthday', render: (r) => txt(formatDate((r as Contact).birthday)) },
      ...common.slice(2),
    ]
    : [
      { key: 'name', label: L('companyLabel'), width: 240, sort: 'name', render: (r) => <NameLink entity="company" row={r} /> },
      { key: 'domain', label: L('domain'), width: 200, sort: 'domain', render: (r) => txt((r as Company).domain) },
      { key: 'industry', label: L('industry'), width: 160, sort: 'industry', edit: { type: 'text', field: 'industry', get: (r) => (r as Company).industry }, render: (r) => txt((r as Company).industry) },
      { key: 'size', label: L('size'), width: 110, sort: 'size', edit: { type: 'size' }, render: (r) => txt((r as Company).size) },
      { key: 'phone', label: L('phone'), width: 150, render: (r) => txt((r as Company).phones.find((p) => p.primary)?.number ?? (r as Company).phones[0]?.number) },
      {
        key: 'parent', label: L('parent'), width: 200,
        render: (r) => {
          const p = (r as Company).parent;
          return p ? <Anchor component={Link} to={recordPath('company', p.id)} size="sm" truncate="end">{p.name}</Anchor> : dim('—');
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

function NameLink({ entity, row }: { entity: Entity; row: AnyRow }) {
  const { t, i18n } = useTranslation();
  const name = rowName(entity, row, i18n.language) || t('contacts.unnamed');
  return (
    <Anchor component={Link} to={recordPath(entity, row.id)} size="sm" fw={500} truncate="end" data-testid="row-name">
      {name}
    </Anchor>
  );
}
