/**
 * Records platform figures at scale (issue 13 "Figures"), over HTTP on loopback (the app listening on 127.0.0.1,
 * requests by fetch with keep-alive: auth, grant, definition freshness, filter parsing, scope, presenter, response
 * schema, serialisation), on both databases in the same run:
 *  1. a custom object `vehicles` created through `POST /api/v1/record-types` (text, select, money, date fields and a
 *     relation to contacts) and filled with KITH_BENCH_ROWS records (default 20,000; 1,000,000 for the figure):
 *     two filtered, sorted 50-row pages through the API, p50/p95 over --samples requests, against
 *       - raw: the exact statement the engine emits for that request (built by the engine's own specOf /
 *         listConditions / orderBy for the same principal, compiled once), run on the driver directly, and
 *       - bare HTTP: a bare Fastify route on loopback running that raw statement (no auth, no presenter);
 *  2. the global search as the command palette asks it (`GET /record-search?q=…&limit=5`, every engine object
 *     the caller reads, and the contacts/companies `GET /search?q=…&limit=20` beside it, in parallel) for a rare
 *     term, a common term and a 3-character term, against the one statement `/record-search` runs since aa59e28
 *     (proposedSearch below, the floor) and the 12 per-object statements it ran before (searchStatements).
 * Seeding (not measured as a figure, only timed): the object is created through the API; its rows are written by
 * bulk SQL (platform/db bulkInsert, 10,000 rows per transaction) with `search_text` derived exactly as the write
 * pipeline derives it (the searchable fields' valueText, normaliseSearch, 4,000 characters); the search index is
 * dropped before and rebuilt after by the engine's own `createSearchIndex` (as migration
 * 20261207_1510_records_search_index does for tables that already hold rows). Deals (KITH_BENCH_ROWS / 5) are
 * seeded the deals-board way.
 * Usage: [KITH_BENCH_ROWS=1000000] node bench/run.mjs records-1m [--db sqlite|postgres|both] [--samples 200]
 *        [--search-samples 40] [--reuse <dir> [--seed-only]] [--plans]
 * --reuse <dir>: the kept data of `node bench/run.mjs customers --keep <dir>` (1M contacts, 200k companies): the
 * vehicles and deals are seeded into it once and reused. Without it a throwaway database gets rows / 10 contacts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import Fastify from 'fastify';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { loadConfig } from '../server/src/platform/config/config';
import { createContext, openAndMigrate } from '../server/src/platform/bootstrap';
import { buildApp } from '../server/src/app';
import { modules } from '../server/src/modules/index';
import { findPostgresBin, startCluster } from '../server/src/platform/testing/postgres-cluster';
import { startKeptCluster } from './kept-cluster';
import { createRole, createUser, signIn } from '../server/src/platform/testing/factories';
import { newId } from '../server/src/platform/ids';
import { loadPrincipal } from '../server/src/platform/auth/authenticate';
import type { Principal } from '../server/src/platform/auth/principal';
import type { Database } from '../server/src/platform/db/db';
import { bulkInsert } from '../server/src/platform/db/bulk';
import { createSearchIndex } from '../server/src/platform/db/records-ddl';
import { columnsOf, definitionOf, engineConfig, listConditions, orderBy, specOf, valueText, type ObjectDefinition } from '../server/src/platform/records/index';
import { normaliseSearch } from '../server/src/platform/records/values';
import { rng, seedCompanies, seedContacts } from './seed';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : def;
};
const ROWS = Number(process.env.KITH_BENCH_ROWS ?? 20_000);
const samples = Number(arg('samples', '200'));
/** The search terms run fewer times: a common term's statement takes a second on SQLite at 1M (bench/README.md). */
const searchSamples = Number(arg('search-samples', '40'));
const which = arg('db', 'both');
const keepDir = process.argv.includes('--reuse') ? path.resolve(arg('reuse', '')) : null;
const seedOnly = process.argv.includes('--seed-only');
const showPlans = process.argv.includes('--plans');

