/**
 * Query plans of the Customer 360 bench requests, on a database kept by `customers.bench.ts --keep <dir>`.
 * Runs each request once through app.inject, captures every SQL statement the driver receives (text and
 * parameters), then prints its time and plan: EXPLAIN QUERY PLAN on SQLite, EXPLAIN (ANALYZE, BUFFERS) on
 * PostgreSQL. Usage: node bench/run.mjs plans --db sqlite|postgres --reuse <dir> [--pg-url <url>] [--only list|search|page]
 */
import path from 'node:path';
import fs from 'node:fs';
import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig } from '../server/src/platform/config/config';
import { createContext, openAndMigrate } from '../server/src/platform/bootstrap';
import { buildApp } from '../server/src/app';
import { modules } from '../server/src/modules/index';
import { findPostgresBin } from '../server/src/platform/testing/postgres-cluster';
import { signIn } from '../server/src/platform/testing/factories';
import { startKeptCluster } from './kept-cluster';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : def;
};
const dialect = arg('db', 'sqlite') as 'sqlite' | 'postgres';
const dir = path.resolve(arg('reuse', ''));
const only = arg('only', '');
const meta = JSON.parse(fs.readFileSync(path.join(dir, `${dialect}-meta.json`), 'utf8')) as { userIds: string[]; meId: string; hot: string[] };

type Captured = { sql: string; params: unknown[] };
let captured: Captured[] | null = null;

let cluster: { url: string; stop(): void } | null = null;
let databaseUrl: string | undefined;
if (dialect === 'postgres') {
  const given = arg('pg-url', '');
  if (!given) cluster = await startKeptCluster(findPostgresBin()!, path.join(dir, 'pg'));
  databaseUrl = (given || cluster!.url).replace(/\/postgres$/, '/kith_bench');
  const orig = pg.Client.prototype.query as (...a: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
    const q = a[0] as string | { text: string; values?: unknown[] };
    if (captured && typeof q === 'object' && q && 'text' in q) captured.push({ sql: q.text, params: q.values ?? [] });
    else if (captured && typeof q === 'string' && !/^explain/i.test(q)) captured.push({ sql: q, params: (a[1] as unknown[]) ?? [] });
    return orig.apply(this, a);
  } as typeof pg.Client.prototype.query;
}
const config = { ...loadConfig({ KITH_DATA_DIR: path.join(dir, dialect === 'sqlite' ? 'sqlite' : 'pg-files'), LOG_LEVEL: 'silent', KITH_RATE_LIMIT_PER_MINUTE: '100000000' }), databaseUrl };
const database = await openAndMigrate(config, modules);
if (database.sqlite) {
  const s = database.sqlite;
  const prepare = s.prepare.bind(s);
  // The driver prepares each statement, then runs it with its parameters: record both.
  s.prepare = ((text: string) => {
    const stmt = prepare(text);
    if (!captured || /^explain/i.test(text)) return stmt;
    const entry: Captured = { sql: text, params: [] };
    captured.push(entry);
    for (const m of ['all', 'get', 'run', 'iterate'] as const) {
      const f = (stmt as unknown as Record<string, (...a: unknown[]) => unknown>)[m]!.bind(stmt);
      (stmt as unknown as Record<string, unknown>)[m] = (...a: unknown[]) => {
        entry.params = (a.length === 1 && Array.isArray(a[0]) ? a[0] : a) as unknown[];
        return f(...a);
      };
    }
    return stmt;
  }) as typeof s.prepare;
}
// Same as the bench: fresh statistics (new indexes from pending migrations have none yet).
await sql`analyze`.execute(database.db);
const ctx = createContext(config, database, modules);
const app = await buildApp(ctx, modules);
await app.ready();
const headers = await signIn(database.db, { id: meta.meId });
const enc = (f: unknown) => encodeURIComponent(JSON.stringify(f));

