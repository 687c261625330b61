/**
 * SLA sweep figure (issue 16): one cycle of the escalation sweep (`sweepSla`: the pending selects over the partial
 * indexes, the conditional UPDATE … RETURNING per batch, the notifications of the claimed tickets — agent, two team
 * leads and an admin at a breach — in the same transaction) over N open tickets, against the raw SQL of the same
 * selects and updates (no notification), on the same database in the same run. The raw run goes first inside a
 * transaction that is rolled back, so both see the same due tickets.
 * Seeded in SQL: N open tickets of one team (20 agents), warning and due times spread evenly over `--spread` minutes
 * ahead, so each minute's cycle finds about N / spread tickets to warn and as many to escalate. Three kinds of cycle:
 * idle (nothing due), steady (one minute later) and after an outage (60 minutes of dues at once).
 * Usage: node bench/run.mjs tickets-sla [--db sqlite|postgres|both] [--tickets 100000] [--spread 10080] [--cycles 20]
 */
import fs from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { loadConfig } from '../server/src/platform/config/config';
import { createContext, openAndMigrate } from '../server/src/platform/bootstrap';
import type { Database } from '../server/src/platform/db/db';
import { modules } from '../server/src/modules/index';
import { findPostgresBin, startCluster } from '../server/src/platform/testing/postgres-cluster';
import { createRole, createTeam, createUser } from '../server/src/platform/testing/factories';
import { newId, nowIso } from '../server/src/platform/ids';
import { sweepSla } from '../server/src/modules/tickets/tickets.escalation.sweep';
import { escalationRepository as esc } from '../server/src/modules/tickets/tickets.escalation.repository';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : def;
};
const N = Number(arg('tickets', '100000'));
const SPREAD = Number(arg('spread', '10080'));
const CYCLES = Number(arg('cycles', '20'));
const which = arg('db', 'both');
const MIN = 60_000;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
const loose = (db: unknown) => db as Kysely<any>;

/** The sweep's statements without the notifications, rolled back: what the database alone needs for one cycle. */
async function raw(database: Database, now: Date): Promise<number> {
  const at = now.toISOString();
  let n = 0;
  await database.db.transaction().execute(async (trx) => {
    for (const phase of ['warn', 'breach'] as const) {
      for (;;) {
        const ids = await esc.pending(trx, phase, at, 200);
        if (!ids.length) break;
        n += (await esc.claim(trx, phase, ids, at, nowIso())).length;
        if (ids.length < 200) break;
      }
    }
    throw new RollBack();
  }).catch((e) => { if (!(e instanceof RollBack)) throw e; });
  return n;
}
class RollBack extends Error {}

