/** Names in their own order (issue 14 item 1): display, sort, search, override, import rows and the migration backfill. */
import { sql } from 'kysely';
import { beforeAll, expect, inject, it } from 'vitest';
import { openDatabase } from '../../platform/db/db.js';
import { migrateToLatest, type MigrationSet } from '../../platform/db/migrate.js';
import { platformMigrations } from '../../platform/db/migrations/index.js';
import { describeEachDialect, dialects, freshDatabaseConfig } from '../../platform/testing/harness.js';
import { newId } from '../../platform/ids.js';
import { modules } from '../index.js';
import { actor, client, q } from './contacts.test-helpers.js';

describeEachDialect('contact names in their own order', (env) => {
  let en: ReturnType<typeof client>;
  let vi: ReturnType<typeof client>;
  beforeAll(async () => {
    en = client(env(), (await actor(env(), { admin: true, locale: 'en' })).headers);
    vi = client(env(), (await actor(env(), { admin: true, locale: 'vi' })).headers);
  });

  it('shows each name in its own order to every viewer, sorts by personal/family name and finds either order', async () => {
    const tag = `names-${newId().slice(-6)}`;
    const an = await en.post('/contacts', { givenName: 'Văn An', familyName: 'Nguyễn', tags: [tag] });
    const henry = await vi.post('/contacts', { givenName: 'Henry', familyName: 'Walker', tags: [tag] });
    const binh = await en.post('/contacts', { givenName: 'Thi Binh', familyName: 'Tran', tags: [tag] }); // no diacritics
    const adams = await en.post('/contacts', { givenName: 'Zoe', familyName: 'Adams', tags: [tag] });
    for (const r of [an, henry, binh, adams]) expect(r.status).toBe(201);
    expect(an.body).toMatchObject({ displayName: 'Nguyễn Văn An', nameOrder: null, effectiveNameOrder: 'family_first', pronoun: null });
    expect(henry.body).toMatchObject({ displayName: 'Henry Walker', effectiveNameOrder: 'given_first' });
    expect(binh.body.displayName).toBe('Tran Thi Binh');
    // The viewer's language changes nothing.
    expect((await vi.get(`/contacts/${henry.body.id}`)).body.displayName).toBe('Henry Walker');
    expect((await en.get(`/contacts/${an.body.id}`)).body.displayName).toBe('Nguyễn Văn An');

    // sort=name: Vietnamese by personal name (An, Binh), Western by family name (Adams, Walker).
    const filter = q([{ field: 'tags', op: 'contains', value: tag }]);
    const asc = await en.get(`/contacts?filter=${filter}&sort=name`);
    expect(asc.status).toBe(200);
    expect(asc.body.data.map((c: { displayName: string }) => c.displayName)).toEqual(['Zoe Adams', 'Nguyễn Văn An', 'Tran Thi Binh', 'Henry Walker']);
    const desc = await en.get(`/contacts?filter=${filter}&sort=-name&limit=2`);
    expect(desc.body.data.map((c: { displayName: string }) => c.displayName)).toEqual(['Henry Walker', 'Tran Thi Binh']);
    const next = await en.get(`/contacts?filter=${filter}&sort=-name&limit=2&cursor=${encodeURIComponent(desc.body.nextCursor)}`);
    expect(next.body.data.map((c: { displayName: string }) => c.displayName)).toEqual(['Nguyễn Văn An', 'Zoe Adams']);

    // Global search finds a name typed in either order, with or without diacritics.
    for (const term of ['nguyen van', 'van an', 'Nguyễn Văn An', 'walker h', 'henry w']) {
      const ids = (await en.get(`/search?q=${encodeURIComponent(term)}`)).body.data.map((r: { id: string }) => r.id);
      expect(ids, term).toContain((term.includes('alk') || term.includes('enry') ? henry : an).body.id);
    }
  });

  it('keeps the user\'s override and pronoun through updates, and refuses a bad one naming the field', async () => {
    const c = await en.post('/contacts', { givenName: 'Thị Lan', familyName: 'Phạm', pronoun: 'chi' });
    expect(c.body).toMatchObject({ displayName: 'Phạm Thị Lan', pronoun: 'chi' });
    const patched = await en.patch(`/contacts/${c.body.id}`, { nameOrder: 'given_first' }, { 'if-match': '"1"' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ displayName: 'Thị Lan Phạm', nameOrder: 'given_first', effectiveNameOrder: 'given_first', pronoun: 'chi' });
    // Renaming keeps the override; clearing it goes back to detection.
    const renamed = await en.patch(`/contacts/${c.body.id}`, { givenName: 'Thị Mai' });
    expect(renamed.body.displayName).toBe('Thị Mai Phạm');
    const cleared = await en.patch(`/contacts/${c.body.id}`, { nameOrder: null, pronoun: null });
    expect(cleared.body).toMatchObject({ displayName: 'Phạm Thị Mai', nameOrder: null, effectiveNameOrder: 'family_first', pronoun: null });
    const row = await env().database.db.selectFrom('contacts').select(['display_name', 'sort_key', 'name_key', 'family_key']).where('id', '=', c.body.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ display_name: 'Phạm Thị Mai', sort_key: 'mai pham thi', name_key: 'thi mai pham', family_key: 'pham thi mai' });

    const bad = await en.patch(`/contacts/${c.body.id}`, { nameOrder: 'sideways', pronoun: 'sir' });
    expect(bad.status).toBe(400);
    const paths = JSON.stringify(bad.body);
    expect(paths).toContain('nameOrder');
    expect(paths).toContain('pronoun');
    expect((await en.get('/settings/contacts')).body).toEqual({ defaultRegion: 'VN' });
  });
});

