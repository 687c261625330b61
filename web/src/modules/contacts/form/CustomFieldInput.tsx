/**
 * One custom field in a form, rendered by its type (text, long text, number, money, date, datetime,
 * select, multi-select, checkbox, URL, email, phone, user, relation), plus the helpers that turn stored
 * values into form values and back.
 */
import { Checkbox, MultiSelect, NumberInput, Select, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isoToLocal, localToIso } from '../../../ui/dates';
import { DateField } from '../../../ui/forms/DateField';
import { usePeople, type CustomField } from '../data';
import { currencyDigits, fromMinor, localized, toMinor } from '../logic';
import { RecordSelect } from './RecordSelect';

/** Stored value → what the input holds (money as a decimal amount, datetime as local "YYYY-MM-DD HH:mm:ss"). */
export function toFormValue(def: CustomField, v: unknown): unknown {
  if (v === null || v === undefined) return def.type === 'multi_select' ? [] : def.type === 'checkbox' ? false : '';
  if (def.type === 'money' && typeof v === 'number') return fromMinor(v, def.currency);
  if (def.type === 'datetime' && typeof v === 'string') return isoToLocal(v);
  return v;
}

/** Form value → wire value; null for empty. */
export function toWireValue(def: CustomField, v: unknown): unknown {
  if (v === '' || v === undefined || v === null) return null;
  switch (def.type) {
    case 'number': return typeof v === 'number' ? v : Number(v);
    case 'money': return toMinor(typeof v === 'number' ? v : Number(v), def.currency);
    case 'datetime': return localToIso(String(v));
    case 'multi_select': return Array.isArray(v) && v.length ? v : null;
    case 'checkbox': return Boolean(v);
    default: return typeof v === 'string' ? v.trim() || null : v;
  }
}

export function isEmptyValue(v: unknown): boolean {
  return v === '' || v === null || v === undefined || (Array.isArray(v) && v.length === 0);
}

interface Props {
  def: CustomField;
  value: unknown;
  onChange: (v: unknown) => void;
  error?: string;
  masked?: boolean;
  /** Stored value (e.g. a phone in E.164), shown under the input when it differs. */
  stored?: unknown;
  /** For the default-value input in settings, where "required" does not apply. */
  ignoreRequired?: boolean;
  label?: string;
}

export function CustomFieldInput({ def, value, onChange, error, masked, stored, ignoreRequired, label: labelOverride }: Props) {
  const { t, i18n } = useTranslation();
  const people = usePeople();
  const label = labelOverride ?? localized(def.label, i18n.language);
  const common = { label, error, required: def.required && !ignoreRequired, 'data-testid': `custom-${def.key}` };
  const str = typeof value === 'string' ? value : '';
  const options = def.options.map((o) => ({ value: o.value, label: localized(o.label, i18n.language) }));

  if (masked) return <TextInput {...common} disabled value="" placeholder={t('contacts.form.hiddenField')} />;
  switch (def.type) {
    case 'long_text':
      return <Textarea {...common} autosize minRows={2} maxRows={6} value={str} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'number':
      return <NumberInput {...common} value={typeof value === 'number' ? value : ''} onChange={(v) => onChange(typeof v === 'number' ? v : '')} />;
    case 'money': {
      const digits = currencyDigits(def.currency);
      return (
        <NumberInput
          {...common} value={typeof value === 'number' ? value : ''} onChange={(v) => onChange(typeof v === 'number' ? v : '')}
          decimalScale={digits} thousandSeparator={i18n.language === 'vi' ? '.' : ','} decimalSeparator={i18n.language === 'vi' ? ',' : '.'}
          rightSection={def.currency ?? undefined} rightSectionWidth={48}
        />
      );
    }
    case 'date':
    case 'datetime':
      return <DateField {...common} withTime={def.type === 'datetime'} value={str || null} onChange={(d) => onChange(d ?? '')} />;
    case 'select':
      return <Select {...common} data={options} value={str || null} onChange={(v) => onChange(v ?? '')} clearable searchable />;
    case 'multi_select':
      return <MultiSelect {...common} data={options} value={Array.isArray(value) ? (value as string[]) : []} onChange={onChange} clearable searchable />;
    case 'checkbox':
      return <Checkbox label={label} error={error} checked={Boolean(value)} onChange={(e) => onChange(e.currentTarget.checked)} mt="xs" data-testid={`custom-${def.key}`} />;
    case 'url':
      return <TextInput {...common} type="url" placeholder="https://" value={str} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'email':
      return <TextInput {...common} type="email" value={str} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'phone':
      return (
        <TextInput
          {...common} type="tel" value={str} onChange={(e) => onChange(e.currentTarget.value)}
          description={typeof stored === 'string' && stored && stored !== str ? t('contacts.form.storedAs', { value: stored }) : undefined}
        />
      );
    case 'user':
      return <Select {...common} data={people} value={str || null} onChange={(v) => onChange(v ?? '')} clearable searchable />;
    case 'relation':
      return <RecordSelect {...common} entity={def.relationEntity ?? 'contact'} value={str || null} onChange={(id) => onChange(id ?? '')} />;
    default:
      return <TextInput {...common} value={str} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
}
