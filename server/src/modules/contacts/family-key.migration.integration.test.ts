import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { openDatabase } from '../../platform/db/db.js';
import { migrateToLatest, type MigrationSet } from '../../platform/db/migrate.js';
import { platformMigrations } from '../../platform/db/migrations/index.js';
import { dialects, freshDatabaseConfig } from '../../platform/testing/harness.js';
import { newId } from '../../platform/ids.js';
import { modules } from '../index.js';

const FAMILY_KEY = '20261202_0300_contacts_family_key';

/** Every migration before `name`, per set (migrations run in name order across sets). */
const before = (sets: MigrationSet[], name: string): MigrationSet[] =>
  sets.map((s) => Object.fromEntries(Object.entries(s).filter(([k]) => k < name)));

for (const dialect of dialects) {
  it(`${dialect}: the family_key migration backfills existing contacts and indexes them`, async () => {
    const config = await freshDatabaseConfig(dialect);
    const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const sets = [platformMigrations, ...modules.map((m) => m.migrations ?? {})];
      await migrateToLatest(database, before(sets, FAMILY_KEY));
      const now = new Date().toISOString();
      const row = (given: string | null, family: string | null, display: string) => ({
        id: newId(), given, family, display, key: display.toLowerCase(),
      });
      const people = [row('Văn A', 'Nguyễn', 'Văn A Nguyễn'), row('Alice', null, 'Alice'), row(null, null, 'x@y.io')];
      // 5,001 more: the backfill works in batches of 5,000 and must not stop after the first.
      for (let i = 0; i < 5001; i++) people.push(row(`G${i}`, `Đặng`, `G${i} Đặng`));
      for (let i = 0; i < people.length; i += 500) {
        const values = sql.join(people.slice(i, i + 500).map((p) => sql`(${p.id}, ${p.given}, ${p.family}, ${p.display}, ${p.key}, ${now}, ${now}, '')`));
        await sql`insert into contacts (id, given_name, family_name, display_name, name_key, created_at, updated_at, search_text) values ${values}`.execute(database.db);
      }
      await migrateToLatest(database, sets);
      const keys = new Map((await database.db.selectFrom('contacts').select(['id', 'family_key']).execute()).map((r) => [r.id, r.family_key]));
      expect(keys.get(people[0]!.id)).toBe('nguyen van a');
      expect(keys.get(people[1]!.id)).toBe('alice');
      expect(keys.get(people[2]!.id)).toBe('x@y.io');
      expect(keys.get(people[people.length - 1]!.id)).toBe('dang g5000');
      expect([...keys.values()].filter((k) => k === '')).toEqual([]);
      const index = dialect === 'postgres'
        ? sql<{ n: string }>`select indexname as n from pg_indexes where tablename = 'contacts' and indexdef like '%family_key%'`
        : sql<{ n: string }>`select name as n from sqlite_master where type = 'index' and tbl_name = 'contacts' and sql like '%family_key%'`;
      expect((await index.execute(database.db)).rows).toHaveLength(1);
    } finally {
      await database.close();
    }
  }, 60_000);
}
