import type { Executor } from '../db/db.js';
import { newId, nowIso } from '../ids.js';
import { publish } from './pubsub.js';

/** PostgreSQL channel (and in-process event name) that carries `{ userId, id }` of a new notification. */
export const NOTIFICATIONS_CHANNEL = 'kith_notifications';

export interface NotificationInput {
  /** Machine-readable kind, e.g. `task.assigned`, `ticket.sla_breached`. */
  type: string;
  title: string;
  body?: string | null;
  /** In-app path to open, e.g. `/deals/0193…`. */
  link?: string | null;
}

export interface NotificationMessage {
  userId: string;
  id: string;
}

/** Notifications as a platform service (ctx.services.notifications). */
export interface NotificationService {
  notify(executor: Executor, userId: string, input: NotificationInput): Promise<string>;
}

/** Where one notification goes, as the recipient chose for its type. */
export interface NotificationChannels {
  inApp: boolean;
  email: boolean;
}

/**
 * Per-user routing of notifications, set at start-up by the module that keeps preferences (workspace):
 * `channels` reads the recipient's choice for a type, `queueEmail` queues the email in the same transaction.
 * Without it every notification goes to the notification centre only.
 */
export interface NotificationRouting {
  channels(executor: Executor, userId: string, type: string): Promise<NotificationChannels>;
  queueEmail(executor: Executor, userId: string, notificationId: string, input: NotificationInput): Promise<void>;
}

let routing: NotificationRouting | null = null;
/** Installs (or with null removes) the routing `notify` follows. */
export function setNotificationRouting(next: NotificationRouting | null): void {
  routing = next;
}

/**
 * The channels a user keeps on for a notification type, as `notify` would route it (centre only without routing).
 * For a module that sends on its own schedule, e.g. the tasks digest:
 *
 *   if ((await notificationChannels(db, userId, 'task.digest')).email) await mail.send(…);
 */
export async function notificationChannels(executor: Executor, userId: string, type: string): Promise<NotificationChannels> {
  return routing ? routing.channels(executor, userId, type) : { inApp: true, email: false };
}

const clip = (s: string, max: number) => (s.length > max ? s.slice(0, max - 1) + '…' : s);

/**
 * Posts a notification to a user's notification centre and pushes it to their open websockets once
 * the row commits, and queues its email — each only if the user keeps that channel on for the type
 * (see NotificationRouting). Returns the notification's id even when the centre copy was skipped.
 * Pass the transaction of the change that causes it:
 *
 *   await notify(trx, deal.owner_id, { type: 'deal.won', title: `Deal won: ${deal.name}`, link: `/deals/${deal.id}` });
 */
export async function notify(executor: Executor, userId: string, input: NotificationInput): Promise<string> {
  if (!input.type.trim() || !input.title.trim()) throw new Error('a notification needs a type and a title');
  const id = newId();
  const channels = routing ? await routing.channels(executor, userId, input.type) : { inApp: true, email: false };
  if (channels.email) await routing!.queueEmail(executor, userId, id, input);
  if (!channels.inApp) return id;
  await executor
    .insertInto('notifications')
    .values({
      id,
      user_id: userId,
      type: clip(input.type, 100),
      title: clip(input.title, 300),
      body: input.body == null ? null : clip(input.body, 4000),
      link: input.link ?? null,
      read_at: null,
      created_at: nowIso(),
    })
    .execute();
  await publish(executor, NOTIFICATIONS_CHANNEL, { userId, id } satisfies NotificationMessage);
  return id;
}
