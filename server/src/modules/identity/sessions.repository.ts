import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../platform/db/db.js';
import type { SessionsTable } from '../../platform/db/platform.tables.js';
import { newId, nowIso } from '../../platform/ids.js';
import { MAX_FAILURES } from './identity.logic.js';

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

/** Times of the newest failed sign-ins (at most MAX_FAILURES) for an email or an IP since `since`. */
export async function recentFailures(db: Executor, by: { email: string } | { ip: string }, since: string): Promise<string[]> {
  let query = db.selectFrom('login_attempts').select('created_at').where('succeeded', '=', 0).where('created_at', '>', since);
  query = 'email' in by ? query.where('email', '=', by.email) : query.where('ip', '=', by.ip);
  const rows = await query.orderBy('created_at', 'desc').limit(MAX_FAILURES).execute();
  return rows.map((r) => r.created_at);
}

export async function recordAttempt(db: Executor, email: string, ip: string, succeeded: boolean): Promise<void> {
  await db.insertInto('login_attempts').values({ id: newId(), email, ip, succeeded: succeeded ? 1 : 0, created_at: nowIso() }).execute();
}
