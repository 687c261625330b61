/**
 * search-ddl.ts on both databases: the search and prefix indexes work (queried through dialect.ts), creating them
 * twice is harmless, and the DDL an existing caller gets never changes (landed migrations call these helpers: the
 * contacts migration's triggers must stay byte-identical to what it created before it called them).
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './db.js';
import { prefixMatch, searchMatch } from './dialect.js';
import { analyzeColumn, createPrefixIndex, createSearchIndex, setColumnStatistics, updateById } from './search-ddl.js';
import { dialects, freshDatabaseConfig } from '../testing/harness.js';

/** The triggers contacts.migrations.ts wrote literally before it called createSearchIndex (20261124_0200). */
const contactsLayout = (t: string) => [
  `CREATE TRIGGER ${t}_fts_ad after delete on ${t} begin
              insert into ${t}_fts(${t}_fts, rowid, search_text) values ('delete', old.rowid, old.search_text); end`,
  `CREATE TRIGGER ${t}_fts_ai after insert on ${t} begin
              insert into ${t}_fts(rowid, search_text) values (new.rowid, new.search_text); end`,
  `CREATE TRIGGER ${t}_fts_au after update of search_text on ${t} begin
              insert into ${t}_fts(${t}_fts, rowid, search_text) values ('delete', old.rowid, old.search_text);
              insert into ${t}_fts(rowid, search_text) values (new.rowid, new.search_text); end`,
];
/** The triggers records-ddl.ts wrote for object tables before it called createSearchIndex. */
const recordsLayout = (t: string) => [
  `CREATE TRIGGER ${t}_fts_ad after delete on ${t} begin
    insert into ${t}_fts(${t}_fts, rowid, search_text) values ('delete', old.rowid, old.search_text); end`,
  `CREATE TRIGGER ${t}_fts_ai after insert on ${t} begin
    insert into ${t}_fts(rowid, search_text) values (new.rowid, new.search_text); end`,
  `CREATE TRIGGER ${t}_fts_au after update of search_text on ${t} begin
    insert into ${t}_fts(${t}_fts, rowid, search_text) values ('delete', old.rowid, old.search_text);
    insert into ${t}_fts(rowid, search_text) values (new.rowid, new.search_text); end`,
];

describe.each(dialects)('search-ddl on %s', (dialect) => {
  it('creates working, idempotent search and prefix indexes with the DDL existing callers always had', async () => {
    const config = await freshDatabaseConfig(dialect);
    const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    const db = database.db;
    try {
      for (const t of ['people', 'obj_gadget']) {
        await sql.raw(`create table ${t} (id text primary key, name_key text not null default '', search_text text not null default '')`).execute(db);
      }
      // The row that exists before the index: SQLite fills the FTS table from it (rebuild).
      await sql`insert into obj_gadget (id, name_key, search_text) values ('g0', 'old', 'old blue widget')`.execute(db);
      for (let i = 0; i < 2; i++) {
        await createSearchIndex(db, dialect, 'people', { pgIndex: 'people_search_trgm_idx', triggerIndent: 14 });
        await createSearchIndex(db, dialect, 'obj_gadget');
      }
      await createPrefixIndex(db, dialect, 'people', 'name_key', 'people_name_key');
      await setColumnStatistics(db, dialect, 'people', 'search_text', 1000);
      await analyzeColumn(db, dialect, 'people', 'name_key');

      if (dialect === 'sqlite') {
        const triggers = (t: string) => sql<{ sql: string }>`select sql from sqlite_master where type = 'trigger' and tbl_name = ${t} order by name`
          .execute(db).then((r) => r.rows.map((x) => x.sql));
        expect(await triggers('people')).toEqual(contactsLayout('people'));
        expect(await triggers('obj_gadget')).toEqual(recordsLayout('obj_gadget'));
        const index = await sql<{ sql: string }>`select sql from sqlite_master where name = 'people_name_key_idx'`.execute(db);
        expect(index.rows[0]?.sql).toBe('CREATE INDEX "people_name_key_idx" on "people" ("name_key")');
      } else {
        const defs = await sql<{ indexname: string; indexdef: string }>`select indexname, indexdef from pg_indexes where tablename in ('people', 'obj_gadget') and indexname not like '%pkey' order by indexname`.execute(db);
        expect(defs.rows).toEqual([
          { indexname: 'obj_gadget_search_trgm', indexdef: 'CREATE INDEX obj_gadget_search_trgm ON public.obj_gadget USING gin (search_text gin_trgm_ops)' },
          { indexname: 'people_name_key_prefix_idx', indexdef: 'CREATE INDEX people_name_key_prefix_idx ON public.people USING btree (name_key text_pattern_ops)' },
          { indexname: 'people_search_trgm_idx', indexdef: 'CREATE INDEX people_search_trgm_idx ON public.people USING gin (search_text gin_trgm_ops)' },
        ]);
        const stat = await sql<{ n: number }>`select attstattarget as n from pg_attribute where attrelid = 'people'::regclass and attname = 'search_text'`.execute(db);
        expect(Number(stat.rows[0]?.n)).toBe(1000);
      }

      // Writes by id reach the index (SQLite through the update trigger).
      await sql`insert into people (id) values ('a'), ('b'), ('c')`.execute(db);
      await updateById(db, dialect, 'people', ['name_key', 'search_text'], [
        { id: 'a', name_key: 'nguyen van an', search_text: 'nguyen van an | an@example.com' },
        { id: 'b', name_key: 'tran thi binh', search_text: 'tran thi binh' },
      ]);
      await updateById(db, dialect, 'people', ['search_text'], []);
      const ids = async (t: string, cond: ReturnType<typeof searchMatch>) => (await sql<{ id: string }>`select id from ${sql.table(t)} where ${cond} order by id`.execute(db)).rows.map((r) => r.id);
      expect(await ids('people', searchMatch(dialect, 'people', 'van an'))).toEqual(['a']);
      expect(await ids('people', searchMatch(dialect, 'people', 'example'))).toEqual(['a']);
      expect(await ids('people', prefixMatch(dialect, 'people.name_key', 'tr'))).toEqual(['b']);
      expect(await ids('obj_gadget', searchMatch(dialect, 'obj_gadget', 'blue wid'))).toEqual(['g0']);
      await sql`delete from people where id = 'a'`.execute(db);
      expect(await ids('people', searchMatch(dialect, 'people', 'van an'))).toEqual([]);
      expect(() => searchMatch(dialect, 'people; drop table x', 'abc')).toThrow(/invalid table/);
    } finally {
      await database.close();
    }
  });
});
