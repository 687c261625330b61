import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../platform/db/db.js';
import type { SessionsTable } from '../../platform/db/platform.tables.js';
import { newId, nowIso } from '../../platform/ids.js';

export type SessionRow = Selectable<SessionsTable>;

export async function insertSession(db: Executor, row: Insertable<SessionsTable>): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export async function findSession(db: Executor, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Deletes every session of the user, except `keepId` when given (the one making the request). */
export async function deleteUserSessions(db: Executor, userId: string, keepId?: string): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepId) query = query.where('id', '!=', keepId);
  const res = await query.executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Records a sign-in attempt in the history (the throttle itself counts in login_throttle). */
export async function recordAttempt(db: Executor, email: string, ip: string, succeeded: boolean): Promise<void> {
  await db.insertInto('login_attempts').values({ id: newId(), email, ip, succeeded: succeeded ? 1 : 0, created_at: nowIso() }).execute();
}
