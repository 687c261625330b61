import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { createRequire } from 'node:module';
import type pg from 'pg';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase, type Transaction } from 'kysely';
import type { DB } from './schema.js';
import { invalidatePrincipals } from '../auth/principal-cache.js';
import { WriteWatchPlugin } from './write-watch.js';

export type DialectName = 'sqlite' | 'postgres';

/** The one handle every repository receives: Kysely plus which dialect it speaks. */
export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /** Path of the SQLite file, or the PostgreSQL URL. */
  location: string;
  /** The raw better-sqlite3 handle on SQLite (online backups); undefined on PostgreSQL. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

/** Either the root handle or a transaction: repositories accept both. */
export type Executor = Kysely<DB> | Transaction<DB>;

let pgModule: typeof pg | undefined;

/** pg, loaded on first use: an embedded (SQLite) install never pays for it (about 15 MB and its start-up). */
export function loadPg(): typeof pg {
  if (!pgModule) {
    pgModule = createRequire(import.meta.url)('pg') as typeof pg;
    // int8 (COUNT, SUM) comes back as a string by default; our counts fit in a double.
    pgModule.types.setTypeParser(20, (v) => Number(v));
  }
  return pgModule;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

/** Tables a cached principal is built from: any write to them drops the principal cache of this process. */
export const IDENTITY_TABLES = ['users', 'roles', 'teams', 'sessions', 'api_keys'];
const plugins = () => [new WriteWatchPlugin(IDENTITY_TABLES, invalidatePrincipals)];

/** Opens SQLite (WAL, synchronous=FULL, foreign keys) in dataDir, or PostgreSQL when databaseUrl is set. */
export function openDatabase(opts: OpenOptions): Database {
  if (opts.databaseUrl && /^postgres(ql)?:\/\//.test(opts.databaseUrl)) {
    const pool = new (loadPg().Pool)({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: plugins() });
    return { db, dialect: 'postgres', location: opts.databaseUrl, close: () => db.destroy() };
  }
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const file = path.join(opts.dataDir, 'kith.db');
  const sqlite = openSqliteFile(file);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins: plugins() });
  return { db, dialect: 'sqlite', location: file, sqlite, close: () => db.destroy() };
}

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs about as much as running a 50-row
 * page. Keep the most recent statements by SQL text (Kysely passes parameters separately, so the same
 * query shape reuses one statement). Safe because Kysely runs one query at a time on this connection
 * (a stream holds the connection until it ends), and SQLite re-prepares a statement after a schema change.
 */
export function withStatementCache(sqlite: SQLite.Database, max = 500): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      // Kysely opens every transaction with a plain (deferred) `begin`. In WAL mode a deferred transaction that read
      // first and then writes fails at once with "database is locked" when another process (a `kith` command next
      // to the server) wrote in between: the busy timeout never applies. `begin immediate` takes the write lock at
      // the start and waits up to busy_timeout for it. Within this process transactions already run one at a time
      // on this one connection, so nothing is serialised that was not.
      const text = sqlText === 'begin' ? 'begin immediate' : sqlText;
      let stmt = statements.get(text);
      if (stmt) return stmt;
      stmt = sqlite.prepare(text);
      if (statements.size >= max) statements.delete(statements.keys().next().value!);
      statements.set(text, stmt);
      return stmt;
    },
  };
}

export function openSqliteFile(file: string): SQLite.Database {
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -64000');
  return sqlite;
}

const PING = CompiledQuery.raw('select 1');
const sqlitePings = new WeakMap<SQLite.Database, SQLite.Statement>();

/**
 * Checks the database answers (health endpoint): a real `select 1` on every call. On SQLite it runs
 * synchronously on the raw handle and returns undefined — the query itself is microseconds, while Kysely's
 * connection mutex, plugins and promises cost several times that per request (a read is allowed while
 * another statement iterates, so a long export stream does not hold the check up either). If the direct
 * query fails, the check goes through Kysely, which reports the real error. PostgreSQL always takes the
 * Kysely round trip. Example:
 *   const pending = ping(database); if (pending) await pending;
 */
export function ping(database: Database): Promise<void> | undefined {
  const sqlite = database.sqlite;
  if (sqlite) {
    try {
      let stmt = sqlitePings.get(sqlite);
      if (!stmt) sqlitePings.set(sqlite, (stmt = sqlite.prepare('select 1').pluck()));
      if (stmt.get() === 1) return undefined;
    } catch {
      // let Kysely answer (and fail) the usual way
    }
  }
  return database.db.executeQuery(PING).then(() => undefined);
}
