/**
 * The contact's birthday: a date typed or picked in the user's pattern (dd/mm/yyyy in Vietnamese), or, with
 * "Year unknown", a day and month typed as the pattern without its year (stored `--MM-DD`, contracts
 * `birthdaySchema`). The form keeps both; `birthdayToWire` picks the one in use.
 */
import { Checkbox, Group, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatMonthDayText, monthDayPattern, parseMonthDayText, userDatePattern } from '../../../ui/dates';
import { DateField } from '../../../ui/forms/DateField';

export interface BirthdayValue {
  /** `YYYY-MM-DD`, or '' */
  birthday: string;
  birthdayNoYear: boolean;
  /** What was typed for a year-less birthday, e.g. "21/07". */
  birthdayDayMonth: string;
}

/** The stored birthday → the form's three values. */
export function birthdayFromWire(stored: string | null | undefined, language: string): BirthdayValue {
  const pattern = userDatePattern(language);
  if (stored?.startsWith('--')) return { birthday: '', birthdayNoYear: true, birthdayDayMonth: formatMonthDayText(stored, pattern) };
  return { birthday: stored ?? '', birthdayNoYear: false, birthdayDayMonth: '' };
}

/** The form's values → the wire (null when empty; `undefined` when the typed day and month are not a day). */
export function birthdayToWire(v: BirthdayValue, language: string): string | null | undefined {
  if (!v.birthdayNoYear) return v.birthday || null;
  if (!v.birthdayDayMonth.trim()) return null;
  return parseMonthDayText(v.birthdayDayMonth, userDatePattern(language)) ?? undefined;
}

/** `inline`: the record page's in-place editor (small, no visible label: the field shows its own). */
export function BirthdayInput({ value, onChange, error, inline, onEnter }: {
  value: BirthdayValue; onChange: (patch: Partial<BirthdayValue>) => void; error?: string | null; inline?: boolean; onEnter?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const label = t('contacts.fields.birthday');
  const shared = {
    label: inline ? undefined : label, 'aria-label': inline ? label : undefined, size: inline ? 'xs' : undefined, autoFocus: inline, error,
    onKeyDown: (e: React.KeyboardEvent) => {
      if (e.key === 'Enter' && onEnter) { e.preventDefault(); onEnter(); }
    },
  } as const;
  const pattern = userDatePattern(i18n.language);
  const toggle = (noYear: boolean) => {
    // Carry the day and month over when the year is dropped.
    const full = /^\d{4}-(\d{2})-(\d{2})$/.exec(value.birthday);
    onChange(noYear && full && !value.birthdayDayMonth ? { birthdayNoYear: true, birthdayDayMonth: formatMonthDayText(`--${full[1]}-${full[2]}`, pattern) } : { birthdayNoYear: noYear });
  };
  return (
    <div>
      {value.birthdayNoYear ? (
        <TextInput
          {...shared} value={value.birthdayDayMonth} onChange={(e) => onChange({ birthdayDayMonth: e.currentTarget.value })}
          placeholder={monthDayPattern(pattern).toLowerCase()} data-testid="contact-birthday-day-month" autoComplete="off"
        />
      ) : (
        <DateField {...shared} value={value.birthday || null} onChange={(d) => onChange({ birthday: d ?? '' })} data-testid="contact-birthday" />
      )}
      <Group mt={6}>
        <Checkbox size="xs" label={t('forms.yearUnknown')} checked={value.birthdayNoYear} onChange={(e) => toggle(e.currentTarget.checked)} data-testid="contact-birthday-no-year" />
      </Group>
    </div>
  );
}
