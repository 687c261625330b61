/**
 * Customer 360 figures (issue 3) at scale, server-side (Fastify inject, full pipeline: auth, role and
 * scope checks, validation, SQL, presenter, serialisation):
 *   - filtered + sorted 50-row list page p95 as the web app asks it (total=false), the list's count
 *     (/contacts/count) apart, and each one's ratio to the same raw SQL,
 *   - global search p95, contact page (record + first 50 timeline items) p95.
 * Usage: node bench/run.mjs customers [--db sqlite|postgres|both] [--contacts 1000000] [--companies 200000]
 *        [--activities 2000000] [--samples 300] [--keep <dir> | --reuse <dir>] [--seed-only]
 * --keep <dir> seeds into <dir>/sqlite and a PostgreSQL cluster in <dir>/pg (or reuses them when already
 * seeded) and leaves them there; --reuse <dir> requires an earlier --keep. Pending migrations (new indexes)
 * run on open, so a kept database measures the current code without seeding again (bench/plans.ts explains).
 * --seed-only seeds (with --keep) and stops before measuring.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig } from '../server/src/platform/config/config';
import { createContext, openAndMigrate } from '../server/src/platform/bootstrap';
import { buildApp } from '../server/src/app';
import { modules } from '../server/src/modules/index';
import { findPostgresBin, startCluster } from '../server/src/platform/testing/postgres-cluster';
import { startKeptCluster } from './kept-cluster';
import { createRole, createTeam, createUser, signIn } from '../server/src/platform/testing/factories';
import { rng, seedActivities, seedCompanies, seedContacts } from './seed';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : def;
};
const N = { contacts: Number(arg('contacts', '1000000')), companies: Number(arg('companies', '200000')), activities: Number(arg('activities', '2000000')) };
const samples = Number(arg('samples', '300'));
const which = arg('db', 'both');
const keepDir = process.argv.includes('--reuse') ? arg('reuse', '') : process.argv.includes('--keep') ? arg('keep', '') : null;
const mustReuse = process.argv.includes('--reuse');
const seedOnly = process.argv.includes('--seed-only');

/** What a later --reuse run needs to find the seeded data again. */
interface SeedMeta { rows: typeof N; userIds: string[]; teamIds: (string | null)[]; meId: string; hot: string[]; seedSeconds: { companies: number; contacts: number; activities: number } }

function stats(times: number[]) {
  const s = [...times].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
  return { p50: at(50), p95: at(95), max: s[s.length - 1]! };
}
const ms = (n: number) => `${n.toFixed(2)} ms`;

/** CPU time (user+system) of this process per sample, by the metric being timed: Node + SQLite, not PostgreSQL's backend. */
const cpu: Record<string, number[]> = {};
let metric = '';
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  (cpu[metric] ??= []).push((c.user + c.system) / 1000);
  return wall;
}

