/**
 * Wire shapes of the tasks module's own routes (the task records themselves are engine records at `/api/v1/tasks`):
 * "my tasks", the calendar, and the per-user iCalendar feed.
 */
import { z } from 'zod';
import { idSchema, isoDateTime } from './common.js';

/** One task as "my day" and the calendar show it. Times are ISO UTC; `version` is for If-Match on PATCH /tasks/{id}. */
export const taskItemSchema = z.object({
  id: idSchema,
  version: z.number().int(),
  title: z.string(),
  type: z.string(),
  status: z.string(),
  priority: z.string().nullable(),
  dueAt: isoDateTime.nullable(),
  remindAt: isoDateTime.nullable(),
  completedAt: isoDateTime.nullable(),
  assignee: z.string().nullable(),
  contact: z.object({ id: z.string(), title: z.string() }).nullable(),
  company: z.object({ id: z.string(), title: z.string() }).nullable(),
  deal: z.string().nullable(),
  lead: z.string().nullable(),
  outcome: z.string().nullable(),
});
export type TaskItem = z.infer<typeof taskItemSchema>;

/** `GET /tasks/mine`: my open tasks, grouped in my time zone. `upcoming` ends with tasks without a due time. */
export const myTasksSchema = z.object({
  timeZone: z.string(),
  /** Start of today in my zone (ISO UTC). */
  today: isoDateTime,
  overdue: z.array(taskItemSchema),
  todayTasks: z.array(taskItemSchema),
  upcoming: z.array(taskItemSchema),
});
export type MyTasks = z.infer<typeof myTasksSchema>;

const instant = z.string().max(40).refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 date-time');

/** `GET /tasks/calendar?from&to[&assignee]`: tasks due in [from, to), at most 62 days. */
export const calendarQuery = z.object({
  from: instant,
  to: instant,
  /** Only this user's tasks (`me` for mine). */
  assignee: z.string().max(64).optional(),
});
export const calendarSchema = z.object({ timeZone: z.string(), data: z.array(taskItemSchema) });
export type CalendarTasks = z.infer<typeof calendarSchema>;

/** `GET /tasks/feed`: whether my calendar feed exists (its URL is shown only once, when created). */
export const feedStatusSchema = z.object({ active: z.boolean(), createdAt: isoDateTime.nullable() });
export type FeedStatus = z.infer<typeof feedStatusSchema>;
/** `POST /tasks/feed` → 201: a new secret URL (any previous one stops working). */
export const feedCreatedSchema = z.object({ url: z.string(), createdAt: isoDateTime });
export type FeedCreated = z.infer<typeof feedCreatedSchema>;

/** `GET /tasks/settings`: the zone my day, the calendar, reminders and the digest use (mine, else the workspace's). */
export const taskSettingsSchema = z.object({
  timeZone: z.string(),
  /** The zone I chose, or null to follow the workspace. */
  ownTimeZone: z.string().nullable(),
  workspaceTimeZone: z.string(),
});
export type TaskSettings = z.infer<typeof taskSettingsSchema>;
/** `PUT /tasks/settings`: an IANA zone such as `Asia/Ho_Chi_Minh`, or null to follow the workspace. */
export const taskSettingsInput = z.strictObject({ timeZone: z.string().trim().min(1).max(64).nullable() });
