// Shared bench helpers: start servers as child processes, wait for health, run autocannon, read RSS.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export function tempDir(prefix = 'kith-bench-') {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Polls `url` until it answers 200; returns the milliseconds waited. */
export async function waitFor200(url, timeoutMs = 30_000) {
  const t0 = performance.now();
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status === 200) return performance.now() - t0;
    } catch {}
    if (performance.now() - t0 > timeoutMs) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Starts a node script as a child process with env; resolves once `healthUrl` answers. */
export async function startChild(args, { env = {}, healthUrl, cwd = root } = {}) {
  const t0 = performance.now();
  const proc = spawn(args[0], args.slice(1), { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (out += d));
  proc.on('exit', (code) => {
    if (code && code !== 0 && code !== null) process.stderr.write(`child ${args.join(' ')} exited ${code}\n${out}\n`);
  });
  if (healthUrl) await waitFor200(healthUrl);
  return {
    proc,
    startupMs: performance.now() - t0,
    output: () => out,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.once('exit', r)));
    },
  };
}

/** A process and all its descendants: pid, resident memory (MB) and command line, from /proc. */
export function processTree(pid) {
  const out = [];
  const visit = (p) => {
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, 'utf8');
      const m = /VmRSS:\s+(\d+) kB/.exec(status);
      const cmd = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
      out.push({ pid: p, rssMb: m ? Number(m[1]) / 1024 : 0, cmd });
      const kids = execFileSync('pgrep', ['-P', String(p)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
      for (const k of kids) visit(Number(k));
    } catch {}
  };
  visit(pid);
  return out;
}

/** One clock tick of /proc's CPU times (USER_HZ = 100), in ms. */
const TICK_MS = 1000 / 100;

/**
 * CPU time (ms, user + system) of every thread of a process tree, from /proc/<pid>/task/<tid>/stat, keyed
 * "<process kind> <thread name>" (the kind is Chromium's --type=… or the command's base name). Two readings'
 * difference (cpuDelta) says where the CPU went between them, whatever the threads' wall time.
 */
export function threadCpu(pid) {
  const out = new Map();
  for (const p of processTree(pid)) {
    const kind = /--type=([\w-]+)/.exec(p.cmd)?.[1] ?? path.basename(p.cmd.split(' ')[0] ?? '?');
    let tids = [];
    try {
      tids = fs.readdirSync(`/proc/${p.pid}/task`);
    } catch {}
    for (const tid of tids) {
      try {
        const stat = fs.readFileSync(`/proc/${p.pid}/task/${tid}/stat`, 'utf8');
        const close = stat.lastIndexOf(')');
        const name = stat.slice(stat.indexOf('(') + 1, close).replace(/\d+$/, '');
        const f = stat.slice(close + 2).split(' ');
        const key = `${kind} ${name}`;
        out.set(key, (out.get(key) ?? 0) + (Number(f[11]) + Number(f[12])) * TICK_MS);
      } catch {}
    }
  }
  return out;
}

/** What each thread group of threadCpu spent between two readings, largest first (threads that ended are left out). */
export function cpuDelta(before, after) {
  return [...after].map(([k, ms]) => [k, ms - (before.get(k) ?? 0)]).filter(([, ms]) => ms > 0).sort((a, b) => b[1] - a[1]);
}

/** The whole machine's CPU time (ms) from /proc/stat: busy (user, nice, system, irq, softirq), idle (with iowait) and steal. */
export function machineCpu() {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { busy: (f[0] + f[1] + f[2] + f[5] + f[6]) * TICK_MS, idle: (f[3] + f[4]) * TICK_MS, steal: (f[7] ?? 0) * TICK_MS };
}

/** Resident memory (MB) of a process and all its descendants, from /proc. */
export function rssMb(pid) {
  return processTree(pid).reduce((sum, p) => sum + p.rssMb, 0);
}

/** Runs autocannon against one URL; returns requests/s and latency percentiles. */
export async function load(url, { duration = 10, connections = 10, headers = {} } = {}) {
  const result = await autocannon({ url, duration, connections, headers });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  }
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    requests: result.requests.total,
  };
}

/** Latency percentiles of a sequential loop of async calls (ms). */
export async function timeLoop(n, fn) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const pct = (p) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))];
  return { n, p50: pct(50), p95: pct(95), p99: pct(99), max: times[times.length - 1] };
}

export const fmt = (n, d = 1) => Number(n).toFixed(d);

/** The number after `--<name>` on the command line, else `def`. Example: numberArg('duration', 10). */
export function numberArg(name, def) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}
