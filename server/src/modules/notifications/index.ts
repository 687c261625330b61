/**
 * Notification centre: every user's notifications, unread count, mark read, and a websocket that
 * pushes new ones. Other modules post with `notify(trx, userId, { type, title, body?, link? })`
 * (also `ctx.services.notifications.notify`).
 */
import type { KithModule } from '../../platform/context.js';
import { notificationRoutes } from './notifications.routes.js';

export { notify, NOTIFICATIONS_CHANNEL, type NotificationInput } from '../../platform/events/notifier.js';

export const module: KithModule = {
  name: 'notifications',
  // Each user sees only their own notifications (`authenticated` access): no role grant needed.
  permissions: [],
  routes: notificationRoutes,
};
