/** Helpers of the service-desk settings pages: server errors by field path, durations in hours and minutes, reordering. */
import { ActionIcon, Group, NumberInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api';

export { fieldErrors } from '../../../ui/forms/save-dialog';

/** A list endpoint of the desk's settings (`/ticket-calendars`, ...). */
export function useSettingsList<T>(path: string) {
  return useQuery({ queryKey: [path], queryFn: ({ signal }) => api.get<{ data: T[] }>(path, undefined, { signal }), select: (d) => d.data });
}

/**
 * Minutes as hours and minutes in the UI language.
 * @example formatMinutes(90, t) // '1 h 30 min' (en), '1 giờ 30 phút' (vi)
 */
export function formatMinutes(total: number, t: (k: string, o?: Record<string, unknown>) => string): string {
  const h = Math.floor(total / 60);
  const m = total % 60;
  return [h ? t('tickets.settings.hoursShort', { count: h }) : '', m || !h ? t('tickets.settings.minutesShort', { count: m }) : ''].filter(Boolean).join(' ');
}

/** Two number inputs (hours, minutes) editing a count of minutes. */
export function DurationInput({ label, value, onChange, error, testId }: { label: string; value: number; onChange: (v: number) => void; error?: string; testId: string }) {
  const { t } = useTranslation();
  const h = Math.floor(value / 60);
  const m = value % 60;
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <NumberInput label={`${label} — ${t('tickets.settings.hours')}`} min={0} max={8760} value={h} error={error} w={170}
        onChange={(v) => onChange((Number(v) || 0) * 60 + m)} data-testid={`${testId}-hours`} />
      <NumberInput label={t('tickets.settings.minutes')} min={0} max={59} value={m} w={110}
        onChange={(v) => onChange(h * 60 + Math.min(59, Number(v) || 0))} data-testid={`${testId}-minutes`} />
    </Group>
  );
}

/** Up/down buttons of an ordered list. */
export function MoveButtons({ index, count, onMove, name }: { index: number; count: number; onMove: (to: number) => void; name: string }) {
  const { t } = useTranslation();
  return (
    <Group gap={2} wrap="nowrap">
      <ActionIcon variant="subtle" disabled={index === 0} aria-label={t('tickets.settings.moveUp', { name })} onClick={() => onMove(index - 1)}><IconArrowUp size={14} /></ActionIcon>
      <ActionIcon variant="subtle" disabled={index === count - 1} aria-label={t('tickets.settings.moveDown', { name })} onClick={() => onMove(index + 1)}><IconArrowDown size={14} /></ActionIcon>
    </Group>
  );
}
