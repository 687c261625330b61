import { expect, it } from 'vitest';
import { linkFilterTuning } from '../../platform/records/index.js';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { actor, client, grantObject, q } from './records.test-helpers.js';

const labels = (en: string, vi: string) => ({ en: { singular: en, plural: `${en}s` }, vi: { singular: vi, plural: vi } });
const ids = (res: { body: { data: { id: string }[] } }) => res.body.data.map((r) => r.id).sort();

describeEachDialect('records platform: many-to-many relations (relations fields)', (env) => {
  it('links are written by the pipeline (events, audit, outbox), filtered with has_any/has_all/empty, included, back-referenced, exported and imported', async () => {
    const db = env().database.db;
    const a = await actor(env(), { admin: true });
    const admin = client(env(), a.headers);
    expect((await admin.post('/record-types', { name: 'mm_parts', labels: labels('Part', 'Phụ tùng'), fields: [] })).status).toBe(201);
    const made = await admin.post('/record-types', {
      name: 'mm_cars', labels: labels('Car', 'Xe'),
      fields: [
        { key: 'name', type: 'text', labels: { en: 'Name', vi: 'Tên' }, required: true, classification: 'public' },
        { key: 'parts', type: 'relations', labels: { en: 'Parts', vi: 'Phụ tùng' }, relation: { target: 'mm_parts' } },
        { key: 'drivers', type: 'relations', labels: { en: 'Drivers', vi: 'Tài xế' }, relation: { target: 'contacts', kind: 'many_to_many' } },
      ],
    });
    expect(made.status).toBe(201);
    expect(made.body.fields[1]).toMatchObject({ type: 'relations', relation: { target: 'mm_parts', kind: 'many_to_many' }, sortable: false });

    const part = async (name: string) => (await admin.post('/objects/mm_parts', { values: { name } })).body.id as string;
    const [wheel, brake, light] = [await part('Wheel'), await part('Brake'), await part('Light')];
    const lan = (await admin.post('/contacts', { givenName: 'Lan' })).body.id as string;

    // Duplicates are dropped, order kept.
    const c1 = await admin.post('/objects/mm_cars', { values: { name: 'Car 1', parts: [brake, wheel, brake], drivers: [lan] } });
    expect(c1.status).toBe(201);
    expect(c1.body.values).toMatchObject({ parts: [brake, wheel], drivers: [lan] });
    const c2 = (await admin.post('/objects/mm_cars', { values: { name: 'Car 2', parts: [wheel] } })).body;
    const c3 = (await admin.post('/objects/mm_cars', { values: { name: 'Car 3' } })).body;
    expect(c3.values.parts).toBeNull();
    const links = await db.selectFrom('record_links').select(['to_id', 'position']).where('from_type', '=', 'mm_cars').where('from_id', '=', c1.body.id).where('field', '=', 'parts').orderBy('position').execute();
    expect(links.map((l) => l.to_id)).toEqual([brake, wheel]);

    // Update: old → new in the timeline, the audit log and the outbox; links follow.
    const up = await admin.patch(`/objects/mm_cars/${c1.body.id}`, { values: { parts: [light, wheel] } }, { 'if-match': '"1"' });
    expect(up.status).toBe(200);
    const timeline = (await admin.get(`/objects/mm_cars/${c1.body.id}/timeline`)).body.data;
    expect(timeline[0].changes.parts).toEqual({ old: [brake, wheel], new: [light, wheel] });
    const outbox = await db.selectFrom('outbox').select(['type', 'data']).where('entity', '=', 'mm_cars').where('entity_id', '=', c1.body.id).orderBy('created_at').execute();
    expect(outbox.map((o) => o.type)).toEqual(['record.created', 'record.updated']);
    expect(JSON.parse(String(outbox[1]!.data)).changes.parts).toEqual({ old: [brake, wheel], new: [light, wheel] });
    const audit = await db.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'object:mm_cars').where('entity_id', '=', c1.body.id).orderBy('seq').execute();
    expect(audit.map((x) => x.action)).toEqual(['create', 'update']);
    expect(JSON.stringify(audit[1]!.after)).toContain(light);

    // Filters (one hop too), on the link table.
    const f = (filter: unknown) => admin.get(`/objects/mm_cars?filter=${q(filter)}`);
    expect(ids(await f([{ field: 'parts', op: 'has_any', value: [wheel] }]))).toEqual([c1.body.id, c2.id].sort());
    expect(ids(await f([{ field: 'parts', op: 'has_any', value: [light, brake] }]))).toEqual([c1.body.id]);
    expect(ids(await f([{ field: 'parts', op: 'has_all', value: [light, wheel] }]))).toEqual([c1.body.id]);
    expect(ids(await f([{ field: 'parts', op: 'has_all', value: [light, wheel, brake] }]))).toEqual([]);
    expect(ids(await f([{ field: 'parts', op: 'empty' }]))).toEqual([c3.id]);
    expect(ids(await f([{ field: 'parts', op: 'not_empty' }]))).toEqual([c1.body.id, c2.id].sort());
    expect(ids(await f([{ field: 'parts.name', op: 'eq', value: 'Light' }]))).toEqual([c1.body.id]);
    // Ids many records link to are probed row by row in sort order (EXISTS) instead: the same answers.
    linkFilterTuning.dense = 1;
    try {
      expect(ids(await f([{ field: 'parts', op: 'has_any', value: [wheel] }]))).toEqual([c1.body.id, c2.id].sort());
      expect(ids(await f([{ field: 'parts', op: 'has_all', value: [light, wheel] }]))).toEqual([c1.body.id]);
      expect(ids(await f([{ field: 'parts', op: 'has_all', value: [light, wheel, brake] }]))).toEqual([]);
      const paged = await admin.get(`/objects/mm_cars?limit=1&sort=name&filter=${q([{ field: 'parts', op: 'has_any', value: [wheel, light] }])}`);
      expect(paged.body.data.map((r: { title: string }) => r.title)).toEqual(['Car 1']);
      const next = await admin.get(`/objects/mm_cars?limit=1&sort=name&cursor=${paged.body.nextCursor}&filter=${q([{ field: 'parts', op: 'has_any', value: [wheel, light] }])}`);
      expect(next.body.data.map((r: { title: string }) => r.title)).toEqual(['Car 2']);
    } finally {
      linkFilterTuning.dense = 2000;
    }
    expect((await admin.get(`/objects/mm_cars/count?filter=${q([{ field: 'parts', op: 'has_any', value: [wheel] }])}`)).body).toEqual({ count: 2, capped: false });
    const badOp = await f([{ field: 'parts', op: 'eq', value: wheel }]);
    expect(badOp.status).toBe(400);
    expect(badOp.body.error.fields[0].path).toBe('filter.0.op');
    expect((await f([{ field: 'parts', op: 'has_any', value: [] }])).body.error.fields[0].path).toBe('filter.0.value');
    expect((await f([{ field: 'name', op: 'has_any', value: ['x'] }])).body.error.fields[0].path).toBe('filter.0.op');
    expect((await admin.get('/objects/mm_cars?sort=parts')).status).toBe(400);

    // include: the linked records' titles, in order.
    const got = await admin.get(`/objects/mm_cars/${c1.body.id}?include=parts,drivers`);
    expect(got.body.includedMany).toEqual({ parts: [{ id: light, title: 'Light' }, { id: wheel, title: 'Wheel' }], drivers: [{ id: lan, title: 'Lan' }] });
    const listed = await admin.get('/objects/mm_cars?include=parts&sort=createdAt');
    expect(listed.body.data.map((r: { includedMany?: { parts: unknown[] } }) => r.includedMany?.parts.length)).toEqual([2, 1, 0]);

    // Back-references on the target's page (parts and contacts alike).
    const back = await admin.get(`/objects/by-relation/mm_parts/${wheel}`);
    expect(back.body.data.map((g: { object: string; field: string; records: { id: string }[] }) => [g.object, g.field, g.records.map((r) => r.id).sort()]))
      .toEqual([['mm_cars', 'parts', [c1.body.id, c2.id].sort()]]);
    const backContact = await admin.get(`/objects/by-relation/contacts/${lan}`);
    expect(backContact.body.data).toMatchObject([{ object: 'mm_cars', field: 'drivers', records: [{ id: c1.body.id }] }]);

    // Export joins ids with `; `; the export imports back.
    const exp = await admin.get(`/objects/mm_cars/export?format=csv&sort=name&filter=${q([{ field: 'name', op: 'eq', value: 'Car 1' }])}`);
    const lines = exp.text.replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toBe('id,name,parts,drivers,ownerId,createdAt,updatedAt');
    expect(lines[1]).toContain(`Car 1,${light}; ${wheel},${lan},`);
    const csv = `name,parts\r\nCar 4,${brake}; ${light}\r\nCar 5,${brake}; nope\r\n`;
    const boundary = '----kithmm';
    const payload = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="c.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`);
    const imp = await env().app.inject({ method: 'POST', url: '/api/v1/objects/mm_cars/import', headers: { ...a.headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(imp.json()).toEqual({ created: 1, failed: 1, errors: [{ row: 3, path: 'values.parts.1', message: 'no such record' }] });
    expect(ids(await f([{ field: 'parts', op: 'has_all', value: [brake, light] }])).length).toBe(1);

    // OpenAPI: an array of uuids.
    const doc = (await env().app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.components.schemas.MmCarsValues.properties.parts.anyOf[0]).toMatchObject({ type: 'array', items: { type: 'string', format: 'uuid' }, maxItems: 200 });
  });

  it('bad input is a 400 naming the value, nothing changed; a hidden target answers like a missing one', async () => {
    const db = env().database.db;
    const a = await actor(env(), { admin: true });
    const admin = client(env(), a.headers);
    expect((await admin.post('/record-types', { name: 'mb_tags', labels: labels('Tag', 'Nhãn'), fields: [] })).status).toBe(201);
    const badTarget = await admin.post('/record-types', { name: 'mb_bad', labels: labels('Bad', 'Xấu'), fields: [{ key: 'x', type: 'relations', labels: { en: 'X', vi: 'X' }, relation: { target: 'nothing' } }] });
    expect(badTarget.status).toBe(400);
    expect(badTarget.body.error.fields[0].path).toBe('fields.0.relation.target');
    const badKind = await admin.post('/record-types', { name: 'mb_bad', labels: labels('Bad', 'Xấu'), fields: [{ key: 'x', type: 'relations', labels: { en: 'X', vi: 'X' }, relation: { target: 'mb_tags', kind: 'many_to_one' } }] });
    expect(badKind.body.error.fields[0].path).toBe('fields.0.relation.kind');
    expect((await admin.post('/record-types', { name: 'mb_notes', labels: labels('Note', 'Ghi chú'), fields: [] })).status).toBe(201);
    // Standard or custom alike: a relations field added later by an administrator.
    const added = await admin.post('/record-types/mb_notes/fields', { key: 'tags', type: 'relations', labels: { en: 'Tags', vi: 'Nhãn' }, relation: { target: 'mb_tags' } });
    expect(added.status).toBe(201);
    expect((await admin.post('/record-types/mb_notes/fields', { key: 'tags2', type: 'relations', labels: { en: 'T', vi: 'T' }, default: [] })).body.error.fields.map((e: { path: string }) => e.path)).toContain('relation');

    const tag = (await admin.post('/objects/mb_tags', { values: { name: 'Red' } })).body.id as string;
    const note = (await admin.post('/objects/mb_notes', { values: { name: 'N', tags: [tag] } })).body;
    const missing = await admin.patch(`/objects/mb_notes/${note.id}`, { values: { tags: [tag, '01900000-0000-7000-8000-000000000000'] } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toEqual([{ path: 'values.tags.1', message: 'no such record' }]);
    const wrong = await admin.patch(`/objects/mb_notes/${note.id}`, { values: { tags: tag } });
    expect(wrong.body.error.fields[0]).toMatchObject({ path: 'values.tags', message: 'expected a list of record ids' });
    const wrongItem = await admin.patch(`/objects/mb_notes/${note.id}`, { values: { tags: [tag, 5] } });
    expect(wrongItem.body.error.fields[0]).toMatchObject({ path: 'values.tags', message: 'item 1: expected a record id' });
    const tooMany = await admin.patch(`/objects/mb_notes/${note.id}`, { values: { tags: Array.from({ length: 201 }, (_, i) => `id-${i}`) } });
    expect(tooMany.body.error.fields[0]).toMatchObject({ path: 'values.tags', message: 'at most 200 records' });
    const after = await admin.get(`/objects/mb_notes/${note.id}`);
    expect(after.body).toMatchObject({ version: 1, values: { tags: [tag] } });
    expect((await db.selectFrom('record_links').select('to_id').where('from_id', '=', note.id).execute()).map((l) => l.to_id)).toEqual([tag]);

    // A tag the writer may not see (own scope, someone else's) answers like a missing one; clearing removes the links.
    const me = await actor(env(), { permissions: { ...grantObject('mb_notes', 'all'), ...grantObject('mb_tags', 'own') } });
    const c = client(env(), me.headers);
    const hidden = await c.post('/objects/mb_notes', { values: { name: 'Mine', tags: [tag] } });
    expect(hidden.body.error.fields).toEqual([{ path: 'values.tags.0', message: 'no such record' }]);
    // Their included list leaves out what they may not see.
    expect((await c.get(`/objects/mb_notes/${note.id}?include=tags`)).body.includedMany).toEqual({ tags: [] });
    expect((await admin.patch(`/objects/mb_notes/${note.id}`, { values: { tags: [] } })).body.values.tags).toBeNull();
    expect(await db.selectFrom('record_links').select('to_id').where('from_id', '=', note.id).execute()).toEqual([]);
  });

  it('a standard object takes an administrator\'s many-to-many field like a custom one (links, filter, back-reference)', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    expect((await admin.post('/record-types', { name: 'ms_tags', labels: labels('Tag', 'Nhãn'), fields: [] })).status).toBe(201);
    const added = await admin.post('/record-types/tasks/fields', { key: 'tags', type: 'relations', labels: { en: 'Tags', vi: 'Nhãn' }, relation: { target: 'ms_tags' } });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const tag = (await admin.post('/objects/ms_tags', { values: { name: 'Urgent' } })).body.id as string;
    const task = await admin.post('/objects/tasks', { values: { title: 'Call back', tags: [tag] } });
    expect(task.status, JSON.stringify(task.body)).toBe(201);
    expect(task.body.values.tags).toEqual([tag]);
    expect(ids(await admin.get(`/objects/tasks?filter=${q([{ field: 'tags', op: 'has_any', value: [tag] }])}`))).toEqual([task.body.id]);
    const back = await admin.get(`/objects/by-relation/ms_tags/${tag}`);
    expect(back.body.data).toMatchObject([{ object: 'tasks', field: 'tags', records: [{ id: task.body.id }] }]);
  });
});
