/**
 * The input for one field, by type, used by the record form, inline edit and the filter builder. Money is
 * typed in major units and kept as `{ amount: minor units, currency }`; datetimes are sent as ISO UTC.
 */
import { Checkbox, MultiSelect, NumberInput, Rating, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currencyDigits, fromMinor, isMoney, sortedOptions, toMinor } from './logic';
import { RecordPicker, usePeopleOptions } from './pickers';
import { localized, type FieldDef } from './types';

export interface FieldInputProps {
  f: FieldDef;
  value: unknown;
  onChange: (v: unknown) => void;
  /** Visible label; the inline editor and filter builder pass none (aria-label instead). */
  label?: string;
  error?: string;
  /** Title of the current relation value, when known. */
  valueTitle?: string | null;
  autoFocus?: boolean;
  /** Filters want one option (eq) or several (in) from a select; forms follow the field's type. */
  multiple?: boolean;
  testId?: string;
  /** Keep dropdowns inside a popover (filters) instead of a portal. */
  inPopover?: boolean;
}

/** ISO UTC ↔ the `datetime-local` input's local "YYYY-MM-DDTHH:mm". */
function toLocalInput(iso: unknown): string {
  if (typeof iso !== 'string' || !iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function FieldInput({ f, value, onChange, label, error, valueTitle, autoFocus, multiple, testId, inPopover }: FieldInputProps) {
  const { t, i18n } = useTranslation();
  const people = usePeopleOptions();
  const help = f.help ? localized(f.help, i18n.language) : undefined;
  const common = {
    label, error, autoFocus, description: label ? help || undefined : undefined,
    required: label ? f.required : undefined,
    'aria-label': label ? undefined : localized(f.labels, i18n.language),
    'data-testid': testId ?? `field-input-${f.key}`,
  };
  const combobox = inPopover ? { comboboxProps: { withinPortal: false } } : {};
  const options = sortedOptions(f).map((o) => ({ value: o.value, label: localized(o.labels, i18n.language) || o.value }));

  switch (f.type) {
    case 'long_text':
      return <Textarea {...common} autosize minRows={2} maxRows={8} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'number':
    case 'percent':
      return (
        <NumberInput {...common} value={typeof value === 'number' ? value : ''} onChange={(x) => onChange(typeof x === 'number' ? x : null)}
          min={f.type === 'percent' ? 0 : undefined} max={f.type === 'percent' ? 100 : undefined} rightSection={f.type === 'percent' ? '%' : undefined} />
      );
    case 'money': {
      const currency = (isMoney(value) ? value.currency : f.currency) || 'VND';
      return (
        <NumberInput
          {...common} thousandSeparator={i18n.language.startsWith('vi') ? '.' : ','} decimalSeparator={i18n.language.startsWith('vi') ? ',' : '.'}
          decimalScale={currencyDigits(currency)} rightSection={<Text size="xs" c="dimmed">{currency}</Text>} rightSectionWidth={48}
          value={isMoney(value) ? fromMinor(value.amount, value.currency) : ''}
          onChange={(x) => onChange(typeof x === 'number' ? { amount: toMinor(x, currency), currency } : null)}
        />
      );
    }
    case 'date':
      return <TextInput {...common} type="date" value={typeof value === 'string' ? value.slice(0, 10) : ''} onChange={(e) => onChange(e.currentTarget.value || null)} />;
    case 'datetime':
      return (
        <TextInput {...common} type="datetime-local" value={toLocalInput(value)}
          onChange={(e) => onChange(e.currentTarget.value ? new Date(e.currentTarget.value).toISOString() : null)} />
      );
    case 'boolean':
      return <Checkbox {...common} label={label ?? t('records.yes')} checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} mt={label ? 'xs' : 0} />;
    case 'select':
      return multiple
        ? <MultiSelect {...common} {...combobox} data={options} value={Array.isArray(value) ? (value as string[]) : []} onChange={onChange} searchable />
        : <Select {...common} {...combobox} data={options} value={typeof value === 'string' ? value : null} onChange={(x) => onChange(x)} searchable clearable={!f.required} />;
    case 'multi_select':
      return <MultiSelect {...common} {...combobox} data={options} value={Array.isArray(value) ? (value as string[]) : []} onChange={onChange} searchable />;
    case 'user':
      return multiple
        ? <MultiSelect {...common} {...combobox} data={people} value={Array.isArray(value) ? (value as string[]) : []} onChange={onChange} searchable />
        : <Select {...common} {...combobox} data={people} value={typeof value === 'string' ? value : null} onChange={(x) => onChange(x)} searchable clearable />;
    case 'relation':
      return (
        <RecordPicker {...common} {...combobox} target={f.relation?.target ?? ''} value={typeof value === 'string' ? value : null} valueTitle={valueTitle}
          onChange={(id) => onChange(id)} placeholder={t('records.typeToSearch')} />
      );
    case 'rating':
      return (
        <Stack gap={4}>
          {label && <Text size="sm" fw={500}>{label}{f.required && <Text span c="red"> *</Text>}</Text>}
          <Rating value={typeof value === 'number' ? value : 0} onChange={onChange} aria-label={localized(f.labels, i18n.language)} data-testid={common['data-testid']} />
          {error && <Text size="xs" c="red">{error}</Text>}
        </Stack>
      );
    case 'email':
    case 'phone':
    case 'url':
    case 'text':
      return (
        <TextInput {...common} type={f.type === 'email' ? 'email' : f.type === 'url' ? 'url' : f.type === 'phone' ? 'tel' : 'text'}
          value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.currentTarget.value)} />
      );
  }
}
