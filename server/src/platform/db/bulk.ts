/**
 * Bulk inserts for batch writers (imports): many rows of one shape into one table, inside the caller's
 * transaction, without building a query tree per row or per chunk.
 *
 * - SQLite: cached prepared multi-row `INSERT`s per (table, columns, conflict clause, row count), run on the
 *   raw better-sqlite3 handle. Safe only inside a transaction: the caller's Kysely transaction holds the
 *   single connection, and better-sqlite3 calls are synchronous, so nothing else can interleave.
 * - PostgreSQL (and SQLite outside a transaction): multi-row `VALUES` statements with positional parameters,
 *   as few as the parameter limit allows, sent through the caller's executor.
 *
 * Values are passed to the driver as they are (same as Kysely's `insertInto(...).values(...)`): text, numbers,
 * null. Every row must carry the same columns; `undefined` is refused rather than silently defaulted.
 * The SQL bypasses Kysely's plugins (e.g. db.ts's write watch on identity tables): use it for bulk data
 * tables, not for tables a plugin must see written.
 */
import { CompiledQuery, type Insertable } from 'kysely';
import type SQLite from 'better-sqlite3';
import type { Database, Executor } from './db.js';
import type { DB } from './schema.js';

export interface BulkInsertOptions {
  /** Rows that collide on this unique key are skipped (`ON CONFLICT (…) DO NOTHING`, both dialects). */
  onConflictDoNothing?: readonly string[];
}

const IDENT = /^[a-z_][a-z0-9_]*$/i;
const quote = (name: string) => {
  if (!IDENT.test(name)) throw new Error(`bulkInsert: invalid identifier ${name}`);
  return `"${name}"`;
};

/** Bound-parameter ceilings: SQLite ≥ 3.32 allows 32,766; PostgreSQL's protocol 65,535. */
const MAX_PARAMS = { sqlite: 32_766, postgres: 65_535 } as const;
/** Rows per multi-row statement, whatever the column count: keeps parse and plan time small. */
const MAX_ROWS_PER_STATEMENT = 1000;
const MAX_ROWS_PER_SQLITE_STATEMENT = 512;

const statements = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

function columnsOf(rows: readonly Record<string, unknown>[]): string[] {
  const first = rows[0]!;
  const columns = Object.keys(first).filter((k) => first[k] !== undefined);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    let defined = 0;
    for (const k in row) if (row[k] !== undefined) defined++;
    if (defined !== columns.length || columns.some((c) => row[c] === undefined)) {
      throw new Error(`bulkInsert: row ${i} does not have the columns of row 0 (${columns.join(', ')})`);
    }
  }
  return columns;
}

function head(table: string, columns: string[]): string {
  return `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values `;
}

function tail(opts: BulkInsertOptions): string {
  return opts.onConflictDoNothing?.length ? ` on conflict (${opts.onConflictDoNothing.map(quote).join(', ')}) do nothing` : '';
}

function valuesList(dialect: 'sqlite' | 'postgres', rowCount: number, columnCount: number): string {
  const groups: string[] = [];
  let n = 0;
  for (let r = 0; r < rowCount; r++) {
    const marks: string[] = [];
    for (let c = 0; c < columnCount; c++) marks.push(dialect === 'postgres' ? `$${++n}` : '?');
    groups.push(`(${marks.join(', ')})`);
  }
  return groups.join(', ');
}

/**
 * Inserts `rows` into `table` within `trx` (the caller's transaction) and returns how many were inserted
 * (fewer than `rows.length` only with `onConflictDoNothing`).
 *
 * Example: `await bulkInsert(ctx.database, trx, 'contact_emails', [{ contact_id: id, email }])`.
 */
export async function bulkInsert<T extends keyof DB & string>(
  database: Pick<Database, 'dialect' | 'sqlite'>, trx: Executor, table: T, rows: readonly Insertable<DB[T]>[], opts: BulkInsertOptions = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const records = rows as readonly Record<string, unknown>[];
  const columns = columnsOf(records);
  const raw = database.dialect === 'sqlite' && trx.isTransaction ? database.sqlite : undefined;
  if (raw) {
    if (!raw.inTransaction) throw new Error('bulkInsert: the SQLite connection is not inside the caller\'s transaction');
    let cache = statements.get(raw);
    if (!cache) statements.set(raw, (cache = new Map()));
    const shape = `${table}\u0000${columns.join(',')}\u0000${opts.onConflictDoNothing?.join(',') ?? ''}\u0000`;
    // Rows go in statements of power-of-two sizes (512, then 256, 128, … for the rest): few statements, since
    // each one journals every page it touches and flushes the FTS5 pending terms, and few distinct texts to
    // prepare (at most ten per table shape, each prepared once per connection).
    const largest = Math.min(MAX_ROWS_PER_SQLITE_STATEMENT, 2 ** Math.floor(Math.log2(MAX_PARAMS.sqlite / columns.length)));
    let inserted = 0;
    let start = 0;
    for (let size = largest; size >= 1; size /= 2) {
      while (records.length - start >= size) {
        let stmt = cache.get(shape + size);
        if (!stmt) cache.set(shape + size, (stmt = raw.prepare(head(table, columns) + valuesList('sqlite', size, columns.length) + tail(opts))));
        const params: unknown[] = new Array(size * columns.length);
        let k = 0;
        for (let r = start; r < start + size; r++) {
          const row = records[r]!;
          for (let c = 0; c < columns.length; c++) params[k++] = row[columns[c]!];
        }
        inserted += stmt.run(params).changes;
        start += size;
      }
    }
    return inserted;
  }
  const perStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMS[database.dialect] / columns.length)));
  const texts = new Map<number, string>();
  let inserted = 0;
  for (let start = 0; start < records.length; start += perStatement) {
    const part = records.slice(start, start + perStatement);
    let text = texts.get(part.length);
    if (!text) texts.set(part.length, (text = head(table, columns) + valuesList(database.dialect, part.length, columns.length) + tail(opts)));
    const params: unknown[] = [];
    for (const row of part) for (const c of columns) params.push(row[c]);
    const res = await trx.executeQuery(CompiledQuery.raw(text, params));
    inserted += Number(res.numAffectedRows ?? 0n);
  }
  return inserted;
}
