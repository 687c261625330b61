/**
 * The only SQL over object tables (`obj_<name>`) and the timeline. Table and column names come from
 * definitions (checked identifiers); values are always bound.
 */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DialectName, Executor } from '../db/db.js';
import { searchNewest } from '../db/records-ddl.js';
import type { ObjectDefinition } from './definitions.js';
import './records.tables.js';

/** A stored row: system columns plus one column per field. */
export interface RecordRow {
  id: string; version: number; owner_id: string | null; team_id: string | null; created_at: string; updated_at: string;
  created_by: string | null; updated_by: string | null; deleted_at: string | null; search_text: string;
  [column: string]: unknown;
}

// Object tables are created at run time, so they are not in the DB interface.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const dyn = (ex: Executor) => ex as unknown as Kysely<any>;
export const COUNT_CAP = 10_000;

export const recordsRepository = {
  async get(ex: Executor, def: ObjectDefinition, id: string): Promise<RecordRow | undefined> {
    return (await dyn(ex).selectFrom(def.table).selectAll().where('id', '=', id).executeTakeFirst()) as RecordRow | undefined;
  },

  async insert(ex: Executor, def: ObjectDefinition, row: Record<string, unknown>): Promise<void> {
    await dyn(ex).insertInto(def.table).values(row).execute();
  },

  /** Sets columns and bumps the version; with `expected`, only if the stored version still matches. Returns rows changed. */
  async update(ex: Executor, def: ObjectDefinition, id: string, set: Record<string, unknown>, expected?: number): Promise<number> {
    let q = dyn(ex).updateTable(def.table).set({ ...set, version: sql`version + 1` }).where('id', '=', id);
    if (expected !== undefined) q = q.where('version', '=', expected);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  },

  /** One page: rows matching `where`, in `order`, at most `limit` (the caller asks limit + 1 to know if more follow). */
  async page(ex: Executor, def: ObjectDefinition, where: RawBuilder<SqlBool>[], order: RawBuilder<unknown>[], limit: number): Promise<RecordRow[]> {
    const q = sql<RecordRow>`select r.* from ${sql.table(def.table)} as r where ${sql.join(where, sql` and `)} order by ${sql.join(order)} limit ${limit}`;
    return (await q.execute(ex)).rows;
  },

  /**
   * Global search in ONE statement: per object the newest `limit` live rows the caller may see whose search text
   * holds `needle` (`searchNewest`), glued with UNION ALL; each row's title column as text.
   */
  async search(
    ex: Executor, dialect: DialectName, parts: { def: ObjectDefinition; where: RawBuilder<SqlBool>[]; titleColumn: string }[], needle: string, limit: number,
  ): Promise<{ object: string; id: string; title: string | null }[]> {
    if (!parts.length) return [];
    const selects = parts.map(({ def, where, titleColumn }, i) => {
      const columns = sql`cast(${def.name} as text) as object, r.id as id, cast(${sql.ref(`r.${titleColumn}`)} as text) as title`;
      return sql`select * from (${searchNewest(dialect, def.table, needle, where, columns, limit)}) as ${sql.table(`s${i}`)}`;
    });
    return (await sql<{ object: string; id: string; title: string | null }>`${sql.join(selects, sql` union all `)}`.execute(ex)).rows;
  },

  /** Count of matching rows, exact up to COUNT_CAP. */
  async count(ex: Executor, def: ObjectDefinition, where: RawBuilder<SqlBool>[]): Promise<{ count: number; capped: boolean }> {
    const q = sql<{ n: number }>`select count(*) as n from (select 1 from ${sql.table(def.table)} as r where ${sql.join(where, sql` and `)} limit ${COUNT_CAP + 1}) as c`;
    const n = Number((await q.execute(ex)).rows[0]?.n ?? 0);
    return n > COUNT_CAP ? { count: COUNT_CAP, capped: true } : { count: n, capped: false };
  },

  /** Ids, owners and titles of rows of any table (relation checks and `include`). */
  async refs(ex: Executor, table: string, titleColumn: string, ids: string[]): Promise<{ id: string; title: unknown; owner_id: string | null; team_id: string | null; deleted_at: string | null }[]> {
    if (ids.length === 0) return [];
    return (await dyn(ex).selectFrom(table).select(['id', `${titleColumn} as title`, 'owner_id', 'team_id', 'deleted_at'])
      .where('id', 'in', [...new Set(ids)]).execute()) as { id: string; title: unknown; owner_id: string | null; team_id: string | null; deleted_at: string | null }[];
  },

  /** Whether any live row other than `exceptId` holds `value` in `column` (unique fields). */
  async taken(ex: Executor, def: ObjectDefinition, column: string, value: unknown, exceptId: string | null): Promise<boolean> {
    let q = dyn(ex).selectFrom(def.table).select('id').where(column, '=', value).where('deleted_at', 'is', null);
    if (exceptId) q = q.where('id', '<>', exceptId);
    return (await q.limit(1).executeTakeFirst()) !== undefined;
  },

  /** Whether any row (deleted ones too) still holds `value` in a select/multi-select column. */
  async optionUsed(ex: Executor, def: ObjectDefinition, column: string, value: string, multi: RawBuilder<SqlBool> | null): Promise<boolean> {
    const q = multi
      ? sql`select 1 from ${sql.table(def.table)} as r where ${multi} limit 1`
      : sql`select 1 from ${sql.table(def.table)} as r where ${sql.ref(`r.${column}`)} = ${value} limit 1`;
    return (await q.execute(ex)).rows.length > 0;
  },

  /** Rows by id (deleted ones too). */
  async byIds(ex: Executor, def: ObjectDefinition, ids: string[]): Promise<RecordRow[]> {
    if (ids.length === 0) return [];
    return (await dyn(ex).selectFrom(def.table).selectAll().where('id', 'in', ids).execute()) as RecordRow[];
  },

  /** Writes computed columns without moving the version (a rollup refreshed by a pointing record's write). */
  async setComputed(ex: Executor, def: ObjectDefinition, id: string, set: Record<string, unknown>): Promise<void> {
    await dyn(ex).updateTable(def.table).set(set).where('id', '=', id).execute();
  },

  /** Up to `limit` ids after `after` in id order (every row), locked for update on PostgreSQL when `lock`. */
  async idsAfter(ex: Executor, def: ObjectDefinition, after: string, limit: number, lock: boolean): Promise<string[]> {
    let q = dyn(ex).selectFrom(def.table).select('id').where('id', '>', after).orderBy('id').limit(limit);
    if (lock) q = q.forUpdate();
    return ((await q.execute()) as { id: string }[]).map((r) => r.id);
  },

  /**
   * count/sum/min/max of `column` over the live rows of `child` whose `relColumn` is one of `parents`, per parent.
   * Parents without rows are absent.
   */
  async aggregate(ex: Executor, child: ObjectDefinition, relColumn: string, fn: 'count' | 'sum' | 'min' | 'max', column: string | null, parents: string[]): Promise<{ parent: string; value: unknown }[]> {
    if (parents.length === 0) return [];
    const rel = sql.ref(`c.${relColumn}`);
    const col = column ? sql.ref(`c.${column}`) : null;
    const agg = fn === 'count' || !col ? sql`count(*)` : fn === 'sum' ? sql`sum(${col})` : fn === 'min' ? sql`min(${col})` : sql`max(${col})`;
    const q = sql<{ parent: string; value: unknown }>`select ${rel} as parent, ${agg} as value from ${sql.table(child.table)} as c
      where ${rel} in (${sql.join(parents)}) and c.deleted_at is null group by ${rel}`;
    return (await q.execute(ex)).rows;
  },

  /** Replaces the links of one many-to-many field of one record (in the write's transaction). */
  async setLinks(ex: Executor, fromType: string, field: string, fromId: string, toType: string, ids: string[]): Promise<void> {
    await ex.deleteFrom('record_links').where('from_type', '=', fromType).where('field', '=', field).where('from_id', '=', fromId).execute();
    if (ids.length === 0) return;
    await ex.insertInto('record_links').values(ids.map((to_id, position) => ({ from_type: fromType, field, from_id: fromId, to_type: toType, to_id, position }))).execute();
  },

  /** Files of an attachments field of one record, oldest first. */
  async files(ex: Executor, typeName: string, recordId: string, field: string) {
    return ex.selectFrom('record_files').selectAll().where('type_name', '=', typeName).where('record_id', '=', recordId).where('field', '=', field).orderBy('id').execute();
  },

  async addEvent(ex: Executor, e: { id: string; type_name: string; record_id: string; kind: string; at: string; actor_id: string | null; actor_label: string | null; changes: string }): Promise<void> {
    await ex.insertInto('record_events').values(e).execute();
  },

  /** Timeline, newest first, keyset on id (UUIDv7: time order). */
  async events(ex: Executor, typeName: string, recordId: string, before: string | null, limit: number) {
    let q = ex.selectFrom('record_events').selectAll().where('type_name', '=', typeName).where('record_id', '=', recordId);
    if (before) q = q.where('id', '<', before);
    return q.orderBy('id', 'desc').limit(limit).execute();
  },
};
