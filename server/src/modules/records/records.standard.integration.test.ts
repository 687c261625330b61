import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { addObjectColumn, createObjectTable } from '../../platform/db/records-ddl.js';
import { AppError } from '../../platform/http/errors.js';
import { registerStandardObject, standardObjects, type FieldDefinition } from '../../platform/records/index.js';
import { actor, client } from './records.test-helpers.js';

// A standard object declared in code, as a module does at load: its table comes from "its migration" (created in
// the test below), its domain hooks derive a read-only field, refuse a value and count what they saw afterwards.
const field = (key: string, type: FieldDefinition['type'], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  key, type, column: key, labels: { en: key, vi: key }, help: null, required: false, unique: false, default: null, classification: 'public',
  filterable: true, sortable: true, searchable: type === 'text', options: null, currency: null, relationTarget: null, readOnly: false,
  archived: false, position: 0, ...extra,
});
const seen: string[] = [];
registerStandardObject({
  name: 'probes', apiPath: 'probes', table: 'probes', icon: 'box', titleField: 'name', permissionModule: 'probes',
  labels: { en: { singular: 'Probe', plural: 'Probes' }, vi: { singular: 'Đầu dò', plural: 'Đầu dò' } },
  fields: [field('name', 'text', { required: true }), field('size', 'number'), field('doubled', 'number', { readOnly: true }), field('contact', 'relation', { relationTarget: 'contacts' }), field('price', 'money', { currency: '*' })],
  hooks: {
    async beforeWrite(ctx) {
      if (ctx.values.size === 13) throw new AppError('validation_failed', 'values.size: unlucky', [{ path: 'values.size', message: 'unlucky' }]);
      if (typeof ctx.values.size === 'number') ctx.values.doubled = ctx.values.size * 2;
    },
    async afterWrite(ctx) {
      seen.push(`${ctx.kind}:${Object.keys(ctx.changes).sort().join(',')}`);
    },
  },
});

describeEachDialect('records platform: standard objects declared in code', (env) => {
  it('answer at their own path, run their hooks in the write, take administrators fields, and list in /record-types', async () => {
    seen.length = 0;
    await env().database.db.transaction().execute(async (trx) => {
      await createObjectTable(trx, env().dialect, 'probes');
      await addObjectColumn(trx, env().dialect, 'probes', 'name', 'text');
      await addObjectColumn(trx, env().dialect, 'probes', 'size', 'real');
      await addObjectColumn(trx, env().dialect, 'probes', 'doubled', 'real');
      await addObjectColumn(trx, env().dialect, 'probes', 'contact', 'text');
      await addObjectColumn(trx, env().dialect, 'probes', 'price', 'bigint');
      await addObjectColumn(trx, env().dialect, 'probes', 'price_currency', 'text');
    });
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const created = await admin.post('/probes', { values: { name: 'First', size: 4 } });
    expect(created.status).toBe(201);
    expect(created.body.values).toMatchObject({ name: 'First', size: 4, doubled: 8 });
    expect((await admin.get(`/probes/${created.body.id}`)).body.title).toBe('First');
    // The generic path serves it too (the web app's list, board and record page use it).
    expect((await admin.get(`/objects/probes/${created.body.id}`)).status).toBe(200);

    const unlucky = await admin.patch(`/probes/${created.body.id}`, { values: { size: 13 } });
    expect(unlucky.status).toBe(400);
    expect(unlucky.body.error.fields[0].path).toBe('values.size');
    const readOnly = await admin.post('/probes', { values: { name: 'X', doubled: 1 } });
    expect(readOnly.body.error.fields[0]).toEqual({ path: 'values.doubled', message: 'read-only field' });
    const updated = await admin.patch(`/probes/${created.body.id}`, { values: { size: 5 } });
    expect(updated.body.values.doubled).toBe(10);
    // Money with a per-record currency (`currency: '*'`): amount and ISO code in two columns.
    const priced = await admin.patch(`/probes/${created.body.id}`, { values: { price: { amount: 1250, currency: 'USD' } } });
    expect(priced.body.values.price).toEqual({ amount: 1250, currency: 'USD' });
    const badCurrency = await admin.patch(`/probes/${created.body.id}`, { values: { price: { amount: 1, currency: 'ABC' } } });
    expect(badCurrency.body.error.fields[0].path).toBe('values.price');
    seen.splice(seen.indexOf('updated:price'), 1);
    expect(seen).toEqual(['created:doubled,name,size', 'updated:doubled,size']);

    const list = await admin.get('/probes?sort=name');
    expect(list.body.data.map((r: { title: string }) => r.title)).toEqual(['First']);
    const types = await admin.get('/record-types');
    expect(types.body.data.find((t: { name: string }) => t.name === 'probes')).toMatchObject({ custom: false, permissionModule: 'probes' });

    // An administrator's field on a standard object: stored in its own column of the standard table.
    expect((await admin.post('/record-types/probes/fields', { key: 'colour', type: 'text', labels: { en: 'Colour', vi: 'Màu' } })).status).toBe(201);
    expect((await admin.patch('/record-types/probes/fields/size', { labels: { en: 'S', vi: 'S' } })).body.error.fields[0].path).toBe('key');
    expect((await admin.patch('/record-types/probes', { icon: 'car' })).status).toBe(400);
    const coloured = await admin.patch(`/probes/${created.body.id}`, { values: { colour: 'blue' } });
    expect(coloured.body.values).toMatchObject({ colour: 'blue', size: 5 });

    expect((await admin.del(`/probes/${created.body.id}`)).status).toBe(204);
    expect(seen.at(-1)).toBe('deleted:');
    // Its typed paths are in the OpenAPI document.
    const doc = (await env().app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/api/v1/probes/{id}');
  });
});

describeEachDialect('records platform: every standard object of the app', (env) => {
  it('is served by /record-types to an administrator in the wire shape (a definition the contract refuses is a 500 for every page)', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const res = await admin.get('/record-types');
    expect(res.status).toBe(200);
    const names = (res.body.data as { name: string }[]).map((t) => t.name);
    for (const def of standardObjects()) expect(names).toContain(def.name);
    expect(standardObjects().map((d) => d.name)).toEqual(expect.arrayContaining(['tasks', 'deals', 'leads', 'tickets', 'products', 'invoices', 'orders', 'quotes']));
  });
});
