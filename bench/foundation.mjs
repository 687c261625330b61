// Foundation figures (issue 2), each as a ratio to its physical limit measured in the same run:
//   1. GET /api/health vs a bare Fastify hello-world route.
//   2. Authenticated, permission-checked GET /api/v1/contacts?limit=50 vs a bare route running the same SQL.
//   3. `npm start` → first 200 from /api/health, and idle RSS.
// The machine is shared, so each comparison runs back to back (limit, then Kith) and is repeated --rounds
// times with all servers already up; the median ratio is the figure, every round is printed.
// Usage: node bench/foundation.mjs [--duration 10] [--contacts 20000] [--rounds 3]
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { v7 } from 'uuid';
import { fmt, freePort, load, numberArg as arg, processTree, root, startChild, tempDir } from './lib.mjs';

const duration = arg('duration', 10);
const nContacts = arg('contacts', 20000);
const rounds = arg('rounds', 3);

execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
const dataDir = tempDir();
const env = { KITH_DATA_DIR: dataDir, KITH_ADMIN_EMAIL: 'admin@bench.test', KITH_ADMIN_PASSWORD: 'violet harbour quokka 47 lantern', LOG_LEVEL: 'warn', KITH_RATE_LIMIT_PER_MINUTE: '100000000' };
execFileSync(process.execPath, ['dist/server/main.js', 'migrate'], { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit' });

// Seed: a non-admin role that may read contacts with scope "all", a user, an API key, N contacts.
const dbFile = path.join(dataDir, 'kith.db');
const db = new Database(dbFile);
const now = new Date().toISOString();
const roleId = v7();
const userId = v7();
db.prepare(`insert into roles (id, name, permissions, created_at, updated_at) values (?, 'Bench reader', ?, ?, ?)`)
  .run(roleId, JSON.stringify({ contacts: { actions: ['read'], scope: 'all' } }), now, now);
db.prepare(`insert into users (id, email, name, role_id, created_at, updated_at) values (?, 'reader@bench.test', 'Bench Reader', ?, ?, ?)`)
  .run(userId, roleId, now, now);
const secret = `kith_bench1_${randomBytes(32).toString('base64url')}`;
db.prepare(`insert into api_keys (id, name, prefix, key_hash, user_id, role_id, created_at) values (?, 'bench', ?, ?, ?, ?, ?)`)
  .run(v7(), secret.slice(0, 13), createHash('sha256').update(secret).digest('hex'), userId, roleId, now);
const insert = db.prepare(`insert into contacts (id, given_name, family_name, display_name, name_key, primary_email, emails, owner_id, created_at, updated_at, search_text)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
db.transaction(() => {
  for (let i = 0; i < nContacts; i++) {
    const given = `Given${i}`, family = `Family${i % 997}`;
    const email = `c${i}@example.test`;
    const t = new Date(Date.parse('2026-01-01') + i * 1000).toISOString();
    insert.run(v7(), given, family, `${given} ${family}`, `${given} ${family}`.toLowerCase(), email,
      JSON.stringify([{ address: email, label: 'work', primary: true }]), userId, t, t, `${given} ${family} ${email}`.toLowerCase());
  }
})();
// Planner statistics, as a running Kith keeps them (housekeeping's refreshPlannerStats, every 15 minutes):
// without them SQLite sorts the whole table for the page instead of walking the (updated_at, id) index.
db.pragma('analysis_limit = 1000');
db.pragma('optimize = 0x10002');
db.close();

const results = {};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// 1 and 2: every server up at once (idle ones cost nothing), then alternate limit and Kith in each round.
{
  const port = await freePort();
  const bare = await startChild([process.execPath, 'bench/bare-hello.mjs'], { env: { PORT: String(port) }, healthUrl: `http://127.0.0.1:${port}/hello` });
  const kport = await freePort();
  const kith = await startChild([process.execPath, 'dist/server/main.js', 'start'], { env: { ...env, PORT: String(kport), HOST: '127.0.0.1' }, healthUrl: `http://127.0.0.1:${kport}/api/health` });
  const rport = await freePort();
  const raw = await startChild([process.execPath, 'bench/raw-list.mjs'], { env: { PORT: String(rport), DB_FILE: dbFile }, healthUrl: `http://127.0.0.1:${rport}/raw` });
  const listUrl = `http://127.0.0.1:${kport}/api/v1/contacts?limit=50`;
  const auth = { authorization: `Bearer ${secret}` };
  // Same rows? The raw route must return what the API returns (before presenting).
  const [apiPage, rawPage] = await Promise.all([fetch(listUrl, { headers: auth }).then((r) => r.json()), fetch(`http://127.0.0.1:${rport}/raw`).then((r) => r.json())]);
  if (JSON.stringify(apiPage.data.map((c) => c.id)) !== JSON.stringify(rawPage.data.map((c) => c.id))) throw new Error('raw route returns other rows than the API');
  // Warm-up (JIT, statement caches) so round 1 is not a cold start.
  for (const [url, headers] of [[`http://127.0.0.1:${port}/hello`, {}], [`http://127.0.0.1:${kport}/api/health`, {}], [listUrl, auth], [`http://127.0.0.1:${rport}/raw`, {}]]) {
    await load(url, { duration: 2, headers });
  }
  results.health = [];
  results.list = [];
  for (let i = 0; i < rounds; i++) {
    const b = await load(`http://127.0.0.1:${port}/hello`, { duration });
    const h = await load(`http://127.0.0.1:${kport}/api/health`, { duration });
    results.health.push({ bareRps: b.rps, kithRps: h.rps, ratio: h.rps / b.rps, kithP99: h.p99 });
    const r = await load(`http://127.0.0.1:${rport}/raw`, { duration });
    const l = await load(listUrl, { duration, headers: auth });
    results.list.push({ rawRps: r.rps, kithRps: l.rps, ratio: l.rps / r.rps, kithP50: l.p50, kithP99: l.p99 });
    console.log(`round ${i + 1}: health ${fmt(h.rps, 0)}/${fmt(b.rps, 0)} = ${fmt((h.rps / b.rps) * 100)} %; list ${fmt(l.rps, 0)}/${fmt(r.rps, 0)} = ${fmt((l.rps / r.rps) * 100)} %`);
  }
  await Promise.all([bare.stop(), kith.stop(), raw.stop()]);
}
// 3. npm start → first 200, idle RSS of the Kith server process itself and of the whole tree (npm, sh, node).
{
  results.startup = [];
  for (let i = 0; i < rounds; i++) {
    const port = await freePort();
    const started = await startChild(['npm', 'start', '--silent'], { env: { ...env, PORT: String(port), HOST: '127.0.0.1' }, healthUrl: `http://127.0.0.1:${port}/api/health` });
    await new Promise((r) => setTimeout(r, 5000));
    const tree = processTree(started.proc.pid);
    const server = tree.find((p) => /(^|\/)node$/.test(p.cmd.split(' ')[0]) && p.cmd.includes('bin/kith.mjs'));
    if (!server) throw new Error(`no kith process under npm: ${tree.map((p) => p.cmd).join(' | ')}`);
    results.startup.push({ ms: started.startupMs, serverRssMb: server.rssMb, totalRssMb: tree.reduce((s, p) => s + p.rssMb, 0) });
    await started.stop();
    // npm does not always pass SIGTERM on to its child: end the server itself so no run leaves one behind.
    try {
      process.kill(server.pid, 'SIGTERM');
    } catch {}
  }
}

const ratios = (xs) => xs.map((x) => `${fmt(x.ratio * 100)}`).join(', ');
const health = median(results.health.map((x) => x.ratio));
const list = median(results.list.map((x) => x.ratio));
const mid = (xs, k) => median(xs.map((x) => x[k]));
console.log(`\nFoundation bench — ${new Date().toISOString().slice(0, 10)}, ${nContacts} contacts, ${duration} s per run, 10 connections, ${rounds} rounds (median; every round in brackets)`);
console.log(`GET /api/health: ${fmt(mid(results.health, 'kithRps'), 0)} req/s vs bare Fastify ${fmt(mid(results.health, 'bareRps'), 0)} req/s → ${fmt(health * 100)} % [${ratios(results.health)}] (target ≥ 70 %)`);
console.log(`GET /api/v1/contacts?limit=50 (API key, role check, scope, presenter): ${fmt(mid(results.list, 'kithRps'), 0)} req/s vs raw SQL route ${fmt(mid(results.list, 'rawRps'), 0)} req/s → ${fmt(list * 100)} % [${ratios(results.list)}] (target ≥ 50 %); p50 ${mid(results.list, 'kithP50')} ms, p99 ${mid(results.list, 'kithP99')} ms`);
console.log(`npm start → first 200 from /api/health: ${fmt(mid(results.startup, 'ms'), 0)} ms [${results.startup.map((x) => fmt(x.ms, 0)).join(', ')}] (target ≤ 3000)`);
console.log(`idle RSS: kith server process ${fmt(mid(results.startup, 'serverRssMb'), 0)} MB (target ≤ 150); with npm and sh ${fmt(mid(results.startup, 'totalRssMb'), 0)} MB`);
