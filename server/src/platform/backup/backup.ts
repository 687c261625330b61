/**
 * `kith backup <file>` and `kith restore <file>`.
 * - SQLite: an online backup through SQLite's backup API (consistent while the server writes);
 *   restore checks the file is a Kith database, keeps the current one aside and swaps the file in.
 * - PostgreSQL: pg_dump -Fc / pg_restore --clean --if-exists --no-owner from Debian's postgresql-client.
 * Restore replaces live data: stop every Kith process first (the SQLite file is swapped under it;
 * on PostgreSQL open connections would hold locks the restore needs).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import type { Database, DialectName } from '../db/db.js';

const run = promisify(execFile);

/** Finds a PostgreSQL client program (newest Debian version first, then PATH). */
export function findPgTool(name: 'pg_dump' | 'pg_restore'): string {
  const dirs: string[] = [];
  const base = '/usr/lib/postgresql';
  if (fs.existsSync(base)) {
    for (const v of fs.readdirSync(base).sort((a, b) => Number(b) - Number(a))) dirs.push(path.join(base, v, 'bin'));
  }
  dirs.push(...(process.env.PATH ?? '').split(':').filter(Boolean));
  for (const dir of dirs) {
    const full = path.join(dir, name);
    if (fs.existsSync(full)) return full;
  }
  throw new Error(`${name} not found: install PostgreSQL's client programs (Debian: postgresql-client)`);
}

function fsyncPath(p: string): void {
  const fd = fs.openSync(p, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes a backup of the open database to `file` (through a temporary file, so a failed run leaves none). */
export async function backupDatabase(database: Database, file: string): Promise<{ bytes: number }> {
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.partial`;
  fs.rmSync(tmp, { force: true });
  try {
    if (database.dialect === 'sqlite') {
      if (!database.sqlite) throw new Error('the SQLite handle is not available for backup');
      await database.sqlite.backup(tmp);
    } else {
      await run(findPgTool('pg_dump'), ['--format=custom', '--no-owner', `--file=${tmp}`, `--dbname=${database.location}`], { maxBuffer: 16 * 1024 * 1024 });
    }
    fsyncPath(tmp);
    fs.renameSync(tmp, target);
    fsyncPath(path.dirname(target));
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return { bytes: fs.statSync(target).size };
}

/** Throws unless `file` is a readable, intact SQLite database that Kith migrated (has kysely_migration). */
export function checkSqliteBackup(file: string): void {
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist`);
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.toString('latin1') !== 'SQLite format 3\0') throw new Error(`${file} is not a SQLite database`);
  const db = new SQLite(file, { fileMustExist: true });
  try {
    const migrations = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
    if (!migrations) throw new Error(`${file} is a SQLite database but not a Kith one (no kysely_migration table)`);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`${file} is damaged: ${String(check)}`);
  } finally {
    db.close();
  }
}

/**
 * Replaces the database with a backup. The server must be stopped. On SQLite the current file (and
 * its WAL) is kept beside it as `kith.db.before-restore-<time>`; returns that path.
 */
export async function restoreDatabase(target: { dialect: DialectName; location: string }, file: string): Promise<{ keptAside: string | null }> {
  const source = path.resolve(file);
  if (target.dialect === 'postgres') {
    if (!fs.existsSync(source)) throw new Error(`${source} does not exist`);
    await run(
      findPgTool('pg_restore'),
      ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${target.location}`, source],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    return { keptAside: null };
  }
  checkSqliteBackup(source);
  const dbFile = target.location;
  const incoming = `${dbFile}.restoring`;
  fs.copyFileSync(source, incoming);
  fsyncPath(incoming);
  let keptAside: string | null = null;
  if (fs.existsSync(dbFile)) {
    keptAside = `${dbFile}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(dbFile, keptAside);
    // The WAL belongs to the old file: left in place it would be replayed onto the restored one.
    if (fs.existsSync(`${dbFile}-wal`)) fs.renameSync(`${dbFile}-wal`, `${keptAside}-wal`);
    fs.rmSync(`${dbFile}-shm`, { force: true });
  }
  fs.renameSync(incoming, dbFile);
  fsyncPath(path.dirname(dbFile));
  return { keptAside };
}
