/**
 * Sign-in throttle counters (table login_throttle) and known devices (known_devices).
 * The counting statement is one upsert that both counts the attempt and checks it, so parallel requests
 * cannot all read "under the limit" before any of them writes (the race the old read-then-insert had).
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/db.js';
import { nowIso } from '../../platform/ids.js';
import type { ThrottleRule } from './identity.logic.js';

/**
 * Counts one attempt on `key` unless the key is inside its delay, in one statement (INSERT … ON CONFLICT DO
 * UPDATE … WHERE … RETURNING, the same text on SQLite and PostgreSQL). Returns the attempt's number (1 for
 * the first since the key went idle for `rule.idleResetMs`), or null when refused: no attempt may be counted
 * before `next_at`. After the `rule.free`-th attempt each counted attempt sets a delay, doubling from
 * `rule.baseDelayMs` up to `rule.maxDelayMs`.
 * Example: free 5, base 1 s — attempts 1-5 pass at once, the 6th sets a 1 s delay, the 7th (≥ 1 s later) 2 s.
 */
export async function countAttempt(db: Executor, key: string, rule: ThrottleRule, now: number): Promise<number | null> {
  const n = (v: number) => sql<number>`cast(${v} as bigint)`;
  const idle = sql<boolean>`login_throttle.last_at <= ${n(now - rule.idleResetMs)}`;
  const count = sql<number>`case when ${idle} then 1 else login_throttle.count + 1 end`;
  const delay = sql<number>`case
    when ${count} <= ${n(rule.free)} then ${n(0)}
    when login_throttle.delay_ms = 0 then ${n(rule.baseDelayMs)}
    when login_throttle.delay_ms * 2 >= ${n(rule.maxDelayMs)} then ${n(rule.maxDelayMs)}
    else login_throttle.delay_ms * 2 end`;
  const row = await db
    .withoutPlugins()
    .insertInto('login_throttle')
    .values({ key, count: 1, delay_ms: rule.free >= 1 ? 0 : rule.baseDelayMs, next_at: now + (rule.free >= 1 ? 0 : rule.baseDelayMs), last_at: now })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ count, delay_ms: delay, next_at: sql<number>`${n(now)} + ${delay}`, last_at: n(now) })
        .where(sql<boolean>`login_throttle.next_at <= ${n(now)} or ${idle}`),
    )
    .returning('count')
    .executeTakeFirst();
  return row ? Number(row.count) : null;
}

/** Milliseconds until `key` counts attempts again (0 when it does now). */
export async function msUntilAllowed(db: Executor, key: string, now: number): Promise<number> {
  const row = await db.selectFrom('login_throttle').select('next_at').where('key', '=', key).executeTakeFirst();
  return row ? Math.max(0, Number(row.next_at) - now) : 0;
}

/** Takes back an attempt that turned out not to be a failure (a correct password, a valid code). */
export async function uncountAttempt(db: Executor, key: string): Promise<void> {
  await db.withoutPlugins().updateTable('login_throttle').set({ count: sql<number>`count - 1` }).where('key', '=', key).where('count', '>', 0).execute();
}

/** Forgets a counter and its delay (a successful sign-in from this account and IP). */
export async function resetCounter(db: Executor, key: string): Promise<void> {
  await db.withoutPlugins().deleteFrom('login_throttle').where('key', '=', key).execute();
}

/** Deletes counters idle since `before` (epoch ms) and devices unused since `unusedSince`; returns the counts. */
export async function purgeThrottle(db: Executor, before: number, unusedSince: string): Promise<{ counters: number; devices: number }> {
  const counters = await db.withoutPlugins().deleteFrom('login_throttle').where('last_at', '<', before).executeTakeFirst();
  const devices = await db.withoutPlugins().deleteFrom('known_devices').where('last_used_at', '<', unusedSince).executeTakeFirst();
  return { counters: Number(counters.numDeletedRows), devices: Number(devices.numDeletedRows) };
}

/** True when this browser's device token (its SHA-256) is known for the user; records the use. */
export async function isKnownDevice(db: Executor, tokenHash: string, userId: string): Promise<boolean> {
  const res = await db
    .withoutPlugins()
    .updateTable('known_devices')
    .set({ last_used_at: nowIso() })
    .where('token_hash', '=', tokenHash)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Remembers a browser for a user (no-op when already known). */
export async function rememberDevice(db: Executor, tokenHash: string, userId: string): Promise<void> {
  const now = nowIso();
  await db
    .withoutPlugins()
    .insertInto('known_devices')
    .values({ token_hash: tokenHash, user_id: userId, created_at: now, last_used_at: now })
    .onConflict((oc) => oc.columns(['token_hash', 'user_id']).doUpdateSet({ last_used_at: now }))
    .execute();
}

/** Forgets every device of a user (sign out everywhere, password change or reset). */
export async function forgetDevices(db: Executor, userId: string): Promise<void> {
  await db.withoutPlugins().deleteFrom('known_devices').where('user_id', '=', userId).execute();
}
