import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Finds initdb/pg_ctl from Debian's postgresql package (or on PATH). */
export function findPostgresBin(): string | null {
  const candidates: string[] = [];
  const base = '/usr/lib/postgresql';
  if (fs.existsSync(base)) {
    for (const v of fs.readdirSync(base).sort((a, b) => Number(b) - Number(a))) candidates.push(path.join(base, v, 'bin'));
  }
  for (const p of (process.env.PATH ?? '').split(':')) candidates.push(p);
  for (const dir of candidates) {
    if (fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface Cluster {
  /** Superuser URL of the `postgres` database. */
  url: string;
  stop(): void;
}

/**
 * Starts a throwaway PostgreSQL cluster in a temp folder, listening on 127.0.0.1 only.
 * initdb refuses to run as root, so as root the cluster belongs to the `postgres` (or `nobody`) user.
 */
export async function startCluster(bin: string): Promise<Cluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-pg-'));
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  let runAs: string | null = null;
  if (asRoot) {
    runAs = spawnSync('id', ['-u', 'postgres']).status === 0 ? 'postgres' : 'nobody';
    execFileSync('chown', ['-R', runAs, dir]);
    fs.chmodSync(dir, 0o755);
  }
  const run = (cmd: string, args: string[]) => {
    const full = path.join(bin, cmd);
    if (runAs) execFileSync('runuser', ['-u', runAs, '--', full, ...args], { stdio: 'pipe' });
    else execFileSync(full, args, { stdio: 'pipe' });
  };
  run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const opts = [
    `-c listen_addresses=127.0.0.1`, `-c port=${port}`, `-c unix_socket_directories=${dir}`,
    `-c fsync=on`, `-c max_connections=200`, `-c shared_buffers=128MB`,
  ].join(' ');
  run('pg_ctl', ['-D', dataDir, '-o', opts, '-l', path.join(dir, 'log.txt'), '-w', '-t', '60', 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } catch {
        /* already stopped */
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