const STATUSES = ['in_stock', 'reserved', 'sold', 'in_service', 'scrapped'];
const MAKES = ['Toyota', 'Honda', 'VinFast', 'Hyundai', 'Kia', 'Mazda', 'Ford', 'Mitsubishi'];
const MODELS = ['Vios', 'City', 'VF 8', 'Accent', 'Morning', 'CX-5', 'Ranger', 'Xpander', 'Camry', 'Civic', 'Tucson', 'Seltos'];
const COLOURS = ['trắng', 'đen', 'bạc', 'đỏ', 'xanh', 'xám'];
/** n's plate: unique, so a 7-digit n (0424200 at 1M) is a rare term (1 record); makes give the common and 3-character ones. */
const plateOf = (n: number) => `${String(10 + (n % 89)).padStart(2, '0')}${'ABCDEFGHK'[n % 9]}-${String(n).padStart(7, '0')}`;
const TERMS = { rare: String(Math.floor(ROWS * 0.4242)).padStart(7, '0'), common: 'toyota', short: 'kia' } as const;

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))]!;
  return { p50: at(50), p95: at(95), max: s[s.length - 1]! };
};
const f1 = (n: number) => n.toFixed(n < 10 ? 2 : 1);
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

type Compiled = { sql: string; parameters: readonly unknown[] };
interface Raw { run(q: Compiled): Promise<unknown[]>; explain(q: Compiled): Promise<string>; close(): Promise<void> }

