import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../testing/harness.js';
import { selectBatches } from './stream.js';

describeEachDialect('selectBatches', (env) => {
  const N = 2345;
  beforeAll(async () => {
    const db = env().database.db as unknown as Kysely<any>;
    await db.schema.createTable('stream_t').addColumn('id', 'text', (c) => c.primaryKey()).addColumn('n', 'integer', (c) => c.notNull()).addColumn('note', 'text').execute();
    for (let i = 0; i < N; i += 500) {
      const rows = Array.from({ length: Math.min(500, N - i) }, (_, k) => ({ id: `r${String(i + k).padStart(5, '0')}`, n: (i + k) % 7, note: k % 3 ? null : 'ễ,"x"' }));
      await db.insertInto('stream_t').values(rows).execute();
    }
  });

  it('yields every row once, in the query order (parameters bound), in batches; the app connection stays usable meanwhile', async () => {
    const e = env();
    const db = e.database.db as unknown as Kysely<any>;
    const query = db.selectFrom('stream_t').select(['id', 'n', 'note']).where('n', '!=', 3).where('id', '>', 'r00005').where('note', 'is not', null)
      .orderBy('n', 'desc').orderBy('id', 'desc');
    const sizes: number[] = [];
    const seen: { id: string; n: number; note: string | null }[] = [];
    for await (const batch of selectBatches(e.database, query, { batchSize: 100 })) {
      sizes.push(batch.length);
      seen.push(...(batch as typeof seen));
      // Another request on the app's connection while the export is mid-way.
      const count = await db.selectFrom('stream_t').select((eb) => eb.fn.countAll<number>().as('c')).executeTakeFirstOrThrow();
      expect(Number(count.c)).toBe(N);
    }
    const expected = (await query.execute()) as typeof seen;
    expect(expected.length).toBeGreaterThan(600);
    expect(seen).toEqual(expected);
    expect(sizes.slice(0, -1).every((s) => s === 100)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(expected.length);
  });

  it('stops cleanly when the consumer stops early', async () => {
    const e = env();
    const db = e.database.db as unknown as Kysely<any>;
    const query = db.selectFrom('stream_t').select(['id']).where('id', '>', 'r00010').orderBy('id');
    for await (const batch of selectBatches(e.database, query, { batchSize: 100 })) {
      expect(batch[0]).toEqual({ id: 'r00011' });
      break;
    }
    // Another stream right after: the cursor name is free again (PostgreSQL), the connection released.
    let n = 0;
    for await (const batch of selectBatches(e.database, query, { batchSize: 1000 })) n += batch.length;
    expect(n).toBe(N - 11);
    expect((await db.selectFrom('stream_t').select('id').orderBy('id').limit(1).execute())[0]).toEqual({ id: 'r00000' });
  });
});
