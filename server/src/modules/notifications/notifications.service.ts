import type { AppNotification } from '../../../../contracts/notifications.js';
import type { Executor } from '../../platform/db/db.js';
import { invalid, notFound } from '../../platform/http/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { presentNotification } from './notifications.presenter.js';
import * as repo from './notifications.repository.js';

/** A page of the caller's notifications, newest first. */
export async function listNotifications(
  db: Executor,
  userId: string,
  q: { limit: number; cursor?: string | undefined; unread?: 'true' | 'false' | undefined },
): Promise<{ data: AppNotification[]; nextCursor: string | null }> {
  const after = decodeCursor(q.cursor, 2) as [string, string] | undefined;
  if (after && !after.every((v) => typeof v === 'string')) throw invalid('cursor', 'invalid cursor');
  const rows = await repo.listForUser(db, userId, { limit: q.limit, after, unreadOnly: q.unread === 'true' });
  const page = toPage(rows, q.limit, (r) => [r.created_at, r.id]);
  return { data: page.data.map(presentNotification), nextCursor: page.nextCursor };
}

export const unreadCount = (db: Executor, userId: string) => repo.countUnread(db, userId);

/** Marks one of the caller's notifications read; another user's answers 404 like a missing one. */
export async function markNotificationRead(db: Executor, userId: string, id: string): Promise<AppNotification> {
  await repo.markRead(db, userId, id);
  const row = await repo.findOwn(db, userId, id);
  if (!row) throw notFound('notification');
  return presentNotification(row);
}

export const markAllNotificationsRead = (db: Executor, userId: string) => repo.markAllRead(db, userId);
