/**
 * Storage choice for custom objects (issue 13 item 2), measured before choosing: the same filtered, sorted
 * 50-row page (and its next keyset page) on
 *  - typed: one real table per object (`obj_<name>`, a typed column per field, one `(column, id)` index per
 *    filterable/sortable field — what runtime DDL creates);
 *  - json: one generic table for every object (`type`, `vals` JSON text as the platform stores JSON) with one
 *    expression index `(type, <value of the field>, id)` per filterable/sortable field;
 *  - floor: the typed table plus a composite index matching filter and sort exactly (hand-tuned).
 * Raw SQL through the drivers, no engine: this decides the layout, not the engine's overhead.
 * Usage: node bench/run.mjs records-storage [--db sqlite|postgres|both] [--rows 200000] [--samples 200]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { findPostgresBin, startCluster } from '../server/src/platform/testing/postgres-cluster';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : def;
};
const rows = Number(arg('rows', '200000'));
const samples = Number(arg('samples', '200'));
const which = arg('db', 'both');
const statuses = ['new', 'active', 'service', 'sold', 'scrapped'];

interface Runner { query(text: string, params: unknown[]): Promise<unknown[]>; exec(text: string): Promise<void>; close(): Promise<void> }

/** The page queries, per layout: `$n` placeholders; `?` for SQLite is substituted below. */
function queries(d: 'sqlite' | 'postgres') {
  const j = (k: string) => (d === 'postgres' ? `(vals::jsonb ->> '${k}')` : `json_extract(vals, '$.${k}')`);
  const jn = (k: string) => (d === 'postgres' ? `((vals::jsonb ->> '${k}')::bigint)` : `json_extract(vals, '$.${k}')`);
  return {
    typed: {
      first: `select * from obj_vehicles where deleted_at is null and status = $1 order by price desc, id desc limit 51`,
      next: `select * from obj_vehicles where deleted_at is null and status = $1 and (price < $2 or (price = $2 and id < $3)) order by price desc, id desc limit 51`,
    },
    json: {
      first: `select * from records where type = 'vehicles' and deleted_at is null and ${j('status')} = $1 order by ${jn('price')} desc, id desc limit 51`,
      next: `select * from records where type = 'vehicles' and deleted_at is null and ${j('status')} = $1 and (${jn('price')} < $2 or (${jn('price')} = $2 and id < $3)) order by ${jn('price')} desc, id desc limit 51`,
    },
    ddl: {
      typed: [
        `create table obj_vehicles (id text primary key, version integer not null, owner_id text, created_at text not null, deleted_at text, name text, status text, price bigint, year integer)`,
        `insert into obj_vehicles select printf('%012d', n), 1, 'u' || (n % 50), '2026-01-01', null, 'car ' || n, ${pick(d)}, (n * 7919) % 100000000, 1990 + n % 35 from ${series(d)}`,
        `create index obj_vehicles_status on obj_vehicles (status, id)`,
        `create index obj_vehicles_price on obj_vehicles (price, id)`,
        `create index obj_vehicles_name on obj_vehicles (name, id)`,
        `create index obj_vehicles_year on obj_vehicles (year, id)`,
      ],
      json: [
        `create table records (id text primary key, type text not null, version integer not null, owner_id text, created_at text not null, deleted_at text, vals text not null)`,
        `insert into records select printf('%012d', n), 'vehicles', 1, 'u' || (n % 50), '2026-01-01', null, ${jsonOf(d)} from ${series(d)}`,
        `create index records_status on records (type, ${j('status')}, id)`,
        `create index records_price on records (type, ${jn('price')}, id)`,
        `create index records_name on records (type, ${j('name')}, id)`,
        `create index records_year on records (type, ${jn('year')}, id)`,
      ],
      floor: [`create index obj_vehicles_floor on obj_vehicles (status, price, id)`],
    },
  };
}
function series(d: 'sqlite' | 'postgres'): string {
  return d === 'postgres' ? `generate_series(1, ${rows}) as g(n)` : `(with recursive s(n) as (select 1 union all select n + 1 from s where n < ${rows}) select n from s)`;
}
function pick(d: 'sqlite' | 'postgres'): string {
  const arr = statuses.map((s) => `'${s}'`);
  return d === 'postgres' ? `(array[${arr.join(',')}])[1 + n % 5]` : `(case n % 5 ${arr.map((s, i) => `when ${i} then ${s}`).join(' ')} end)`;
}
function jsonOf(d: 'sqlite' | 'postgres'): string {
  return d === 'postgres'
    ? `json_build_object('name', 'car ' || n, 'status', (array[${statuses.map((s) => `'${s}'`).join(',')}])[1 + n % 5], 'price', (n::bigint * 7919) % 100000000, 'year', 1990 + n % 35)::text`
    : `json_object('name', 'car ' || n, 'status', ${pick(d)}, 'price', (n * 7919) % 100000000, 'year', 1990 + n % 35)`;
}

