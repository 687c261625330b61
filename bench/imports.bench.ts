/**
 * Import/export figures (issue 4) through the real CLI (`kith import contacts`, `kith export contacts`):
 * a generated CSV of N rows with cleaning work (mixed phone formats, upper-case emails, full names in
 * Vietnamese order, country names, dd/mm/yyyy dates) and ~2 % duplicates within the file.
 * Peak memory is the import process's VmHWM from /proc.
 * Usage: node bench/run.mjs imports [--db sqlite|postgres|both] [--rows 1000000] [--keep <dir> [--export-only]]
 * --keep <dir> keeps the data dirs (<dir>/sqlite, <dir>/pg-files) and a PostgreSQL cluster (<dir>/pg) after the
 * run; --export-only (with --keep) skips the import and exports what an earlier --keep run imported.
 */
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { findPostgresBin, startCluster } from '../server/src/platform/testing/postgres-cluster';
import { startKeptCluster } from './kept-cluster';
import { rng } from './seed';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : def;
};
const rows = Number(arg('rows', '1000000'));
const which = arg('db', 'both');
const keepDir = process.argv.includes('--keep') ? path.resolve(arg('keep', '')) : null;
const exportOnly = process.argv.includes('--export-only');
if (exportOnly && !keepDir) throw new Error('--export-only needs --keep <dir> of an earlier run');
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Đức', 'Ngọc'];
const GIVEN = ['An', 'Bình', 'Hoa', 'Lan', 'Nam', 'Tuấn', 'Mai', 'Hùng', 'Linh', 'Sơn'];

