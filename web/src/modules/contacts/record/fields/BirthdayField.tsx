/**
 * The birthday on the contact page, edited in place with the form's birthday input: a date in the user's
 * pattern with a calendar, or a day and month when the year is unknown (`--MM-DD`).
 */
import { useTranslation } from 'react-i18next';
import { BirthdayInput, birthdayFromWire, birthdayToWire, type BirthdayValue } from '../../form/BirthdayInput';
import { formatBirthday } from '../../logic';
import { InlineField, type Save } from './InlineEdit';

export function BirthdayField({ label, value, save, disabled, testId }: { label: string; value: string | null; save: Save; disabled?: boolean; testId?: string }) {
  const { i18n } = useTranslation();
  return (
    <InlineField<BirthdayValue>
      label={label} save={save} testId={testId} disabled={disabled}
      display={value ? formatBirthday(value) : ''}
      initial={birthdayFromWire(value, i18n.language)}
      // Day and month that are not a day go to the server as typed: its field error shows under the input.
      toPatch={(v) => ({ birthday: birthdayToWire(v, i18n.language) ?? v.birthdayDayMonth })}
      editor={(v, set, error, commit) => <BirthdayInput inline value={v} onChange={(patch) => set({ ...v, ...patch })} error={error} onEnter={commit} />}
    />
  );
}
