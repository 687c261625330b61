import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { openSqliteFile } from '../db/db.js';
import { findPostgresBin, startCluster } from './postgres-cluster.js';

const WRITER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'crash-writer.mjs');

/** Runs the writer, SIGKILLs it ~300 ms after it started committing (and ≥ 20 commits), returns the batches it acknowledged. */
async function writeThenKill(dialect: 'sqlite' | 'postgres', target: string, kill?: () => void): Promise<number[]> {
  const child = spawn(process.execPath, [WRITER, dialect, target], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const deadline = Date.now() + 15_000;
  while (!out.includes('ready\n')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`writer did not start: ${err}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  await new Promise((r) => setTimeout(r, 300));
  // On a loaded machine 300 ms may hold few commits: let it reach a meaningful stream first.
  while (out.split('\n').length < 22 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  if (kill) {
    kill(); // the server dies instead; what the writer printed until now is what was acknowledged
    await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGKILL');
    await exited;
  } else {
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
  }
  // Only complete lines count: a number is printed whole after its commit, or not at all.
  return out.split('\n').slice(1, -1).map(Number);
}

function checkBatches(acked: number[], rows: { id: number; batch: number }[]) {
  expect(acked.length).toBeGreaterThan(10); // the kill really landed during a stream of writes
  const perBatch = new Map<number, number>();
  for (const r of rows) perBatch.set(r.batch, (perBatch.get(r.batch) ?? 0) + 1);
  const lost = acked.filter((k) => perBatch.get(k) !== 2);
  expect(lost).toEqual([]);
  // Transactions are atomic: no batch survived half-written.
  expect([...perBatch.values()].every((n) => n === 2)).toBe(true);
  // At most the one batch that committed as the process died was not yet printed.
  expect(perBatch.size - acked.length).toBeLessThanOrEqual(1);
}

describe('kill -9 during writes loses no acknowledged write', () => {
  it('SQLite (WAL, synchronous=FULL)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-crash-'));
    try {
      const file = path.join(dir, 'kith.db');
      const acked = await writeThenKill('sqlite', file);
      const db = openSqliteFile(file);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        checkBatches(acked, db.prepare('select id, batch from crash_rows').all() as { id: number; batch: number }[]);
      } finally {
        db.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it.skipIf(!inject('pgUrl'))('PostgreSQL', async () => {
    const admin = new pg.Client({ connectionString: inject('pgUrl')! });
    await admin.connect();
    const name = `kith_crash_${process.pid}_${Date.now()}`;
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = inject('pgUrl')!.replace(/\/postgres$/, `/${name}`);
    const setup = new pg.Client({ connectionString: url });
    await setup.connect();
    await setup.query('create table crash_rows (id integer primary key, batch integer not null, payload text not null)');
    await setup.end();
    const acked = await writeThenKill('postgres', url);
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    try {
      checkBatches(acked, (await check.query('select id, batch from crash_rows')).rows);
    } finally {
      await check.end();
    }
  }, 30_000);

  // The server itself killed -9 mid-stream (postmaster and every backend), then crash recovery on restart.
  const bin = findPostgresBin();
  it.skipIf(!inject('pgUrl') || !bin)('PostgreSQL server killed -9', async () => {
    const cluster = await startCluster(bin!);
    try {
      const admin = new pg.Client({ connectionString: cluster.url });
      await admin.connect();
      const dataDir = (await admin.query<{ data_directory: string }>('show data_directory')).rows[0]!.data_directory;
      await admin.query('create table crash_rows (id integer primary key, batch integer not null, payload text not null)');
      await admin.end();
      const pidOf = () => Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      const killServer = () => {
        const postmaster = pidOf();
        const children = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((d) => {
          try {
            return Number(fs.readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]) === postmaster;
          } catch {
            return false;
          }
        });
        process.kill(postmaster, 'SIGKILL');
        for (const c of children) process.kill(Number(c), 'SIGKILL');
        return [postmaster, ...children.map(Number)];
      };
      let killed: number[] = [];
      // A new postmaster refuses to start while a killed backend still holds the shared memory: wait
      // until every killed process is gone (or a zombie) before restarting.
      const waitGone = async () => {
        const alive = (pid: number) => {
          try {
            return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[0] !== 'Z';
          } catch {
            return false;
          }
        };
        for (let i = 0; i < 200 && killed.some(alive); i++) await new Promise((r) => setTimeout(r, 50));
      };
      const acked = await writeThenKill('postgres', cluster.url, () => {
        killed = killServer();
      });
      await waitGone();
      // The killed postmaster may linger as a zombie when nothing reaps it in this sandbox, and
      // PostgreSQL refuses to start while that PID exists: remove its lock files (data directory and
      // socket), as an operator would once the server is known dead.
      fs.rmSync(path.join(dataDir, 'postmaster.pid'), { force: true });
      const socketDir = path.join(dataDir, '..');
      for (const f of fs.readdirSync(socketDir)) if (/^\.s\.PGSQL\.\d+\.lock$/.test(f)) fs.rmSync(path.join(socketDir, f), { force: true });
      // Restart on the same data directory with the options it ran with (postmaster.opts).
      // postmaster.opts: /usr/lib/…/postgres "-D" "<dir>" "-c" "port=…" …  (our values hold no spaces)
      const tokens = [...fs.readFileSync(path.join(dataDir, 'postmaster.opts'), 'utf8').matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
      const opts = tokens.filter((t, i) => t !== '-D' && tokens[i - 1] !== '-D').join(' ');
      const pgCtl = path.join(bin!, 'pg_ctl');
      const args = ['-D', dataDir, '-o', opts, '-l', path.join(dataDir, '..', 'log2.txt'), '-w', '-t', '60', 'start'];
      const owner = fs.statSync(dataDir).uid;
      try {
        if (process.getuid?.() === 0 && owner !== 0) execFileSync('runuser', ['-u', String(execFileSync('id', ['-nu', String(owner)])).trim(), '--', pgCtl, ...args], { stdio: 'pipe' });
        else execFileSync(pgCtl, args, { stdio: 'pipe' });
      } catch (err) {
        const log = path.join(dataDir, '..', 'log2.txt');
        throw new Error(`restart failed: ${(err as Error).message}\n${fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : ''}`, { cause: err });
      }
      const check = new pg.Client({ connectionString: cluster.url });
      await check.connect();
      try {
        checkBatches(acked, (await check.query('select id, batch from crash_rows')).rows);
      } finally {
        await check.end();
      }
    } finally {
      cluster.stop();
    }
  }, 60_000);
});
