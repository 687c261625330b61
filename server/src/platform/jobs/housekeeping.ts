import type { DialectName, Executor } from '../db/db.js';
import { refreshPlannerStats } from '../db/dialect.js';
import type { JobService } from './worker.js';

export const HOUSEKEEPING_JOB = 'platform.housekeeping';
/** Every 15 minutes (UTC). */
export const HOUSEKEEPING_CRON = '*/15 * * * *';

export interface HousekeepingResult {
  sessions: number;
  idempotencyKeys: number;
  loginAttempts: number;
}

/**
 * Deletes what has no use any more: sessions past their absolute expiry, idempotency keys older than
 * 24 h (the replay window) and login attempts older than a day (throttling looks back 15 minutes).
 */
export async function purgeExpired(db: Executor, now = new Date()): Promise<HousekeepingResult> {
  const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
  const sessions = await db.deleteFrom('sessions').where('expires_at', '<', now.toISOString()).executeTakeFirst();
  const keys = await db.deleteFrom('idempotency_keys').where('created_at', '<', dayAgo).executeTakeFirst();
  const attempts = await db.deleteFrom('login_attempts').where('created_at', '<', dayAgo).executeTakeFirst();
  return {
    sessions: Number(sessions.numDeletedRows),
    idempotencyKeys: Number(keys.numDeletedRows),
    loginAttempts: Number(attempts.numDeletedRows),
  };
}

/**
 * Registers the housekeeping handler (every node) — its schedule is declared by scheduleHousekeeping.
 * With the dialect it also refreshes planner statistics (SQLite `PRAGMA optimize`, see refreshPlannerStats).
 */
export function registerHousekeeping(jobs: JobService, db: Executor, dialect?: DialectName): void {
  jobs.register(HOUSEKEEPING_JOB, async () => {
    const purged = await purgeExpired(db);
    if (dialect) await refreshPlannerStats(dialect, db);
    return purged;
  });
}

export async function scheduleHousekeeping(jobs: JobService): Promise<void> {
  await jobs.schedule(HOUSEKEEPING_JOB, HOUSEKEEPING_CRON, HOUSEKEEPING_JOB, {});
}
