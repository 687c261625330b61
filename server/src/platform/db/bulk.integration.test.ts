import fs from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bulkInsert } from './bulk.js';
import { openDatabase, type Database } from './db.js';
import { dialects, freshDatabaseConfig } from '../testing/harness.js';

// A scratch table outside the app's schema: the helper is generic over DB, so the test widens the types.
const TABLE = 'bulk_probe' as never;
const COLUMNS = 20;
type Probe = Record<string, string | number | null>;
const probe = (i: number): Probe => {
  const row: Probe = { id: `id-${String(i).padStart(6, '0')}`, n: i, note: i % 7 === 0 ? null : `Nguyễn ${i} "quoted", 'single'` };
  for (let c = 3; c < COLUMNS; c++) row[`c${c}`] = `${c}:${i}`;
  return row;
};

for (const dialect of dialects) {
  const available = dialect === 'sqlite' || inject('pgUrl') !== null;
  (available ? describe : describe.skip)(`bulkInsert [${dialect}]`, () => {
    let database: Database;
    let dataDir = '';
    const db = () => database.db as unknown as Kysely<any>;
    const all = async () => (await db().selectFrom('bulk_probe').selectAll().orderBy('id').execute()) as Probe[];

    beforeAll(async () => {
      const config = await freshDatabaseConfig(dialect);
      dataDir = config.dataDir;
      database = openDatabase(config);
      let t = db().schema.createTable('bulk_probe').addColumn('id', 'text', (c) => c.primaryKey()).addColumn('n', 'integer', (c) => c.notNull()).addColumn('note', 'text');
      for (let c = 3; c < COLUMNS; c++) t = t.addColumn(`c${c}`, 'text', (col) => col.notNull());
      await t.execute();
    });
    afterAll(async () => {
      await database?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('inserts thousands of rows in one transaction, values exactly as given', async () => {
      await sql`delete from bulk_probe`.execute(db());
      const rows = Array.from({ length: 2500 }, (_, i) => probe(i)); // > one multi-row statement on both paths
      const n = await database.db.transaction().execute((trx) => bulkInsert(database, trx, TABLE, rows as never));
      expect(n).toBe(2500);
      expect(await all()).toEqual(rows);
    });

    it('rolls back with the caller\'s transaction', async () => {
      await sql`delete from bulk_probe`.execute(db());
      await expect(database.db.transaction().execute(async (trx) => {
        await bulkInsert(database, trx, TABLE, [probe(1), probe(2)] as never);
        throw new Error('abort');
      })).rejects.toThrow('abort');
      expect(await all()).toEqual([]);
      // The cached statement is reused by the next transaction, which commits.
      await database.db.transaction().execute((trx) => bulkInsert(database, trx, TABLE, [probe(3)] as never));
      expect((await all()).map((r) => r.n)).toEqual([3]);
    });

    it('skips rows that collide on the conflict key and counts only inserted ones', async () => {
      await sql`delete from bulk_probe`.execute(db());
      await database.db.transaction().execute((trx) => bulkInsert(database, trx, TABLE, [probe(1)] as never));
      const changed = { ...probe(1), n: 99 };
      const n = await database.db.transaction().execute((trx) => bulkInsert(database, trx, TABLE, [changed, probe(2), probe(3)] as never, { onConflictDoNothing: ['id'] }));
      expect(n).toBe(2);
      expect((await all()).map((r) => r.n)).toEqual([1, 2, 3]);
      // Without the clause a collision is an error, and nothing of the failed transaction stays.
      await expect(database.db.transaction().execute((trx) => bulkInsert(database, trx, TABLE, [probe(4), probe(1)] as never))).rejects.toThrow();
      expect((await all()).map((r) => r.n)).toEqual([1, 2, 3]);
    });

    it('works outside a transaction through the executor (multi-row statements)', async () => {
      await sql`delete from bulk_probe`.execute(db());
      const rows = Array.from({ length: 1700 }, (_, i) => probe(i));
      expect(await bulkInsert(database, database.db, TABLE, rows as never)).toBe(1700);
      expect(await all()).toEqual(rows);
    });

    it('refuses rows whose columns differ from the first row, writing nothing', async () => {
      await sql`delete from bulk_probe`.execute(db());
      const { note: _note, ...missing } = probe(2);
      await expect(database.db.transaction().execute((trx) => bulkInsert(database, trx, TABLE, [probe(1), missing] as never))).rejects.toThrow(/row 1/);
      await expect(database.db.transaction().execute((trx) => bulkInsert(database, trx, TABLE, [probe(1), { ...probe(2), n: undefined }] as never))).rejects.toThrow(/row 1/);
      await expect(database.db.transaction().execute((trx) => bulkInsert(database, trx, TABLE, [probe(1), { ...probe(2), extra: 'x' }] as never))).rejects.toThrow(/row 1/);
      expect(await all()).toEqual([]);
      expect(await bulkInsert(database, database.db, TABLE, [] as never)).toBe(0);
    });

    it('refuses identifiers that are not plain names', async () => {
      await expect(bulkInsert(database, database.db, 'bulk_probe; drop table x' as never, [probe(1)] as never)).rejects.toThrow(/invalid identifier/);
    });
  });
}