function writeCsv(file: string, n: number) {
  const r = rng(7);
  const fd = fs.openSync(file, 'w');
  let buf = 'Full Name,Email,Phone,Company,Job Title,Country,Birthday\n';
  for (let i = 0; i < n; i++) {
    const dup = i > 100 && r() < 0.02; // repeat an earlier row's email: merged within the file
    const k = dup ? i - 1 - Math.floor(r() * 100) : i;
    const name = `${FAMILY[k % FAMILY.length]} ${MIDDLE[k % MIDDLE.length]} ${GIVEN[(k * 7) % GIVEN.length]}`;
    const email = (k % 3 === 0 ? `KH${k}@Example.COM` : `kh${k}@example.com`);
    const local = String(10000000 + k).slice(-8);
    const phone = k % 4 === 0 ? `09${local.slice(0, 1)} ${local.slice(1, 4)} ${local.slice(4)}` : k % 4 === 1 ? `+84 9${local}` : k % 4 === 2 ? `(09${local.slice(0, 1)}) ${local.slice(1)}` : `849${local}`;
    const day = String(1 + (k % 28)).padStart(2, '0'), month = String(1 + (k % 12)).padStart(2, '0');
    buf += `"${name}",${email},${phone},"Công ty ${k % 5000}",Nhân viên,${k % 2 ? 'Việt Nam' : 'VN'},${day}/${month}/19${70 + (k % 30)}\n`;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
}

/** Runs the built CLI; returns wall seconds, peak RSS (MB) and stdout. */
async function cli(args: string[], env: Record<string, string>) {
  const t0 = performance.now();
  const proc = spawn(process.execPath, ['dist/server/main.js', ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '', err = '', peakKb = 0;
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (err += d));
  const poll = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${proc.pid}/status`, 'utf8'));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
    } catch {}
  }, 100);
  const code = await new Promise<number>((res) => proc.on('exit', (c) => res(c ?? 1)));
  clearInterval(poll);
  if (code !== 0) throw new Error(`kith ${args.join(' ')} exited ${code}\n${err}\n${out}`);
  return { seconds: (performance.now() - t0) / 1000, peakMb: peakKb / 1024, out };
}

/** --export-only: the export alone, on the data an earlier --keep run imported. */
async function exportOn(dialect: 'sqlite' | 'postgres', pgAdmin: string | null) {
  const dataDir = path.join(keepDir!, dialect === 'sqlite' ? 'sqlite' : 'pg-files');
  const env: Record<string, string> = { KITH_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  if (dialect === 'postgres') env.DATABASE_URL = pgAdmin!.replace(/\/postgres$/, '/kith_bench_import');
  const outFile = path.join(os.tmpdir(), `kith-bench-export-${dialect}.csv`);
  const exp = await cli(['export', 'contacts', '--format', 'csv', '--out', outFile], env);
  const exported = fs.readFileSync(outFile, 'utf8').split('\n').length - 2;
  fs.rmSync(outFile, { force: true });
  return { dialect, counts: null, importSeconds: NaN, importRowsPerSecond: NaN, importPeakMb: NaN,
    exportSeconds: exp.seconds, exported, exportRowsPerSecond: exported / exp.seconds, exportPeakMb: exp.peakMb };
}

async function runOn(dialect: 'sqlite' | 'postgres', csv: string, pgAdmin: string | null) {
  if (exportOnly) return exportOn(dialect, pgAdmin);
  const dataDir = keepDir ? path.join(keepDir, dialect === 'sqlite' ? 'sqlite' : 'pg-files') : fs.mkdtempSync(path.join(os.tmpdir(), 'kith-bench-i-'));
  if (keepDir) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(dataDir, { recursive: true });
  }
  const env: Record<string, string> = { KITH_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  if (dialect === 'postgres') {
    const c = new pg.Client({ connectionString: pgAdmin! });
    await c.connect();
    if (keepDir) await c.query('drop database if exists kith_bench_import');
    await c.query('create database kith_bench_import');
    await c.end();
    env.DATABASE_URL = pgAdmin!.replace(/\/postgres$/, '/kith_bench_import');
  }
  await cli(['user', 'create', '--email', 'admin@bench.test', '--name', 'Admin', '--role', 'Administrator', '--password', 'violet harbour quokka 47 lantern'], env);
  const imp = await cli(['import', 'contacts', csv, '--on-duplicate', 'update'], env);
  const counts = JSON.parse(imp.out.trim().split('\n').pop()!);
  const outFile = path.join(dataDir, 'export.csv');
  const exp = await cli(['export', 'contacts', '--format', 'csv', '--out', outFile], env);
  const exported = fs.readFileSync(outFile, 'utf8').split('\n').length - 2;
  if (!keepDir) fs.rmSync(dataDir, { recursive: true, force: true });
  else fs.rmSync(outFile, { force: true });
  return { dialect, counts, importSeconds: imp.seconds, importRowsPerSecond: rows / imp.seconds, importPeakMb: imp.peakMb,
    exportSeconds: exp.seconds, exported, exportRowsPerSecond: exported / exp.seconds, exportPeakMb: exp.peakMb };
}

const csv = path.join(os.tmpdir(), `kith-bench-${rows}.csv`);
if (!fs.existsSync(csv) && !exportOnly) writeCsv(csv, rows);
const results = [];
let cluster: Awaited<ReturnType<typeof startCluster>> | null = null;
try {
  if (which === 'sqlite' || which === 'both') results.push(await runOn('sqlite', csv, null));
  if (which === 'postgres' || which === 'both') {
    const bin = findPostgresBin();
    if (!bin) throw new Error('PostgreSQL binaries not found');
    cluster = keepDir ? await startKeptCluster(bin, path.join(keepDir, 'pg')) : await startCluster(bin);
    results.push(await runOn('postgres', csv, cluster.url));
  }
} finally {
  cluster?.stop();
}
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(`bench/results/imports-${Date.now()}.json`, JSON.stringify(results, null, 2));
console.log(`\nImport/export bench — ${new Date().toISOString().slice(0, 10)}; ${rows} CSV rows (cleaning + ~2 % in-file duplicates)`);
for (const r of results) {
  if (r.counts) console.log(`[${r.dialect}] import: ${r.importSeconds.toFixed(1)} s → ${r.importRowsPerSecond.toFixed(0)} rows/s (target ≥ 20,000), peak RSS ${r.importPeakMb.toFixed(0)} MB (target ≤ 300); counts ${JSON.stringify(r.counts)}`);
  console.log(`[${r.dialect}] export: ${r.exported} rows in ${r.exportSeconds.toFixed(1)} s → ${r.exportRowsPerSecond.toFixed(0)} rows/s (target ≥ 50,000), peak RSS ${r.exportPeakMb.toFixed(0)} MB`);
}
