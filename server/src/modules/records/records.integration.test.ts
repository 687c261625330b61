import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { createTeam } from '../../platform/testing/factories.js';
import { actor, client, grantObject, q, vehicleInput } from './records.test-helpers.js';

describeEachDialect('records platform: objects and records', (env) => {
  it('an admin creates an object with fields; bad definitions are 4xx naming the field, nothing created', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const created = await admin.post('/record-types', vehicleInput());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'vehicles', titleField: 'name', custom: true, permissionModule: 'object:vehicles', kanbanFields: ['status'] });
    expect(created.body.fields.map((f: { key: string }) => f.key)).toEqual(['name', 'plate', 'status', 'price', 'owner_contact', 'cost']);
    expect(created.body.fields[4].relation).toEqual({ target: 'contacts', kind: 'many_to_one' });

    const dup = await admin.post('/record-types', vehicleInput());
    expect(dup.status).toBe(400);
    expect(dup.body.error.fields[0]).toMatchObject({ path: 'name' });
    const keyword = await admin.post('/record-types', { ...vehicleInput('select'), fields: [] });
    expect(keyword.body.error.fields[0]).toEqual({ path: 'name', message: '"select" is an SQL keyword' });
    const badField = await admin.post('/record-types', { ...vehicleInput('boats'), fields: [...vehicleInput().fields, { key: 'order', type: 'text', labels: { en: 'O', vi: 'O' } }] });
    expect(badField.status).toBe(400);
    expect(badField.body.error.fields).toEqual([{ path: 'fields.6.key', message: '"order" is an SQL keyword' }]);
    const noOptions = await admin.post('/record-types', { ...vehicleInput('boats'), fields: [{ key: 'kind', type: 'select', labels: { en: 'K', vi: 'K' } }] });
    expect(noOptions.body.error.fields[0].path).toBe('fields.0.options');
    const badTarget = await admin.post('/record-types', { ...vehicleInput('boats'), fields: [{ key: 'x', type: 'relation', labels: { en: 'X', vi: 'X' }, relation: { target: 'nothing' } }] });
    expect(badTarget.body.error.fields[0].path).toBe('fields.0.relation.target');
    const types = await admin.get('/record-types');
    expect(types.body.data.filter((t: { custom: boolean }) => t.custom).map((t: { name: string }) => t.name)).toEqual(['vehicles']);

    // A field added later; renaming and archiving never drop data; key and type cannot change.
    expect((await admin.post('/record-types/vehicles/fields', { key: 'year', type: 'number', labels: { en: 'Year', vi: 'Năm' } })).status).toBe(201);
    expect((await admin.post('/record-types/vehicles/fields', { key: 'year', type: 'text', labels: { en: 'Y', vi: 'Y' } })).body.error.fields[0].path).toBe('key');
    expect((await admin.patch('/record-types/vehicles/fields/year', { type: 'text' })).body.error.fields[0]).toEqual({ path: 'type', message: 'unknown field' });
    // The role editor lists the object.
    const modules = await admin.get('/permission-modules');
    expect(modules.status).toBe(200);
    expect(modules.body.map((m: { key: string }) => m.key)).toContain('object:vehicles');
  });

  it('records: create, get, update with If-Match (412 when stale), delete, restore, timeline; bad values name the field', async () => {
    const db = env().database.db;
    const team = await createTeam(db);
    const me = await actor(env(), { permissions: { ...grantObject('vehicles', 'all'), contacts: { actions: ['read'], scope: 'own' } }, teamId: team.id });
    const c = client(env(), me.headers);
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const contact = await admin.post('/contacts', { givenName: 'Lan', familyName: 'Nguyễn' });
    expect(contact.status).toBe(201);
    const mine = await c.post('/contacts', { givenName: 'Minh' });
    expect(mine.status === 201 || mine.status === 403).toBe(true);
    const myContact = (await admin.post('/contacts', { givenName: 'Hoa', ownerId: me.id })).body;

    const created = await c.post('/objects/vehicles', { values: { name: 'VinFast VF8', plate: '51A-12345', price: { amount: 1_200_000_000, currency: 'VND' }, owner_contact: myContact.id } });
    expect(created.status).toBe(201);
    const v = created.body;
    expect(v).toMatchObject({ version: 1, title: 'VinFast VF8', ownerId: me.id, teamId: team.id, deletedAt: null, masked: ['cost'] });
    expect(v.values).toMatchObject({ status: 'new', price: { amount: 1_200_000_000, currency: 'VND' }, owner_contact: myContact.id, cost: null });
    expect(created.headers.etag).toBe('"1"');

    // A contact the writer may not see answers exactly like a missing one.
    const hidden = await c.post('/objects/vehicles', { values: { name: 'X', owner_contact: contact.body.id } });
    const missing = await c.post('/objects/vehicles', { values: { name: 'X', owner_contact: '0190aaaa-0000-7000-8000-000000000000' } });
    expect(hidden.status).toBe(400);
    expect(hidden.body).toEqual(missing.body);
    expect(hidden.body.error.fields).toEqual([{ path: 'values.owner_contact', message: 'no such record' }]);

    const bad = await c.post('/objects/vehicles', { values: { name: '', status: 'flying', price: 12.5, nope: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([
      { path: 'values.status', message: 'not one of the options' },
      { path: 'values.price', message: 'expected { amount: integer minor units, currency }' },
      { path: 'values.nope', message: 'unknown field' },
      { path: 'values.name', message: 'required' },
    ]);
    const dupPlate = await c.post('/objects/vehicles', { values: { name: 'Other', plate: '51A-12345' } });
    expect(dupPlate.status).toBe(409);
    expect(dupPlate.body.error.fields[0].path).toBe('values.plate');
    expect((await c.get('/objects/vehicles/count')).body).toEqual({ count: 1, capped: false });

    const upd = await c.patch(`/objects/vehicles/${v.id}`, { values: { status: 'service', price: { amount: 1_100_000_000 } } }, { 'if-match': '"1"' });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ version: 2, values: { status: 'service', price: { amount: 1_100_000_000, currency: 'VND' } } });
    const stale = await c.patch(`/objects/vehicles/${v.id}`, { values: { status: 'sold' } }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect((await c.get(`/objects/vehicles/${v.id}`)).body.values.status).toBe('service');
    const inc = await c.get(`/objects/vehicles/${v.id}?include=owner_contact`);
    expect(inc.body.included).toEqual({ owner_contact: { id: myContact.id, title: 'Hoa' } });

    expect((await c.del(`/objects/vehicles/${v.id}`)).status).toBe(204);
    expect((await c.get('/objects/vehicles')).body.data).toEqual([]);
    expect((await c.get('/objects/vehicles?deleted=true')).body.data.map((r: { id: string }) => r.id)).toEqual([v.id]);
    expect((await c.patch(`/objects/vehicles/${v.id}`, { values: { status: 'sold' } })).status).toBe(404);
    expect((await c.post(`/objects/vehicles/${v.id}/restore`, {})).body.deletedAt).toBeNull();

    const timeline = await c.get(`/objects/vehicles/${v.id}/timeline`);
    expect(timeline.body.data.map((e: { type: string }) => e.type)).toEqual(['restored', 'deleted', 'updated', 'created']);
    expect(timeline.body.data[2].changes).toEqual({
      status: { old: 'new', new: 'service' },
      price: { old: { amount: 1_200_000_000, currency: 'VND' }, new: { amount: 1_100_000_000, currency: 'VND' } },
    });
    expect(timeline.body.data[3].changes.name).toEqual({ old: null, new: 'VinFast VF8' });
    // The change is in the audit chain and the outbox, in one shape.
    const outbox = await db.selectFrom('outbox').select(['type', 'data']).where('entity', '=', 'vehicles').where('entity_id', '=', v.id).orderBy('created_at').execute();
    expect(outbox.map((o) => o.type)).toEqual(['record.created', 'record.updated', 'record.deleted', 'record.restored']);
    expect(JSON.parse(outbox[1]!.data)).toEqual({ type: 'vehicles', id: v.id, changes: timeline.body.data[2].changes });
    const audit = await db.selectFrom('audit_log').select('action').where('entity', '=', 'object:vehicles').where('entity_id', '=', v.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete', 'restore']);

    // Who may see which vehicles: the contact page's back-references.
    const back = await c.get(`/objects/by-relation/contacts/${myContact.id}`);
    expect(back.body.data).toEqual([expect.objectContaining({ object: 'vehicles', field: 'owner_contact', more: false })]);
    expect(back.body.data[0].records.map((r: { id: string }) => r.id)).toEqual([v.id]);
    expect((await c.get(`/objects/by-relation/contacts/${contact.body.id}`)).status).toBe(404);
  });

  it('filters per type, sort with a keyset cursor without gaps or repeats, search, capped count', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const statuses = ['new', 'service', 'sold'];
    for (let i = 0; i < 23; i++) {
      const r = await admin.post('/objects/vehicles', {
        values: { name: `Car ${String(i).padStart(2, '0')} Đức`, plate: `P-${i}`, status: statuses[i % 3], price: i % 5 === 0 ? null : { amount: (i % 7) * 1000 }, year: 2000 + (i % 4) },
      });
      expect(r.status).toBe(201);
    }
    const list = async (filter: unknown, extra = '') => (await admin.get(`/objects/vehicles?filter=${q(filter)}${extra}`)).body;
    expect((await list([{ field: 'status', op: 'eq', value: 'sold' }])).data).toHaveLength(7 + 0);
    expect((await list([{ field: 'status', op: 'in', value: ['new', 'sold'] }])).data).toHaveLength(15);
    expect((await list([{ field: 'price', op: 'empty' }])).data.length).toBe(5);
    expect((await list([{ field: 'price', op: 'gte', value: 5000 }])).data.every((r: { values: { price: { amount: number } } }) => r.values.price.amount >= 5000)).toBe(true);
    expect((await list([{ field: 'year', op: 'lt', value: 2001 }, { field: 'status', op: 'neq', value: 'new' }])).data.every((r: { values: { year: number; status: string } }) => r.values.year < 2001 && r.values.status !== 'new')).toBe(true);
    expect((await list([{ field: 'name', op: 'contains', value: 'car 1' }])).data).toHaveLength(10);
    expect((await admin.get('/objects/vehicles?q=07%20duc')).body.data.map((r: { title: string }) => r.title)).toEqual(['Car 07 Đức']);
    const badOp = await admin.get(`/objects/vehicles?filter=${q([{ field: 'status', op: 'gt', value: 'x' }])}`);
    expect(badOp.body.error.fields[0].path).toBe('filter.0.op');
    expect((await admin.get(`/objects/vehicles?filter=${q([{ field: 'nope', op: 'eq', value: 1 }])}`)).body.error.fields[0].path).toBe('filter.0.field');
    expect((await admin.get(`/objects/vehicles?filter=${q([{ field: 'price', op: 'gt', value: 'many' }])}`)).body.error.fields[0].path).toBe('filter.0.value');
    expect((await admin.get('/objects/vehicles?filter=notjson')).body.error.fields[0].path).toBe('filter');
    expect((await admin.get('/objects/vehicles?sort=owner_contact2')).body.error.fields[0].path).toBe('sort');

    // Sorting by a nullable money field, 4 rows a page: every row once, in order, on both databases.
    const all = (await admin.get('/objects/vehicles?limit=200&sort=-price,name')).body.data as { id: string; values: { price: { amount: number } | null; name: string } }[];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: { id: string }[]; nextCursor: string | null } = (await admin.get(`/objects/vehicles?limit=4&sort=-price,name${cursor ? `&cursor=${cursor}` : ''}`)).body;
      seen.push(...page.data.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((r) => r.id));
    expect(new Set(seen).size).toBe(all.length);
    const prices = all.map((r) => r.values.price?.amount ?? null);
    const firstNull = prices.indexOf(null);
    expect(prices.slice(firstNull).every((p) => p === null)).toBe(true); // NULLs last descending
    expect(prices.slice(0, firstNull)).toEqual([...prices.slice(0, firstNull)].sort((a, b) => b! - a!));
    expect((await admin.get(`/objects/vehicles/count?filter=${q([{ field: 'status', op: 'eq', value: 'new' }])}`)).body).toEqual({ count: 8, capped: false });
  });

  it('scopes own/team/all, classification masking on record, list, timeline and export; per-object permissions', async () => {
    const db = env().database.db;
    const t1 = await createTeam(db);
    const t2 = await createTeam(db);
    const own = await actor(env(), { permissions: grantObject('vehicles', 'own'), teamId: t1.id });
    const mate = await actor(env(), { permissions: grantObject('vehicles', 'team'), teamId: t1.id, maxClassification: 'confidential' });
    const other = await actor(env(), { permissions: grantObject('vehicles', 'all'), teamId: t2.id });
    const none = await actor(env(), { permissions: {}, teamId: t1.id });
    const o = client(env(), own.headers);
    // `own` (max internal) cannot write the confidential field.
    const denied = await o.post('/objects/vehicles', { values: { name: 'x', cost: 5 } });
    expect(denied.status).toBe(403);
    expect(denied.body.error.fields).toEqual([{ path: 'values.cost', message: 'above your classification level' }]);
    const mineOk = (await o.post('/objects/vehicles', { values: { name: 'Scoped car' } })).body;
    const oc = client(env(), other.headers);
    const theirs = (await oc.post('/objects/vehicles', { values: { name: 'Other team car' } })).body;
    const m = client(env(), mate.headers);
    expect((await m.patch(`/objects/vehicles/${mineOk.id}`, { values: { cost: 42 } })).status).toBe(200);

    const ownList = (await o.get('/objects/vehicles?limit=200')).body.data.map((r: { id: string }) => r.id);
    expect(ownList).toContain(mineOk.id);
    expect(ownList).not.toContain(theirs.id);
    expect((await o.get(`/objects/vehicles/${theirs.id}`)).status).toBe(404);
    expect((await m.get(`/objects/vehicles/${mineOk.id}`)).status).toBe(200);
    expect((await m.get(`/objects/vehicles/${theirs.id}`)).status).toBe(404);
    expect((await oc.get(`/objects/vehicles/${mineOk.id}`)).status).toBe(200);
    expect((await client(env(), none.headers).get('/objects/vehicles')).status).toBe(403);
    expect((await client(env(), none.headers).get('/record-types')).body.data).toEqual([]);

    // Masking: the owner sees cost as null with the key in `masked`, everywhere.
    const masked = (await o.get(`/objects/vehicles/${mineOk.id}`)).body;
    expect(masked.values.cost).toBeNull();
    expect(masked.masked).toEqual(['cost']);
    expect((await m.get(`/objects/vehicles/${mineOk.id}`)).body.values.cost).toBe(42);
    const tl = (await o.get(`/objects/vehicles/${mineOk.id}/timeline`)).body.data[0];
    expect(tl.changes.cost).toEqual({ old: null, new: null });
    expect(tl.masked).toEqual(['cost']);
    expect((await o.get(`/objects/vehicles?filter=${q([{ field: 'cost', op: 'eq', value: 42 }])}`)).body.error.fields[0].path).toBe('filter.0.field');
    const csv = await o.get('/objects/vehicles/export?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.text.split('\r\n')[0]).not.toContain('cost');
    const mcsv = await m.get('/objects/vehicles/export?format=csv');
    expect(mcsv.text.split('\r\n')[0]).toContain('cost');
    expect(mcsv.text).toContain('Scoped car');
    expect(mcsv.text).not.toContain('Other team car');
  });
});
