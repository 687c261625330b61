import { Cron } from 'croner';
import { sql } from 'kysely';
import type { Database, Executor } from '../db/db.js';
import { skipLocked } from '../db/dialect.js';
import { nowIso } from '../ids.js';
import { enqueue } from './jobs.js';

/**
 * Next time a cron pattern fires strictly after `after`. Patterns are read in UTC, so every node
 * agrees whatever its local time zone. Five fields (minute precision) or six (leading seconds).
 */
export function nextCronRun(pattern: string, after: Date): Date {
  const next = new Cron(pattern, { paused: true, timezone: 'UTC' }).nextRun(after);
  if (!next) throw new Error(`cron pattern "${pattern}" never fires again`);
  return next;
}

/**
 * Creates or updates a schedule. Re-declaring it at every start is expected: an unchanged pattern
 * keeps its pending tick (a run missed while the cluster was down still happens once); a changed
 * pattern is re-planned from now.
 */
export async function upsertSchedule(
  executor: Executor,
  name: string,
  cron: string,
  jobName: string,
  payload: unknown = {},
  now = new Date(),
): Promise<void> {
  const next = nextCronRun(cron, now).toISOString(); // also validates the pattern
  await executor
    .insertInto('schedules')
    .values({ name, cron, job_name: jobName, payload: JSON.stringify(payload ?? {}), next_run_at: next, enabled: 1 })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({
        job_name: (eb) => eb.ref('excluded.job_name'),
        payload: (eb) => eb.ref('excluded.payload'),
        enabled: 1,
        next_run_at: sql<string>`case when schedules.cron = excluded.cron then schedules.next_run_at else excluded.next_run_at end`,
        cron: (eb) => eb.ref('excluded.cron'),
      }),
    )
    .execute();
}

/**
 * Enqueues every due schedule once and moves it to its next tick. On PostgreSQL a schedule row is
 * claimed with SKIP LOCKED, and the job's unique key `${name}@${tick}` makes a second enqueue of the
 * same tick a no-op, so several workers never enqueue one tick twice. Returns how many were enqueued.
 */
export async function enqueueDueSchedules(database: Database, now = new Date()): Promise<number> {
  const nowText = now.toISOString();
  return database.db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('schedules')
      .selectAll()
      .where('enabled', '=', 1)
      .where('next_run_at', '<=', nowText)
      .orderBy('next_run_at')
      .limit(100)
      .modifyEnd(skipLocked(database.dialect))
      .execute();
    let enqueued = 0;
    for (const s of due) {
      const id = await enqueue(trx, s.job_name, JSON.parse(s.payload), { uniqueKey: `${s.name}@${s.next_run_at}`, runAt: s.next_run_at });
      if (id) enqueued++;
      // Missed ticks collapse into the one just enqueued: plan from now, not from the stale tick.
      const next = nextCronRun(s.cron, now).toISOString();
      await trx
        .updateTable('schedules')
        .set({ next_run_at: next, last_run_at: nowIso() })
        .where('name', '=', s.name)
        .where('next_run_at', '=', s.next_run_at)
        .execute();
    }
    return enqueued;
  });
}
