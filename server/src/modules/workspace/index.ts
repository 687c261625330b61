/**
 * Module `workspace`: the workspace's settings (company name and logo, currency, time zone, date and number
 * formats, working week, default language) and each user's notification preferences, which `notify` follows.
 * Other modules read the settings with `workspaceSettings(ex)` and the logo with `workspaceLogo(ex)`.
 */
import type { KithModule } from '../../platform/context.js';
import { setNotificationRouting } from '../../platform/events/notifier.js';
import { NOTIFICATION_EMAIL_JOB, notificationRouting, sendNotificationEmail, type NotificationEmailPayload } from './preferences.service.js';
import { workspaceMigrations } from './workspace.migrations.js';
import { workspaceRoutes } from './workspace.routes.js';

export { workspaceSettings, workspaceLogo } from './workspace.service.js';
export { eventOfType } from './workspace.logic.js';
export { NOTIFICATION_EMAIL_JOB } from './preferences.service.js';

export const module: KithModule = {
  name: 'workspace',
  migrations: workspaceMigrations,
  // Reading is for every signed-in user, changing for admins; preferences are each user's own: no role grant.
  permissions: [],
  routes: workspaceRoutes,
  start(ctx) {
    setNotificationRouting(notificationRouting);
    ctx.services.jobs.register<NotificationEmailPayload>(NOTIFICATION_EMAIL_JOB, (payload) => sendNotificationEmail(ctx, payload));
  },
};
