/**
 * Deals board figure (issue 15): the board of one pipeline (stage totals + first 50 cards per stage) through the
 * whole API (inject: auth, grant, pipeline, scope, aggregate, pages, presenter, companies, owners, next steps) against
 * the statements it runs for totals and cards, as raw SQL, on the same database in the same run. Deals are seeded in
 * SQL over 3 pipelines (the seeded Sales pipeline's 9 stages, two more of 5), 20 owners. Contacts are not seeded.
 * Usage: node bench/run.mjs deals-board [--db sqlite|postgres|both] [--deals 200000] [--samples 60]
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
import { definitionOf, recordsRepository } from '../server/src/platform/records/index';
import { dealsRepository } from '../server/src/modules/deals/deals.repository';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : def;
};
const count = Number(arg('deals', '200000'));
const samples = Number(arg('samples', '60'));
const which = arg('db', 'both');
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

async function run(dialect: 'sqlite' | 'postgres') {
  const cluster = dialect === 'postgres' ? await startCluster(findPostgresBin()!) : null;
  const dataDir = fs.mkdtempSync('/tmp/kith-boardbench-');
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
  const sales = (await db.selectFrom('pipelines').select('id').executeTakeFirstOrThrow()).id;
  const stagesOf = new Map<string, { id: string; probability: number; outcome: string }[]>();
  stagesOf.set(sales, await db.selectFrom('pipeline_stages').select(['id', 'probability', 'outcome']).where('pipeline_id', '=', sales).orderBy('position').execute());
  for (const name of ['Projects', 'Renewals']) {
    const id = newId();
    await db.insertInto('pipelines').values({ id, name, name_vi: name, currency: 'VND', is_default: 0, position: 1, created_at: now, updated_at: now }).execute();
    const stages = [];
    for (const [i, p] of [10, 30, 60, 100, 0].entries()) {
      const s = { id: newId(), probability: p, outcome: p === 100 ? 'won' : p === 0 ? 'lost' : 'open' };
      await db.insertInto('pipeline_stages').values({ id: s.id, pipeline_id: id, name: `S${i}`, name_vi: `S${i}`, position: i, probability: p, rot_days: 14, outcome: s.outcome, required_fields: '[]', tasks: '[]', color: 'gray' }).execute();
      stages.push(s);
    }
    stagesOf.set(id, stages);
  }
  const pipelines = [...stagesOf.keys()];
  const t0 = performance.now();
  const start = Date.now() - 400 * 86_400_000;
  for (let from = 0; from < count; from += 5000) {
    const batch = [];
    for (let n = from; n < Math.min(count, from + 5000); n++) {
      const pipeline = pipelines[n % 3]!;
      const stages = stagesOf.get(pipeline)!;
      const stage = stages[(n * 7) % stages.length]!;
      const created = new Date(start + ((n * 7919) % 100_000) * 345_600).toISOString();
      batch.push({
        id: newId(), version: 1, owner_id: owners[n % 20]!.id, team_id: null, created_at: created, updated_at: created, created_by: null, updated_by: null,
        deleted_at: null, search_text: `deal ${n}`, name: `Deal ${n}`, amount: 1_000_000 + ((n * 104729) % 500_000_000), amount_currency: 'VND',
        pipeline, stage: stage.id, status: stage.outcome, probability: stage.probability, stage_entered_at: created, forecast_category: 'pipeline',
      });
    }
    for (let i = 0; i < batch.length; i += 500) await (db as any).insertInto('deals').values(batch.slice(i, i + 500)).execute();
  }
  await sql`analyze`.execute(db);
  console.log(`${dialect}: ${count} deals seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // The floor: the statements the board runs for its figures and cards (same SQL, same bound values), straight on the database.
  const { def } = await definitionOf(db, 'deals');
  const base = [sql<SqlBool>`1 = 1`, sql<SqlBool>`r.deleted_at is null`, sql<SqlBool>`r.pipeline = ${sales}`];
  const raw = async () => {
    await dealsRepository.stageTotals(db, base);
    for (const s of stagesOf.get(sales)!) await recordsRepository.page(db, def, [...base, sql<SqlBool>`r.stage = ${s.id}`], [sql`r.created_at desc`, sql`r.id desc`], 51);
  };
  const parts = { totals: [] as number[], pages: [] as number[] };
  for (let i = 0; i < 10; i++) {
    let t = performance.now();
    await dealsRepository.stageTotals(db, base);
    parts.totals.push(performance.now() - t);
    t = performance.now();
    for (const s of stagesOf.get(sales)!) await recordsRepository.page(db, def, [...base, sql<SqlBool>`r.stage = ${s.id}`], [sql`r.created_at desc`, sql`r.id desc`], 51);
    parts.pages.push(performance.now() - t);
  }
  console.log(`  raw parts p50: totals ${pct(parts.totals, 50).toFixed(1)} ms, 9 pages ${pct(parts.pages, 50).toFixed(1)} ms`);
  const api: number[] = [];
  const rawMs: number[] = [];
  for (let i = 0; i < samples; i++) {
    let t = performance.now();
    const res = await app.inject({ method: 'GET', url: `/api/v1/deals/board?pipeline=${sales}`, headers });
    if (res.statusCode !== 200) throw new Error(res.body);
    api.push(performance.now() - t);
    t = performance.now();
    await raw();
    rawMs.push(performance.now() - t);
  }
  const inPipeline = Number((await sql<{ n: number }>`select count(*) as n from deals where pipeline = ${sales}`.execute(db)).rows[0]!.n);
  console.log(`  board of one pipeline (${inPipeline} deals, 9 stages, 50 cards each): API ${pct(api, 50).toFixed(1)} / ${pct(api, 95).toFixed(1)} ms, raw SQL ${pct(rawMs, 50).toFixed(1)} / ${pct(rawMs, 95).toFixed(1)} ms → ${(pct(api, 95) / pct(rawMs, 95)).toFixed(2)}× at p95 (target ≤ 50 ms and ≤ 3×)`);
  await app.close();
  await database.close();
  cluster?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

if (which === 'sqlite' || which === 'both') await run('sqlite');
if (which === 'postgres' || which === 'both') await run('postgres');
