// Foundation figures (issue 2), each as a ratio to its physical limit measured in the same run:
//   1. GET /api/health vs a bare Fastify hello-world route.
//   2. Authenticated, permission-checked GET /api/v1/contacts?limit=50 vs a bare route running the same SQL.
//   3. `npm start` → first 200 from /api/health, and idle RSS.
// Usage: node bench/foundation.mjs [--duration 10] [--contacts 20000]
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { v7 } from 'uuid';
import { fmt, freePort, load, root, rssMb, startChild, tempDir } from './lib.mjs';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const duration = arg('duration', 10);
const nContacts = arg('contacts', 20000);

execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
const dataDir = tempDir();
const env = { KITH_DATA_DIR: dataDir, KITH_ADMIN_EMAIL: 'admin@bench.test', KITH_ADMIN_PASSWORD: 'bench-password-123', LOG_LEVEL: 'warn', KITH_RATE_LIMIT_PER_MINUTE: '100000000' };
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
db.close();

const results = {};
// 1. health vs bare hello
{
  const port = await freePort();
  const bare = await startChild([process.execPath, 'bench/bare-hello.mjs'], { env: { PORT: String(port) }, healthUrl: `http://127.0.0.1:${port}/hello` });
  const b = await load(`http://127.0.0.1:${port}/hello`, { duration });
  await bare.stop();
  const kport = await freePort();
  const kith = await startChild([process.execPath, 'dist/server/main.js', 'start'], { env: { ...env, PORT: String(kport), HOST: '127.0.0.1' }, healthUrl: `http://127.0.0.1:${kport}/api/health` });
  const h = await load(`http://127.0.0.1:${kport}/api/health`, { duration });
  // 2. list endpoint, same server
  const list = await load(`http://127.0.0.1:${kport}/api/v1/contacts?limit=50`, { duration, headers: { authorization: `Bearer ${secret}` } });
  await kith.stop();
  const rport = await freePort();
  const raw = await startChild([process.execPath, 'bench/raw-list.mjs'], { env: { PORT: String(rport), DB_FILE: dbFile }, healthUrl: `http://127.0.0.1:${rport}/raw` });
  const r = await load(`http://127.0.0.1:${rport}/raw`, { duration });
  await raw.stop();
  results.health = { bareRps: b.rps, kithRps: h.rps, ratio: h.rps / b.rps, kithP99: h.p99 };
  results.list = { rawRps: r.rps, kithRps: list.rps, ratio: list.rps / r.rps, kithP50: list.p50, kithP99: list.p99 };
}
// 3. npm start → first 200, idle RSS
{
  const port = await freePort();
  const started = await startChild(['npm', 'start', '--silent'], { env: { ...env, PORT: String(port), HOST: '127.0.0.1' }, healthUrl: `http://127.0.0.1:${port}/api/health` });
  await new Promise((r) => setTimeout(r, 5000));
  results.startup = { ms: started.startupMs, idleRssMb: rssMb(started.proc.pid) };
  await started.stop();
}

console.log(`\nFoundation bench — ${new Date().toISOString().slice(0, 10)}, ${nContacts} contacts, ${duration} s per run, 10 connections`);
console.log(`GET /api/health: ${fmt(results.health.kithRps, 0)} req/s vs bare Fastify ${fmt(results.health.bareRps, 0)} req/s → ${fmt(results.health.ratio * 100)} % (target ≥ 70 %)`);
console.log(`GET /api/v1/contacts?limit=50 (API key, role check, scope, presenter): ${fmt(results.list.kithRps, 0)} req/s vs raw SQL route ${fmt(results.list.rawRps, 0)} req/s → ${fmt(results.list.ratio * 100)} % (target ≥ 50 %); p50 ${results.list.kithP50} ms, p99 ${results.list.kithP99} ms`);
console.log(`npm start → first 200 from /api/health: ${fmt(results.startup.ms, 0)} ms (target ≤ 3000); idle RSS ${fmt(results.startup.idleRssMb, 0)} MB (target ≤ 150)`);
