/** HTTP of the tasks module beside the engine's generic `/tasks` routes: my tasks, the calendar, the iCalendar feed. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorSchema } from '../../../../contracts/common.js';
import { calendarQuery, calendarSchema, feedCreatedSchema, feedStatusSchema, myTasksSchema, taskSettingsInput, taskSettingsSchema } from '../../../../contracts/tasks.js';
import { loadPrincipal } from '../../platform/auth/authenticate.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { notFound } from '../../platform/http/errors.js';
import { buildCalendar } from './tasks.ics.js';
import { present, tasksService as service, userTimeZone, visibleTasks, type TaskRow } from './tasks.service.js';

const tags = ['tasks'];
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema };
const read = { module: 'tasks', action: 'read' } as const;

export async function tasksRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = apiRouter(app);
  const db = ctx.database.db;

  r.get('/tasks/mine', {
    config: { access: read },
    schema: { tags, summary: 'My open tasks: overdue, today and upcoming, in my time zone', operationId: 'myTasks', response: { 200: myTasksSchema, ...errors } },
  }, async (req) => service.mine(db, principalOf(req)));

  r.get('/tasks/calendar', {
    config: { access: read },
    schema: { tags, summary: 'Tasks due in a range (at most 62 days) that I may read', operationId: 'taskCalendar', querystring: calendarQuery, response: { 200: calendarSchema, ...errors } },
  }, async (req) => service.calendar(db, principalOf(req), req.query));

  r.get('/tasks/settings', {
    config: { access: read },
    schema: { tags, summary: 'My time zone for tasks (mine, else the workspace\'s)', operationId: 'taskSettings', response: { 200: taskSettingsSchema, ...errors } },
  }, async (req) => service.settings(db, principalOf(req)));

  r.put('/tasks/settings', {
    config: { access: read },
    schema: { tags, summary: 'Choose my own time zone (null: follow the workspace)', operationId: 'setTaskSettings', body: taskSettingsInput, response: { 200: taskSettingsSchema, ...errors } },
  }, async (req) => service.setTimeZone(db, principalOf(req), req.body.timeZone));

  r.get('/tasks/feed', {
    config: { access: read },
    schema: { tags, summary: 'Whether my calendar feed exists', operationId: 'taskFeedStatus', response: { 200: feedStatusSchema, ...errors } },
  }, async (req) => service.feedStatus(db, principalOf(req)));

  r.post('/tasks/feed', {
    config: { access: read },
    schema: { tags, summary: 'Create or rotate my calendar feed; returns its secret URL once', operationId: 'createTaskFeed', response: { 201: feedCreatedSchema, ...errors } },
  }, async (req, reply) => reply.status(201).send(await db.transaction().execute((trx) => service.createFeed(trx, principalOf(req), ctx.config.baseUrl))));

  r.delete('/tasks/feed', {
    config: { access: read },
    schema: { tags, summary: 'Revoke my calendar feed', operationId: 'revokeTaskFeed', response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await service.revokeFeed(db, principalOf(req));
    return reply.status(204).send(null);
  });

  // No response schema: the body is text/calendar, not JSON.
  r.get('/public/calendar/:file', {
    config: { access: 'public' },
    schema: { tags, summary: "A user's open tasks as iCalendar (the secret URL from POST /tasks/feed)", operationId: 'taskFeed', params: z.object({ file: z.string().max(100) }) },
  }, async (req, reply) => {
    const token = req.params.file.replace(/\.ics$/, '');
    const userId = await service.feedOwner(db, token);
    const p = userId ? await loadPrincipal(db, userId, { kind: 'user' }) : null;
    if (!p) throw notFound('calendar');
    // What the user may read now: the feed follows their role's scope of tasks.
    const rows = p.isAdmin || p.permissions.tasks?.actions.includes('read')
      ? (await visibleTasks(db, p).select('t.description').where('t.assignee', '=', p.userId).where('t.status', '=', 'open').where('t.due_at', 'is not', null)
        .orderBy('t.due_at').orderBy('t.id').limit(1000).execute()) as TaskRow[]
      : [];
    const items = await present(db, p, rows);
    const host = new URL(ctx.config.baseUrl).hostname || 'kith';
    const body = buildCalendar({
      zone: await userTimeZone(db, p.userId), name: p.locale === 'vi' ? `Công việc — ${p.name}` : `Tasks — ${p.name}`, baseUrl: ctx.config.baseUrl, host,
      tasks: items.map((t, i) => ({ ...t, description: rows[i]!.description })),
    });
    return reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(body);
  });
}
