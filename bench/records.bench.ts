/**
 * Records platform figures (issue 13): a custom object's filtered, sorted 50-row page through the whole API
 * (Fastify inject: auth, role grant, definition freshness check, filter parsing, scope, masking presenter) against
 * the same page in raw SQL (the statement the engine emits, run directly) on the same database, same run. The object is created through the API (runtime DDL,
 * indexes); its rows are seeded in SQL (this measures reads, not the write pipeline).
 * Then `q` search: a list page and the global search (rare, common, no match) — LIKE scan before the search index,
 * trigram index after (bench/README.md "Records platform: search index").
 * Usage: node bench/run.mjs records [--db sqlite|postgres|both] [--rows 200000] [--samples 200]
 */
import fs from 'node:fs';
import { sql } from 'kysely';
import { loadConfig } from '../server/src/platform/config/config';
import { createContext, openAndMigrate } from '../server/src/platform/bootstrap';
import { buildApp } from '../server/src/app';
import { modules } from '../server/src/modules/index';
import { findPostgresBin, startCluster } from '../server/src/platform/testing/postgres-cluster';
import { createRole, createUser, signIn } from '../server/src/platform/testing/factories';
import { newId } from '../server/src/platform/ids';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : def;
};
const rows = Number(arg('rows', '200000'));
const samples = Number(arg('samples', '200'));
const which = arg('db', 'both');
const statuses = ['new', 'active', 'service', 'sold', 'scrapped'];
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

