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
