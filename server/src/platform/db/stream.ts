/**
 * Long reads (exports of a million rows): every row of ONE SELECT, in batches, planned and run once, without
 * holding the app's SQLite connection.
 *
 * - SQLite: the statement runs on a separate read-only connection to the same file, iterated in raw mode
 *   (arrays, about four times cheaper than better-sqlite3's row objects). The app's single connection stays
 *   free for other requests, the read sees one consistent snapshot, and WAL lets writers carry on meanwhile.
 *   (A Kysely `.stream()` would hold the app's connection, so every other query would wait.)
 * - PostgreSQL: a `NO SCROLL` cursor in a read-only transaction on one pooled connection, fetched batch by
 *   batch; the next FETCH is sent before the current batch is handed over, so the server reads while the
 *   caller formats. A cursor is planned for a fast start (the ordered index), where keyset pages with
 *   LIMIT re-plan each page and, with statistics stale after a bulk import, sort every remaining row per
 *   page (measured: a bitmap scan + external sort of all rows for each page of 5,000).
 */
import fs from 'node:fs';
import SQLite from 'better-sqlite3';
import { CompiledQuery, type Compilable } from 'kysely';
import type { Database } from './db.js';

export interface BatchOptions {
  /** Rows per yielded batch (small batches die young: less garbage-collector work). */
  batchSize: number;
}

/**
 * Yields the rows of `query` in batches of `batchSize` (the last one may be shorter), in the query's order.
 * Stopping early (break, a closed download) releases the connection or cursor.
 *
 * Example:
 *   for await (const rows of selectBatches(database, db.selectFrom('contacts').select(['id']).orderBy('id'), { batchSize: 1000 })) …
 */
export async function* selectBatches<R extends Record<string, unknown>>(
  database: Pick<Database, 'db' | 'dialect' | 'location'>, query: Compilable<R>, opts: BatchOptions,
): AsyncGenerator<R[]> {
  const compiled = query.compile();
  if (database.dialect === 'sqlite') {
    // The file is absent only for an in-memory database, which a second connection could not see.
    if (fs.existsSync(database.location)) yield* sqliteBatches<R>(database.location, compiled, opts.batchSize);
    else yield* chunked((await database.db.executeQuery(compiled)).rows as R[], opts.batchSize);
    return;
  }
  yield* pgCursorBatches<R>(database, compiled, opts.batchSize);
}

function* chunked<R>(rows: R[], size: number): Generator<R[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

async function* sqliteBatches<R>(file: string, query: CompiledQuery, batchSize: number): AsyncGenerator<R[]> {
  const reader = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    reader.pragma('busy_timeout = 5000');
    const stmt = reader.prepare(query.sql).raw(true);
    const names = stmt.columns().map((c) => c.name);
    const width = names.length;
    const it = stmt.iterate(...(query.parameters as unknown[])) as IterableIterator<unknown[]>;
    try {
      for (;;) {
        const batch: R[] = [];
        let r = it.next();
        for (; !r.done; r = it.next()) {
          const values = r.value;
          const row: Record<string, unknown> = {};
          for (let i = 0; i < width; i++) row[names[i]!] = values[i];
          batch.push(row as R);
          if (batch.length === batchSize) break;
        }
        if (batch.length) yield batch;
        if (r.done) return;
      }
    } finally {
      it.return?.();
    }
  } finally {
    reader.close();
  }
}

async function* pgCursorBatches<R>(database: Pick<Database, 'db'>, query: CompiledQuery, batchSize: number): AsyncGenerator<R[]> {
  const trx = await database.db.startTransaction().setAccessMode('read only').execute();
  let committed = false;
  let pending: Promise<R[]> | null = null;
  const fetchNext = () => trx.executeQuery(CompiledQuery.raw(`fetch ${batchSize} from kith_export`)).then((r) => r.rows as R[]);
  try {
    await trx.executeQuery(CompiledQuery.raw(`declare kith_export no scroll cursor for ${query.sql}`, [...query.parameters]));
    pending = fetchNext();
    for (;;) {
      const rows = await pending;
      pending = null;
      if (rows.length < batchSize) {
        if (rows.length) yield rows;
        break;
      }
      pending = fetchNext();
      yield rows;
    }
    await trx.commit().execute();
    committed = true;
  } finally {
    if (!committed) {
      // A fetch still in flight is answered before the rollback (one connection runs its queries in order).
      await pending?.catch(() => undefined);
      await trx.rollback().execute().catch(() => undefined);
    }
  }
}
