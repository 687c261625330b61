/**
 * Forecast figure (issue 15 item 6): a quarter's forecast by owner over N deals through the whole API (inject:
 * auth, grant, period, scope, aggregate, quotas, labels, presenter) against the aggregate statement it runs, as raw
 * SQL, on the same database in the same run. Deals are seeded in SQL over 3 pipelines, 20 owners, 8 quarters.
 * Usage: node bench/run.mjs forecast [--db sqlite|postgres|both] [--deals 500000] [--samples 60]
 */
import fs from 'node:fs';
import { sql, type SqlBool } from 'kysely';
import { loadConfig } from '../server/src/platform/config/config';
import { createContext, openAndMigrate } from '../server/src/platform/bootstrap';
import { buildApp } from '../server/src/app';
import { modules } from '../server/src/modules/index';
import { findPostgresBin, startCluster } from '../server/src/platform/testing/postgres-cluster';
import { createRole, createUser, signIn } from '../server/src/platform/testing/factories';
import { newId, nowIso } from '../server/src/platform/ids';
import { forecastRepository } from '../server/src/modules/forecast/forecast.repository';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : def;
};
const count = Number(arg('deals', '500000'));
const samples = Number(arg('samples', '60'));
const which = arg('db', 'both');
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

async function run(dialect: 'sqlite' | 'postgres') {
  const cluster = dialect === 'postgres' ? await startCluster(findPostgresBin()!) : null;
  const dataDir = fs.mkdtempSync('/tmp/kith-forecastbench-');
  const config = { ...loadConfig({ KITH_DATA_DIR: dataDir, LOG_LEVEL: 'silent', KITH_RATE_LIMIT_PER_MINUTE: '100000000' }), databaseUrl: cluster?.url };
  const database = await openAndMigrate(config, modules);
  const ctx = createContext(config, database, modules);
  for (const m of modules) await m.start?.(ctx);
  const app = await buildApp(ctx, modules, { logger: false });
  await app.ready();
  const db = database.db;
  const headers = await signIn(db, await createUser(db, { roleId: (await createRole(db, { isAdmin: true })).id }));
  const owners = [];
  for (let i = 0; i < 20; i++) owners.push(await createUser(db, { name: `Seller ${i}` }));
  const now = nowIso();
  const pipelines = [(await db.selectFrom('pipelines').select('id').executeTakeFirstOrThrow()).id];
  for (const name of ['Projects', 'Renewals']) {
    const id = newId();
    await db.insertInto('pipelines').values({ id, name, name_vi: name, currency: 'VND', is_default: 0, position: 1, created_at: now, updated_at: now }).execute();
    pipelines.push(id);
  }
  for (const u of owners) await db.insertInto('quotas').values({ id: newId(), user_id: u.id, period: '2026-Q4', amount: 5_000_000_000, currency: 'VND', created_at: now, updated_at: now, updated_by: null }).execute();
  const t0 = performance.now();
  const statuses = ['open', 'open', 'open', 'won', 'lost'];
  const cats = ['pipeline', 'best_case', 'commit', 'omitted', null];
  const start = Date.UTC(2025, 6, 1);
  const span = Date.UTC(2027, 6, 1) - start;
  for (let from = 0; from < count; from += 5000) {
    const batch = [];
    for (let n = from; n < Math.min(count, from + 5000); n++) {
      const status = statuses[n % 5]!;
      const day = new Date(start + ((n * 7919) % 1000) / 1000 * span).toISOString().slice(0, 10);
      batch.push({
        id: newId(), version: 1, owner_id: owners[n % 20]!.id, team_id: null, created_at: now, updated_at: now, created_by: null, updated_by: null,
        deleted_at: null, search_text: `deal ${n}`, name: `Deal ${n}`, amount: 1_000_000 + ((n * 104729) % 500_000_000), amount_currency: 'VND',
        pipeline: pipelines[n % 3], stage: 'x', status, probability: status === 'open' ? (n % 9) * 10 : status === 'won' ? 100 : 0,
        close_date: day, closed_at: status === 'open' ? null : `${day}T10:00:00.000Z`, forecast_category: cats[n % 5],
      });
    }
    for (let i = 0; i < batch.length; i += 500) await (db as any).insertInto('deals').values(batch.slice(i, i + 500)).execute();
  }
  await sql`analyze`.execute(db);
  console.log(`${dialect}: ${count} deals seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // The floor: the aggregate statement the forecast runs (same SQL, same bound values), straight on the database.
  const filter = { from: '2026-10-01', to: '2026-12-31', currency: 'VND', scope: sql<SqlBool>`1 = 1` };
  const raw = { execute: (ex: typeof db) => forecastRepository.aggregate(ex, 'owner', filter) };
  const api: number[] = [];
  const rawMs: number[] = [];
  for (let i = 0; i < samples; i++) {
    let t = performance.now();
    const res = await app.inject({ method: 'GET', url: '/api/v1/forecast?period=2026-Q4&by=owner', headers });
    if (res.statusCode !== 200) throw new Error(res.body);
    api.push(performance.now() - t);
    t = performance.now();
    await raw.execute(db);
    rawMs.push(performance.now() - t);
  }
  const inQuarter = Number((await sql<{ n: number }>`select count(*) as n from deals where close_date between '2026-10-01' and '2026-12-31'`.execute(db)).rows[0]!.n);
  console.log(`  quarter forecast by owner (${inQuarter} deals in the quarter): API ${pct(api, 50).toFixed(1)} / ${pct(api, 95).toFixed(1)} ms, raw aggregate ${pct(rawMs, 50).toFixed(1)} / ${pct(rawMs, 95).toFixed(1)} ms → ${(pct(api, 95) / pct(rawMs, 95)).toFixed(2)}× at p95 (target ≤ 300 ms and ≤ 2×)`);
  await app.close();
  await database.close();
  cluster?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

if (which === 'sqlite' || which === 'both') await run('sqlite');
if (which === 'postgres' || which === 'both') await run('postgres');
