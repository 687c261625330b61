/**
 * A PostgreSQL cluster in a folder that outlives the bench (for `--keep <dir>`): initdb on first use,
 * then start/stop around each run. Same settings as the test cluster (platform/testing/postgres-cluster.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export async function startKeptCluster(bin: string, dir: string): Promise<{ url: string; stop(): void }> {
  const dataDir = path.join(dir, 'data');
  const runAs = process.getuid?.() === 0 ? (spawnSync('id', ['-u', 'postgres']).status === 0 ? 'postgres' : 'nobody') : null;
  const run = (cmd: string, args: string[]) => {
    const full = path.join(bin, cmd);
    if (runAs) execFileSync('runuser', ['-u', runAs, '--', full, ...args], { stdio: 'pipe' });
    else execFileSync(full, args, { stdio: 'pipe' });
  };
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    fs.mkdirSync(dir, { recursive: true });
    if (runAs) {
      execFileSync('chown', ['-R', runAs, dir]);
      fs.chmodSync(dir, 0o755);
    }
    run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  }
  const port = await freePort();
  const opts = [
    `-c listen_addresses=127.0.0.1`, `-c port=${port}`, `-c unix_socket_directories=${dir}`,
    `-c fsync=on`, `-c max_connections=200`, `-c shared_buffers=128MB`,
  ].join(' ');
  run('pg_ctl', ['-D', dataDir, '-o', opts, '-l', path.join(dir, 'log.txt'), '-w', '-t', '120', 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      } catch {
        /* already stopped */
      }
    },
  };
}
