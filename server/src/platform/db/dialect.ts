/**
 * The SQL differences between SQLite and PostgreSQL in queries (and column types) live here, so feature code
 * stays dialect-free (index DDL: search-ddl.ts and records-ddl.ts). No helper names a module's table: callers pass theirs.
 */
import { sql, type RawBuilder, type Expression, type SqlBool } from 'kysely';
import type { DialectName, Executor } from './db.js';

/** `column ->> key` on a JSON text column, as text. Example: `jsonText(d, 'custom', 'cf_size')`. */
export function jsonText(dialect: DialectName, column: string, key: string): RawBuilder<string | null> {
  if (!/^[a-zA-Z0-9_]+$/.test(key)) throw new Error(`invalid json key ${key}`);
  return dialect === 'postgres'
    ? sql<string | null>`(${sql.ref(column)}::jsonb ->> ${sql.lit(key)})`
    : sql<string | null>`json_extract(${sql.ref(column)}, ${sql.lit('$.' + key)})`;
}

/** Numeric value of a JSON key (for number/money custom fields). */
export function jsonNumber(dialect: DialectName, column: string, key: string): RawBuilder<number | null> {
  if (!/^[a-zA-Z0-9_]+$/.test(key)) throw new Error(`invalid json key ${key}`);
  return dialect === 'postgres'
    ? sql<number | null>`((${sql.ref(column)}::jsonb ->> ${sql.lit(key)})::double precision)`
    : sql<number | null>`json_extract(${sql.ref(column)}, ${sql.lit('$.' + key)})`;
}

/** True when a JSON array column contains the value (tags, multi-select). */
export function jsonArrayContains(dialect: DialectName, column: string, value: string): RawBuilder<SqlBool> {
  return dialect === 'postgres'
    ? sql<SqlBool>`(${sql.ref(column)}::jsonb ? ${value})`
    : sql<SqlBool>`exists (select 1 from json_each(${sql.ref(column)}) where value = ${value})`;
}

/** Case-insensitive LIKE. Our search columns are already lowercased, but raw columns are not. */
export function ilike(dialect: DialectName, expr: Expression<unknown> | RawBuilder<unknown>, pattern: string): RawBuilder<SqlBool> {
  return dialect === 'postgres'
    ? sql<SqlBool>`(${expr} ilike ${pattern})`
    : sql<SqlBool>`(${expr} like ${pattern} escape '\\')`;
}

/** Escapes % and _ for use inside a LIKE pattern (both dialects use backslash with our ilike). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => '\\' + c);
}

/** Column type of raw bytes (a stored mail message, a file): PostgreSQL `bytea`, SQLite `blob`. */
export function bytesType(dialect: DialectName): 'bytea' | 'blob' {
  return dialect === 'postgres' ? 'bytea' : 'blob';
}

/** Unique-constraint violation, whichever driver raised it. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Foreign-key violation, whichever driver raised it. */
export function isForeignKeyViolation(err: unknown): boolean {
  const e = err as { code?: string };
  return e?.code === '23503' || e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** Row-claiming suffix for job queues: PostgreSQL skips rows other workers hold; SQLite has one writer. */
export function skipLocked(dialect: DialectName): RawBuilder<unknown> {
  return dialect === 'postgres' ? sql`for update skip locked` : sql``;
}

/** A table name these helpers splice into SQL: a plain lowercase identifier. */
function tableName(table: string): string {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(table)) throw new Error(`invalid table name ${table}`);
  return table;
}

/**
 * Substring match on a table's normalised `search_text` column, through its trigram index (created by
 * `createSearchIndex` in search-ddl.ts): SQLite FTS5 (`<table>_fts`, trigram tokenizer, rowid = the table's
 * rowid), PostgreSQL pg_trgm GIN + LIKE. `needle` must already be normalised and at least 3 characters
 * (trigram minimum). Any table with such an index. Example: `.where(searchMatch(d, 'people', 'nguyen van a'))`.
 */
