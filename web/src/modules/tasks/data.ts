/** The tasks module's server state: my day, the calendar range, completing and moving a task (If-Match), the feed. */
import { useQuery } from '@tanstack/react-query';
import type { CalendarTasks, FeedCreated, FeedStatus, MyTasks } from '../../../../contracts/tasks';
import { api } from '../../app/api';

export const MINE_KEY = ['/tasks/mine'];
export const FEED_KEY = ['/tasks/feed'];
export const calendarKey = (from: string, to: string) => ['/tasks/calendar', from, to];

export function useMyTasks() {
  return useQuery({ queryKey: MINE_KEY, queryFn: ({ signal }) => api.get<MyTasks>('/tasks/mine', undefined, { signal }) });
}

export function useCalendar(from: string, to: string) {
  return useQuery({ queryKey: calendarKey(from, to), queryFn: ({ signal }) => api.get<CalendarTasks>('/tasks/calendar', { from, to }, { signal }) });
}

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

/** Local midnight of a date. */
export function startOfDay(d: Date): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate());
}
export function addDays(d: Date, n: number): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + n, d.getHours(), d.getMinutes());
}
/** Monday of the week of a date. */
export function startOfWeek(d: Date): Date {
  const s = startOfDay(d);
  return addDays(s, -((s.getDay() + 6) % 7));
}
/** The range a view shows: [from, to). */
export function viewRange(view: 'day' | 'week' | 'month', anchor: Date): { from: Date; to: Date; days: Date[] } {
  if (view === 'day') {
    const from = startOfDay(anchor);
    return { from, to: addDays(from, 1), days: [from] };
  }
  if (view === 'week') {
    const from = startOfWeek(anchor);
    return { from, to: addDays(from, 7), days: Array.from({ length: 7 }, (_, i) => addDays(from, i)) };
  }
  const first = new Date(anchor.getFullYear(), anchor.getMonth(), 1);
  const from = startOfWeek(first);
  const last = new Date(anchor.getFullYear(), anchor.getMonth() + 1, 1);
  const days: Date[] = [];
  for (let d = from; d < last || days.length % 7 !== 0; d = addDays(d, 1)) days.push(d);
  return { from, to: addDays(days[days.length - 1]!, 1), days };
}
/** A new due time: `day` at `hour` (keeps the minutes) or the old time of day when hour is null. */
export function movedDue(oldDue: string, day: Date, hour: number | null): Date {
  const old = new Date(oldDue);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), hour ?? old.getHours(), hour === null ? old.getMinutes() : 0);
}
export const ymd = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
