/**
 * DDL of search and prefix indexes, the part of a table's schema that differs most between SQLite and PostgreSQL.
 * Used by migrations (contacts, companies, standard objects) and by the records platform at runtime (custom
 * objects). Migrations that have landed call these helpers, so a helper's SQL for a given call never changes:
 * add an option rather than edit what an existing call produces (checked by migrating fresh databases and
 * diffing `sqlite3 .schema` / `pg_dump -s`).
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName, Executor } from './db.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;
/** A migration's untyped Kysely, or the app's database or transaction. */
type Db = Executor | AnyDb;

const SAFE = /^[a-z][a-z0-9_]{0,62}$/;
function ident(name: string): string {
  if (!SAFE.test(name)) throw new Error(`unsafe identifier ${name}`);
  return name;
}

export interface SearchIndexOptions {
  /** PostgreSQL GIN index name; default `<table>_search_trgm` (contacts and companies: `<table>_search_trgm_idx`). */
  pgIndex?: string;
  /**
   * Spaces before the statements inside the SQLite triggers. SQLite keeps a trigger's text as written, so a caller
   * whose triggers exist in deployed databases keeps its own layout (the contacts migration: 14). Default 4.
   */
  triggerIndent?: number;
}

/**
 * The trigram search index of a table's normalised `search_text` column: SQLite an FTS5 external-content table
 * `<table>_fts` (trigram tokenizer, rowid = the table's rowid) kept by insert/delete/update triggers and filled
 * from existing rows; PostgreSQL the pg_trgm extension and a GIN index. Idempotent on both databases.
 * Queried through dialect.ts (`searchMatch`, `searchCandidates`) and records-ddl.ts (`searchTextMatch`).
 */
export async function createSearchIndex(db: Db, dialect: DialectName, table: string, opts: SearchIndexOptions = {}): Promise<void> {
  const t = ident(table);
  if (dialect === 'postgres') {
    await sql`create extension if not exists pg_trgm`.execute(db);
    const name = ident(opts.pgIndex ?? `${t}_search_trgm`);
    await sql.raw(`create index if not exists ${name} on ${t} using gin (search_text gin_trgm_ops)`).execute(db);
    return;
  }
  const exists = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = ${`${t}_fts`}`.execute(db);
  if (Number(exists.rows[0]?.n ?? 0) > 0) return;
  const i = '\n' + ' '.repeat(opts.triggerIndent ?? 4);
  await sql.raw(`create virtual table ${t}_fts using fts5(search_text, content='${t}', content_rowid='rowid', tokenize='trigram')`).execute(db);
  await sql.raw(`create trigger ${t}_fts_ai after insert on ${t} begin${i}insert into ${t}_fts(rowid, search_text) values (new.rowid, new.search_text); end`).execute(db);
  await sql.raw(`create trigger ${t}_fts_ad after delete on ${t} begin${i}insert into ${t}_fts(${t}_fts, rowid, search_text) values ('delete', old.rowid, old.search_text); end`).execute(db);
  await sql.raw(`create trigger ${t}_fts_au after update of search_text on ${t} begin${i}insert into ${t}_fts(${t}_fts, rowid, search_text) values ('delete', old.rowid, old.search_text);${i}insert into ${t}_fts(rowid, search_text) values (new.rowid, new.search_text); end`).execute(db);
  await sql.raw(`insert into ${t}_fts(${t}_fts) values ('rebuild')`).execute(db);
}

/**
 * A B-tree index that serves `prefixMatch` (dialect.ts) on a lowercased key column: PostgreSQL `text_pattern_ops`
 * (so LIKE 'abc%' can use it whatever the collation), named `<name>_prefix_idx`; SQLite a plain index (GLOB 'abc*'
 * uses it), named `<name>_idx`. Example: `createPrefixIndex(db, d, 'contacts', 'primary_email', 'contacts_email')`.
 */
export async function createPrefixIndex(db: Db, dialect: DialectName, table: string, column: string, name: string): Promise<void> {
  if (dialect === 'postgres') {
    await sql.raw(`create index ${ident(name)}_prefix_idx on ${ident(table)} (${ident(column)} text_pattern_ops)`).execute(db);
    return;
  }
  await db.schema.createIndex(`${ident(name)}_idx`).on(ident(table)).columns([ident(column)]).execute();
}

/**
 * PostgreSQL: a larger statistics sample (histogram) for one column, then ANALYZE it, so the planner's row
 * estimates for LIKE on it are good enough to choose between an index and a scan. SQLite: nothing (its planner
 * statistics are refreshed by `refreshPlannerStats`).
 */
export async function setColumnStatistics(db: Db, dialect: DialectName, table: string, column: string, target: number): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql.raw(`alter table ${ident(table)} alter column ${ident(column)} set statistics ${Math.trunc(target)}`).execute(db);
  await analyzeColumn(db, dialect, table, column);
}

/** PostgreSQL: ANALYZE one column after a backfill or a new index. SQLite: nothing (see `refreshPlannerStats`). */
export async function analyzeColumn(db: Db, dialect: DialectName, table: string, column: string): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql.raw(`analyze ${ident(table)} (${ident(column)})`).execute(db);
}

/**
 * Writes text columns of many rows by id (a migration's backfill batch): PostgreSQL one `UPDATE … FROM (VALUES …)`,
 * SQLite one UPDATE per row (a single writer: statements are cheap and in the migration's transaction).
 * Example: `updateById(db, d, 'contacts', ['family_key'], [{ id, family_key: 'nguyen van a' }])`.
 */
export async function updateById(
  db: Db, dialect: DialectName, table: string, columns: string[], rows: ({ id: string } & Record<string, string>)[],
): Promise<void> {
  if (rows.length === 0) return;
  const t = ident(table);
  const cols = columns.map(ident);
  if (dialect === 'postgres') {
    const values = sql.join(rows.map((r) => sql`(${sql.join([r.id, ...cols.map((c) => r[c])])})`));
    const set = sql.raw(cols.map((c) => `${c} = v.${c}`).join(', '));
    await sql`update ${sql.table(t)} set ${set} from (values ${values}) as v(${sql.raw(['id', ...cols].join(', '))}) where ${sql.ref(`${t}.id`)} = v.id`.execute(db);
    return;
  }
  for (const r of rows) {
    await (db as AnyDb).updateTable(t).set(Object.fromEntries(cols.map((c) => [c, r[c]]))).where('id', '=', r.id).execute();
  }
}