export function searchMatch(dialect: DialectName, table: string, needle: string): RawBuilder<SqlBool> {
  tableName(table);
  if (dialect === 'postgres') {
    return sql<SqlBool>`(${sql.ref(`${table}.search_text`)} like ${'%' + escapeLike(needle) + '%'})`;
  }
  const phrase = '"' + needle.replace(/"/g, '""') + '"';
  return sql<SqlBool>`(${sql.ref(`${table}.rowid`)} in (select rowid from ${sql.table(`${table}_fts`)} where ${sql.table(`${table}_fts`)} match ${phrase}))`;
}

/**
 * Bounded search for type-ahead: "`table`.<row> is among the first `limit` live matches of `needle` that
 * also satisfy `where`" (conditions written against `alias`, e.g. the caller's visibility scope). The
 * candidates are found through the trigram index and the scan stops after `limit` of them, so a common
 * term ("nguyen", 44k matches at 1M contacts) costs the same as a rare one; the caller orders the few
 * candidates (by name) and cuts its page. Which `limit` rows: SQLite streams FTS5 newest rowid first;
 * PostgreSQL takes the first heap rows of its bitmap scan. Below `limit` matches the result is exact.
 * Example: `.where(searchCandidates(d, 'people', 'nguyen van', 'p2', [scopeCondition(p, 'people', 'p2')], 200))`.
 */
export function searchCandidates(
  dialect: DialectName, table: string, needle: string, alias: string, where: RawBuilder<SqlBool>[], limit: number,
): RawBuilder<SqlBool> {
  const a = sql.table(alias);
  const t = sql.table(tableName(table));
  const extra = where.length ? sql` and ${sql.join(where, sql` and `)}` : sql``;
  if (dialect === 'postgres') {
    return sql<SqlBool>`(${sql.ref(`${table}.id`)} in (select ${a}.id from ${t} as ${a}
      where ${a}.search_text like ${'%' + escapeLike(needle) + '%'} and ${a}.deleted_at is null${extra} limit ${limit}))`;
  }
  const fts = sql.table(`${table}_fts`);
  const phrase = '"' + needle.replace(/"/g, '""') + '"';
  // The FTS table drives the join (newest rowid first) and LIMIT stops it: no list of every match is built.
  return sql<SqlBool>`(${sql.ref(`${table}.rowid`)} in (select ${fts}.rowid from ${fts} join ${t} as ${a} on ${a}.rowid = ${fts}.rowid
    where ${fts} match ${phrase} and ${a}.deleted_at is null${extra} order by ${fts}.rowid desc limit ${limit}))`;
}

/**
 * Bounded prefix search (type-ahead): live rows of `table` whose `columns` start with `prefix`, at most
 * `limit` per column, each column through its own B-tree range. One limited range per column (UNION ALL)
 * rather than `a OR b`: PostgreSQL answers an OR with a bitmap of every row in both ranges before any
 * LIMIT applies (43k rows for "dang" at 1M contacts), while a plain range scan stops after `limit` rows.
 * A row matching in two columns appears twice, which `id IN (…)` does not mind.
 */
export function prefixCandidates(
  dialect: DialectName, table: string, columns: string[], prefix: string, alias: string, where: RawBuilder<SqlBool>[], limit: number,
): RawBuilder<SqlBool> {
  tableName(table);
  const a = sql.table(alias);
  const extra = where.length ? sql` and ${sql.join(where, sql` and `)}` : sql``;
  const ranges = columns.map((c, i) => sql`select ${sql.ref(`r${i}.id`)} from (select ${a}.id from ${sql.table(table)} as ${a}
    where ${prefixMatch(dialect, `${alias}.${c}`, prefix)} and ${a}.deleted_at is null${extra} limit ${limit}) as ${sql.table(`r${i}`)}`);
  return sql<SqlBool>`(${sql.ref(`${table}.id`)} in (${sql.join(ranges, sql` union all `)}))`;
}

/**
 * Case-sensitive prefix match that uses a plain B-tree index (SQLite GLOB; PostgreSQL LIKE with a
 * text_pattern_ops index: `createPrefixIndex` in search-ddl.ts). For short search queries on already-lowercased
 * key columns.
 */
export function prefixMatch(dialect: DialectName, column: string, prefix: string): RawBuilder<SqlBool> {
  if (dialect === 'postgres') return sql<SqlBool>`(${sql.ref(column)} like ${escapeLike(prefix) + '%'})`;
  const glob = prefix.replace(/[*?[\]]/g, (c) => `[${c}]`);
  return sql<SqlBool>`(${sql.ref(column)} glob ${glob + '*'})`;
}

/** A JSON boolean as 1/0 (null when absent), comparable on both dialects. */
export function jsonBool(dialect: DialectName, column: string, key: string): RawBuilder<number | null> {
  if (!/^[a-zA-Z0-9_]+$/.test(key)) throw new Error(`invalid json key ${key}`);
  return dialect === 'postgres'
    ? sql<number | null>`(case (${sql.ref(column)}::jsonb ->> ${sql.lit(key)}) when 'true' then 1 when 'false' then 0 end)`
    : sql<number | null>`json_extract(${sql.ref(column)}, ${sql.lit('$.' + key)})`;
}

/** True when a JSON array under a key of a JSON object column contains the value (multi-select custom fields). */
export function jsonKeyArrayContains(dialect: DialectName, column: string, key: string, value: string): RawBuilder<SqlBool> {
  if (!/^[a-zA-Z0-9_]+$/.test(key)) throw new Error(`invalid json key ${key}`);
  return dialect === 'postgres'
    ? sql<SqlBool>`coalesce((${sql.ref(column)}::jsonb -> ${sql.lit(key)}) ? ${value}, false)`
    : sql<SqlBool>`exists (select 1 from json_each(${sql.ref(column)}, ${sql.lit('$.' + key)}) where value = ${value})`;
}

/**
 * Keeps the query planner's statistics current. SQLite has no autovacuum/autoanalyze: without
 * `sqlite_stat1` it guesses index selectivity and can pick, e.g., a sort over every match instead of an
 * index walk. `PRAGMA optimize=0x10002` analyzes every table that was never analyzed or whose row
 * count changed a lot since (cheap when nothing did), bounded by analysis_limit (rows sampled per index).
 * PostgreSQL's autovacuum runs ANALYZE by itself: nothing to do. Called by the platform housekeeping job.
 */
export async function refreshPlannerStats(dialect: DialectName, db: Executor): Promise<void> {
  if (dialect !== 'sqlite') return;
  await sql`pragma analysis_limit = 1000`.execute(db);
  await sql`pragma optimize = 0x10002`.execute(db);
}
