import { sql, type Kysely } from 'kysely';
import type { KithMigration } from '../migrate.js';
import { createSearchIndex } from '../records-ddl.js';

/**
 * A trigram search index on every records-engine table created before `createObjectTable` made one (custom
 * `obj_<name>` tables and the standard objects' tables): SQLite FTS5 `<table>_fts` + triggers, PostgreSQL pg_trgm
 * GIN (platform/db/records-ddl.ts `createSearchIndex`, idempotent). Engine tables are found by their system columns
 * (`search_text`, `deleted_at`, `owner_id`, `version`, `created_by`); contacts and companies keep their own indexes.
 */
export const recordsSearchIndex: KithMigration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>, dialect) {
    const system = ['search_text', 'deleted_at', 'owner_id', 'version', 'created_by', 'updated_by'];
    let tables: string[];
    if (dialect === 'postgres') {
      await sql`create extension if not exists pg_trgm`.execute(db);
      const rows = await sql<{ t: string }>`select table_name as t from information_schema.columns
        where table_schema = current_schema() and column_name in (${sql.join(system)})
        group by table_name having count(*) = ${system.length}`.execute(db);
      tables = rows.rows.map((r) => r.t);
    } else {
      const rows = await sql<{ t: string }>`select m.name as t from sqlite_master m join pragma_table_info(m.name) c
        where m.type = 'table' and c.name in (${sql.join(system)}) group by m.name having count(*) = ${system.length}`.execute(db);
      tables = rows.rows.map((r) => r.t);
    }
    for (const t of tables.sort()) {
      if (t === 'contacts' || t === 'companies' || !/^[a-z][a-z0-9_]{0,58}$/.test(t)) continue;
      await createSearchIndex(db, dialect, t);
    }
  },
};
