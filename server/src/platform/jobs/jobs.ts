import { EventEmitter } from 'node:events';
import type { Executor } from '../db/db.js';
import { newId, nowIso } from '../ids.js';

export interface EnqueueOptions {
  /** When the job becomes due (default: now). */
  runAt?: Date | string;
  /** Attempts before the job is marked failed (default 5). */
  maxAttempts?: number;
  /** At most one job ever exists with this key: a second enqueue with it is ignored (returns null). */
  uniqueKey?: string;
}

/** A stored job as a handler sees it. */
export interface JobInfo {
  id: string;
  name: string;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
  maxAttempts: number;
}

/** Runs one job; a thrown error schedules a retry (or fails the job after its last attempt). */
export type JobHandler<P = unknown> = (payload: P, job: JobInfo) => Promise<unknown> | unknown;

/**
 * In-process signal: an enqueue wakes the local worker loop at once instead of at its next poll.
 * Other nodes (PostgreSQL) find the job at their next poll.
 */
export const jobSignals = new EventEmitter();
jobSignals.setMaxListeners(0);

/** Retry delay after a failed attempt: 2^attempts seconds, capped at one hour. */
export function backoffMs(attempts: number, capMs = 3_600_000): number {
  return Math.min(2 ** attempts * 1000, capMs);
}

/**
 * Queues a job. Pass the caller's transaction so the job exists only if the change commits.
 *
 *   await db.transaction().execute(async (trx) => {
 *     await createInvoice(trx, …);
 *     await enqueue(trx, 'invoices.sendEmail', { invoiceId }, { maxAttempts: 3 });
 *   });
 *
 * Returns the job id, or null when `uniqueKey` is already taken.
 */
export async function enqueue(executor: Executor, name: string, payload: unknown, opts: EnqueueOptions = {}): Promise<string | null> {
  const now = nowIso();
  const runAt = opts.runAt === undefined ? now : new Date(opts.runAt).toISOString();
  const id = newId();
  const inserted = await executor
    .insertInto('jobs')
    .values({
      id,
      name,
      payload: JSON.stringify(payload ?? null),
      status: 'queued',
      run_at: runAt,
      max_attempts: opts.maxAttempts ?? 5,
      unique_key: opts.uniqueKey ?? null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('unique_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return null;
  jobSignals.emit('enqueued', name);
  return id;
}

/** Cancels a job that has not finished; returns false when it was already done, failed or running. */
export async function cancelJob(executor: Executor, id: string): Promise<boolean> {
  const res = await executor
    .updateTable('jobs')
    .set({ status: 'cancelled', finished_at: nowIso(), updated_at: nowIso(), locked_by: null, locked_until: null })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