async function sqliteRunner(): Promise<Runner> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-recbench-'));
  const db = new SQLite(path.join(dir, 'b.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('cache_size = -64000');
  const cache = new Map<string, SQLite.Statement>();
  return {
    async query(text, params) {
      const t = text.replace(/\$(\d+)/g, '@p$1');
      let s = cache.get(t);
      if (!s) cache.set(t, (s = db.prepare(t)));
      return s.all(Object.fromEntries(params.map((v, i) => [`p${i + 1}`, v])));
    },
    async exec(text) { db.exec(text); },
    async close() { db.close(); fs.rmSync(dir, { recursive: true, force: true }); },
  };
}

async function pgRunner(): Promise<Runner> {
  const cluster = await startCluster(findPostgresBin()!);
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  await client.query(`create or replace function printf(f text, n int) returns text language sql immutable as $$ select lpad(n::text, 12, '0') $$`);
  await client.query(`set random_page_cost = 1.1`);
  return {
    async query(text, params) { return (await client.query({ text, values: params })).rows; },
    async exec(text) { await client.query(text); },
    async close() { await client.end(); cluster.stop(); },
  };
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

async function measure(r: Runner, q: { first: string; next: string }, priceOf: (row: Record<string, unknown>) => number) {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const status = statuses[i % statuses.length]!;
    const t0 = performance.now();
    const page = (await r.query(q.first, [status])) as Record<string, unknown>[];
    const last = page[49]!;
    await r.query(q.next, [status, priceOf(last), last.id]);
    times.push((performance.now() - t0) / 2);
  }
  return { p50: pct(times, 50), p95: pct(times, 95) };
}

async function run(d: 'sqlite' | 'postgres') {
  const r = d === 'sqlite' ? await sqliteRunner() : await pgRunner();
  const q = queries(d);
  const t0 = performance.now();
  for (const s of q.ddl.typed) await r.exec(s);
  const tTyped = performance.now() - t0;
  const t1 = performance.now();
  for (const s of q.ddl.json) await r.exec(s);
  const tJson = performance.now() - t1;
  await r.exec(d === 'sqlite' ? 'analyze' : 'analyze');
  const typed = await measure(r, q.typed, (row) => Number(row.price));
  const json = await measure(r, q.json, (row) => Number(JSON.parse(String(row.vals)).price));
  for (const s of q.ddl.floor) await r.exec(s);
  await r.exec('analyze');
  const floor = await measure(r, q.typed, (row) => Number(row.price));
  await r.close();
  const f = (x: { p50: number; p95: number }) => `${x.p50.toFixed(2)} / ${x.p95.toFixed(2)} ms (p95 ${(x.p95 / floor.p95).toFixed(1)}× floor)`;
  console.log(`${d}: ${rows} rows; seed+index typed ${(tTyped / 1000).toFixed(1)} s, json ${(tJson / 1000).toFixed(1)} s`);
  console.log(`  floor (typed + composite index): ${floor.p50.toFixed(2)} / ${floor.p95.toFixed(2)} ms`);
  console.log(`  typed table, per-field indexes:  ${f(typed)}`);
  console.log(`  json table, expression indexes:  ${f(json)}`);
}

if (which === 'sqlite' || which === 'both') await run('sqlite');
if (which === 'postgres' || which === 'both') await run('postgres');
