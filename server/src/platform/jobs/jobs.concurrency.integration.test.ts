import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../db/db.js';
import { isUniqueViolation } from '../db/dialect.js';
import { freshDatabaseConfig } from '../testing/harness.js';
import { runCli } from '../../cli.js';
import { enqueue } from './jobs.js';
import { createJobWorker } from './worker.js';

const JOBS = 300;

/**
 * Two nodes = two separate pools on one PostgreSQL database, each with a running worker loop.
 * Every execution records itself in a table whose primary key is the job id, and in memory.
 */
describe.skipIf(!inject('pgUrl'))('two concurrent workers on PostgreSQL', () => {
  let a: Database;
  let b: Database;
  beforeAll(async () => {
    const config = await freshDatabaseConfig('postgres');
    expect(await runCli(['migrate'], config)).toBe(0);
    a = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    b = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await sql`create table test_job_runs (job_id text primary key, node text not null)`.execute(a.db);
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it(`never run one job twice, and run all ${JOBS}`, async () => {
    const runs = new Map<string, number>();
    const duplicates: string[] = [];
    const ranBy = { a: 0, b: 0 };
    const handler = (node: 'a' | 'b', database: Database) => async (_p: unknown, info: { id: string }) => {
      runs.set(info.id, (runs.get(info.id) ?? 0) + 1);
      ranBy[node]++;
      await new Promise((r) => setTimeout(r, Math.random() * 3)); // let the other node interleave
      try {
        await database.db.insertInto('test_job_runs' as never).values({ job_id: info.id, node } as never).execute();
      } catch (err) {
        if (isUniqueViolation(err)) duplicates.push(info.id);
        throw err;
      }
    };
    const wa = createJobWorker(a, { batchSize: 7, pollMs: 5 });
    const wb = createJobWorker(b, { batchSize: 7, pollMs: 5 });
    wa.register('test.once', handler('a', a));
    wb.register('test.once', handler('b', b));
    wa.start();
    wb.start();
    try {
      // Enqueue while both loops are already polling, half through each node.
      for (let i = 0; i < JOBS; i++) await enqueue(i % 2 ? a.db : b.db, 'test.once', { i });
      const deadline = Date.now() + 45_000;
      for (;;) {
        const { n } = await a.db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'done').executeTakeFirstOrThrow();
        if (Number(n) === JOBS || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await Promise.all([wa.stop(), wb.stop()]);
    }
    expect(duplicates).toEqual([]);
    expect(runs.size).toBe(JOBS);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    const recorded = await sql<{ n: number }>`select count(*)::int as n from test_job_runs`.execute(a.db);
    expect(recorded.rows[0]!.n).toBe(JOBS);
    const statuses = await a.db.selectFrom('jobs').select(['status', 'attempts']).execute();
    expect(statuses.every((s) => s.status === 'done' && s.attempts === 1)).toBe(true);
    // Both nodes really competed for the same queue.
    expect(ranBy.a).toBeGreaterThan(0);
    expect(ranBy.b).toBeGreaterThan(0);
    expect(ranBy.a + ranBy.b).toBe(JOBS);
  }, 60_000);
});
