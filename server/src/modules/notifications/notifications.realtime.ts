import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../platform/db/db.js';
import { NOTIFICATIONS_CHANNEL, type NotificationMessage } from '../../platform/events/notifier.js';
import { createSubscriber, type Subscriber } from '../../platform/events/pubsub.js';
import type { NotificationSocketMessage } from '../../../../contracts/notifications.js';
import { presentNotification } from './notifications.presenter.js';
import { findOwn } from './notifications.repository.js';

/** The part of a `ws` WebSocket the hub uses. */
export interface Socket {
  readonly readyState: number;
  send(data: string): void;
  ping(): void;
  close(code?: number, reason?: string): void;
  on(event: 'close' | 'pong', fn: () => void): void;
}

const OPEN = 1;

/**
 * Open notification sockets of this node, by user. New notifications arrive from the pub/sub channel
 * (PostgreSQL NOTIFY from any node, or in-process on SQLite) as `{ userId, id }`; the hub re-reads the
 * row — so a rolled-back notification is never pushed — and sends it to that user's sockets.
 */
export function createNotificationHub(database: Database, log: FastifyBaseLogger) {
  const byUser = new Map<string, Set<Socket>>();
  let subscriber: Subscriber | null = null;
  let subscribing: Promise<unknown> | null = null;

  async function onMessage(raw: unknown) {
    const msg = raw as Partial<NotificationMessage> | null;
    if (!msg || typeof msg.userId !== 'string' || typeof msg.id !== 'string') return;
    const sockets = byUser.get(msg.userId);
    if (!sockets?.size) return;
    try {
      const row = await findOwn(database.db, msg.userId, msg.id);
      if (!row) return;
      const text = JSON.stringify({ type: 'notification', notification: presentNotification(row) } satisfies NotificationSocketMessage);
      for (const s of sockets) if (s.readyState === OPEN) s.send(text);
    } catch (err) {
      log.warn({ err }, 'notification push failed');
    }
  }

  function ensureSubscribed() {
    if (!subscriber) {
      subscriber = createSubscriber(database, log);
      subscribing = subscriber.on(NOTIFICATIONS_CHANNEL, (m) => void onMessage(m));
    }
    return subscribing!;
  }

  // Dead connections (a laptop closed without a close frame) are found by a missing pong.
  const alive = new WeakSet<Socket>();
  const pinger = setInterval(() => {
    for (const set of byUser.values()) {
      for (const s of set) {
        if (!alive.has(s)) s.close(1001, 'no pong');
        else {
          alive.delete(s);
          s.ping();
        }
      }
    }
  }, 30_000);
  pinger.unref();

  return {
    /** Registers a signed-in user's socket and tells it `{type:'ready'}` once pushes will arrive. */
    async add(userId: string, socket: Socket): Promise<void> {
      const set = byUser.get(userId) ?? new Set<Socket>();
      set.add(socket);
      byUser.set(userId, set);
      alive.add(socket);
      socket.on('pong', () => alive.add(socket));
      socket.on('close', () => {
        set.delete(socket);
        if (!set.size && byUser.get(userId) === set) byUser.delete(userId);
      });
      await ensureSubscribed();
      if (socket.readyState === OPEN) socket.send(JSON.stringify({ type: 'ready' } satisfies NotificationSocketMessage));
    },
    async close(): Promise<void> {
      clearInterval(pinger);
      for (const set of byUser.values()) for (const s of set) s.close(1001, 'server shutting down');
      byUser.clear();
      await subscriber?.close();
    },
  };
}
