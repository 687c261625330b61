/**
 * Business-hours calendars: each with its time zone, working hours per weekday (several intervals a day), holidays
 * (add/remove) and the team it times (or the default). The server's errors show on their field (`hours.3.end`).
 */
import { useState } from 'react';
import { ActionIcon, Badge, Button, Card, Checkbox, Group, Modal, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Calendar, CalendarInput } from '../../../../../contracts/tickets';
import { api } from '../../../app/api';
import { useConfirm } from '../../../ui/confirm';
import { errorMessage } from '../../../ui/errors';
import { notifyError } from '../../../ui/notify';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { useDirectory } from '../data';
import { useSettingsList } from './shared';
import { useSaveDialog } from '../../../ui/forms/save-dialog';

const PATH = '/ticket-calendars';
/** Monday first, as a working week reads; values are the API's 0 = Sunday … 6 = Saturday. */
const DAYS = [1, 2, 3, 4, 5, 6, 0];
type Interval = { day: number; start: string; end: string };
interface Draft { id: string | null; name: string; timeZone: string; hours: Interval[]; holidays: { date: string; name: string }[]; teamId: string | null; isDefault: boolean }

const zones = (() => {
  try { return Intl.supportedValuesOf('timeZone'); } catch { return ['Asia/Ho_Chi_Minh', 'UTC']; }
})();

const draftOf = (c: Calendar | null): Draft => c
  ? { id: c.id, name: c.name, timeZone: c.timeZone, hours: c.hours.map((h) => ({ ...h })), holidays: c.holidays.map((h) => ({ ...h })), teamId: c.teamId, isDefault: c.isDefault }
  : { id: null, name: '', timeZone: 'Asia/Ho_Chi_Minh', hours: [1, 2, 3, 4, 5].map((day) => ({ day, start: '08:00', end: '17:00' })), holidays: [], teamId: null, isDefault: false };

