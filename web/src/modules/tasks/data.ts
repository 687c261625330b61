/** The tasks module's server state: my day, the calendar range, completing and moving a task (If-Match), the feed. */
import { useQuery } from '@tanstack/react-query';
import type { CalendarTasks, FeedCreated, FeedStatus, MyTasks, TaskSettings } from '../../../../contracts/tasks';
import { api } from '../../app/api';

export const MINE_KEY = ['/tasks/mine'];
export const FEED_KEY = ['/tasks/feed'];
export const SETTINGS_KEY = ['/tasks/settings'];
export const calendarKey = (from: string, to: string) => ['/tasks/calendar', from, to];

export function useMyTasks() {
  return useQuery({ queryKey: MINE_KEY, queryFn: ({ signal }) => api.get<MyTasks>('/tasks/mine', undefined, { signal }) });
}

export function useCalendar(from: string, to: string) {
  return useQuery({ queryKey: calendarKey(from, to), queryFn: ({ signal }) => api.get<CalendarTasks>('/tasks/calendar', { from, to }, { signal }) });
}

/** My time zone for tasks (mine, else the workspace's). */
export function useTaskSettings() {
  return useQuery({ queryKey: SETTINGS_KEY, queryFn: ({ signal }) => api.get<TaskSettings>('/tasks/settings', undefined, { signal }) });
}
export const saveTimeZone = (timeZone: string | null) => api.put<TaskSettings>('/tasks/settings', { timeZone });

export function useFeedStatus() {
  return useQuery({ queryKey: FEED_KEY, queryFn: ({ signal }) => api.get<FeedStatus>('/tasks/feed', undefined, { signal }) });
}

export const createFeed = () => api.post<FeedCreated>('/tasks/feed', {});
export const revokeFeed = () => api.delete('/tasks/feed');

/** Completes a task (with an outcome for calls and meetings) with If-Match. */
export const completeTask = (id: string, version: number, outcome?: string) =>
  api.patch(`/tasks/${id}`, { values: { status: 'done', ...(outcome ? { outcome } : {}) } }, { version });

/** Moves a task's due time (and its reminder by the same amount) with If-Match. */
export const moveTask = (id: string, version: number, dueAt: string, remindAt?: string | null) =>
  api.patch(`/tasks/${id}`, { values: { due_at: dueAt, ...(remindAt ? { remind_at: remindAt } : {}) } }, { version });

/** Calls and meetings ask for an outcome when completed. */
export const asksOutcome = (type: string) => type === 'call' || type === 'meeting';

/*
 * Calendar days in the user's time zone (their own, else the workspace's: GET /tasks/settings), never the
 * browser's: a day is a `YYYY-MM-DD` string, an instant a Date. Intl only.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function wall(zone: string, at: Date): { y: number; m: number; d: number; h: number; min: number; s: number } {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(zone, f);
  }
  const p = f.formatToParts(at);
  const get = (t: string) => Number(p.find((x) => x.type === t)?.value ?? 0);
  return { y: get('year'), m: get('month'), d: get('day'), h: get('hour'), min: get('minute'), s: get('second') };
}
const pad = (n: number) => String(n).padStart(2, '0');
const offset = (zone: string, at: Date) => {
  const w = wall(zone, at);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s) - Math.floor(at.getTime() / 1000) * 1000;
};

/** The local day of an instant in a zone: ymdIn('Asia/Ho_Chi_Minh', new Date('2026-12-07T18:00:00Z')) → '2026-12-08'. */
export function ymdIn(zone: string, at: Date): string {
  const w = wall(zone, at);
  return `${w.y}-${pad(w.m)}-${pad(w.d)}`;
}
/** The local hour and minute of an instant in a zone. */
export function timeIn(zone: string, at: Date): { hour: number; minute: number } {
  const w = wall(zone, at);
  return { hour: w.h, minute: w.min };
}
/** The instant of a wall-clock time in a zone: zonedInstant('Asia/Ho_Chi_Minh', '2026-12-08', 10, 0) → 03:00 UTC. */
export function zonedInstant(zone: string, day: string, hour: number, minute: number): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d, hour, minute);
  let t = guess - offset(zone, new Date(guess));
  t = guess - offset(zone, new Date(t));
  return new Date(t);
}
/** `YYYY-MM-DD` plus n days. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
/** Monday of the week of a day. */
export function startOfWeek(day: string): string {
  return addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
}
/** The range a view shows in a zone: [from, to) and its days. */
export function viewRange(view: 'day' | 'week' | 'month', anchor: string, zone: string): { from: Date; to: Date; days: string[] } {
  let days: string[];
  if (view === 'day') days = [anchor];
  else if (view === 'week') days = Array.from({ length: 7 }, (_, i) => addDays(startOfWeek(anchor), i));
  else {
    const next = addDays(`${anchor.slice(0, 8)}01`, 32).slice(0, 8) + '01';
    days = [];
    for (let d = startOfWeek(`${anchor.slice(0, 8)}01`); d < next || days.length % 7 !== 0; d = addDays(d, 1)) days.push(d);
  }
  return { from: zonedInstant(zone, days[0]!, 0, 0), to: zonedInstant(zone, addDays(days[days.length - 1]!, 1), 0, 0), days };
}
/** A new due time: `day` at `hour` (minute 0), or at the old time of day when hour is null — in the zone. */
export function movedDue(oldDue: string, day: string, hour: number | null, zone: string): Date {
  const old = timeIn(zone, new Date(oldDue));
  return zonedInstant(zone, day, hour ?? old.hour, hour === null ? old.minute : 0);
}
/** A month's first day, n months from the anchor's. */
export const addMonths = (day: string, n: number) => {
  const d = new Date(`${day.slice(0, 8)}01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
};
