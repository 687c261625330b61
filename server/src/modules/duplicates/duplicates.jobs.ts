/**
 * Jobs of the duplicates module: `duplicates.refresh` drains the queue of changed records (queued by
 * duplicates.listeners.ts; also every 10 minutes, so a record queued just as a run finished, or left by a run that
 * failed for good, waits minutes, not a night), `duplicates.scan` rescans everything (nightly at 02:30 UTC, and once
 * per SCORING_VERSION so stored scores follow a rule change).
 */
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/db.js';
import { refreshRepository } from './refresh.repository.js';
import { drainQueue, rescanAll } from './refresh.service.js';
import { SCORING_VERSION } from './scoring.logic.js';

export const DUPLICATE_REFRESH_JOB = 'duplicates.refresh';
export const DUPLICATE_SCAN_JOB = 'duplicates.scan';

/** Queues a refresh run unless one is already waiting (a burst of changes is drained by one run). */
export async function ensureRefreshJob(ctx: AppContext, ex: Executor): Promise<void> {
  if (!(await refreshRepository.refreshWaiting(ex, DUPLICATE_REFRESH_JOB))) await ctx.services.jobs.enqueue(ex, DUPLICATE_REFRESH_JOB, {});
}

export async function registerDuplicateJobs(ctx: AppContext): Promise<void> {
  const jobs = ctx.services.jobs;
  jobs.register(DUPLICATE_REFRESH_JOB, async () => {
    const r = await drainQueue(ctx);
    // Out of time with records left: another run picks up where this one stopped.
    if (r.more) await jobs.enqueue(ctx.database.db, DUPLICATE_REFRESH_JOB, {});
    return r;
  });
  jobs.register(DUPLICATE_SCAN_JOB, () => rescanAll(ctx));
  await jobs.schedule(DUPLICATE_SCAN_JOB, '30 2 * * *', DUPLICATE_SCAN_JOB, {});
  await jobs.schedule(`${DUPLICATE_REFRESH_JOB}.sweep`, '*/10 * * * *', DUPLICATE_REFRESH_JOB, {});
  // At most one job ever holds this key: every database rescans once after the scoring rules change.
  await jobs.enqueue(ctx.database.db, DUPLICATE_SCAN_JOB, { reason: 'rules', version: SCORING_VERSION }, { uniqueKey: `${DUPLICATE_SCAN_JOB}:rules-v${SCORING_VERSION}` });
}
