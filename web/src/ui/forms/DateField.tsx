/**
 * A date or date-time field for any form: ./DatePicker (with @mantine/dates and dayjs, about 20 kB gzipped)
 * loaded on first use, so pages that show no date input do not carry it (scripts/web-budgets.json).
 * While the chunk loads, a disabled input of the same size and label holds the place.
 *
 * @example <DateField label="Birthday" value={v.birthday} onChange={(d) => set('birthday', d ?? '')} />
 */
import { lazy, Suspense } from 'react';
import { TextInput } from '@mantine/core';
import type { DatePickerProps } from './DatePicker';

const Picker = lazy(async () => ({ default: (await import('./DatePicker')).DatePicker }));

export type DateFieldProps = DatePickerProps;

export function DateField(props: DateFieldProps) {
  const { label, size, description, required, style, w } = props;
  return (
    <Suspense fallback={<TextInput label={label} size={size} description={description} required={required} style={style} w={w} disabled aria-label={props['aria-label']} />}>
      <Picker {...props} />
    </Suspense>
  );
}
