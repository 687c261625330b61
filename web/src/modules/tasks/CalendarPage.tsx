/**
 * /tasks/calendar: day, week and month of the tasks I may read, in my time zone (my own, else the workspace's;
 * chosen here). A task is rescheduled by dragging it to another day or hour, or — by keyboard — with its
 * "Move to…" button: a date and a time in that zone. Either PATCHes due_at (and the reminder by the same shift)
 * with If-Match; a 412 reloads.
 */
import { useState } from 'react';
import { ActionIcon, Anchor, Box, Button, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconCalendarEvent } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TaskItem } from '../../../../contracts/tasks';
import { errorMessage } from '../../ui/errors';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorState, LoadingState } from '../../ui/states';
import { isStale } from '../../ui/records/data';
import {
  addDays, addMonths, MINE_KEY, movedDue, moveTask, saveTimeZone, SETTINGS_KEY, timeIn, useCalendar, useTaskSettings, viewRange, ymdIn, zonedInstant,
} from './data';

const typeColor: Record<string, string> = { todo: 'gray', call: 'blue', meeting: 'violet', email: 'cyan' };
type View = 'day' | 'week' | 'month';
const HOURS = Array.from({ length: 14 }, (_, i) => i + 7);
const pad = (n: number) => String(n).padStart(2, '0');