async function runOn(dialect: 'sqlite' | 'postgres', pgAdminUrl: string | null) {
  const dataDir = keepDir ? path.resolve(keepDir, dialect === 'sqlite' ? 'sqlite' : 'pg-files') : fs.mkdtempSync(path.join(os.tmpdir(), 'kith-bench-c-'));
  const metaFile = keepDir ? path.resolve(keepDir, `${dialect}-meta.json`) : null;
  const kept: SeedMeta | null = metaFile && fs.existsSync(metaFile) ? JSON.parse(fs.readFileSync(metaFile, 'utf8')) : null;
  if (mustReuse && !kept) throw new Error(`--reuse: ${metaFile} not found; seed first with --keep ${keepDir}`);
  fs.mkdirSync(dataDir, { recursive: true });
  let databaseUrl: string | undefined;
  if (dialect === 'postgres') {
    if (!kept) {
      const c = new pg.Client({ connectionString: pgAdminUrl! });
      await c.connect();
      await c.query('drop database if exists kith_bench');
      await c.query('create database kith_bench');
      await c.end();
    }
    databaseUrl = pgAdminUrl!.replace(/\/postgres$/, '/kith_bench');
  }
  const config = { ...loadConfig({ KITH_DATA_DIR: dataDir, LOG_LEVEL: 'silent', KITH_RATE_LIMIT_PER_MINUTE: '100000000' }), databaseUrl };
  const database = await openAndMigrate(config, modules);
  const ctx = createContext(config, database, modules);
  const app = await buildApp(ctx, modules);
  await app.ready();
  const db = database.db;

  let meta: SeedMeta;
  const r = rng(42);
  if (kept) {
    meta = kept;
    if (JSON.stringify(kept.rows) !== JSON.stringify(N)) console.log(`  ${dialect}: reusing ${JSON.stringify(kept.rows)} (not ${JSON.stringify(N)})`);
    Object.assign(N, kept.rows);
  } else {
    // Ten users in two teams; the measuring user has a non-admin role reading everything (scope all).
    const teams = [await createTeam(db, { name: 'Bench North' }), await createTeam(db, { name: 'Bench South' })];
    const sales = await createRole(db, { name: 'Bench sales', permissions: { contacts: { actions: ['read', 'create', 'update'], scope: 'own' } } });
    const users = { userIds: [] as string[], teamIds: [] as (string | null)[] };
    for (let i = 0; i < 10; i++) {
      const u = await createUser(db, { roleId: sales.id, teamId: teams[i % 2]!.id, name: `Seller ${i}` });
      users.userIds.push(u.id);
      users.teamIds.push(u.team_id);
    }
    const readAll = { actions: ['read' as const], scope: 'all' as const };
    const reader = await createRole(db, { name: 'Bench reader', permissions: { contacts: readAll, companies: readAll, activities: readAll } });
    const me = await createUser(db, { roleId: reader.id, teamId: teams[0]!.id, name: 'Bench Reader' });

    let t0 = performance.now();
    const companyIds = await seedCompanies(database, N.companies, users, r);
    const companiesS = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const contactIds = await seedContacts(database, N.contacts, users, companyIds, r, (done) => {
      if (done % 100_000 === 0) process.stdout.write(`  ${dialect}: ${done} contacts\n`);
    });
    const contactsS = (performance.now() - t0) / 1000;
    // Timelines: half the activities on the first 5,000 contacts (the ones the page bench opens), the rest spread.
    const hot = contactIds.slice(0, 5000);
    t0 = performance.now();
    await seedActivities(database, N.activities, () => (r() < 0.5 ? hot[Math.floor(r() * hot.length)]! : contactIds[Math.floor(r() * contactIds.length)]!), users, r);
    const activitiesS = (performance.now() - t0) / 1000;
    meta = { rows: { ...N }, userIds: users.userIds, teamIds: users.teamIds, meId: me.id, hot, seedSeconds: { companies: companiesS, contacts: contactsS, activities: activitiesS } };
    if (metaFile) fs.writeFileSync(metaFile, JSON.stringify(meta));
  }
  // Statistics for the planners (a fresh seed has none; a kept database gets them refreshed).
  await sql.raw(dialect === 'postgres' ? 'analyze' : 'analyze').execute(db);
  if (seedOnly) {
    console.log(`[${dialect}] ${JSON.stringify(meta.rows)} seeded in ${JSON.stringify(meta.seedSeconds)} s`);
    await app.close();
    await database.close();
    return null;
  }
  const headers = await signIn(db, { id: meta.meId });
  const users = { userIds: meta.userIds };
  const hot = meta.hot;

  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url, headers });
    if (res.statusCode !== 200) throw new Error(`${url} → ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res.json();
  };
  const enc = (f: unknown) => encodeURIComponent(JSON.stringify(f));
  // The four lists: their filters, and the sort the page uses. A page is requested as the web app does
  // (`total=false`; the capped total comes from /count, sent in parallel), and the count is timed apart.
  const lists = [
    { filters: `filter=${enc([{ field: 'lifecycleStage', op: 'is', value: 'customer' }])}`, sort: '-updatedAt' },
    { filters: `ownerId=${users.userIds[3]}`, sort: 'displayName' },
    { filters: 'tag=vip', sort: '-createdAt' },
    { filters: `filter=${enc([{ field: 'lifecycleStage', op: 'in', value: ['lead', 'opportunity'] }, { field: 'familyName', op: 'starts_with', value: 'Ng' }])}`, sort: '-updatedAt' },
  ];
  const pageUrl = (l: (typeof lists)[number]) => `/api/v1/contacts?limit=50&${l.filters}&sort=${l.sort}&total=false`;
  const countUrl = (l: (typeof lists)[number]) => `/api/v1/contacts/count?${l.filters}`;
  const withCountUrl = (l: (typeof lists)[number]) => `/api/v1/contacts?limit=50&${l.filters}&sort=${l.sort}`;
  // Warm up, then measure first pages and the page after (keyset cursor).
  for (const l of lists) await get(pageUrl(l));
  for (const l of lists) await get(countUrl(l));
  const listTimes: number[] = [];
  for (const k of Object.keys(cpu)) delete cpu[k];
  metric = 'list';
  for (let i = 0; i < samples; i++) {
    const q = pageUrl(lists[i % lists.length]!);
    let body: { nextCursor: string | null } | undefined;
    listTimes.push(await timed(async () => (body = await get(q))));
    if (body?.nextCursor) listTimes.push(await timed(() => get(`${q}&cursor=${encodeURIComponent(body!.nextCursor!)}`)));
  }
  metric = 'count';
  const countTimes: number[] = [];
  const countByList: number[][] = lists.map(() => []);
  for (let i = 0; i < samples; i++) {
    const t = await timed(() => get(countUrl(lists[i % lists.length]!)));
    countTimes.push(t);
    countByList[i % lists.length]!.push(t);
  }
  // The API's default first page (page and capped total in one request), as measured before the split.
  metric = 'withCount';
  const withCountTimes: number[] = [];
  for (let i = 0; i < Math.min(samples, 100); i++) withCountTimes.push(await timed(() => get(withCountUrl(lists[i % lists.length]!))));
  // The stage=customer page and its count as raw SQL, without HTTP, auth, validation or presenter.
  metric = 'q0';
  const rawTimes: number[] = [];
  const apiTimesQ0: number[] = [];
  const rawCountTimes: number[] = [];
  const apiCountQ0: number[] = [];
  for (let i = 0; i < samples; i++) {
    rawTimes.push(await timed(() => sql`select contacts.*, owner_u.name as owner_name, company_c.name as company_name from contacts
        left join users as owner_u on owner_u.id = contacts.owner_id left join companies as company_c on company_c.id = contacts.company_id
        where contacts.deleted_at is null and contacts.lifecycle_stage = ${'customer'}
        order by contacts.updated_at desc, contacts.id desc limit 51`.execute(db)));
    apiTimesQ0.push(await timed(() => get(pageUrl(lists[0]!))));
    rawCountTimes.push(await timed(() => sql`select count(*) as n from (select 1 from contacts where contacts.deleted_at is null and contacts.lifecycle_stage = ${'customer'} limit 10001) as t`.execute(db)));
    apiCountQ0.push(await timed(() => get(countUrl(lists[0]!))));
  }
  const searches = ['nguyen van', 'tran thi lan', 'dang', 'hoa', 'smith', 'giám đốc', 'company12', 'nguyễn minh', '0910000123', '+1 415 100 0042', 'le thu', 'ph'];
  for (const q of searches) await get(`/api/v1/search?q=${encodeURIComponent(q)}&limit=10`);
  metric = 'search';
  const searchTimes: number[] = [];
  for (let i = 0; i < samples; i++) {
    searchTimes.push(await timed(() => get(`/api/v1/search?q=${encodeURIComponent(searches[i % searches.length]!)}&limit=10`)));
  }
  metric = 'page';
  const pageTimes: number[] = [];
  let itemsSeen = 0;
  for (let i = 0; i < samples; i++) {
    const id = hot[Math.floor(r() * hot.length)]!;
    pageTimes.push(await timed(async () => {
      await get(`/api/v1/contacts/${id}`);
      const tl = await get(`/api/v1/contacts/${id}/timeline?limit=50`);
      itemsSeen += tl.data.length;
    }));
  }
  const out = {
    dialect, rows: { ...N }, seedSeconds: meta.seedSeconds,
    list: stats(listTimes), count: stats(countTimes), countByList: countByList.map(stats), withCount: stats(withCountTimes),
    listQ0: stats(apiTimesQ0), rawQ0: stats(rawTimes), countQ0: stats(apiCountQ0), rawCountQ0: stats(rawCountTimes),
    search: stats(searchTimes), contactPage: stats(pageTimes),
    avgTimelineItems: itemsSeen / samples,
    cpu: { list: stats(cpu.list ?? [0]), count: stats(cpu.count ?? [0]), search: stats(cpu.search ?? [0]), contactPage: stats(cpu.page ?? [0]) },
    loadAverage: os.loadavg(),
  };
  await app.close();
  await database.close();
  if (!keepDir) fs.rmSync(dataDir, { recursive: true, force: true });
  return out;
}

const results: NonNullable<Awaited<ReturnType<typeof runOn>>>[] = [];
const measured = (r: Awaited<ReturnType<typeof runOn>>) => {
  if (r) results.push(r);
};
let cluster: Awaited<ReturnType<typeof startCluster>> | null = null;
try {
  if (which === 'sqlite' || which === 'both') measured(await runOn('sqlite', null));
  if (which === 'postgres' || which === 'both') {
    const bin = findPostgresBin();
    if (!bin) throw new Error('PostgreSQL binaries not found (apt-get install postgresql)');
    cluster = keepDir ? await startKeptCluster(bin, path.resolve(keepDir, 'pg')) : await startCluster(bin);
    measured(await runOn('postgres', cluster.url));
  }
} finally {
  cluster?.stop();
}
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(`bench/results/customers-${Date.now()}.json`, JSON.stringify(results, null, 2));
console.log(`\nCustomer 360 bench — ${new Date().toISOString().slice(0, 10)}; ${N.contacts} contacts, ${N.companies} companies, ${N.activities} activities; ${samples} samples each`);
for (const r of results) {
  console.log(`[${r.dialect}] seeded in ${r.seedSeconds.contacts.toFixed(0)} s (contacts), ${r.seedSeconds.activities.toFixed(0)} s (activities)`);
  console.log(`  list page, total=false (4 filtered/sorted queries, first + next page): p50 ${ms(r.list.p50)}, p95 ${ms(r.list.p95)} (target ${r.dialect === 'sqlite' ? '≤ 20' : '≤ 30'} ms)`);
  console.log(`  list count, /contacts/count (same 4 filters, capped at 10,000): p50 ${ms(r.count.p50)}, p95 ${ms(r.count.p95)}; per list p95 ${r.countByList.map((c) => ms(c.p95)).join(' / ')}`);
  console.log(`  first page with its count in one request (API default): p50 ${ms(r.withCount.p50)}, p95 ${ms(r.withCount.p95)}`);
  console.log(`  stage=customer page: API p50/p95 ${ms(r.listQ0.p50)} / ${ms(r.listQ0.p95)} vs raw SQL ${ms(r.rawQ0.p50)} / ${ms(r.rawQ0.p95)} → ratio p95 ${(r.listQ0.p95 / r.rawQ0.p95).toFixed(2)}×`);
  console.log(`  stage=customer count: API p50/p95 ${ms(r.countQ0.p50)} / ${ms(r.countQ0.p95)} vs raw SQL ${ms(r.rawCountQ0.p50)} / ${ms(r.rawCountQ0.p95)} → ratio p95 ${(r.countQ0.p95 / r.rawCountQ0.p95).toFixed(2)}×`);
  console.log(`  global search: p50 ${ms(r.search.p50)}, p95 ${ms(r.search.p95)} (target ≤ 30 ms)`);
  console.log(`  contact page + 50 timeline items: p50 ${ms(r.contactPage.p50)}, p95 ${ms(r.contactPage.p95)} (target ≤ 30 ms), avg ${r.avgTimelineItems.toFixed(0)} items`);
  console.log(`  CPU of the Node process per sample (load-independent; excludes PostgreSQL's backend): list p50 ${ms(r.cpu.list.p50)} p95 ${ms(r.cpu.list.p95)} · count p50 ${ms(r.cpu.count.p50)} p95 ${ms(r.cpu.count.p95)} · search p50 ${ms(r.cpu.search.p50)} p95 ${ms(r.cpu.search.p95)} · contact page p50 ${ms(r.cpu.contactPage.p50)} p95 ${ms(r.cpu.contactPage.p95)} · load average ${r.loadAverage.map((x) => x.toFixed(1)).join(' ')}`);
}