/** The driver under Kysely, without Kysely: better-sqlite3's handle (prepared once per text) or one pg client. */
async function rawRunner(database: Database, url: string | undefined): Promise<Raw> {
  if (database.dialect === 'sqlite') {
    const sqlite = database.sqlite!;
    const cache = new Map<string, ReturnType<typeof sqlite.prepare>>();
    const stmt = (t: string) => cache.get(t) ?? cache.set(t, sqlite.prepare(t)).get(t)!;
    return {
      async run(q) { return stmt(q.sql).all(...(q.parameters as unknown[])); },
      async explain(q) {
        return (sqlite.prepare(`explain query plan ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail).join(' | ');
      },
      async close() {},
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async run(q) { return (await client.query({ text: q.sql, values: q.parameters as unknown[] })).rows; },
    async explain(q) {
      const r = await client.query({ text: `explain (analyze, buffers, costs off) ${q.sql}`, values: q.parameters as unknown[] });
      return r.rows.map((x: Record<string, string>) => x['QUERY PLAN']).join('\n');
    },
    async close() { await client.end(); },
  };
}

/** The vehicles object, through the API as an administrator creates it. */
async function createVehicles(base: string, adminHeaders: Record<string, string>) {
  const res = await fetch(`${base}/api/v1/record-types`, {
    method: 'POST', headers: { ...adminHeaders, 'content-type': 'application/json' }, body: JSON.stringify({
      name: 'vehicles', icon: 'car', labels: { en: { singular: 'Vehicle', plural: 'Vehicles' }, vi: { singular: 'Xe', plural: 'Xe' } },
      fields: [
        { key: 'name', type: 'text', labels: { en: 'Name', vi: 'Tên' }, required: true },
        { key: 'plate', type: 'text', labels: { en: 'Plate', vi: 'Biển số' } },
        { key: 'status', type: 'select', labels: { en: 'Status', vi: 'Trạng thái' }, options: STATUSES.map((s, i) => ({ value: s, labels: { en: s, vi: s }, position: i })) },
        { key: 'price', type: 'money', labels: { en: 'Price', vi: 'Giá' }, currency: 'VND' },
        { key: 'delivered_on', type: 'date', labels: { en: 'Delivered on', vi: 'Ngày giao' } },
        { key: 'owner_contact', type: 'relation', labels: { en: 'Owner', vi: 'Chủ xe' }, relation: { target: 'contacts' } },
      ],
    }),
  });
  if (res.status !== 201) throw new Error(`create vehicles → ${res.status} ${await res.text()}`);
}

/** search_text as pipeline.ts derives it (its `searchText`, which is not exported). */
const searchTextOf = (def: ObjectDefinition, values: Record<string, unknown>) =>
  normaliseSearch(def.fields.filter((f) => f.searchable).map((f) => valueText(f, values[f.key])).filter(Boolean).join(' ')).slice(0, 4000);

async function seedVehicles(database: Database, def: ObjectDefinition, rows: number, ownerIds: string[], contactIds: string[]) {
  const { db, dialect } = database;
  const t = def.table;
  // The engine's search index, dropped for the bulk load and rebuilt after by createSearchIndex (as its migration does).
  if (dialect === 'postgres') await sql.raw(`drop index if exists ${t}_search_trgm`).execute(db);
  else for (const s of [`drop trigger if exists ${t}_fts_ai`, `drop trigger if exists ${t}_fts_ad`, `drop trigger if exists ${t}_fts_au`, `drop table if exists ${t}_fts`]) await sql.raw(s).execute(db);
  const base = Date.parse('2024-01-01T00:00:00Z');
  const day0 = Date.parse('2020-01-01T00:00:00Z');
  const t0 = performance.now();
  for (let from = 0; from < rows; from += 10_000) {
    const batch: Record<string, unknown>[] = [];
    for (let n = from; n < Math.min(rows, from + 10_000); n++) {
      const values: Record<string, unknown> = {
        name: `${MAKES[n % 8]} ${MODELS[(n * 7) % 12]} ${COLOURS[(n * 3) % 6]}`,
        plate: plateOf(n),
        status: STATUSES[(n * 13) % 5],
        price: { amount: 200_000_000 + ((n * 7919) % 2_000_000_000), currency: 'VND' },
        delivered_on: new Date(day0 + ((n * 37) % 2190) * 86_400_000).toISOString().slice(0, 10),
        owner_contact: contactIds[(n * 104_729) % contactIds.length]!,
      };
      const at = new Date(base + n * 20_000).toISOString();
      const row: Record<string, unknown> = {
        id: newId(), version: 1, owner_id: ownerIds[n % ownerIds.length]!, team_id: null, created_at: at, updated_at: at, created_by: null, updated_by: null,
        deleted_at: null, search_text: searchTextOf(def, values),
      };
      for (const f of def.fields) if (f.key in values) Object.assign(row, columnsOf(f, values[f.key]));
      batch.push(row);
    }
    await db.transaction().execute((trx) => bulkInsert(database, trx, t as never, batch as never));
    if ((from + 10_000) % 100_000 === 0) console.log(`  ${dialect}: ${from + 10_000} vehicles, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  const insertS = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  await db.transaction().execute((trx) => createSearchIndex(trx, dialect, t));
  const indexS = (performance.now() - t1) / 1000;
  return { insertS, indexS };
}

/** Deals the deals-board bench's way (Sales pipeline's stages), rows / 5 of them. */
async function seedDeals(database: Database, count: number, ownerIds: string[]) {
  const { db } = database;
  const sales = (await db.selectFrom('pipelines').select('id').where('is_default', '=', 1).executeTakeFirst())
    ?? (await db.selectFrom('pipelines').select('id').executeTakeFirstOrThrow());
  const stages = await db.selectFrom('pipeline_stages').select(['id', 'probability', 'outcome']).where('pipeline_id', '=', sales.id).orderBy('position').execute();
  const start = Date.now() - 400 * 86_400_000;
  for (let from = 0; from < count; from += 5000) {
    const batch: Record<string, unknown>[] = [];
    for (let n = from; n < Math.min(count, from + 5000); n++) {
      const stage = stages[(n * 7) % stages.length]!;
      const created = new Date(start + ((n * 7919) % 100_000) * 345_600).toISOString();
      batch.push({
        id: newId(), version: 1, owner_id: ownerIds[n % ownerIds.length]!, team_id: null, created_at: created, updated_at: created, created_by: null, updated_by: null,
        deleted_at: null, search_text: `deal ${n}`, name: `Deal ${n}`, amount: 1_000_000 + ((n * 104729) % 500_000_000), amount_currency: 'VND',
        pipeline: sales.id, stage: stage.id, status: stage.outcome, probability: stage.probability, stage_entered_at: created, forecast_category: 'pipeline',
      });
    }
    await db.transaction().execute((trx) => bulkInsert(database, trx, 'deals' as never, batch as never));
  }
}

async function run(dialect: 'sqlite' | 'postgres') {
  let cluster: { url: string; stop(): void } | null = null;
  let databaseUrl: string | undefined;
  if (dialect === 'postgres') {
    const bin = findPostgresBin();
    if (!bin) throw new Error('PostgreSQL binaries not found');
    cluster = keepDir ? await startKeptCluster(bin, path.join(keepDir, 'pg')) : await startCluster(bin);
    databaseUrl = keepDir ? cluster.url.replace(/\/postgres$/, '/kith_bench') : cluster.url;
  }
  const dataDir = keepDir ? path.join(keepDir, dialect === 'sqlite' ? 'sqlite' : 'pg-files') : fs.mkdtempSync(path.join(os.tmpdir(), 'kith-rec1m-'));
  if (keepDir && !fs.existsSync(path.join(keepDir, `${dialect}-meta.json`))) throw new Error(`--reuse ${keepDir}: seed it first with node bench/run.mjs customers --db ${dialect} --keep ${keepDir} --seed-only`);
  const config = { ...loadConfig({ KITH_DATA_DIR: dataDir, LOG_LEVEL: 'silent', KITH_RATE_LIMIT_PER_MINUTE: '100000000' }), databaseUrl };
  const database = await openAndMigrate(config, modules);
  const ctx = createContext(config, database, modules);
  const app = await buildApp(ctx, modules, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const db = database.db;
  const out: Record<string, unknown> = { dialect, rows: ROWS, samples, searchSamples };

  // ── seed (once per kept directory) ──
  const adminHeaders = await signIn(db, await createUser(db, { roleId: (await createRole(db, { isAdmin: true })).id, name: 'Bench admin' }));
  const seedFile = keepDir ? path.join(keepDir, `${dialect}-records-1m.json`) : null;
  let seeded: { rows: number; vehicles: { insertS: number; indexS: number }; deals: number; contacts: number } | null = seedFile && fs.existsSync(seedFile) ? JSON.parse(fs.readFileSync(seedFile, 'utf8')) : null;
  if (seeded && seeded.rows !== ROWS) throw new Error(`${seedFile} holds ${seeded.rows} vehicles, not ${ROWS}: use another directory or KITH_BENCH_ROWS=${seeded.rows}`);
  if (!seeded) {
    const owners: string[] = [];
    for (let i = 0; i < 10; i++) owners.push((await createUser(db, { name: `Vehicle seller ${i}` })).id);
    if (!keepDir) {
      const r = rng(7);
      const users = { userIds: owners, teamIds: owners.map(() => null) };
      const companies = await seedCompanies(database, Math.max(100, Math.floor(ROWS / 50)), users, r);
      await seedContacts(database, Math.max(500, Math.floor(ROWS / 10)), users, companies, r);
    }
    const contactIds = (await db.selectFrom('contacts').select('id').where('deleted_at', 'is', null).orderBy('id').limit(100_000).execute()).map((c) => c.id);
    await createVehicles(base, adminHeaders);
    const { def } = await definitionOf(db, 'vehicles');
    const vehicles = await seedVehicles(database, def, ROWS, owners, contactIds);
    const t0 = performance.now();
    await seedDeals(database, Math.floor(ROWS / 5), owners);
    const dealsS = (performance.now() - t0) / 1000;
    await sql.raw('analyze').execute(db);
    seeded = { rows: ROWS, vehicles, deals: Math.floor(ROWS / 5), contacts: Number((await sql<{ n: number }>`select count(*) as n from contacts`.execute(db)).rows[0]!.n) };
    console.log(`[${dialect}] ${ROWS} vehicles: bulk insert ${vehicles.insertS.toFixed(1)} s, search index ${vehicles.indexS.toFixed(1)} s; ${seeded.deals} deals ${dealsS.toFixed(1)} s; ${seeded.contacts} contacts present`);
    if (seedFile) fs.writeFileSync(seedFile, JSON.stringify(seeded));
  }
  out.seed = seeded;
  if (seedOnly) {
    await app.close();
    await database.close();
    cluster?.stop();
    return null;
  }

  // ── the reader: read/all on every engine object, contacts, companies (the palette searches all of them) ──
  const { def, defs } = await definitionOf(db, 'vehicles');
  const readAll = { actions: ['read' as const], scope: 'all' as const };
  const permissions = Object.fromEntries([...[...defs.values()].map((d) => d.permissionModule), 'contacts', 'companies', 'activities'].map((m) => [m, readAll]));
  const reader = await createUser(db, { roleId: (await createRole(db, { name: `Bench reader ${newId()}`, permissions })).id, name: 'Bench reader' });
  const headers = await signIn(db, reader);
  const p: Principal = (await loadPrincipal(db, reader.id, { kind: 'user' }))!;
  const raw = await rawRunner(database, databaseUrl);
  const get = async (url: string) => {
    const res = await fetch(`${base}${url}`, { headers });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${url} → ${res.status} ${body.slice(0, 300)}`);
    return JSON.parse(body) as { data: unknown[] };
  };
  /** The statement `GET /objects/vehicles?filter=…&sort=…&limit=50` runs (repository.page: limit + 1). */
  const pageStatement = (filter: unknown, sort: string): Compiled => {
    const spec = specOf(def, p, { filter: JSON.stringify(filter), sort });
    const where = listConditions(database.dialect, def, defs, p, spec, 'r', engineConfig.region);
    return sql`select r.* from ${sql.table(def.table)} as r where ${sql.join(where, sql` and `)} order by ${sql.join(orderBy(database.dialect, spec.sort, 'r'))} limit ${51}`.compile(db);
  };
  /** The statements `GET /record-search?q=…&limit=5` ran before aa59e28: one per object the reader may read, newest first. */
  const searchStatements = (q: string): Compiled[] => [...defs.values()].map((d) => {
    const where: RawBuilder<SqlBool>[] = listConditions(database.dialect, d, defs, p, { filters: [], sort: [], q, deleted: false }, 'r', engineConfig.region);
    return sql`select r.* from ${sql.table(d.table)} as r where ${sql.join(where, sql` and `)} order by r.created_at desc, r.id desc limit ${5}`.compile(db);
  });

  /**
   * The shape the engine's search has had since aa59e28 (bench/README.md): ONE statement, a UNION ALL of the objects'
   * bounded selects (one round trip instead of one per object); on SQLite each select is driven by the object's FTS5
   * table in rowid order (newest inserted first, stops at 5) instead of `rowid in (every match)` + a sort.
   */
  const proposedSearch = (q: string): Compiled => {
    const needle = normaliseSearch(q);
    const parts = [...defs.values()].map((d, i) => {
      const title = sql.ref(`r.${d.fields.find((f) => f.key === d.titleField)?.column ?? 'id'}`);
      const ftsDriven = database.dialect === 'sqlite' && needle.length >= 3;
      const where = listConditions(database.dialect, d, defs, p, { filters: [], sort: [], q: ftsDriven ? null : q, deleted: false }, 'r', engineConfig.region);
      const fts = sql.table(`${d.table}_fts`);
      const inner = ftsDriven
        ? sql`select ${d.name} as object, r.id as id, ${title} as title from ${fts} as f join ${sql.table(d.table)} as r on r.rowid = f.rowid
            where ${fts} match ${'"' + needle.replace(/"/g, '""') + '"'} and ${sql.join(where, sql` and `)} order by f.rowid desc limit ${5}`
        : sql`select ${d.name} as object, r.id as id, ${title} as title from ${sql.table(d.table)} as r where ${sql.join(where, sql` and `)} order by r.created_at desc, r.id desc limit ${5}`;
      return sql`select * from (${inner}) as ${sql.table(`s${i}`)}`;
    });
    return sql.join(parts, sql` union all `).compile(db);
  };

  // The same raw statement behind a bare Fastify route on loopback: the HTTP floor (no auth, no schema, no presenter).
  const bare = Fastify({ logger: false });
  const bareCases = new Map<string, Compiled>();
  bare.get('/raw/:k', async (req) => {
    const rows = await raw.run(bareCases.get((req.params as { k: string }).k)!);
    return { data: rows.slice(0, 50), nextCursor: rows.length > 50 ? 'x' : null };
  });
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareBase = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;

  // ── 1. filtered, sorted pages ──
  const lastDay = Date.parse('2023-03-01T00:00:00Z');
  const pages = [
    { key: 'status', label: 'status = sold, by price desc', filter: [{ field: 'status', op: 'eq', value: 'sold' }], sort: '-price' },
    { key: 'dates', label: 'delivered in March 2023, by name', filter: [{ field: 'delivered_on', op: 'gte', value: '2023-03-01' }, { field: 'delivered_on', op: 'lte', value: new Date(lastDay + 30 * 86_400_000).toISOString().slice(0, 10) }], sort: 'name' },
    { key: 'owner', label: 'owner contact = X, newest first', filter: [{ field: 'owner_contact', op: 'eq', value: '' }], sort: '' },
  ];
  // A contact who owns vehicles, for the relation filter.
  pages[2]!.filter[0]!.value = (await sql<{ c: string }>`select f_owner_contact as c from obj_vehicles where id = (select min(id) from obj_vehicles)`.execute(db)).rows[0]!.c;
  const loadAt = { start: load() };
  const pageOut: Record<string, unknown>[] = [];
  for (const c of pages) {
    const url = `/api/v1/objects/vehicles?limit=50&filter=${encodeURIComponent(JSON.stringify(c.filter))}${c.sort ? `&sort=${c.sort}` : ''}`;
    const stmt = pageStatement(c.filter, c.sort);
    bareCases.set(c.key, stmt);
    const first = await get(url);
    const rawRows = await raw.run(stmt);
    if (first.data.length !== Math.min(50, rawRows.length)) throw new Error(`${c.label}: API ${first.data.length} rows, raw ${rawRows.length}`);
    for (let i = 0; i < 10; i++) { await get(url); await raw.run(stmt); await fetch(`${bareBase}/raw/${c.key}`).then((r) => r.text()); }
    const api: number[] = [], rawT: number[] = [], bareT: number[] = [], apiCpu: number[] = [], bareCpu: number[] = [];
    const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
    for (let i = 0; i < samples; i++) {
      let c0 = process.cpuUsage();
      let t = performance.now();
      await get(url);
      api.push(performance.now() - t);
      apiCpu.push(cpuMs(process.cpuUsage(c0)));
      t = performance.now();
      await raw.run(stmt);
      rawT.push(performance.now() - t);
      c0 = process.cpuUsage();
      t = performance.now();
      const res = await fetch(`${bareBase}/raw/${c.key}`);
      await res.text();
      bareT.push(performance.now() - t);
      bareCpu.push(cpuMs(process.cpuUsage(c0)));
    }
    // CPU of this process per request (server and the fetch client; SQLite's work included, not PostgreSQL's backend).
    const r = { label: c.label, url, rows: first.data.length, api: stats(api), raw: stats(rawT), bare: stats(bareT), cpu: { api: stats(apiCpu), bare: stats(bareCpu) }, plan: showPlans ? await raw.explain(stmt) : undefined };
    pageOut.push(r);
    console.log(`[${dialect}] ${c.label}: API ${f1(r.api.p50)} / ${f1(r.api.p95)} ms · raw SQL ${f1(r.raw.p50)} / ${f1(r.raw.p95)} → ${(r.api.p95 / r.raw.p95).toFixed(2)}× p95 · bare HTTP + raw ${f1(r.bare.p50)} / ${f1(r.bare.p95)} → ${(r.api.p95 / r.bare.p95).toFixed(2)}× · CPU/request p50 API ${f1(r.cpu.api.p50)}, bare ${f1(r.cpu.bare.p50)} ms`);
    if (r.plan) console.log(`    plan: ${r.plan.replace(/\n/g, '\n    ')}`);
  }
  out.pages = pageOut;

  // ── 2. global search as the palette asks it ──
  const searchOut: Record<string, unknown>[] = [];
  for (const [kind, term] of Object.entries(TERMS)) {
    const rec = `/api/v1/record-search?q=${encodeURIComponent(term)}&limit=5`;
    const std = `/api/v1/search?q=${encodeURIComponent(term)}&limit=20`;
    const stmts = searchStatements(term);
    const found = await get(rec);
    for (let i = 0; i < 2; i++) { await get(rec); await get(std); for (const s of stmts) await raw.run(s); }
    const proposed = proposedSearch(term);
    const proposedHits = (await raw.run(proposed)).length;
    const recT: number[] = [], stdT: number[] = [], both: number[] = [], rawT: number[] = [], propT: number[] = [];
    const perObject = new Map<string, number[]>();
    for (let i = 0; i < searchSamples; i++) {
      let t = performance.now();
      await Promise.all([get(rec), get(std)]);
      both.push(performance.now() - t);
      t = performance.now();
      await get(rec);
      recT.push(performance.now() - t);
      t = performance.now();
      await get(std);
      stdT.push(performance.now() - t);
      t = performance.now();
      for (const [j, s] of stmts.entries()) {
        const t1 = performance.now();
        await raw.run(s);
        const name = [...defs.keys()][j]!;
        perObject.set(name, [...(perObject.get(name) ?? []), performance.now() - t1]);
      }
      rawT.push(performance.now() - t);
      t = performance.now();
      await raw.run(proposed);
      propT.push(performance.now() - t);
    }
    const slowest = [...perObject].map(([k, v]) => [k, stats(v).p95] as const).sort((a, b) => b[1] - a[1]).slice(0, 3);
    const r = {
      kind, term, objects: stmts.length, recordHits: found.data.length, palette: stats(both), recordSearch: stats(recT), contactsSearch: stats(stdT), raw: stats(rawT),
      proposed: { hits: proposedHits, ...stats(propT) }, slowestRaw: Object.fromEntries(slowest),
      plan: showPlans ? await raw.explain(stmts[[...defs.keys()].indexOf('vehicles')]!) : undefined,
    };
    searchOut.push(r);
    console.log(`[${dialect}] search ${kind} "${term}" (${r.recordHits} engine hits over ${r.objects} objects): palette (both in parallel) ${f1(r.palette.p50)} / ${f1(r.palette.p95)} ms · /record-search ${f1(r.recordSearch.p50)} / ${f1(r.recordSearch.p95)} vs its raw statements ${f1(r.raw.p50)} / ${f1(r.raw.p95)} → ${(r.recordSearch.p95 / r.raw.p95).toFixed(2)}× · /search (contacts, companies) ${f1(r.contactsSearch.p50)} / ${f1(r.contactsSearch.p95)}; slowest raw p95: ${slowest.map(([k, v]) => `${k} ${f1(v)}`).join(', ')}; proposed shape, one statement (${proposedHits} hits): ${f1(r.proposed.p50)} / ${f1(r.proposed.p95)}`);
    if (r.plan) console.log(`    vehicles plan: ${r.plan.replace(/\n/g, '\n    ')}`);
  }
  out.search = searchOut;
  out.load = { ...loadAt, end: load() };
  console.log(`[${dialect}] load average at start ${loadAt.start}, at end ${load()}`);
  await bare.close();
  await raw.close();
  await app.close();
  await database.close();
  cluster?.stop();
  if (!keepDir) fs.rmSync(dataDir, { recursive: true, force: true });
  return out;
}

const results: unknown[] = [];
if (which === 'sqlite' || which === 'both') results.push(await run('sqlite'));
if (which === 'postgres' || which === 'both') results.push(await run('postgres'));
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(`bench/results/records-1m-${Date.now()}.json`, JSON.stringify(results.filter(Boolean), null, 2));
