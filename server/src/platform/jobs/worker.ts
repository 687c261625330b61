import { hostname } from 'node:os';
import { sql } from 'kysely';
import type { Database, Executor } from '../db/db.js';
import { skipLocked } from '../db/dialect.js';
import { newId, nowIso } from '../ids.js';
import { backoffMs, cancelJob, enqueue, jobSignals, type EnqueueOptions, type JobHandler, type JobInfo } from './jobs.js';
import { enqueueDueSchedules, upsertSchedule } from './schedules.js';

export interface WorkerOptions {
  /** Jobs claimed per pass (default 10). */
  batchSize?: number;
  /** Poll interval of the loop (default 500 ms); an in-process enqueue wakes it at once. */
  pollMs?: number;
  /** How long a claim holds a job; renewed while the handler runs. A crashed node's jobs are requeued after it. */
  leaseMs?: number;
  /** Cap of the retry delay (default one hour). */
  maxBackoffMs?: number;
  log?: { error(obj: unknown, msg?: string): void; warn(obj: unknown, msg?: string): void };
}

/** Jobs as a platform service (ctx.services.jobs): enqueue anywhere, run on worker nodes. */
export interface JobService {
  /** See enqueue() in jobs.ts: pass the caller's transaction. */
  enqueue(executor: Executor, name: string, payload: unknown, opts?: EnqueueOptions): Promise<string | null>;
  /** Declares the handler of a job name (modules do it in start()). */
  register<P = unknown>(name: string, handler: JobHandler<P>): void;
  /** Creates or updates a cron schedule that enqueues `jobName` with `payload` at every tick (UTC). */
  schedule(name: string, cron: string, jobName: string, payload?: unknown): Promise<void>;
  cancel(id: string): Promise<boolean>;
  /** One pass: enqueue due schedules, requeue expired leases, claim and run a batch. Returns jobs run. */
  runOnce(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

const LEASE_EXPIRED = 'lease expired: the worker running it stopped or crashed';

type JobRow = { id: string; name: string; payload: string; attempts: number; max_attempts: number };

/** Builds the job worker of one node. Several nodes on one PostgreSQL database never run a job twice. */
export function createJobWorker(database: Database, opts: WorkerOptions = {}): JobService {
  const { db, dialect } = database;
  const batchSize = opts.batchSize ?? 10;
  const pollMs = opts.pollMs ?? 500;
  const leaseMs = opts.leaseMs ?? 60_000;
  const maxBackoff = opts.maxBackoffMs ?? 3_600_000;
  const workerId = `${hostname()}:${process.pid}:${newId().slice(-8)}`;
  const handlers = new Map<string, JobHandler<never>>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = true;
  let wakeAgain = false;

  const leaseUntil = () => new Date(Date.now() + leaseMs).toISOString();

  /** Requeues running jobs whose lease passed (their node died), or fails them when out of attempts. */
  async function recoverExpiredLeases(): Promise<void> {
    const now = nowIso();
    await db
      .updateTable('jobs')
      .set({ status: 'failed', finished_at: now, updated_at: now, locked_by: null, locked_until: null, last_error: LEASE_EXPIRED })
      .where('status', '=', 'running')
      .where('locked_until', '<', now)
      .whereRef('attempts', '>=', 'max_attempts')
      .execute();
    await db
      .updateTable('jobs')
      .set({ status: 'queued', run_at: now, updated_at: now, locked_by: null, locked_until: null, last_error: LEASE_EXPIRED })
      .where('status', '=', 'running')
      .where('locked_until', '<', now)
      .execute();
  }

  /** Atomically marks a batch of due jobs as ours. The outer status check makes a double claim impossible. */
  async function claim(): Promise<JobRow[]> {
    const now = nowIso();
    return db
      .updateTable('jobs')
      .set({ status: 'running', locked_by: workerId, locked_until: leaseUntil(), attempts: sql`attempts + 1`, updated_at: now })
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('jobs')
          .select('id')
          .where('status', '=', 'queued')
          .where('run_at', '<=', now)
          .orderBy('run_at')
          .limit(batchSize)
          .modifyEnd(skipLocked(dialect)),
      )
      .where('status', '=', 'queued')
      .returning(['id', 'name', 'payload', 'attempts', 'max_attempts'])
      .execute();
  }

  /** Only the claim that still holds the job may record its outcome. */
  const ours = (id: string, attempts: number) =>
    db.updateTable('jobs').where('id', '=', id).where('locked_by', '=', workerId).where('attempts', '=', attempts).where('status', '=', 'running');

  async function runJob(row: JobRow): Promise<void> {
    const handler = handlers.get(row.name);
    const info: JobInfo = { id: row.id, name: row.name, attempt: row.attempts, maxAttempts: row.max_attempts };
    const heartbeat = setInterval(() => {
      void ours(row.id, row.attempts).set({ locked_until: leaseUntil() }).execute().catch(() => undefined);
    }, Math.max(leaseMs / 3, 50));
    try {
      if (!handler) throw new Error(`no handler registered for job "${row.name}"`);
      const result = await (handler as JobHandler)(JSON.parse(row.payload), info);
      const now = nowIso();
      await ours(row.id, row.attempts)
        .set({ status: 'done', result: result === undefined ? null : JSON.stringify(result), finished_at: now, updated_at: now, locked_by: null, locked_until: null, last_error: null })
        .execute();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const now = nowIso();
      const last = row.attempts >= row.max_attempts;
      if (last) opts.log?.error({ err, job: info }, 'job failed for good');
      await ours(row.id, row.attempts)
        .set(
          last
            ? { status: 'failed', last_error: message, finished_at: now, updated_at: now, locked_by: null, locked_until: null }
            : { status: 'queued', last_error: message, run_at: new Date(Date.now() + backoffMs(row.attempts, maxBackoff)).toISOString(), updated_at: now, locked_by: null, locked_until: null },
        )
        .execute();
    } finally {
      clearInterval(heartbeat);
    }
  }

  async function pass(): Promise<number> {
    await enqueueDueSchedules(database);
    await recoverExpiredLeases();
    const rows = await claim();
    await Promise.all(rows.map(runJob));
    return rows.length;
  }

  async function runOnce(): Promise<number> {
    // Passes of one worker never overlap: the loop and a direct call wait for each other.
    while (running) await running.catch(() => undefined);
    const p = pass();
    running = p;
    try {
      return await p;
    } finally {
      running = null;
    }
  }

  function schedule(delay: number) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(loop, delay);
  }

  async function loop() {
    timer = null;
    if (stopped) return;
    wakeAgain = false;
    let ran = 0;
    try {
      ran = await runOnce();
    } catch (err) {
      opts.log?.warn({ err }, 'job worker pass failed');
    }
    // A full batch means more may be due: go again at once.
    schedule(ran >= batchSize || wakeAgain ? 0 : pollMs);
  }

  const onEnqueued = () => {
    if (stopped) return;
    if (running) wakeAgain = true;
    else schedule(0);
  };

  return {
    enqueue,
    register(name, handler) {
      handlers.set(name, handler as JobHandler<never>);
    },
    schedule: (name, cron, jobName, payload) => upsertSchedule(db, name, cron, jobName, payload),
    cancel: (id) => cancelJob(db, id),
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      jobSignals.on('enqueued', onEnqueued);
      schedule(0);
    },
    async stop() {
      stopped = true;
      jobSignals.off('enqueued', onEnqueued);
      if (timer) clearTimeout(timer);
      timer = null;
      while (running) await running.catch(() => undefined);
    },
  };
}
