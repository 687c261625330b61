/**
 * Module `activities`: notes, calls, meetings, logged emails and tasks on contacts and companies,
 * their attachments, and the 360° timeline with its extension point (registerTimelineSource).
 */
import type { KithModule } from '../../platform/context.js';
import { activitiesMigrations } from './activities.migrations.js';
import { activitiesRoutes } from './activities.routes.js';
import { sendDueReminders, TASK_REMINDERS_JOB } from './activities.records.js';
import './activities.sources.js';
import { loadDemo } from './activities.demo.js';

export { registerTimelineSource, unregisterTimelineSource, timelineTypes, type TimelineSource, type TimelineFetch, type TimelineEntity } from './activities.timeline.js';
export { activitiesService } from './activities.service.js';
export { activitiesOfContact, eraseActivitiesOfContact, purgeActivitiesOf, sendDueReminders } from './activities.records.js';
export { removeFiles as removeAttachmentFiles, absolutePath as attachmentPath } from './activities.attachments.js';
export { plainText, sanitizeBody, extractMentions, checkFileType, safeFilename, contentDisposition } from './activities.logic.js';
export { insertPlainNotes, deleteNotes, type PlainNote } from './activities.imported.js';
export type { AttachmentRow, ActivityRow } from './activities.repository.js';

export const module: KithModule = {
  name: 'activities',
  migrations: activitiesMigrations,
  permissions: [{ key: 'activities', label: { en: 'Activities', vi: 'Hoạt động' }, scoped: true }],
  routes: activitiesRoutes,
  async start(ctx) {
    ctx.services.jobs.register(TASK_REMINDERS_JOB, () => sendDueReminders(ctx));
    await ctx.services.jobs.schedule(TASK_REMINDERS_JOB, '*/5 * * * *', TASK_REMINDERS_JOB, {});
  },
  demo: loadDemo,
};