/** "Move to…": a date and a time in the calendar's zone, by keyboard as well as by mouse. */
function MoveDialog({ task, zone, onClose, onMove }: { task: TaskItem; zone: string; onClose: () => void; onMove: (due: Date) => Promise<void> }) {
  const { t } = useTranslation();
  const due = new Date(task.dueAt!);
  const at = timeIn(zone, due);
  const [date, setDate] = useState(ymdIn(zone, due));
  const [time, setTime] = useState(`${pad(at.hour)}:${pad(at.minute)}`);
  const [errors, setErrors] = useState<{ date?: string; time?: string }>({});
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const found = {
      ...(/^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(date)) ? {} : { date: t('tasks.calendar.badDate') }),
      ...(/^\d{2}:\d{2}$/.test(time) ? {} : { time: t('tasks.calendar.badTime') }),
    };
    setErrors(found);
    if (found.date || found.time) return;
    const [h, m] = time.split(':').map(Number) as [number, number];
    setBusy(true);
    try {
      await onMove(zonedInstant(zone, date, h, m));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('tasks.calendar.moveTitle', { title: task.title })} closeButtonProps={{ 'aria-label': t('tasks.calendar.cancel') }}>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }} data-testid="calendar-move-form">
        <Stack>
          <Group grow>
            <TextInput type="date" label={t('tasks.calendar.date')} value={date} error={errors.date} onChange={(e) => setDate(e.currentTarget.value)} data-autofocus data-testid="calendar-move-date" />
            <TextInput type="time" label={t('tasks.calendar.time')} value={time} error={errors.time} onChange={(e) => setTime(e.currentTarget.value)} data-testid="calendar-move-time" />
          </Group>
          <Text size="xs" c="dimmed">{t('tasks.calendar.inZone', { zone })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('tasks.calendar.cancel')}</Button>
            <Button type="submit" loading={busy} data-testid="calendar-move-submit">{t('tasks.calendar.move')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** My own zone, or the workspace's ("" = follow the workspace). */
function ZonePicker({ own, workspace }: { own: string | null; workspace: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const zones = Intl.supportedValuesOf('timeZone');
  const save = async (v: string | null) => {
    try {
      await saveTimeZone(v || null);
      void qc.invalidateQueries({ queryKey: SETTINGS_KEY });
      void qc.invalidateQueries({ queryKey: MINE_KEY });
    } catch (err) {
      notifyError(errorMessage(err, t));
    }
  };
  return (
    <Select aria-label={t('tasks.calendar.zone')} w={230} searchable allowDeselect={false} value={own ?? ''} onChange={(v) => void save(v)} data-testid="calendar-zone"
      data={[{ value: '', label: t('tasks.calendar.workspaceZone', { zone: workspace }) }, ...zones.map((z) => ({ value: z, label: z }))]} />
  );
}

function CalendarBody({ zone, own, workspace }: { zone: string; own: string | null; workspace: string }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const view = (['day', 'week', 'month'].includes(params.get('view') ?? '') ? params.get('view') : 'week') as View;
  const today = ymdIn(zone, new Date());
  const anchor = /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') ?? '') ? params.get('date')! : today;
  const { from, to, days } = viewRange(view, anchor, zone);
  const cal = useCalendar(from.toISOString(), to.toISOString());
  const [dragging, setDragging] = useState<string | null>(null);
  const [moving, setMoving] = useState<TaskItem | null>(null);
  const set = (patch: Record<string, string>) => setParams((p) => { const n = new URLSearchParams(p); for (const [k, v] of Object.entries(patch)) n.set(k, v); return n; });
  const step = (dir: number) => set({ date: view === 'month' ? addMonths(anchor, dir) : addDays(anchor, dir * (view === 'day' ? 1 : 7)) });
  const tasks = cal.data?.data ?? [];
  const dayOf = (x: TaskItem) => ymdIn(zone, new Date(x.dueAt!));
  const hourOf = (x: TaskItem) => timeIn(zone, new Date(x.dueAt!)).hour;
  const on = (day: string, hour: number | null) => tasks.filter((x) => x.dueAt && dayOf(x) === day && (hour === null || hourOf(x) === hour));
  const dayLabel = new Intl.DateTimeFormat(i18n.language, { weekday: 'short', day: 'numeric', month: 'numeric', timeZone: 'UTC' });
  const label = (day: string) => dayLabel.format(new Date(`${day}T00:00:00Z`));
  const timeLabel = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', timeZone: zone });
  const whenLabel = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });

  const move = async (task: TaskItem, due: Date) => {
    if (!task.dueAt || due.getTime() === new Date(task.dueAt).getTime()) { setMoving(null); return; }
    const shift = due.getTime() - new Date(task.dueAt).getTime();
    try {
      await moveTask(task.id, task.version, due.toISOString(), task.remindAt ? new Date(new Date(task.remindAt).getTime() + shift).toISOString() : null);
      notifySuccess(t('tasks.calendar.moved', { when: whenLabel.format(due) }));
      setMoving(null);
    } catch (err) {
      notifyError(isStale(err) ? t('tasks.calendar.stale') : errorMessage(err, t));
      if (isStale(err)) setMoving(null);
    } finally {
      void qc.invalidateQueries({ queryKey: ['/tasks/calendar'] });
      void qc.invalidateQueries({ queryKey: MINE_KEY });
    }
  };
  const drop = (day: string, hour: number | null) => {
    const task = tasks.find((x) => x.id === dragging);
    setDragging(null);
    if (task?.dueAt) void move(task, movedDue(task.dueAt, day, hour, zone));
  };
  const target = (day: string, hour: number | null) => ({
    onDragOver: (e: React.DragEvent) => e.preventDefault(),
    onDrop: (e: React.DragEvent) => { e.preventDefault(); drop(day, hour); },
    'data-testid': 'calendar-cell', 'data-day': day, ...(hour !== null ? { 'data-hour': hour } : {}),
  });
  const chip = (task: TaskItem) => (
    <Group key={task.id} gap={2} wrap="nowrap" draggable onDragStart={(e: React.DragEvent) => { e.dataTransfer.setData('text/plain', task.id); setDragging(task.id); }}
      data-testid="calendar-task" data-id={task.id} style={{ cursor: 'grab', borderLeft: `3px solid var(--mantine-color-${typeColor[task.type] ?? 'gray'}-6)`, paddingLeft: 4 }}>
      {/* A done task is struck through in a dark grey (not faded: small text must keep its contrast). */}
      <Anchor component={Link} to={`/tasks/${task.id}`} size="xs" c={task.status === 'done' ? 'gray.7' : undefined} td={task.status === 'done' ? 'line-through' : undefined} style={{ flex: 1, minWidth: 0 }}>
        {task.dueAt ? `${timeLabel.format(new Date(task.dueAt))} ` : ''}{task.title}
      </Anchor>
      <ActionIcon variant="subtle" size="xs" aria-label={t('tasks.calendar.moveTo', { title: task.title })} onClick={() => setMoving(task)} data-testid="calendar-task-move">
        <IconCalendarEvent size={12} />
      </ActionIcon>
    </Group>
  );

  return (
    <Stack>
      <PageHeader title={t('tasks.calendar.title')} description={t('tasks.calendar.hint', { zone })} actions={
        <Group gap="xs">
          <ZonePicker own={own} workspace={workspace} />
          <Button variant="default" onClick={() => step(-1)}>{t('tasks.calendar.previous')}</Button>
          <Button variant="default" onClick={() => set({ date: today })}>{t('tasks.calendar.today')}</Button>
          <Button variant="default" onClick={() => step(1)}>{t('tasks.calendar.next')}</Button>
          <SegmentedControl value={view} onChange={(v) => set({ view: v })} data={[
            { value: 'day', label: t('tasks.calendar.day') }, { value: 'week', label: t('tasks.calendar.week') }, { value: 'month', label: t('tasks.calendar.month') },
          ]} />
        </Group>
      } />
      {cal.error ? <ErrorState error={cal.error} onRetry={() => void cal.refetch()} /> : view === 'month' ? (
        <SimpleGrid cols={7} spacing={2} data-testid="calendar-month">
          {days.map((d) => (
            <Box key={d} {...target(d, null)} p={4} mih={90} style={{ border: '1px solid var(--mantine-color-default-border)', opacity: d.slice(0, 7) === anchor.slice(0, 7) ? 1 : 0.6 }}>
              <Text size="xs" fw={600}>{label(d)}</Text>
              <Stack gap={2}>{on(d, null).map(chip)}</Stack>
            </Box>
          ))}
        </SimpleGrid>
      ) : (
        <Box style={{ overflowX: 'auto' }}>
          <Box style={{ display: 'grid', gridTemplateColumns: `56px repeat(${days.length}, minmax(120px, 1fr))`, minWidth: days.length * 120 + 56 }} data-testid={`calendar-${view}`}>
            <Box />
            {days.map((d) => <Text key={d} size="sm" fw={600} ta="center">{label(d)}</Text>)}
            {[null, ...HOURS].map((h) => [
              <Text key={`h${h}`} size="xs" c="dimmed">{h === null ? '' : `${pad(h)}:00`}</Text>,
              ...days.map((d) => (
                <Box key={`${d}-${h}`} {...target(d, h)} mih={h === null ? 24 : 36} p={2} style={{ borderTop: '1px solid var(--mantine-color-default-border)', borderLeft: '1px solid var(--mantine-color-default-border)' }}>
                  {(h === null ? on(d, null).filter((x) => hourOf(x) < HOURS[0]! || hourOf(x) > HOURS[HOURS.length - 1]!) : on(d, h)).map(chip)}
                </Box>
              )),
            ])}
          </Box>
        </Box>
      )}
      {moving && <MoveDialog task={moving} zone={zone} onClose={() => setMoving(null)} onMove={(due) => move(moving, due)} />}
    </Stack>
  );
}

export function CalendarPage() {
  const settings = useTaskSettings();
  if (settings.error) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <LoadingState />;
  return <CalendarBody zone={settings.data.timeZone} own={settings.data.ownTimeZone} workspace={settings.data.workspaceTimeZone} />;
}
