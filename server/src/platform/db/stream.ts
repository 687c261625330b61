/**
 * Long reads (exports of a million rows): every row of a SELECT, in batches, without holding the app's
 * connection for the whole read.
 *
 * - SQLite: ONE statement on a separate read-only connection to the same file, iterated in raw mode
 *   (arrays, about four times cheaper than better-sqlite3's row objects). The app's single connection stays
 *   free for other requests, the read sees one consistent snapshot, and WAL lets writers carry on meanwhile.
 *   A Kysely `.stream()` would instead hold the app's connection (every other query waits) and
 *   keyset pages would re-seek and re-plan per page.
 * - PostgreSQL: keyset pages through the pool (each page an index range scan): `query(last, limit)` builds
 *   the page after the previous page's last row.
 */
import fs from 'node:fs';
import SQLite from 'better-sqlite3';
import type { Compilable } from 'kysely';
import type { Database } from './db.js';

export interface BatchOptions {
  /** Rows per yielded batch on SQLite (small batches die young: less garbage-collector work). */
  batchSize: number;
  /** Rows per keyset page on PostgreSQL, each yielded as one batch (default batchSize): fewer round trips. */
  pageSize?: number;
}

/**
 * Yields the rows of `query(undefined, undefined)` in batches (the last one may be shorter).
 * `query(after, limit)` must order its rows by a unique keyset and, given `after`, return only the rows
 * after that row; SQLite asks for everything at once, PostgreSQL asks page by page.
 *
 * Example:
 *   for await (const rows of selectBatches(database, (after, limit) => contactsAfter(after, limit), { batchSize: 5000 })) …
 */
export async function* selectBatches<R extends Record<string, unknown>>(
  database: Pick<Database, 'db' | 'dialect' | 'location'>,
  query: (after: R | undefined, limit: number | undefined) => Compilable<R>,
  opts: BatchOptions,
): AsyncGenerator<R[]> {
  if (database.dialect === 'sqlite' && fs.existsSync(database.location)) {
    yield* sqliteBatches(database.location, query(undefined, undefined), opts.batchSize);
    return;
  }
  const pageSize = opts.pageSize ?? opts.batchSize;
  let after: R | undefined;
  for (;;) {
    const rows = (await database.db.executeQuery(query(after, pageSize).compile())).rows as R[];
    if (rows.length) yield rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1];
  }
}

async function* sqliteBatches<R extends Record<string, unknown>>(file: string, query: Compilable<R>, batchSize: number): AsyncGenerator<R[]> {
  const { sql, parameters } = query.compile();
  const reader = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    reader.pragma('busy_timeout = 5000');
    const stmt = reader.prepare(sql).raw(true);
    const names = stmt.columns().map((c) => c.name);
    const width = names.length;
    const it = stmt.iterate(...(parameters as unknown[])) as IterableIterator<unknown[]>;
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
