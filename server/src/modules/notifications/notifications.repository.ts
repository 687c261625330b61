import type { Executor } from '../../platform/db/db.js';
import { nowIso } from '../../platform/ids.js';

export interface ListOptions {
  limit: number;
  /** [created_at, id] of the last row of the previous page. */
  after?: [string, string];
  unreadOnly: boolean;
}

/** A user's notifications, newest first (keyset on created_at, id); fetches limit + 1 to detect a next page. */
export function listForUser(db: Executor, userId: string, o: ListOptions) {
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (o.unreadOnly) q = q.where('read_at', 'is', null);
  if (o.after) {
    const [at, id] = o.after;
    q = q.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', id)])]));
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(o.limit + 1).execute();
}

export async function countUnread(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One notification of this user (another user's is indistinguishable from a missing one). */
export function findOwn(db: Executor, userId: string, id: string) {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

/** Marks one notification read (keeps the first read time). */
export async function markRead(db: Executor, userId: string, id: string): Promise<void> {
  await db.updateTable('notifications').set({ read_at: nowIso() }).where('id', '=', id).where('user_id', '=', userId).where('read_at', 'is', null).execute();
}

export async function markAllRead(db: Executor, userId: string): Promise<number> {
  const res = await db.updateTable('notifications').set({ read_at: nowIso() }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows);
}
