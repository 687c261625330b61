import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { actor, client, q, vehicleInput } from './records.test-helpers.js';

type Api = ReturnType<typeof client>;
const labels = (en: string) => ({ en, vi: `${en} (vi)` });

describeEachDialect('records platform: formula and rollup fields', (env) => {
  let admin: Api;
  let adminHeaders: Record<string, string>;
  const vehicle = async (values: Record<string, unknown>) => {
    const res = await admin.post('/objects/vehicles', { values });
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string; version: number; values: Record<string, unknown> };
  };
  const get = async (id: string) => (await admin.get(`/objects/vehicles/${id}`)).body as { version: number; values: Record<string, unknown> };

  it('a formula is checked when added (position, types, cycles), backfills existing records, and follows every write', async () => {
    adminHeaders = (await actor(env(), { admin: true })).headers;
    admin = client(env(), adminHeaders);
    expect((await admin.post('/record-types', vehicleInput())).status).toBe(201);
    const old = await vehicle({ name: 'Mazda 3', plate: '30A-1', price: { amount: 650_000_000, currency: 'VND' }, cost: 600_000_000 });

    const add = (body: Record<string, unknown>) => admin.post('/record-types/vehicles/fields', { labels: labels(String(body.key)), ...body });
    let res = await add({ key: 'margin', type: 'formula', formula: 'price - cost *' });
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.fields[0]).toEqual({ path: 'formula', message: 'at position 15: unexpected end of the formula' });
    res = await add({ key: 'margin', type: 'formula', formula: 'price - name' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0]).toEqual({ path: 'formula', message: 'at position 9: - needs numbers, found text' });
    res = await add({ key: 'margin', type: 'formula', formula: 'margin + 1' });
    expect(res.body.error.fields[0]).toEqual({ path: 'formula', message: 'at position 1: the formula refers to its own field margin' });
    res = await add({ key: 'margin', type: 'formula' });
    expect(res.body.error.fields[0].path).toBe('formula');
    res = await add({ key: 'margin', type: 'formula', formula: 'price', required: true });
    expect(res.body.error.fields[0].path).toBe('required');
    // Nothing was added by the refused requests.
    expect((await admin.get('/record-types/vehicles')).body.fields.map((f: { key: string }) => f.key)).not.toContain('margin');

    res = await add({ key: 'margin', type: 'formula', formula: 'price - cost' });
    expect(res.status, res.text).toBe(201);
    const margin = res.body.fields.find((f: { key: string }) => f.key === 'margin');
    expect(margin).toMatchObject({ type: 'formula', formula: 'price - cost', resultType: 'number', readOnly: true, rollup: null });
    expect((await add({ key: 'label', type: 'formula', formula: 'name & " / " & plate & IF(margin > 0, " +", "")' })).status).toBe(201);
    expect((await add({ key: 'margin_pct', type: 'formula', formula: 'ROUND(margin / price * 100, 1)' })).status).toBe(201);
    // Backfilled: the record written before the formulas existed has their values.
    expect((await get(old.id)).values).toMatchObject({ margin: 50_000_000, label: 'Mazda 3 / 30A-1 +', margin_pct: 7.7 });

    // A cycle through another formula is refused on change, naming where it starts.
    res = await admin.patch('/record-types/vehicles/fields/margin', { formula: 'margin_pct * 2' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0]).toEqual({ path: 'formula', message: 'at position 1: margin_pct refers back to this field (a cycle)' });
    res = await admin.patch('/record-types/vehicles/fields/margin', { formula: 'name' });
    expect(res.body.error.fields[0]).toEqual({ path: 'formula', message: 'must stay a number formula (it computes text)' });

    // Every write recomputes; the values are read-only.
    const v = await vehicle({ name: 'Kia', plate: '30A-2', price: { amount: 100, currency: 'VND' }, cost: 150 });
    expect(v.values).toMatchObject({ margin: -50, label: 'Kia / 30A-2', margin_pct: -50 });
    res = await admin.patch(`/objects/vehicles/${v.id}`, { values: { cost: 40 } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.values).toMatchObject({ margin: 60, label: 'Kia / 30A-2 +', margin_pct: 60 });
    res = await admin.patch(`/objects/vehicles/${v.id}`, { values: { margin: 1 } });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0]).toEqual({ path: 'values.margin', message: 'read-only field' });
    res = await admin.patch(`/objects/vehicles/${v.id}`, { values: { price: null } });
    expect(res.body.values).toMatchObject({ margin: null, margin_pct: null, label: 'Kia / 30A-2' });
    // The change of a formula's value is part of the record's diff.
    const timeline = (await admin.get(`/objects/vehicles/${v.id}/timeline`)).body.data;
    expect(timeline[0].changes.margin).toEqual({ old: 60, new: null });

    // A changed formula recomputes every record.
    res = await admin.patch('/record-types/vehicles/fields/margin', { formula: 'price - cost - 1' });
    expect(res.status, res.text).toBe(200);
    expect((await get(old.id)).values.margin).toBe(49_999_999);

    // Stored: filters and sorts use it like a number field.
    await vehicle({ name: 'Honda', plate: '30A-3', price: { amount: 1000, currency: 'VND' }, cost: 10 });
    const list = await admin.get(`/objects/vehicles?sort=-margin&filter=${q([{ field: 'margin', op: 'gt', value: 0 }])}`);
    expect(list.status, list.text).toBe(200);
    expect(list.body.data.map((r: { title: string }) => r.title)).toEqual(['Mazda 3', 'Honda']);
    const byLabel = await admin.get(`/objects/vehicles?filter=${q([{ field: 'label', op: 'contains', value: 'honda' }])}`);
    expect(byLabel.body.data.map((r: { title: string }) => r.title)).toEqual(['Honda']);
    // The OpenAPI document types it by its result and marks it read-only.
    const doc = (await env().app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.components.schemas.VehiclesValues.properties.margin.anyOf[0]).toMatchObject({ type: 'number', readOnly: true });
  }, 120_000);

  it('a rollup stays right across create, update, move, delete and restore of the records pointing at it', async () => {
    expect((await admin.post('/record-types', {
      name: 'services', labels: { en: { singular: 'Service', plural: 'Services' }, vi: { singular: 'Bảo dưỡng', plural: 'Bảo dưỡng' } },
      fields: [
        { key: 'name', type: 'text', labels: labels('Name'), required: true },
        { key: 'vehicle', type: 'relation', labels: labels('Vehicle'), relation: { target: 'vehicles' } },
        { key: 'amount', type: 'money', labels: labels('Amount'), currency: 'VND' },
        { key: 'done_on', type: 'date', labels: labels('Date') },
      ],
    })).status).toBe(201);
    const a = await vehicle({ name: 'A', plate: 'R-1' });
    const b = await vehicle({ name: 'B', plate: 'R-2' });
    const service = async (values: Record<string, unknown>) => {
      const res = await admin.post('/objects/services', { values });
      expect(res.status, res.text).toBe(201);
      return res.body.id as string;
    };
    const s1 = await service({ name: 's1', vehicle: a.id, amount: { amount: 100, currency: 'VND' }, done_on: '2026-01-05' });
    await service({ name: 's0', vehicle: a.id, amount: { amount: 5, currency: 'VND' }, done_on: '2026-01-01' });

    const add = (body: Record<string, unknown>) => admin.post('/record-types/vehicles/fields', { labels: labels(String(body.key)), ...body });
    let res = await add({ key: 'services_n', type: 'rollup', rollup: { object: 'services', relation: 'name', fn: 'count' } });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('rollup.relation');
    res = await add({ key: 'services_n', type: 'rollup', rollup: { object: 'services', relation: 'vehicle', fn: 'sum', field: 'name' } });
    expect(res.body.error.fields[0].path).toBe('rollup.field');
    res = await add({ key: 'services_n', type: 'rollup', rollup: { object: 'nope', relation: 'vehicle', fn: 'count' } });
    expect(res.body.error.fields[0].path).toBe('rollup.object');

    expect((await add({ key: 'services_n', type: 'rollup', rollup: { object: 'services', relation: 'vehicle', fn: 'count' } })).status).toBe(201);
    expect((await add({ key: 'services_total', type: 'rollup', rollup: { object: 'services', relation: 'vehicle', fn: 'sum', field: 'amount' } })).status).toBe(201);
    res = await add({ key: 'last_service', type: 'rollup', rollup: { object: 'services', relation: 'vehicle', fn: 'max', field: 'done_on' } });
    expect(res.status).toBe(201);
    expect(res.body.fields.find((f: { key: string }) => f.key === 'last_service')).toMatchObject({ resultType: 'date', rollup: { object: 'services', relation: 'vehicle', fn: 'max', field: 'done_on' } });
    // A formula may read a rollup.
    expect((await add({ key: 'services_label', type: 'formula', formula: 'services_n & " services"' })).status).toBe(201);

    // Backfilled from the existing services.
    const expectA = async (n: number, total: number, last: string | null) => {
      const v = await get(a.id);
      expect(v.values).toMatchObject({ services_n: n, services_total: total, last_service: last, services_label: `${n} services` });
      return v;
    };
    const before = await expectA(2, 105, '2026-01-05');
    expect((await get(b.id)).values).toMatchObject({ services_n: 0, services_total: 0, last_service: null });

    const s2 = await service({ name: 's2', vehicle: a.id, amount: { amount: 1000, currency: 'VND' }, done_on: '2026-02-01' });
    await expectA(3, 1105, '2026-02-01');
    expect((await admin.patch(`/objects/services/${s2}`, { values: { amount: { amount: 2000, currency: 'VND' } } })).status).toBe(200);
    await expectA(3, 2105, '2026-02-01');
    // Moved to B: both parents follow.
    expect((await admin.patch(`/objects/services/${s2}`, { values: { vehicle: b.id } })).status).toBe(200);
    await expectA(2, 105, '2026-01-05');
    expect((await get(b.id)).values).toMatchObject({ services_n: 1, services_total: 2000, last_service: '2026-02-01' });
    expect((await admin.del(`/objects/services/${s1}`)).status).toBe(204);
    await expectA(1, 5, '2026-01-01');
    expect((await admin.post(`/objects/services/${s1}/restore`, {})).status).toBe(200);
    const after = await expectA(2, 105, '2026-01-05');
    // Bulk delete goes through the same path.
    expect((await admin.post('/objects/services/bulk', { action: 'delete', ids: [s2] })).status).toBe(200);
    expect((await get(b.id)).values).toMatchObject({ services_n: 0, services_total: 0, last_service: null });
    // The parent's version did not move: an editor's If-Match stays valid.
    expect(after.version).toBe(before.version);
    const edit = await admin.patch(`/objects/vehicles/${a.id}`, { values: { name: 'A2' } }, { 'if-match': `"${after.version}"` });
    expect(edit.status, edit.text).toBe(200);

    // Filters on a rollup.
    const list = await admin.get(`/objects/vehicles?filter=${q([{ field: 'services_n', op: 'gte', value: 2 }])}`);
    expect(list.body.data.map((r: { title: string }) => r.title)).toEqual(['A2']);

    // An export (computed columns included) imports back: the computed columns are left out, and recomputed.
    const exp = await admin.get(`/objects/vehicles/export?format=csv&filter=${q([{ field: 'plate', op: 'eq', value: 'R-1' }])}`);
    expect(exp.text).toContain('services_n');
    const boundary = '----kithcomputed';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="v.csv"\r\nContent-Type: text/csv\r\n\r\n${exp.text.replace(/R-1/g, 'R-9')}\r\n--${boundary}--\r\n`;
    const imp = await env().app.inject({ method: 'POST', url: '/api/v1/objects/vehicles/import', headers: { ...adminHeaders, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(imp.json()).toMatchObject({ created: 1, failed: 0 });
    const copy = (await admin.get(`/objects/vehicles?filter=${q([{ field: 'plate', op: 'eq', value: 'R-9' }])}`)).body.data[0];
    expect(copy.values).toMatchObject({ services_n: 0, services_label: '0 services' });
  }, 120_000);
});
