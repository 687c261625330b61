/**
 * DDL of the records platform's per-object tables (`obj_<name>`), and the few ordering details that differ
 * between SQLite and PostgreSQL. Runs inside the transaction that writes the object's metadata row: both
 * databases apply DDL transactionally, so a failed definition change leaves neither table nor metadata.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { DialectName, Executor } from './db.js';
import { createSearchIndex } from './search-ddl.js';

/** The trigram index of an object table's `search_text` (search-ddl.ts; also called by standard objects' migrations). */
export { createSearchIndex };

/** Storage class of a field's column (the records platform maps each field type to one). */
export type ColumnKind = 'text' | 'real' | 'bigint' | 'integer' | 'json';

const SAFE = /^[a-z][a-z0-9_]{0,62}$/;
function ident(name: string): string {
  if (!SAFE.test(name)) throw new Error(`unsafe identifier ${name}`);
  return name;
}

/**
 * Column type. Text is `collate "C"` on PostgreSQL so that sorting and comparison are bytewise, as on SQLite
 * (a page sorted by a text field is the same page on both databases, whatever the cluster's locale).
 */
function columnType(dialect: DialectName, kind: ColumnKind): string {
  switch (kind) {
    case 'text': return dialect === 'postgres' ? 'text collate "C"' : 'text';
    case 'json': return 'text';
    case 'real': return dialect === 'postgres' ? 'double precision' : 'real';
    case 'bigint': return 'bigint';
    case 'integer': return 'integer';
  }
}

/** Creates the table of a new object with its system columns and default-sort index. */
export async function createObjectTable(trx: Executor, dialect: DialectName, table: string): Promise<void> {
  const t = ident(table);
  const text = columnType(dialect, 'text');
  await sql.raw(`create table ${t} (
    id text primary key,
    version integer not null default 1,
    owner_id text,
    team_id text,
    created_at ${text} not null,
    updated_at ${text} not null,
    created_by text,
    updated_by text,
    deleted_at text,
    search_text text not null default ''
  )`).execute(trx);
  await sql.raw(`create index ${t}_created on ${t} (created_at, id) where deleted_at is null`).execute(trx);
  await sql.raw(`create index ${t}_owner on ${t} (owner_id, created_at) where deleted_at is null`).execute(trx);
  await sql.raw(`create index ${t}_deleted on ${t} (deleted_at, id) where deleted_at is not null`).execute(trx);
  await createSearchIndex(trx, dialect, table);
}

/**
 * "The row under `alias` of object table `table` has `needle` (normalised) in its search_text", through the
 * search index from 3 characters (the trigram minimum; shorter needles scan with LIKE).
 */