async function explain(c: Captured): Promise<{ ms: number; plan: string }> {
  if (database.sqlite) {
    const s = database.sqlite;
    const stmt = s.prepare(c.sql);
    const t0 = performance.now();
    if (stmt.reader) stmt.all(...(c.params as never[]));
    const ms = performance.now() - t0;
    const plan = s.prepare(`explain query plan ${c.sql}`).all(...(c.params as never[])) as { id: number; parent: number; detail: string }[];
    const depth = new Map<number, number>();
    const lines = plan.map((r) => {
      const d = (depth.get(r.parent) ?? -1) + 1;
      depth.set(r.id, d);
      return `${'  '.repeat(d)}${r.detail}`;
    });
    return { ms, plan: lines.join('\n') };
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const t0 = performance.now();
    await client.query(c.sql, c.params);
    const ms = performance.now() - t0;
    const res = await client.query(`explain (analyze, buffers) ${c.sql}`, c.params);
    return { ms, plan: res.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n') };
  } finally {
    await client.end();
  }
}

async function show(label: string, url: string): Promise<unknown> {
  captured = [];
  const t0 = performance.now();
  const res = await app.inject({ method: 'GET', url, headers });
  const total = performance.now() - t0;
  const got = captured;
  captured = null;
  console.log(`\n=== ${label}: ${url.slice(0, 160)} → ${res.statusCode}, ${total.toFixed(1)} ms, ${got.length} statements`);
  for (const c of got) {
    if (/^(begin|commit|rollback|savepoint|release)/i.test(c.sql.trim())) continue;
    const { ms, plan } = await explain(c);
    console.log(`--- ${ms.toFixed(2)} ms  ${c.sql.replace(/\s+/g, ' ').slice(0, 600)}\n    params ${JSON.stringify(c.params).slice(0, 200)}\n${plan.replace(/^/gm, '    ')}`);
  }
  return res.json();
}

/** `--repeat N`: CPU time per request (user+system of this process: Node + SQLite, not PostgreSQL's backend). */
async function cpuOf(label: string, url: string, n: number) {
  for (let i = 0; i < 5; i++) await app.inject({ method: 'GET', url, headers });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await app.inject({ method: 'GET', url, headers });
  const c = process.cpuUsage(c0);
  console.log(`${label.padEnd(14)} cpu ${((c.user + c.system) / 1000 / n).toFixed(2)} ms/req, wall ${((performance.now() - t0) / n).toFixed(2)} ms/req  ${url.slice(8, 90)}`);
}
const u3 = meta.userIds[3];
const lists = [
  `/api/v1/contacts?limit=50&filter=${enc([{ field: 'lifecycleStage', op: 'is', value: 'customer' }])}&sort=-updatedAt`,
  `/api/v1/contacts?limit=50&ownerId=${u3}&sort=displayName`,
  `/api/v1/contacts?limit=50&tag=vip&sort=-createdAt`,
  `/api/v1/contacts?limit=50&filter=${enc([{ field: 'lifecycleStage', op: 'in', value: ['lead', 'opportunity'] }, { field: 'familyName', op: 'starts_with', value: 'Ng' }])}&sort=-updatedAt`,
];
/** The bench's search terms (customers.bench.ts). */
const searches = ['nguyen van', 'tran thi lan', 'dang', 'hoa', 'smith', 'giám đốc', 'company12', 'nguyễn minh', '0910000123', '+1 415 100 0042', 'le thu', 'ph'];
const repeat = Number(arg('repeat', '0'));
if (repeat) {
  if (only === 'page0') {
    await cpuOf('list total=0', `${lists[0]}&total=false`, repeat);
    const { listsService } = await import('../server/src/modules/contacts/lists.service');
    const { loadPrincipal } = await import('../server/src/platform/auth/authenticate');
    const principal = await loadPrincipal(database.db, meta.meId, { kind: 'user' });
    const query = { limit: 50, total: 'false' as const, filter: JSON.stringify([{ field: 'lifecycleStage', op: 'is', value: 'customer' }]), sort: '-updatedAt' };
    const c0 = process.cpuUsage();
    let out: unknown;
    for (let i = 0; i < repeat; i++) out = await listsService.listContacts(database, principal as never, query);
    const c = process.cpuUsage(c0);
    console.log(`service only cpu ${((c.user + c.system) / 1000 / repeat).toFixed(2)} ms/req`);
    const c1 = process.cpuUsage();
    for (let i = 0; i < repeat; i++) JSON.stringify(out);
    const c2 = process.cpuUsage(c1);
    console.log(`JSON.stringify cpu ${((c2.user + c2.system) / 1000 / repeat).toFixed(2)} ms/req`);
    await app.close();
    process.exit(0);
  }
  for (const q of lists) await cpuOf('list', q, repeat);
  for (const q of lists) await cpuOf('list total=0', `${q}&total=false`, repeat);
  for (const q of lists) await cpuOf('count', q.replace('/contacts?limit=50&', '/contacts/count?').replace(/&sort=[^&]*/, ''), repeat);
  for (const q of searches) await cpuOf('search', `/api/v1/search?q=${encodeURIComponent(q)}&limit=10`, repeat);
  await cpuOf('contact', `/api/v1/contacts/${meta.hot[7]}`, repeat);
  await cpuOf('timeline', `/api/v1/contacts/${meta.hot[7]}/timeline?limit=50`, repeat);
  await cpuOf('health', `/api/v1/contacts?limit=1&total=false&ownerId=${meta.meId}`, repeat);
} else if (!only || only === 'list') {
  for (const q of lists) {
    const body = (await show('list', `${q}&total=false`)) as { nextCursor: string | null };
    if (body.nextCursor) await show('list next', `${q}&total=false&cursor=${encodeURIComponent(body.nextCursor)}`);
    await show('count', q.replace('/contacts?limit=50&', '/contacts/count?').replace(/&sort=[^&]*/, ''));
  }
}
if (!repeat && (!only || only === 'search')) {
  for (const q of searches) await show('search', `/api/v1/search?q=${encodeURIComponent(q)}&limit=10`);
}
if (!repeat && (!only || only === 'page')) {
  const id = meta.hot[7]!;
  await show('contact', `/api/v1/contacts/${id}`);
  await show('timeline', `/api/v1/contacts/${id}/timeline?limit=50`);
}
await app.close();
await database.close();
cluster?.stop();
