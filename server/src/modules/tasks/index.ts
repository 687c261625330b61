/**
 * Tasks: calls, meetings, emails and to-dos as a standard object of the records engine (`/api/v1/tasks`), linked
 * to contacts, companies, deals and leads; my tasks, the calendar, reminders and due notices, the daily digest,
 * the iCalendar feed, tasks on timelines. See README.md.
 */
import type { KithModule } from '../../platform/context.js';
import { loadTasksDemo } from './tasks.demo.js';
import { tasksMigrations } from './tasks.migrations.js';
import { TASK_DIGEST_JOB, TASK_NOTIFY_JOB, sendDigests, sendTaskNotifications } from './tasks.notify.js';
import { tasksRoutes } from './tasks.routes.js';
import './tasks.tables.js';
import './tasks.definition.js';
import './tasks.timeline.js';

export { tasksDefinition } from './tasks.definition.js';
export { refreshNextStep } from './tasks.hooks.js';

export const module: KithModule = {
  name: 'tasks',
  migrations: tasksMigrations,
  permissions: [{ key: 'tasks', label: { en: 'Tasks', vi: 'Công việc' }, scoped: true }],
  routes: tasksRoutes,
  async start(ctx) {
    ctx.services.jobs.register(TASK_NOTIFY_JOB, () => sendTaskNotifications(ctx.database.db));
    await ctx.services.jobs.schedule(TASK_NOTIFY_JOB, '* * * * *', TASK_NOTIFY_JOB, {});
    ctx.services.jobs.register(TASK_DIGEST_JOB, () => sendDigests({ db: ctx.database.db, mail: ctx.services.mail, config: ctx.config }));
    await ctx.services.jobs.schedule(TASK_DIGEST_JOB, '5 * * * *', TASK_DIGEST_JOB, {});
  },
  demo: loadTasksDemo,
};
