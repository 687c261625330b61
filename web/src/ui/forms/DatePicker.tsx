/**
 * The date (and date-time) input of every form, loaded on first use through ./DateField: @mantine/dates'
 * DateInput with a calendar, shown and typed in the user's pattern (ui/dates.ts: dd/mm/yyyy in Vietnamese),
 * 24-hour times. Values are `YYYY-MM-DD`, or local `YYYY-MM-DD HH:mm:ss` with `withTime`.
 */
import { useState } from 'react';
import { DateInput, DatesProvider, type DateInputProps } from '@mantine/dates';
import 'dayjs/locale/vi';
import '@mantine/dates/styles.css';
import { useTranslation } from 'react-i18next';
import { parseDateText, parseDateTimeText, userDatePattern } from '../dates';

export interface DatePickerProps extends Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat' | 'dateParser' | 'withTime' | 'defaultValue'> {
  value: string | null;
  onChange: (value: string | null) => void;
  /** A date and a time (typed after the date, `HH:mm`). */
  withTime?: boolean;
  /** Keep the calendar inside the parent (a filter popover) instead of a portal. */
  inPopover?: boolean;
  'data-testid'?: string;
}

export function DatePicker({ value, onChange, withTime, inPopover, popoverProps, ...rest }: DatePickerProps) {
  const { i18n } = useTranslation();
  const vi = i18n.language.startsWith('vi');
  const pattern = userDatePattern(i18n.language);
  const format = withTime ? `${pattern} HH:mm` : pattern;
  // While the calendar is open, Escape closes it only, not the drawer or modal around (Mantine's modals skip an
  // Escape whose target carries this attribute, as its own selects do).
  const [open, setOpen] = useState(false);
  return (
    <DatesProvider settings={{ locale: vi ? 'vi' : 'en', firstDayOfWeek: 1 }}>
      <DateInput
        placeholder={format.toLowerCase()}
        {...rest}
        value={value || null}
        onChange={onChange}
        valueFormat={format}
        withTime={withTime}
        dateParser={(text) => (withTime ? parseDateTimeText(text, pattern) : parseDateText(text, pattern))}
        clearable={rest.clearable ?? !rest.required}
        popoverProps={{ ...(inPopover ? { withinPortal: false } : {}), ...popoverProps, onOpen: () => setOpen(true), onClose: () => setOpen(false) }}
        data-mantine-stop-propagation={open ? 'true' : undefined}
      />
    </DatesProvider>
  );
}
