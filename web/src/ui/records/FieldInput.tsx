/**
 * The input for one field, by type (or display hint: a team id is picked by team name), used by the record form,
 * inline edit and the filter builder. Money is typed in major units and kept as `{ amount: minor units, currency }`;
 * datetimes are sent as ISO UTC.
 */
import { useState } from 'react';
import { Checkbox, MultiSelect, NativeSelect, NumberInput, Rating, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isoToLocal, localToIso } from '../dates';
import { DateField } from '../forms/DateField';
import { currencyDigits, fromMinor, isMoney, sortedOptions, toMinor } from './logic';
import { RecordMultiPicker, RecordPicker, usePeopleOptions, useTeamOptions, type Picked } from './pickers';
import { localized, type FieldDef } from './types';

/** Currencies offered first by a money field that takes any currency. */
const COMMON_CURRENCIES = ['VND', 'USD', 'EUR', 'JPY', 'KRW', 'CNY', 'SGD', 'THB'];

export interface FieldInputProps {
  f: FieldDef;
  value: unknown;
  onChange: (v: unknown) => void;
  /** Visible label; the inline editor and filter builder pass none (aria-label instead). */
  label?: string;
  error?: string;
  /** Title of the current relation value, when known. */
  valueTitle?: string | null;
  /** Titles of the current many-to-many values, when known. */
  valueTitles?: Picked[];
  autoFocus?: boolean;
  /** Filters want one option (eq) or several (in) from a select; forms follow the field's type. */
  multiple?: boolean;
  testId?: string;
  /** Keep dropdowns inside a popover (filters) instead of a portal. */
  inPopover?: boolean;
}

export function FieldInput({ f, value, onChange, label, error, valueTitle, valueTitles, autoFocus, multiple, testId, inPopover }: FieldInputProps) {
  const { t, i18n } = useTranslation();
  const people = usePeopleOptions();
  const teams = useTeamOptions();
  const help = f.help ? localized(f.help, i18n.language) : undefined;
  const common = {
    label, error, autoFocus, description: label ? help || undefined : undefined,
    required: label ? f.required : undefined,
    'aria-label': label ? undefined : localized(f.labels, i18n.language),
    'data-testid': testId ?? `field-input-${f.key}`,
  };
  const combobox = inPopover ? { comboboxProps: { withinPortal: false } } : {};
  // The currency picked before an amount is typed (money fields with a per-record currency).
  const [picked, setPicked] = useState<string | null>(null);
  const options = sortedOptions(f).map((o) => ({ value: o.value, label: localized(o.labels, i18n.language) || o.value }));

  // A text field holding a team's id (a ticket's team) is picked from the teams by name.
  if (f.display === 'team') {
    return multiple
      ? <MultiSelect {...common} {...combobox} data={teams} value={Array.isArray(value) ? (value as string[]) : []} onChange={onChange} searchable />
      : <Select {...common} {...combobox} data={teams} value={typeof value === 'string' ? value : null} onChange={(x) => onChange(x)} searchable clearable={!f.required} />;
  }
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
      // A standard object's money field may take any currency per record (`currency: '*'`, deals): a picker beside it.
      const anyCurrency = f.currency === '*';
      const currency = (isMoney(value) ? value.currency : anyCurrency ? picked ?? 'VND' : f.currency) || 'VND';
      const picker = (
        <NativeSelect
          size="xs" variant="unstyled" aria-label={t('records.settings.currency')} value={currency} data-testid={`currency-${f.key}`}
          data={[...new Set([currency, ...COMMON_CURRENCIES])]}
          onChange={(e) => {
            const next = e.currentTarget.value;
            if (isMoney(value)) onChange({ amount: toMinor(fromMinor(value.amount, value.currency), next), currency: next });
            else setPicked(next);
          }}
        />
      );
      return (
        <NumberInput
          {...common} thousandSeparator={i18n.language.startsWith('vi') ? '.' : ','} decimalSeparator={i18n.language.startsWith('vi') ? ',' : '.'}
          decimalScale={currencyDigits(currency)} rightSection={anyCurrency ? picker : <Text size="xs" c="dimmed">{currency}</Text>} rightSectionWidth={anyCurrency ? 72 : 48}
          value={isMoney(value) ? fromMinor(value.amount, value.currency) : ''}
          onChange={(x) => onChange(typeof x === 'number' ? { amount: toMinor(x, currency), currency } : null)}
        />
      );
    }
    // Typed and shown in the user's pattern (dd/mm/yyyy in Vietnamese) with a calendar; datetimes go out as ISO UTC.
    case 'date':
      return <DateField {...common} inPopover={inPopover} value={typeof value === 'string' ? value.slice(0, 10) : null} onChange={(d) => onChange(d || null)} />;
    case 'datetime':
      return <DateField {...common} inPopover={inPopover} withTime value={isoToLocal(value) || null} onChange={(d) => onChange(localToIso(d))} />;
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
    case 'relations':
      return (
        <RecordMultiPicker {...common} {...combobox} target={f.relation?.target ?? ''} value={Array.isArray(value) ? (value as string[]) : []} valueTitles={valueTitles}
          onChange={(ids) => onChange(ids.length ? ids : null)} placeholder={t('records.typeToSearch')} />
      );
    // Files are uploaded on the record's page (RecordFiles), not typed in a form.
    case 'attachments':
      return null;
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