async function run(dialect: 'sqlite' | 'postgres') {
  const cluster = dialect === 'postgres' ? await startCluster(findPostgresBin()!) : null;
  const dataDir = fs.mkdtempSync('/tmp/kith-recbench-');
  const config = { ...loadConfig({ KITH_DATA_DIR: dataDir, LOG_LEVEL: 'silent', KITH_RATE_LIMIT_PER_MINUTE: '100000000' }), databaseUrl: cluster?.url };
  const database = await openAndMigrate(config, modules);
  const ctx = createContext(config, database, modules);
  for (const m of modules) await m.start?.(ctx);
  const app = await buildApp(ctx, modules, { logger: false });
  await app.ready();
  const db = database.db;
  const adminRole = await createRole(db, { isAdmin: true });
  const admin = await createUser(db, { roleId: adminRole.id });
  const sellerRole = await createRole(db, { permissions: { 'object:vehicles': { actions: ['read'], scope: 'all' } } });
  const seller = await createUser(db, { roleId: sellerRole.id });
  const adminHeaders = await signIn(db, admin);
  const headers = await signIn(db, seller);
  const created = await app.inject({
    method: 'POST', url: '/api/v1/record-types', headers: adminHeaders, payload: {
      name: 'vehicles', labels: { en: { singular: 'Vehicle', plural: 'Vehicles' }, vi: { singular: 'Xe', plural: 'Xe' } },
      fields: [
        { key: 'name', type: 'text', labels: { en: 'Name', vi: 'Tên' }, required: true },
        { key: 'status', type: 'select', labels: { en: 'Status', vi: 'Trạng thái' }, options: statuses.map((s, i) => ({ value: s, labels: { en: s, vi: s }, position: i })) },
        { key: 'price', type: 'money', labels: { en: 'Price', vi: 'Giá' }, currency: 'VND' },
        { key: 'year', type: 'number', labels: { en: 'Year', vi: 'Năm' } },
      ],
    },
  });
  if (created.statusCode !== 201) throw new Error(created.body);
  const t0 = performance.now();
  const base = Date.parse('2026-01-01T00:00:00Z');
  for (let start = 0; start < rows; start += 5000) {
    const batch = [];
    for (let n = start; n < Math.min(rows, start + 5000); n++) {
      const at = new Date(base + n * 1000).toISOString();
      batch.push({
        id: newId(), version: 1, owner_id: seller.id, team_id: null, created_at: at, updated_at: at, created_by: null, updated_by: null,
        deleted_at: null, search_text: `car ${n}`, f_name: `Car ${n}`, f_status: statuses[n % 5], f_price: (n * 7919) % 100_000_000, f_year: 1990 + (n % 35),
      });
    }
    for (let i = 0; i < batch.length; i += 500) await (db as any).insertInto('obj_vehicles').values(batch.slice(i, i + 500)).execute();
  }
  await sql`analyze`.execute(db);
  const seedS = (performance.now() - t0) / 1000;

  const cases = [
    { label: 'status = sold, newest first (default sort)', filter: [{ field: 'status', op: 'eq', value: 'sold' }], sort: '', raw: sql`select * from obj_vehicles where deleted_at is null and f_status = 'sold' order by created_at desc, id desc limit 51` },
    { label: 'status = sold, by price desc', filter: [{ field: 'status', op: 'eq', value: 'sold' }], sort: '-price', raw: dialect === 'postgres'
      ? sql`select * from obj_vehicles where deleted_at is null and f_status = 'sold' order by f_price desc nulls last, id desc limit 51`
      : sql`select * from obj_vehicles where deleted_at is null and +f_status = 'sold' order by f_price desc, id desc limit 51` },
    { label: 'year >= 2020, by price asc', filter: [{ field: 'year', op: 'gte', value: 2020 }], sort: 'price', raw: dialect === 'postgres'
      ? sql`select * from obj_vehicles where deleted_at is null and f_year >= 2020 order by f_price asc nulls first, id asc limit 51`
      : sql`select * from obj_vehicles where deleted_at is null and f_year >= 2020 order by f_price asc, id asc limit 51` },
  ];
  console.log(`${dialect}: ${rows} vehicles seeded in ${seedS.toFixed(1)} s`);
  for (const c of cases) {
    const url = `/api/v1/objects/vehicles?limit=50&filter=${encodeURIComponent(JSON.stringify(c.filter))}${c.sort ? `&sort=${c.sort}` : ''}`;
    const api: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < samples; i++) {
      let t = performance.now();
      const res = await app.inject({ method: 'GET', url, headers });
      if (res.statusCode !== 200) throw new Error(res.body);
      api.push(performance.now() - t);
      t = performance.now();
      await c.raw.execute(db);
      raw.push(performance.now() - t);
    }
    console.log(`  ${c.label}: API ${pct(api, 50).toFixed(2)} / ${pct(api, 95).toFixed(2)} ms, raw SQL ${pct(raw, 50).toFixed(2)} / ${pct(raw, 95).toFixed(2)} ms → ${(pct(api, 95) / pct(raw, 95)).toFixed(1)}× at p95`);
  }
  // Search (`q`) over search_text: a list page (newest first) and the global search across objects, for a rare
  // term (a few rows), a common one (~11% of rows) and one without match.
  const searches = [
    { label: 'list q rare ("car 4242")', url: `/api/v1/objects/vehicles?limit=50&q=${encodeURIComponent('car 4242')}` },
    { label: 'list q common ("car 9")', url: `/api/v1/objects/vehicles?limit=50&q=${encodeURIComponent('car 9')}` },
    { label: 'list q no match ("xyz")', url: '/api/v1/objects/vehicles?limit=50&q=xyz' },
    { label: 'global search rare ("car 4242")', url: `/api/v1/record-search?q=${encodeURIComponent('car 4242')}` },
    { label: 'global search no match ("xyz")', url: '/api/v1/record-search?q=xyz' },
  ];
  for (const c of searches) {
    const api: number[] = [];
    for (let i = 0; i < samples; i++) {
      const t = performance.now();
      const res = await app.inject({ method: 'GET', url: c.url, headers });
      if (res.statusCode !== 200) throw new Error(res.body);
      api.push(performance.now() - t);
    }
    console.log(`  ${c.label}: API ${pct(api, 50).toFixed(2)} / ${pct(api, 95).toFixed(2)} ms (p50 / p95)`);
  }
  await app.close();
  await database.close();
  cluster?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

if (which === 'sqlite' || which === 'both') await run('sqlite');
if (which === 'postgres' || which === 'both') await run('postgres');