function CalendarForm({ draft, onClose }: { draft: Draft; onClose: () => void }) {
  const { t } = useTranslation();
  const dir = useDirectory();
  const [d, setD] = useState(draft);
  const { errors, busy, save: saveAs } = useSaveDialog({ path: PATH, savedMessage: t('tickets.settings.saved'), onClose });
  const [holiday, setHoliday] = useState({ date: '', name: '' });
  const setHour = (i: number, patch: Partial<Interval>) => setD({ ...d, hours: d.hours.map((h, j) => (j === i ? { ...h, ...patch } : h)) });
  const addHoliday = () => {
    if (!holiday.date || !holiday.name.trim()) return;
    setD({ ...d, holidays: [...d.holidays, { date: holiday.date, name: holiday.name.trim() }].sort((a, b) => a.date.localeCompare(b.date)) });
    setHoliday({ date: '', name: '' });
  };
  const save = () => {
    const body: CalendarInput = { name: d.name, timeZone: d.timeZone, hours: d.hours, holidays: d.holidays, teamId: d.teamId, isDefault: d.isDefault };
    return saveAs(body, d.id);
  };
  const dayName = (day: number) => t(`tickets.settings.days.${day}`);
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('common.close') }} size="xl" title={d.id ? t('tickets.settings.calendars.edit') : t('tickets.settings.calendars.new')}>
      <form onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate data-testid="calendar-form">
        <Stack>
          <Group grow align="flex-start">
            <TextInput label={t('tickets.settings.name')} required value={d.name} error={errors.name} onChange={(e) => setD({ ...d, name: e.currentTarget.value })} data-testid="calendar-name" />
            <Select label={t('tickets.settings.calendars.timeZone')} searchable allowDeselect={false} data={zones} value={d.timeZone} error={errors.timeZone} onChange={(v) => v && setD({ ...d, timeZone: v })} data-testid="calendar-zone" />
          </Group>
          <Group grow align="flex-end">
            <Select label={t('tickets.settings.team')} clearable placeholder={t('tickets.settings.noTeam')} data={(dir.data?.teams ?? []).map((x) => ({ value: x.id, label: x.name }))}
              value={d.teamId} error={errors.teamId} onChange={(v) => setD({ ...d, teamId: v })} data-testid="calendar-team" />
            <Checkbox label={t('tickets.settings.calendars.isDefault')} checked={d.isDefault} onChange={(e) => setD({ ...d, isDefault: e.currentTarget.checked })} data-testid="calendar-default" mb={8} />
          </Group>
          <Title order={3} size="h5">{t('tickets.settings.calendars.hours')}</Title>
          {errors.hours && <Text c="red" size="sm" role="alert">{errors.hours}</Text>}
          <Table>
            <Table.Tbody>
              {DAYS.map((day) => {
                const rows = d.hours.map((h, i) => ({ h, i })).filter((x) => x.h.day === day);
                return (
                  <Table.Tr key={day} data-testid={`calendar-day-${day}`}>
                    <Table.Td w={120}><Text size="sm" fw={500}>{dayName(day)}</Text></Table.Td>
                    <Table.Td>
                      <Stack gap={4}>
                        {rows.length === 0 && <Text size="sm" c="dimmed">{t('tickets.settings.calendars.closed')}</Text>}
                        {rows.map(({ h, i }) => (
                          <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
                            <TextInput type="time" aria-label={t('tickets.settings.calendars.start', { day: dayName(day) })} value={h.start} error={errors[`hours.${i}.start`] ?? errors[`hours.${i}`]} onChange={(e) => setHour(i, { start: e.currentTarget.value })} w={130} />
                            <TextInput type="time" aria-label={t('tickets.settings.calendars.end', { day: dayName(day) })} value={h.end} error={errors[`hours.${i}.end`]} onChange={(e) => setHour(i, { end: e.currentTarget.value })} w={130} />
                            <ActionIcon variant="subtle" color="red" mt={4} aria-label={t('tickets.settings.calendars.removeHours', { day: dayName(day) })} onClick={() => setD({ ...d, hours: d.hours.filter((_, j) => j !== i) })}><IconTrash size={14} /></ActionIcon>
                          </Group>
                        ))}
                      </Stack>
                    </Table.Td>
                    <Table.Td w={60}>
                      <ActionIcon variant="subtle" aria-label={t('tickets.settings.calendars.addHours', { day: dayName(day) })} onClick={() => setD({ ...d, hours: [...d.hours, { day, start: '08:00', end: '17:00' }] })} data-testid={`calendar-add-hours-${day}`}><IconPlus size={14} /></ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          <Title order={3} size="h5">{t('tickets.settings.calendars.holidays')}</Title>
          {d.holidays.length === 0 ? <Text size="sm" c="dimmed">{t('tickets.settings.calendars.noHolidays')}</Text> : (
            <Stack gap={4} data-testid="calendar-holidays">
              {d.holidays.map((h, i) => (
                <Group key={`${h.date}-${i}`} gap="xs" data-testid="calendar-holiday">
                  <Text size="sm" w={110}>{h.date}</Text>
                  <Text size="sm" style={{ flex: 1 }}>{h.name}</Text>
                  {(errors[`holidays.${i}.date`] || errors[`holidays.${i}.name`]) && <Text size="sm" c="red">{errors[`holidays.${i}.date`] ?? errors[`holidays.${i}.name`]}</Text>}
                  <ActionIcon variant="subtle" color="red" aria-label={t('tickets.settings.calendars.removeHoliday', { name: h.name })} onClick={() => setD({ ...d, holidays: d.holidays.filter((_, j) => j !== i) })}><IconTrash size={14} /></ActionIcon>
                </Group>
              ))}
            </Stack>
          )}
          <Group gap="xs" align="flex-end">
            <TextInput type="date" label={t('tickets.settings.calendars.holidayDate')} value={holiday.date} onChange={(e) => setHoliday({ ...holiday, date: e.currentTarget.value })} data-testid="holiday-date" />
            <TextInput label={t('tickets.settings.calendars.holidayName')} value={holiday.name} onChange={(e) => setHoliday({ ...holiday, name: e.currentTarget.value })} style={{ flex: 1 }} data-testid="holiday-name"
              onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); addHoliday(); } }} />
            <Button variant="light" leftSection={<IconPlus size={14} />} onClick={addHoliday} disabled={!holiday.date || !holiday.name.trim()} data-testid="holiday-add">{t('tickets.settings.calendars.addHoliday')}</Button>
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={busy} data-testid="calendar-save">{t('common.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function CalendarsTab() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const confirm = useConfirm();
  const list = useSettingsList<Calendar>(PATH);
  const dir = useDirectory();
  const [editing, setEditing] = useState<Draft | null>(null);
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return <LoadingState />;
  const teamName = (id: string | null) => dir.data?.teams.find((x) => x.id === id)?.name ?? '…';
  const remove = async (c: Calendar) => {
    if (!(await confirm({ title: t('tickets.settings.calendars.delete'), message: t('tickets.settings.deleteConfirm', { name: c.name }), confirmLabel: t('common.delete'), danger: true }))) return;
    try {
      await api.delete(`${PATH}/${c.id}`);
      await qc.invalidateQueries({ queryKey: [PATH] });
    } catch (err) {
      notifyError(errorMessage(err, t));
    }
  };
  const add = <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing(draftOf(null))} data-testid="calendar-new">{t('tickets.settings.calendars.new')}</Button>;
  return (
    <Stack>
      {list.data.length === 0 ? <EmptyState title={t('tickets.settings.calendars.empty')} description={t('tickets.settings.calendars.emptyHint')} action={add} /> : (
        <>
          <Group justify="flex-end">{add}</Group>
          {list.data.map((c) => (
            <Card key={c.id} withBorder radius="md" data-testid="calendar-card">
              <Group justify="space-between">
                <Group gap="xs">
                  <Text fw={600}>{c.name}</Text>
                  <Badge variant="light" color="gray" tt="none">{c.timeZone}</Badge>
                  {c.isDefault && <Badge variant="light">{t('tickets.settings.calendars.defaultBadge')}</Badge>}
                  {c.teamId && <Badge variant="light" color="grape" tt="none">{teamName(c.teamId)}</Badge>}
                </Group>
                <Group gap="xs">
                  <Button variant="default" size="xs" onClick={() => setEditing(draftOf(c))} aria-label={`${t('common.edit')} ${c.name}`} data-testid="calendar-edit">{t('common.edit')}</Button>
                  <Button variant="subtle" color="red" size="xs" onClick={() => void remove(c)} aria-label={`${t('common.delete')} ${c.name}`}>{t('common.delete')}</Button>
                </Group>
              </Group>
              <Text size="sm" c="dimmed" mt={4}>
                {t('tickets.settings.calendars.summary', { days: new Set(c.hours.map((h) => h.day)).size, holidays: c.holidays.length })}
              </Text>
            </Card>
          ))}
        </>
      )}
      {editing && <CalendarForm draft={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
