/**
 * Starts the BUILT server (`node dist/server/main.js start`, what `npm start` runs, from a snapshot of
 * dist/ taken at start) as a child process
 * on a free port with its own data folder, on SQLite or on a fresh database in the test run's
 * PostgreSQL cluster, and stops it after the journey.
 *
 * @example
 *   const server = await startServer('postgres');
 *   await page.goto(server.url + '/sign-in');
 *   await server.stop();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { inject } from 'vitest';

export type Dialect = 'sqlite' | 'postgres';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = path.join(ROOT, 'dist');

export const ADMIN = { email: 'admin@example.com', password: 'admin-password-123', name: 'Administrator' } as const;

export interface KithServer {
  url: string;
  dialect: Dialect;
  dataDir: string;
  /** Everything the process printed so far (for failure messages). */
  output: () => string;
  stop: () => Promise<void>;
}

/** Is a PostgreSQL journey possible in this run? (Always under CI=true: the global setup guarantees it.) */
export function postgresAvailable(): boolean {
  return inject('pgUrl') !== null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Relative chunk imports in built JS (`import("./Page-abc123.js")`) and asset URLs in index.html. */
const CHUNK_REF = /["'`(]\.\/([\w.-]+\.(?:js|css))["'`)]/g;
const HTML_REF = /(?:src|href)="\/assets\/([\w.-]+)"/g;

/** True when every file the snapshot's web app refers to is in it (a build was not half-written). */
function consistent(webDir: string): boolean {
  const assets = path.join(webDir, 'assets');
  const index = path.join(webDir, 'index.html');
  if (!fs.existsSync(index) || !fs.existsSync(assets)) return false;
  const names = new Set(fs.readdirSync(assets));
  for (const m of fs.readFileSync(index, 'utf8').matchAll(HTML_REF)) if (!names.has(m[1]!)) return false;
  for (const f of names) {
    if (!f.endsWith('.js')) continue;
    for (const m of fs.readFileSync(path.join(assets, f), 'utf8').matchAll(CHUNK_REF)) if (!names.has(m[1]!)) return false;
  }
  return true;
}

let snapshotCounter = 0;
/**
 * Copies dist/ (server bundle + web app, a few MB) under .tmp/ so that a rebuild while journeys run (a
 * developer's, or another suite's) cannot swap the web app's hashed chunks under an open page. The copy
 * stays inside the repository, so the bundle's external packages still resolve from node_modules.
 */
async function snapshotDist(): Promise<string> {
  if (!fs.existsSync(path.join(DIST, 'server/main.js'))) {
    throw new Error(`${DIST}/server/main.js is missing: run \`node scripts/build.mjs\` (npm test builds it)`);
  }
  for (let attempt = 0; attempt < 20; attempt++) {
    const dir = path.join(ROOT, '.tmp', 'e2e', `dist-${process.pid}-${snapshotCounter++}`);
    fs.rmSync(dir, { recursive: true, force: true });
    try {
      fs.cpSync(DIST, dir, { recursive: true });
      if (fs.existsSync(path.join(dir, 'server/main.js')) && consistent(path.join(dir, 'web'))) return dir;
    } catch {
      // A file vanished while copying: a build is running.
    }
    fs.rmSync(dir, { recursive: true, force: true });
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('dist/ kept changing (a build is running?): could not take a consistent copy');
}

let dbCounter = 0;
/** A new empty database in the run's cluster (same recipe as harness.ts freshDatabaseConfig). */
async function freshPostgresUrl(): Promise<string> {
  const adminUrl = inject('pgUrl');
  if (!adminUrl) throw new Error('PostgreSQL is not available in this run');
  const name = `kith_e2e_${process.pid}_${Date.now()}_${dbCounter++}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  return adminUrl.replace(/\/postgres$/, `/${name}`);
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`kith exited with ${child.exitCode} before it was healthy:\n${output()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`kith was not healthy within ${timeoutMs} ms:\n${output()}`);
}

/** Starts `node dist/server/main.js start` and resolves once GET /api/health answers 200. */
export async function startServer(dialect: Dialect = 'sqlite'): Promise<KithServer> {
  const dist = await snapshotDist();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    KITH_DATA_DIR: dataDir,
    KITH_ADMIN_EMAIL: ADMIN.email,
    KITH_ADMIN_PASSWORD: ADMIN.password,
    KITH_BASE_URL: url,
    KITH_RATE_LIMIT_PER_MINUTE: '100000',
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  if (dialect === 'postgres') env.DATABASE_URL = await freshPostgresUrl();

  const child = spawn(process.execPath, [path.join(dist, 'server/main.js'), 'start'], { cwd: dataDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (b: Buffer) => {
    log = (log + b.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const output = () => log;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited(child);
      clearTimeout(killer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(dist, { recursive: true, force: true });
  };

  try {
    await waitForHealth(url, child, output);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, dialect, dataDir, output, stop };
}