async function run(dialect: 'sqlite' | 'postgres') {
  const cluster = dialect === 'postgres' ? await startCluster(findPostgresBin()!) : null;
  const dataDir = fs.mkdtempSync('/tmp/kith-slabench-');
  const config = { ...loadConfig({ KITH_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), databaseUrl: cluster?.url };
  const database = await openAndMigrate(config, modules);
  const ctx = createContext(config, database, modules);
  for (const m of modules) await m.start?.(ctx);
  const db = database.db;
  const team = await createTeam(db, { name: 'Support' });
  const manager = await createRole(db, { name: 'Manager' });
  const agents = [];
  for (let i = 0; i < 20; i++) agents.push(await createUser(db, { name: `Agent ${i}`, teamId: team.id }));
  for (let i = 0; i < 2; i++) await createUser(db, { name: `Lead ${i}`, teamId: team.id, roleId: manager.id });
  await createUser(db, { name: 'Admin', admin: true });
  const now0 = Date.now();
  const t0 = performance.now();
  for (let from = 0; from < N; from += 5000) {
    const batch = [];
    for (let n = from; n < Math.min(N, from + 5000); n++) {
      const due = new Date(now0 + 10 * MIN + Math.floor((n / N) * SPREAD) * MIN + (n % 60) * 1000);
      const created = new Date(now0 - 60 * MIN).toISOString();
      batch.push({
        id: newId(), version: 1, owner_id: agents[n % 20]!.id, team_id: team.id, created_at: created, updated_at: created, created_by: null, updated_by: null,
        deleted_at: null, search_text: `ticket ${n}`, number: `#${100000 + n}`, subject: `Ticket ${n}`, status: n % 2 ? 'open' : 'new', priority: 'normal', channel: 'email',
        team: team.id, agent: agents[n % 20]!.id, language: 'en', sla_target: 'resolution', resolution_due: due.toISOString(), sla_due_at: due.toISOString(),
        sla_warn_at: new Date(due.getTime() - 2 * 60 * MIN).toISOString(),
      });
    }
    for (let i = 0; i < batch.length; i += 500) await loose(db).insertInto('tickets').values(batch.slice(i, i + 500)).execute();
  }
  await sql`analyze`.execute(db);
  console.log(`${dialect}: ${N} open tickets seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s (dues over ${SPREAD} minutes)`);

  const cycle = async (now: Date) => {
    let t = performance.now();
    const rawClaimed = await raw(database, now);
    const rawMs = performance.now() - t;
    t = performance.now();
    const r = await sweepSla(database, now);
    const ms = performance.now() - t;
    if (r.warned + r.breached !== rawClaimed) throw new Error(`raw claimed ${rawClaimed}, sweep ${r.warned + r.breached}`);
    return { ms, rawMs, r };
  };
  // First cycle: everything warned 2 hours ahead of the first dues (the backlog of a fresh start) — reported apart.
  let at = now0 + 10 * MIN;
  const first = await cycle(new Date(at));
  console.log(`  first cycle (backlog): ${first.r.warned} warned, ${first.r.breached} breached, ${first.r.notified} notified in ${first.ms.toFixed(0)} ms (raw ${first.rawMs.toFixed(0)} ms)`);
  const idle = { api: [] as number[], raw: [] as number[] };
  for (let i = 0; i < CYCLES; i++) {
    const c = await cycle(new Date(at));
    idle.api.push(c.ms);
    idle.raw.push(c.rawMs);
  }
  const steady = { api: [] as number[], raw: [] as number[], warned: 0, breached: 0, notified: 0 };
  for (let i = 0; i < CYCLES; i++) {
    at += MIN;
    const c = await cycle(new Date(at));
    steady.api.push(c.ms);
    steady.raw.push(c.rawMs);
    steady.warned += c.r.warned;
    steady.breached += c.r.breached;
    steady.notified += c.r.notified;
  }
  at += 60 * MIN;
  const outage = await cycle(new Date(at));
  const line = (name: string, a: number[], r: number[]) =>
    `  ${name}: sweep ${pct(a, 50).toFixed(1)} / ${pct(a, 95).toFixed(1)} ms, raw SQL ${pct(r, 50).toFixed(1)} / ${pct(r, 95).toFixed(1)} ms → ${(pct(a, 95) / Math.max(pct(r, 95), 0.001)).toFixed(2)}× at p95 (target ≤ 1 s per cycle)`;
  console.log(line('idle cycle (nothing due)', idle.api, idle.raw));
  console.log(line(`steady cycle (per minute: ${(steady.warned / CYCLES).toFixed(1)} warned, ${(steady.breached / CYCLES).toFixed(1)} breached, ${(steady.notified / CYCLES).toFixed(1)} notified)`, steady.api, steady.raw));
  console.log(`  after a 60-minute outage: ${outage.r.warned} warned, ${outage.r.breached} breached, ${outage.r.notified} notified in ${outage.ms.toFixed(0)} ms (raw ${outage.rawMs.toFixed(0)} ms)`);
  const out = path(dialect);
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ dialect, tickets: N, spread: SPREAD, first, idle, steady, outage }, null, 2));
  await database.close();
  cluster?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
const path = (dialect: string) => `bench/results/tickets-sla-${dialect}-${new Date().toISOString().slice(0, 16).replace(/[:T]/g, '')}.json`;

if (which === 'sqlite' || which === 'both') await run('sqlite');
if (which === 'postgres' || which === 'both') await run('postgres');
