import { beforeEach, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/db.js';
import { newId, nowIso } from '../ids.js';
import { describeEachDialect } from '../testing/harness.js';
import { enqueue } from './jobs.js';
import { HOUSEKEEPING_JOB, purgeExpired } from './housekeeping.js';
import { createJobWorker } from './worker.js';
import { enqueueDueSchedules, upsertSchedule } from './schedules.js';
import { createUser } from '../testing/factories.js';

const job = (database: Database, id: string) => database.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
/** Makes a job due now, as if its backoff delay had passed. */
const makeDue = (database: Database, id: string) =>
  database.db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1).toISOString() }).where('id', '=', id).execute();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeEachDialect('jobs', (env) => {
  // Migrations may queue work of their own (the duplicates scan of existing records); each test counts only its jobs.
  beforeEach(() => env().database.db.deleteFrom('jobs').execute());

  it('runs a queued job once and stores its result', async () => {
    const w = createJobWorker(env().database);
    const seen: unknown[] = [];
    w.register<{ n: number }>('test.double', (p, info) => {
      seen.push([p, info.attempt]);
      return { doubled: p.n * 2 };
    });
    const id = (await enqueue(env().database.db, 'test.double', { n: 21 }))!;
    expect(await w.runOnce()).toBe(1);
    expect(await w.runOnce()).toBe(0);
    const row = await job(env().database, id);
    expect(row.status).toBe('done');
    expect(JSON.parse(row.result!)).toEqual({ doubled: 42 });
    expect(row.attempts).toBe(1);
    expect(row.finished_at).not.toBeNull();
    expect(seen).toEqual([[{ n: 21 }, 1]]);
  });

  it('retries with exponential backoff and fails after max attempts with the last error', async () => {
    const w = createJobWorker(env().database);
    let calls = 0;
    w.register('test.broken', () => {
      calls++;
      throw new Error(`boom ${calls}`);
    });
    const id = (await enqueue(env().database.db, 'test.broken', {}, { maxAttempts: 3 }))!;
    for (const [attempt, delay] of [[1, 2000], [2, 4000]] as const) {
      const before = Date.now();
      expect(await w.runOnce()).toBe(1);
      const row = await job(env().database, id);
      expect(row).toMatchObject({ status: 'queued', attempts: attempt, last_error: `boom ${attempt}` });
      const wait = Date.parse(row.run_at) - before;
      expect(wait).toBeGreaterThanOrEqual(delay - 50);
      expect(wait).toBeLessThan(delay + 1000);
      expect(await w.runOnce()).toBe(0); // not due yet
      await makeDue(env().database, id);
    }
    expect(await w.runOnce()).toBe(1);
    const row = await job(env().database, id);
    expect(row).toMatchObject({ status: 'failed', attempts: 3, last_error: 'boom 3' });
    expect(row.finished_at).not.toBeNull();
    expect(calls).toBe(3);
    await makeDue(env().database, id);
    expect(await w.runOnce()).toBe(0);
  });

  it('succeeds on a retry after a failure', async () => {
    const w = createJobWorker(env().database);
    let calls = 0;
    w.register('test.flaky', () => {
      if (++calls === 1) throw new Error('first time fails');
      return 'ok';
    });
    const id = (await enqueue(env().database.db, 'test.flaky', {}))!;
    await w.runOnce();
    await makeDue(env().database, id);
    await w.runOnce();
    expect(await job(env().database, id)).toMatchObject({ status: 'done', attempts: 2, last_error: null, result: '"ok"' });
  });

  it('a job without a handler fails like a throwing one', async () => {
    const w = createJobWorker(env().database);
    const id = (await enqueue(env().database.db, 'test.nobody', {}, { maxAttempts: 1 }))!;
    await w.runOnce();
    expect(await job(env().database, id)).toMatchObject({ status: 'failed', last_error: 'no handler registered for job "test.nobody"' });
  });

  it('enqueue joins the caller transaction and honours uniqueKey and runAt', async () => {
    const { db } = env().database;
    const key = `k-${newId()}`;
    await expect(
      db.transaction().execute(async (trx) => {
        await enqueue(trx, 'test.tx', {}, { uniqueKey: key });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await db.selectFrom('jobs').select('id').where('unique_key', '=', key).execute()).toHaveLength(0);
    const first = await enqueue(db, 'test.tx', {}, { uniqueKey: key, runAt: new Date(Date.now() + 60_000) });
    expect(first).toBeTypeOf('string');
    expect(await enqueue(db, 'test.tx', {}, { uniqueKey: key })).toBeNull();
    const w = createJobWorker(env().database);
    w.register('test.tx', () => undefined);
    expect(await w.runOnce()).toBe(0); // runAt is in the future
  });

  it('cancel stops a queued job and not a finished one', async () => {
    const w = createJobWorker(env().database);
    let ran = 0;
    w.register('test.cancel', () => void ran++);
    const id = (await enqueue(env().database.db, 'test.cancel', {}))!;
    expect(await w.cancel(id)).toBe(true);
    expect(await w.runOnce()).toBe(0);
    expect((await job(env().database, id)).status).toBe('cancelled');
    const done = (await enqueue(env().database.db, 'test.cancel', {}))!;
    await w.runOnce();
    expect(await w.cancel(done)).toBe(false);
    expect(ran).toBe(1);
  });

  it('requeues a job whose worker died (lease expired), and fails it when out of attempts', async () => {
    const { db } = env().database;
    const past = new Date(Date.now() - 1000).toISOString();
    const now = nowIso();
    const crashed = { status: 'running', locked_by: 'dead-node', locked_until: past, created_at: now, updated_at: now, run_at: past, payload: '{}' };
    const retryable = newId();
    const exhausted = newId();
    await db.insertInto('jobs').values([
      { ...crashed, id: retryable, name: 'test.lease', attempts: 1, max_attempts: 3 },
      { ...crashed, id: exhausted, name: 'test.lease', attempts: 3, max_attempts: 3 },
    ]).execute();
    const w = createJobWorker(env().database);
    const ran: string[] = [];
    w.register('test.lease', (_p, info) => void ran.push(info.id));
    expect(await w.runOnce()).toBe(1);
    expect(ran).toEqual([retryable]);
    expect(await job(env().database, retryable)).toMatchObject({ status: 'done', attempts: 2 });
    expect(await job(env().database, exhausted)).toMatchObject({ status: 'failed', attempts: 3 });
    expect((await job(env().database, exhausted)).last_error).toMatch(/lease expired/);
  });

  it('renews the lease of a long job so another worker does not take it over', async () => {
    const a = createJobWorker(env().database, { leaseMs: 300 });
    const b = createJobWorker(env().database, { leaseMs: 300 });
    let runs = 0;
    const slow = async () => {
      runs++;
      await sleep(900);
    };
    a.register('test.slow', slow);
    b.register('test.slow', slow);
    const id = (await enqueue(env().database.db, 'test.slow', {}))!;
    const first = a.runOnce();
    await sleep(500); // past the original lease
    expect(await b.runOnce()).toBe(0);
    expect(await first).toBe(1);
    expect(runs).toBe(1);
    expect((await job(env().database, id)).status).toBe('done');
  });

  it('cron: two workers enqueue each tick exactly once', async () => {
    const database = env().database;
    // On PostgreSQL the second worker uses its own pool, as a second node would.
    const other = database.dialect === 'postgres' ? openDatabase({ databaseUrl: env().config.databaseUrl, dataDir: env().config.dataDir }) : database;
    try {
      const a = createJobWorker(database);
      const b = createJobWorker(other);
      const ticks: string[] = [];
      for (const w of [a, b]) w.register('test.tick', (_p, info) => void ticks.push(info.id));
      await a.schedule('test-every-minute', '* * * * *', 'test.tick', { hello: 'world' });
      for (let tick = 0; tick < 2; tick++) {
        const due = new Date(Date.now() - 1000 * (tick + 1)).toISOString();
        await database.db.updateTable('schedules').set({ next_run_at: due }).where('name', '=', 'test-every-minute').execute();
        await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
        await Promise.all([a.runOnce(), b.runOnce()]);
        const jobs = await database.db.selectFrom('jobs').selectAll().where('unique_key', '=', `test-every-minute@${due}`).execute();
        expect(jobs).toHaveLength(1);
        expect(jobs[0]!.status).toBe('done');
        expect(JSON.parse(jobs[0]!.payload)).toEqual({ hello: 'world' });
      }
      expect(ticks).toHaveLength(2);
      const s = await database.db.selectFrom('schedules').selectAll().where('name', '=', 'test-every-minute').executeTakeFirstOrThrow();
      expect(Date.parse(s.next_run_at)).toBeGreaterThan(Date.now());
      expect(s.last_run_at).not.toBeNull();
      // Racing the schedule claim itself, many times at the same instant: still one job.
      const at = new Date(Date.now() + 3_600_000);
      const before = await database.db.selectFrom('jobs').select('id').where('name', '=', 'test.tick').execute();
      await Promise.all([enqueueDueSchedules(database, at), enqueueDueSchedules(other, at), enqueueDueSchedules(database, at), enqueueDueSchedules(other, at)]);
      const after = await database.db.selectFrom('jobs').select('id').where('name', '=', 'test.tick').execute();
      expect(after.length - before.length).toBe(1);
    } finally {
      if (other !== database) await other.close();
    }
  });

  it('re-declaring a schedule keeps its pending tick unless the pattern changes', async () => {
    const { db } = env().database;
    const pending = new Date(Date.now() - 5000).toISOString();
    await upsertSchedule(db, 'test-redeclare', '0 * * * *', 'test.x');
    await db.updateTable('schedules').set({ next_run_at: pending }).where('name', '=', 'test-redeclare').execute();
    await upsertSchedule(db, 'test-redeclare', '0 * * * *', 'test.y', { a: 1 });
    let s = await db.selectFrom('schedules').selectAll().where('name', '=', 'test-redeclare').executeTakeFirstOrThrow();
    expect(s).toMatchObject({ next_run_at: pending, job_name: 'test.y', payload: '{"a":1}' });
    await upsertSchedule(db, 'test-redeclare', '30 2 * * *', 'test.y');
    s = await db.selectFrom('schedules').selectAll().where('name', '=', 'test-redeclare').executeTakeFirstOrThrow();
    expect(s.cron).toBe('30 2 * * *');
    expect(new Date(s.next_run_at).getUTCHours()).toBe(2);
    expect(new Date(s.next_run_at).getUTCMinutes()).toBe(30);
    await expect(upsertSchedule(db, 'test-bad', 'not a cron', 'test.y')).rejects.toThrow();
  });

  it('the started loop picks up an enqueued job without runOnce', async () => {
    const w = createJobWorker(env().database, { pollMs: 10_000 });
    let resolve!: (v: string) => void;
    const ran = new Promise<string>((r) => (resolve = r));
    w.register('test.loop', (p: { v: string }) => resolve(p.v));
    w.start();
    try {
      await sleep(50);
      const t0 = Date.now();
      await enqueue(env().database.db, 'test.loop', { v: 'woken' });
      expect(await ran).toBe('woken');
      expect(Date.now() - t0).toBeLessThan(2000); // woken by the enqueue, not by the 10 s poll
    } finally {
      await w.stop();
    }
  });

  it('housekeeping purges expired sessions, day-old idempotency keys and login attempts only', async () => {
    const { db } = env().database;
    const user = await createUser(db);
    const old = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const fresh = nowIso();
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const session = (id: string, expires: string) => ({ id, user_id: user.id, csrf_token: 'x', created_at: old, last_seen_at: old, expires_at: expires, ip: null, user_agent: null });
    await db.insertInto('sessions').values([session(`hk-old-${user.id}`, old), session(`hk-live-${user.id}`, future)]).execute();
    const key = (k: string, at: string) => ({ key: k, principal: user.id, method: 'POST', path: '/x', status_code: 200, response: '{}', created_at: at });
    await db.insertInto('idempotency_keys').values([key('old', old), key('fresh', fresh)]).execute();
    const attempt = (id: string, at: string) => ({ id, email: 'hk@example.test', ip: '127.0.0.1', succeeded: 0, created_at: at });
    await db.insertInto('login_attempts').values([attempt(`hk-a-${user.id}`, old), attempt(`hk-b-${user.id}`, fresh)]).execute();
    const w = createJobWorker(env().database);
    w.register(HOUSEKEEPING_JOB, () => purgeExpired(db));
    await enqueue(db, HOUSEKEEPING_JOB, {});
    await w.runOnce();
    const sessions = await db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute();
    expect(sessions.map((s) => s.id)).toEqual([`hk-live-${user.id}`]);
    expect((await db.selectFrom('idempotency_keys').select('key').where('principal', '=', user.id).execute()).map((r) => r.key)).toEqual(['fresh']);
    const attempts = await db.selectFrom('login_attempts').select('id').where('email', '=', 'hk@example.test').execute();
    expect(attempts.map((a) => a.id)).toEqual([`hk-b-${user.id}`]);
    // The app's own worker has the housekeeping handler registered.
    const id = (await enqueue(db, HOUSEKEEPING_JOB, {}))!;
    await env().ctx.services.jobs.runOnce();
    expect((await job(env().database, id)).status).toBe('done');
  });
});
