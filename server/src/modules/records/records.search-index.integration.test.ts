import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { recordsSearchIndex } from '../../platform/db/migrations/20261207_1510_records_search_index.js';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { actor, client, vehicleInput } from './records.test-helpers.js';

describeEachDialect('records platform: search index of engine objects', (env) => {
  const indexed = async (table: string): Promise<boolean> => {
    const db = env().database.db;
    const r = env().dialect === 'postgres'
      ? await sql<{ n: number }>`select count(*) as n from pg_indexes where tablename = ${table} and indexdef like '%gin_trgm_ops%'`.execute(db)
      : await sql<{ n: number }>`select count(*) as n from sqlite_master where name = ${`${table}_fts`}`.execute(db);
    return Number(r.rows[0]?.n) > 0;
  };

  it('q finds records through the trigram index (and short needles by scan), following updates, deletes and restores', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    expect((await admin.post('/record-types', vehicleInput())).status).toBe(201);
    expect(await indexed('obj_vehicles')).toBe(true);
    // Standard objects' tables got theirs from the migration or from createObjectTable.
    expect(await indexed('deals')).toBe(true);
    const make = async (name: string, plate: string) => (await admin.post('/objects/vehicles', { values: { name, plate } })).body.id as string;
    const a = await make('Xe tải Đông Phong', 'A-1');
    await make('Mazda 3', 'B-2');
    const titles = async (query: string) => (await admin.get(`/objects/vehicles?q=${encodeURIComponent(query)}`)).body.data.map((r: { title: string }) => r.title).sort();
    expect(await titles('dong phong')).toEqual(['Xe tải Đông Phong']);
    expect(await titles('ĐÔNG')).toEqual(['Xe tải Đông Phong']);
    expect(await titles('zd')).toEqual(['Mazda 3']);
    expect(await titles('a-1')).toEqual(['Xe tải Đông Phong']);
    expect(await titles('50%')).toEqual([]);
    expect((await admin.patch(`/objects/vehicles/${a}`, { values: { name: 'Xe tải Hyundai' } })).status).toBe(200);
    expect(await titles('dong phong')).toEqual([]);
    expect(await titles('hyundai')).toEqual(['Xe tải Hyundai']);
    expect((await admin.del(`/objects/vehicles/${a}`)).status).toBe(204);
    expect(await titles('hyundai')).toEqual([]);
    expect((await admin.post(`/objects/vehicles/${a}/restore`, {})).status).toBe(200);
    expect(await titles('hyundai')).toEqual(['Xe tải Hyundai']);
    const global = await admin.get('/record-search?q=hyundai');
    expect(global.body.data.map((r: { title: string }) => r.title)).toContain('Xe tải Hyundai');

    // The migration indexes a table that has none (an object created before it), and fills it from its rows.
    const db = env().database.db;
    if (env().dialect === 'postgres') await sql`drop index obj_vehicles_search_trgm`.execute(db);
    else {
      for (const s of ['drop trigger obj_vehicles_fts_ai', 'drop trigger obj_vehicles_fts_ad', 'drop trigger obj_vehicles_fts_au', 'drop table obj_vehicles_fts']) await sql.raw(s).execute(db);
    }
    expect(await indexed('obj_vehicles')).toBe(false);
    await recordsSearchIndex.up(db, env().dialect);
    expect(await indexed('obj_vehicles')).toBe(true);
    expect(await titles('hyundai')).toEqual(['Xe tải Hyundai']);
  }, 120_000);
});
