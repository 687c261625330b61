/**
 * Notification centre: a user's own notifications, unread count, mark read, websocket push.
 * Imports only zod.
 */
import { z } from 'zod';
import { idSchema, isoDateTime, pageOf, pageQuery } from './common.js';

/** One notification as the API returns it. */
export const notificationSchema = z.object({
  id: idSchema,
  /** Machine-readable kind, e.g. `task.assigned`. */
  type: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  /** In-app path to open when clicked, e.g. `/deals/0193…`. */
  link: z.string().nullable(),
  /** When the user marked it read; null while unread. */
  readAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});
export type AppNotification = z.infer<typeof notificationSchema>;

/** GET /notifications: newest first; `unread=true` lists only unread ones. */
export const notificationListQuery = pageQuery.extend({
  unread: z.enum(['true', 'false']).optional().describe('Only unread notifications when "true"'),
});
export const notificationPage = pageOf(notificationSchema);

/** GET /notifications/unread-count */
export const unreadCountSchema = z.object({ count: z.number().int().min(0) });

/** POST /notifications/read-all answers how many were marked. */
export const readAllResultSchema = z.object({ updated: z.number().int().min(0) });

/** Messages the server pushes on GET /notifications/ws (JSON text frames). */
export const notificationSocketMessage = z.discriminatedUnion('type', [
  /** Sent once the subscription is live: refetch the count now, pushes follow. */
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('notification'), notification: notificationSchema }),
]);
export type NotificationSocketMessage = z.infer<typeof notificationSocketMessage>;