export function searchTextMatch(dialect: DialectName, table: string, alias: string, needle: string): RawBuilder<SqlBool> {
  const col = sql.ref(`${alias}.search_text`);
  const like = '%' + needle.replace(/[\\%_]/g, (c) => '\\' + c) + '%';
  if (dialect === 'postgres') return sql<SqlBool>`(${col} like ${like})`;
  if (needle.length < 3) return sql<SqlBool>`(${col} like ${like} escape '\\')`;
  const fts = sql.table(`${ident(table)}_fts`);
  const phrase = '"' + needle.replace(/"/g, '""') + '"';
  return sql<SqlBool>`(${sql.ref(`${alias}.rowid`)} in (select rowid from ${fts} where ${fts} match ${phrase}))`;
}

/**
 * One part of a search across tables: the newest `limit` rows of `table` (alias `r`) matching `needle` and `where`,
 * selecting `columns`. On SQLite from 3 characters the FTS5 index drives it in rowid order (rows are appended, so
 * newest first) and stops at `limit` instead of gathering and sorting every match (a common term at 1M rows: ~1 s →
 * under 1 ms, bench/README.md "records-1m"); otherwise the trigram/LIKE match of `searchTextMatch`, newest by
 * (created_at, id).
 */
export function searchNewest(
  dialect: DialectName, table: string, needle: string, where: RawBuilder<SqlBool>[], columns: RawBuilder<unknown>, limit: number,
): RawBuilder<unknown> {
  const t = sql.table(table);
  if (dialect === 'sqlite' && needle.length >= 3) {
    const fts = sql.table(`${ident(table)}_fts`);
    const phrase = '"' + needle.replace(/"/g, '""') + '"';
    return sql`select ${columns} from ${fts} as f join ${t} as r on r.rowid = f.rowid
      where ${fts} match ${phrase} and ${sql.join(where, sql` and `)} order by f.rowid desc limit ${limit}`;
  }
  const all = [...where, searchTextMatch(dialect, table, 'r', needle)];
  return sql`select ${columns} from ${t} as r where ${sql.join(all, sql` and `)} order by r.created_at desc, r.id desc limit ${limit}`;
}

/** Adds a field's column (nullable: existing rows read as empty). */
export async function addObjectColumn(trx: Executor, dialect: DialectName, table: string, column: string, kind: ColumnKind): Promise<void> {
  await sql.raw(`alter table ${ident(table)} add column ${ident(column)} ${columnType(dialect, kind)}`).execute(trx);
}

/**
 * Index for filtering and keyset sorting on a column: `(column, id)` over live rows. NULLs sort first
 * ascending on both databases (SQLite's rule; PostgreSQL's index is built `nulls first` to match).
 * `withCreated` puts the default sort behind the column (select fields: a kanban column or a filtered
 * default list walks the index instead of sorting every match).
 */
export async function createFieldIndex(trx: Executor, dialect: DialectName, table: string, column: string, withCreated: boolean): Promise<void> {
  const t = ident(table);
  const c = ident(column);
  const nulls = dialect === 'postgres' ? ' nulls first' : '';
  await sql.raw(`create index ${t}_${c} on ${t} (${c}${nulls}, id) where deleted_at is null`).execute(trx);
  if (withCreated) await sql.raw(`create index ${t}_${c}_created on ${t} (${c}, created_at, id) where deleted_at is null`).execute(trx);
}

/** Unique index over live rows (a deleted record's value may be reused). */
export async function createUniqueIndex(trx: Executor, table: string, column: string): Promise<void> {
  const t = ident(table);
  const c = ident(column);
  await sql.raw(`create unique index ${t}_${c}_uq on ${t} (${c}) where deleted_at is null`).execute(trx);
}

export async function dropFieldIndexes(trx: Executor, table: string, column: string): Promise<void> {
  const t = ident(table);
  const c = ident(column);
  for (const name of [`${t}_${c}`, `${t}_${c}_created`]) await sql.raw(`drop index if exists ${name}`).execute(trx);
}

/**
 * ORDER BY term with NULLs first ascending and last descending on both databases (SQLite's natural order;
 * PostgreSQL needs it spelled out, and its `nulls first` field indexes serve both directions). A column that is
 * never NULL (`nullable` false: id, created_at) gets no NULLs clause, so it matches PostgreSQL's plain indexes.
 */
export function orderTerm(dialect: DialectName, column: string, desc: boolean, nullable = true): RawBuilder<unknown> {
  const ref = sql.ref(column);
  if (dialect === 'sqlite' || !nullable) return desc ? sql`${ref} desc` : sql`${ref} asc`;
  return desc ? sql`${ref} desc nulls last` : sql`${ref} asc nulls first`;
}

/**
 * A column in a filter that should not pick the index (SQLite: unary `+`, a no-op on the value). Used for
 * low-cardinality filters (a select, a boolean) when the page is sorted by another indexed field: with statistics,
 * SQLite otherwise takes the filter's index and sorts every match (measured at 200k rows: 87 ms), where walking the
 * sort's index and stopping at the page size costs 1.7 ms. PostgreSQL's planner weighs both by itself.
 */
export function notIndexed(dialect: DialectName, column: RawBuilder<unknown>): RawBuilder<unknown> {
  return dialect === 'sqlite' ? sql`+${column}` : column;
}

/** True when a JSON-array text expression (a multi-select column) holds `value`. */
export function jsonListHas(dialect: DialectName, expr: RawBuilder<unknown>, value: string): RawBuilder<SqlBool> {
  return dialect === 'postgres'
    ? sql<SqlBool>`coalesce((${expr})::jsonb ? ${value}, false)`
    : sql<SqlBool>`exists (select 1 from json_each(${expr}) where value = ${value})`;
}

/** Identifiers that are SQL keywords on either database (a field or object may not be named so). */
export const sqlKeywords = new Set([
  'abort', 'action', 'add', 'after', 'all', 'alter', 'analyze', 'and', 'any', 'array', 'as', 'asc', 'attach', 'authorization',
  'autoincrement', 'before', 'begin', 'between', 'binary', 'both', 'by', 'cascade', 'case', 'cast', 'check', 'collate', 'collation',
  'column', 'commit', 'concurrently', 'conflict', 'constraint', 'create', 'cross', 'current', 'current_date', 'current_role',
  'current_time', 'current_timestamp', 'current_user', 'database', 'default', 'deferrable', 'deferred', 'delete', 'desc', 'detach',
  'distinct', 'do', 'drop', 'each', 'else', 'end', 'escape', 'except', 'exclusive', 'exists', 'explain', 'false', 'fetch', 'filter',
  'for', 'foreign', 'freeze', 'from', 'full', 'glob', 'grant', 'group', 'having', 'if', 'ilike', 'immediate', 'in', 'index', 'indexed',
  'initially', 'inner', 'insert', 'instead', 'intersect', 'into', 'is', 'isnull', 'join', 'key', 'lateral', 'leading', 'left', 'like',
  'limit', 'localtime', 'localtimestamp', 'match', 'natural', 'no', 'not', 'notnull', 'null', 'of', 'offset', 'on', 'only', 'or', 'order',
  'outer', 'over', 'overlaps', 'placing', 'plan', 'pragma', 'primary', 'query', 'raise', 'recursive', 'references', 'regexp', 'reindex',
  'release', 'rename', 'replace', 'restrict', 'returning', 'right', 'rollback', 'row', 'rows', 'savepoint', 'select', 'session_user',
  'set', 'similar', 'some', 'symmetric', 'table', 'temp', 'temporary', 'then', 'to', 'trailing', 'transaction', 'trigger', 'true',
  'union', 'unique', 'update', 'user', 'using', 'vacuum', 'values', 'variadic', 'verbose', 'view', 'virtual', 'when', 'where', 'window',
  'with', 'without',
]);