const NAME_ORDER = '20261207_0400_contacts_name_order';
const before = (sets: MigrationSet[], name: string): MigrationSet[] =>
  sets.map((s) => Object.fromEntries(Object.entries(s).filter(([k]) => k < name)));

for (const dialect of dialects) {
  it.skipIf(dialect === 'postgres' && inject('pgUrl') === null)(`${dialect}: the name-order migration rewrites display names and sort keys of existing contacts in batches`, async () => {
    const config = await freshDatabaseConfig(dialect);
    const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const sets = [platformMigrations, ...modules.map((m) => m.migrations ?? {})];
      await migrateToLatest(database, before(sets, NAME_ORDER));
      const now = new Date().toISOString();
      const row = (given: string | null, family: string | null, display: string, addresses = '[]') => ({ id: newId(), given, family, display, addresses });
      const people = [
        row('Văn A', 'Nguyễn', 'Văn A Nguyễn'), row('Henry', 'Walker', 'Henry Walker'), row(null, null, 'x@y.io'),
        row('Min-su', 'Kim', 'Min-su Kim', JSON.stringify([{ country: 'KR' }])),
      ];
      for (let i = 0; i < 5001; i++) people.push(row(`Thị G${i}`, 'Đặng', `Thị G${i} Đặng`)); // more than one batch
      for (let i = 0; i < people.length; i += 500) {
        const values = sql.join(people.slice(i, i + 500).map((p) => sql`(${p.id}, ${p.given}, ${p.family}, ${p.display}, ${p.display.toLowerCase()}, ${p.addresses}, ${now}, ${now}, '')`));
        await sql`insert into contacts (id, given_name, family_name, display_name, name_key, addresses, created_at, updated_at, search_text) values ${values}`.execute(database.db);
      }
      await migrateToLatest(database, sets);
      const got = new Map((await database.db.selectFrom('contacts').select(['id', 'display_name', 'sort_key', 'name_order']).execute()).map((r) => [r.id, r]));
      expect(got.get(people[0]!.id)).toEqual({ id: people[0]!.id, display_name: 'Nguyễn Văn A', sort_key: 'a nguyen van', name_order: null });
      expect(got.get(people[1]!.id)).toMatchObject({ display_name: 'Henry Walker', sort_key: 'walker henry' });
      expect(got.get(people[2]!.id)).toMatchObject({ display_name: 'x@y.io', sort_key: 'x@y.io' });
      expect(got.get(people[3]!.id)).toMatchObject({ display_name: 'Kim Min-su', sort_key: 'kim min su' });
      expect(got.get(people[people.length - 1]!.id)).toMatchObject({ display_name: 'Đặng Thị G5000', sort_key: 'g5000 dang thi' });
      expect([...got.values()].filter((r) => r.sort_key === '')).toEqual([]);
      const index = dialect === 'postgres'
        ? sql<{ n: string }>`select indexname as n from pg_indexes where tablename = 'contacts' and indexdef like '%sort_key%'`
        : sql<{ n: string }>`select name as n from sqlite_master where type = 'index' and tbl_name = 'contacts' and sql like '%sort_key%'`;
      expect((await index.execute(database.db)).rows).toHaveLength(2);
    } finally {
      await database.close();
    }
  }, 120_000);
}
