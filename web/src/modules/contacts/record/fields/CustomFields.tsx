/**
 * Custom fields of a record, each edited in place with an input that fits its type. Masked values
 * (above the reader's classification) show "Hidden" and cannot be edited. PATCH merges `custom` keys.
 */
import { Anchor, Badge, Group, MultiSelect, NumberInput, Select, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomField } from '../../../../../../contracts/custom-fields';
import { isoToLocal, localToIso } from '../../../../ui/dates';
import { formatDate, formatDateTime } from '../../../../ui/format';
import { DateField } from '../../../../ui/forms/DateField';
import type { Person } from '../data';
import { InlineField, ReadField, type Save } from './InlineEdit';

const lang = (l: string) => (l.startsWith('vi') ? 'vi' : 'en');

/** Money is stored in minor units; VND and other zero-decimal currencies have none. */
const ZERO_DECIMAL = new Set(['VND', 'JPY', 'KRW', 'CLP', 'ISK', 'UGX', 'XAF', 'XOF']);
const decimalsOf = (cur: string | null) => (cur && ZERO_DECIMAL.has(cur) ? 0 : 2);

export function CustomValue({ def, value, people }: { def: CustomField; value: unknown; people: Person[] }) {
  const { i18n } = useTranslation();
  const l = lang(i18n.language);
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) return null;
  const option = (v: unknown) => def.options.find((o) => o.value === v)?.label[l] ?? String(v);
  switch (def.type) {
    case 'checkbox': return <Text size="sm">{value ? '✓' : '✗'}</Text>;
    case 'select': return <Text size="sm">{option(value)}</Text>;
    case 'multi_select': return <Group gap={4}>{(value as unknown[]).map((v) => <Badge key={String(v)} size="sm" variant="light" tt="none">{option(v)}</Badge>)}</Group>;
    case 'date': return <Text size="sm">{formatDate(String(value))}</Text>;
    case 'datetime': return <Text size="sm">{formatDateTime(String(value))}</Text>;
    case 'url': return <Anchor href={String(value)} target="_blank" rel="noopener noreferrer" size="sm" style={{ overflowWrap: 'anywhere' }}>{String(value)}</Anchor>;
    case 'email': return <Anchor href={`mailto:${String(value)}`} size="sm">{String(value)}</Anchor>;
    case 'phone': return <Anchor href={`tel:${String(value)}`} size="sm">{String(value)}</Anchor>;
    case 'user': return <Text size="sm">{people.find((p) => p.id === value)?.name ?? String(value)}</Text>;
    case 'money': {
      const d = decimalsOf(def.currency);
      const n = Number(value) / 10 ** d;
      return <Text size="sm">{new Intl.NumberFormat(l === 'vi' ? 'vi-VN' : 'en-GB', { style: def.currency ? 'currency' : 'decimal', currency: def.currency ?? undefined, minimumFractionDigits: d }).format(n)}</Text>;
    }
    case 'relation': return <Anchor href={`/${def.relationEntity === 'company' ? 'companies' : 'contacts'}/${String(value)}`} size="sm">{String(value)}</Anchor>;
    default: return <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{String(value)}</Text>;
  }
}

type Draft = unknown;
const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length);

/** The editor of one custom field's draft value. */
function Editor({ def, value, set, error, people, commit }: { def: CustomField; value: Draft; set: (v: Draft) => void; error: string | null; people: Person[]; commit: () => void }) {
  const { i18n } = useTranslation();
  const l = lang(i18n.language);
  const opts = def.options.map((o) => ({ value: o.value, label: o.label[l] }));
  const common = { size: 'xs' as const, error, autoFocus: true, 'aria-label': def.label[l], 'data-testid': `custom-${def.key}-input` };
  const enter = (e: React.KeyboardEvent) => { if (e.key === 'Enter') { e.preventDefault(); commit(); } };
  switch (def.type) {
    case 'long_text': return <Textarea {...common} autosize minRows={2} value={(value as string) ?? ''} onChange={(e) => set(e.currentTarget.value)} />;
    case 'number': case 'money':
      return <NumberInput {...common} value={(value as number | '') ?? ''} onChange={(v) => set(v)} decimalScale={def.type === 'money' ? decimalsOf(def.currency) : undefined} onKeyDown={enter} />;
    case 'checkbox': return <Switch checked={Boolean(value)} onChange={(e) => set(e.currentTarget.checked)} aria-label={def.label[l]} data-testid={`custom-${def.key}-input`} />;
    case 'select': return <Select {...common} clearable data={opts} value={(value as string) ?? null} onChange={set} comboboxProps={{ withinPortal: true }} />;
    case 'multi_select': return <MultiSelect {...common} data={opts} value={(value as string[]) ?? []} onChange={set} comboboxProps={{ withinPortal: true }} />;
    case 'user': return <Select {...common} clearable searchable data={people.map((p) => ({ value: p.id, label: p.name }))} value={(value as string) ?? null} onChange={set} comboboxProps={{ withinPortal: true }} />;
    case 'date': case 'datetime':
      return <DateField {...common} withTime={def.type === 'datetime'} value={(value as string) || null} onChange={(d) => set(d ?? '')} onKeyDown={enter} />;
    default: return <TextInput {...common} type={def.type === 'email' ? 'email' : def.type === 'url' ? 'url' : 'text'} value={(value as string) ?? ''} onChange={(e) => set(e.currentTarget.value)} onKeyDown={enter} />;
  }
}

/** The stored value → the editor's draft, and back (money in minor units, datetime as local time). */
function toDraft(def: CustomField, v: unknown): Draft {
  if (v === null || v === undefined) return def.type === 'multi_select' ? [] : def.type === 'checkbox' ? false : '';
  if (def.type === 'money') return Number(v) / 10 ** decimalsOf(def.currency);
  if (def.type === 'datetime') return isoToLocal(v);
  return v;
}
function fromDraft(def: CustomField, v: Draft): unknown {
  if (v === '' || v === undefined || (Array.isArray(v) && !v.length)) return null;
  if (def.type === 'money') return Math.round(Number(v) * 10 ** decimalsOf(def.currency));
  if (def.type === 'number') return Number(v);
  if (def.type === 'datetime') return localToIso(String(v));
  if (typeof v === 'string') return v.trim() || null;
  return v;
}

export function CustomFields({ defs, values, masked, save, people, disabled }: {
  defs: CustomField[]; values: Record<string, unknown>; masked: string[]; save: Save; people: Person[]; disabled?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const l = lang(i18n.language);
  if (!defs.length) return <Text size="sm" c="dimmed">{t('record.noCustomFields')}</Text>;
  return (
    <>
      {defs.map((def) => {
        const label = def.label[l] + (def.required ? ' *' : '');
        if (masked.includes(def.key)) {
          return <ReadField key={def.key} label={label} testId={`custom-${def.key}`}><Text size="sm" c="dimmed" fs="italic">{t('record.hidden')}</Text></ReadField>;
        }
        return (
          <InlineField<Draft>
            key={def.key} label={label} save={save} disabled={disabled} testId={`custom-${def.key}`}
            display={isEmpty(values[def.key]) ? '' : <CustomValue def={def} value={values[def.key]} people={people} />}
            initial={toDraft(def, values[def.key])}
            toPatch={(v) => ({ custom: { [def.key]: fromDraft(def, v) } })}
            editor={(v, set, error, commit) => <Editor def={def} value={v} set={set} error={error} people={people} commit={commit} />}
          />
        );
      })}
    </>
  );
}
