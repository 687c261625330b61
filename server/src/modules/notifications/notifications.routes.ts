import type { FastifyInstance } from 'fastify';
import { errorSchema, idParams } from '../../../../contracts/common.js';
import {
  notificationListQuery, notificationPage, notificationSchema, readAllResultSchema, unreadCountSchema,
} from '../../../../contracts/notifications.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { websocketRoutes } from '../../platform/http/websocket.js';
import { createNotificationHub, type Socket } from './notifications.realtime.js';
import { listNotifications, markAllNotificationsRead, markNotificationRead, unreadCount } from './notifications.service.js';

const tags = ['notifications'];
const errorResponses = { '4xx': errorSchema } as const;

/** The caller's own notification centre. Every route acts on `principal.userId` only. */
export async function notificationRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = apiRouter(app);
  const db = ctx.database.db;

  r.get('/notifications', {
    config: { access: 'authenticated' },
    schema: {
      tags, summary: 'List my notifications (newest first)', operationId: 'listNotifications',
      querystring: notificationListQuery, response: { 200: notificationPage, ...errorResponses },
    },
  }, async (req) => listNotifications(db, principalOf(req).userId, req.query));

  r.get('/notifications/unread-count', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'How many of my notifications are unread', operationId: 'countUnreadNotifications', response: { 200: unreadCountSchema, ...errorResponses } },
  }, async (req) => ({ count: await unreadCount(db, principalOf(req).userId) }));

  r.post('/notifications/:id/read', {
    config: { access: 'authenticated' },
    schema: {
      tags, summary: 'Mark one of my notifications read', operationId: 'markNotificationRead',
      params: idParams, response: { 200: notificationSchema, ...errorResponses },
    },
  }, async (req) => markNotificationRead(db, principalOf(req).userId, req.params.id));

  r.post('/notifications/read-all', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Mark all my notifications read', operationId: 'markAllNotificationsRead', response: { 200: readAllResultSchema, ...errorResponses } },
  }, async (req) => ({ updated: await markAllNotificationsRead(db, principalOf(req).userId) }));

  // Websocket: the auth hook has already resolved the session cookie (or API key) before the upgrade.
  const hub = createNotificationHub(ctx.database, ctx.log);
  app.addHook('onClose', async () => hub.close());
  await websocketRoutes(app, (scope) => {
    scope.get('/notifications/ws', {
      websocket: true,
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Push channel for my new notifications (websocket)', operationId: 'notificationSocket', hide: true },
    }, async (socket: Socket, req) => {
      // Browsers send cookies on cross-site websocket upgrades: accept only our own origin.
      const origin = req.headers.origin;
      if (origin && safeHost(origin) !== req.headers.host) {
        socket.close(1008, 'cross-origin websocket refused');
        return;
      }
      await hub.add(principalOf(req).userId, socket);
    });
  });
}

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
