/**
 * Every SQL difference between SQLite and PostgreSQL lives here, so feature code stays dialect-free.
 * Each helper is covered by platform/db/dialect.integration.test.ts on both databases.
 */
import { sql, type RawBuilder, type Expression, type SqlBool } from 'kysely';
import type { DialectName } from './db.js';

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

/**
 * Substring match on a table's normalised `search_text` column, through its trigram index:
 * SQLite FTS5 (`<table>_fts`, trigram tokenizer, rowid = the table's rowid), PostgreSQL pg_trgm GIN + LIKE.
 * `needle` must already be normalised and at least 3 characters (trigram minimum).
 * Example: `.where(searchMatch(d, 'contacts', 'nguyen van a'))`.
 */
export function searchMatch(dialect: DialectName, table: 'contacts' | 'companies', needle: string): RawBuilder<SqlBool> {
  if (dialect === 'postgres') {
    return sql<SqlBool>`(${sql.ref(`${table}.search_text`)} like ${'%' + escapeLike(needle) + '%'})`;
  }
  const phrase = '"' + needle.replace(/"/g, '""') + '"';
  return sql<SqlBool>`(${sql.ref(`${table}.rowid`)} in (select rowid from ${sql.table(`${table}_fts`)} where ${sql.table(`${table}_fts`)} match ${phrase}))`;
}

/**
 * Case-sensitive prefix match that uses a plain B-tree index (SQLite GLOB; PostgreSQL LIKE with a
 * text_pattern_ops index). For short search queries on already-lowercased key columns.
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
