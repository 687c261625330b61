import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { openDatabase } from '../../platform/db/db.js';
import { fresh } from '../../platform/records/index.js';
import { actor, client, grantObject, q, vehicleInput } from './records.test-helpers.js';

function multipart(parts: { name: string; value: string; filename?: string }[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----kith' + Math.random().toString(16).slice(2);
  const chunks = parts.map((p) => `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"\r\nContent-Type: text/csv` : ''}\r\n\r\n${p.value}\r\n`);
  return { payload: Buffer.from(chunks.join('') + `--${boundary}--\r\n`), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describeEachDialect('records platform: import, export, bulk, views, relations, definition changes, OpenAPI', (env) => {
  it('OpenAPI includes each object and changes when its fields change', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    expect((await admin.post('/record-types', vehicleInput())).status).toBe(201);
    const doc = (await env().app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.components.schemas.VehiclesValues.properties)).toEqual(['name', 'plate', 'status', 'price', 'owner_contact', 'cost']);
    expect(doc.components.schemas.VehiclesValues.properties.status.anyOf[0].enum).toEqual(['new', 'service', 'sold']);
    expect(doc.paths['/api/v1/objects/vehicles'].post.operationId).toBe('createVehicles');
    expect((await admin.post('/record-types/vehicles/fields', { key: 'vin', type: 'text', labels: { en: 'VIN', vi: 'Số khung' } })).status).toBe(201);
    const doc2 = (await env().app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc2.components.schemas.VehiclesValues.properties.vin).toBeDefined();
    if (env().dialect === 'sqlite') {
      // The document with an object's paths and schemas still passes `redocly lint`.
      const file = path.join(os.tmpdir(), `kith-openapi-records-${process.pid}.json`);
      fs.writeFileSync(file, JSON.stringify(doc2));
      const cli = path.resolve('node_modules/@redocly/cli/bin/cli.js');
      const res = spawnSync(process.execPath, [cli, 'lint', file, '--format', 'stylish'], { encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } });
      fs.rmSync(file, { force: true });
      expect(res.status, res.stdout + res.stderr).toBe(0);
    }
  }, 120_000);

  it('CSV import maps columns, commits good rows and reports each bad one by row and field; export reads back (CSV, XLSX)', async () => {
    const a = await actor(env(), { admin: true });
    const admin = client(env(), a.headers);
    const csv = 'Name,plate,status,price,ignored\r\nMazda 3,30A-1,new,650000000,x\r\nBroken,30A-2,flying,1,x\r\n"=Evil, Inc",30A-3,sold,,x\r\n,30A-4,new,5,x\r\n';
    const body = multipart([{ name: 'file', value: csv, filename: 'vehicles.csv' }]);
    const res = await env().app.inject({ method: 'POST', url: '/api/v1/objects/vehicles/import', headers: { ...a.headers, ...body.headers }, payload: body.payload });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      created: 2, failed: 2,
      errors: [{ row: 3, path: 'values.status', message: 'not one of the options' }, { row: 5, path: 'values.name', message: 'required' }],
    });
    const mapped = multipart([{ name: 'mapping', value: JSON.stringify({ Model: 'name', Reg: 'plate' }) }, { name: 'file', value: 'Model,Reg\r\nKia Morning,30A-9\r\n', filename: 'm.csv' }]);
    const res2 = await env().app.inject({ method: 'POST', url: '/api/v1/objects/vehicles/import', headers: { ...a.headers, ...mapped.headers }, payload: mapped.payload });
    expect(res2.json()).toMatchObject({ created: 1, failed: 0 });
    const names = (await admin.get('/objects/vehicles?sort=name&limit=200')).body.data.map((r: { title: string }) => r.title);
    expect(names).toEqual(['=Evil, Inc', 'Kia Morning', 'Mazda 3']);

    const exp = await admin.get(`/objects/vehicles/export?format=csv&sort=name&filter=${q([{ field: 'plate', op: 'in', value: ['30A-1', '30A-3'] }])}`);
    expect(exp.status).toBe(200);
    expect(exp.headers['content-type']).toContain('text/csv');
    const lines = exp.text.replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toBe('id,name,plate,status,price,owner_contact,cost,vin,ownerId,createdAt,updatedAt');
    expect(lines[1]).toContain(`"'=Evil, Inc",30A-3,sold,`);
    expect(lines[2]).toContain('Mazda 3,30A-1,new,650000000,');
    // The export imports back as is (its own headers are field keys).
    const back = multipart([{ name: 'file', value: exp.text.replace(/30A-/g, '31B-'), filename: 'back.csv' }]);
    const res3 = await env().app.inject({ method: 'POST', url: '/api/v1/objects/vehicles/import', headers: { ...a.headers, ...back.headers }, payload: back.payload });
    expect(res3.json()).toMatchObject({ created: 2, failed: 0 });
    expect((await admin.get(`/objects/vehicles?filter=${q([{ field: 'plate', op: 'eq', value: '31B-3' }])}`)).body.data[0].title).toBe('=Evil, Inc');

    const xlsx = await env().app.inject({ method: 'GET', url: '/api/v1/objects/vehicles/export?format=xlsx&sort=name', headers: a.headers });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(2).value).toBe('name');
    expect(ws.rowCount).toBe(6);
  });

  it('bulk update and delete are all or nothing; one-hop filters on a related object; saved views of an object', async () => {
    const a = await actor(env(), { admin: true });
    const admin = client(env(), a.headers);
    const ids = (await admin.get('/objects/vehicles?limit=200')).body.data.map((r: { id: string }) => r.id) as string[];
    const bad = await admin.post('/objects/vehicles/bulk', { action: 'update', ids, values: { status: 'nope' } });
    expect(bad.status).toBe(400);
    const ok = await admin.post('/objects/vehicles/bulk', { action: 'update', ids, values: { status: 'service' } });
    expect(ok.body).toEqual({ count: ids.length });
    expect((await admin.get(`/objects/vehicles/count?filter=${q([{ field: 'status', op: 'eq', value: 'service' }])}`)).body.count).toBe(ids.length);
    const missing = await admin.post('/objects/vehicles/bulk', { action: 'delete', ids: [ids[0], '0190aaaa-0000-7000-8000-000000000000'] });
    expect(missing.status).toBe(404);
    expect(missing.body.error.fields[0].path).toBe('ids.1');
    expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['ids.0', 'values.status']);
    expect((await admin.get('/objects/vehicles/count')).body.count).toBe(ids.length);

    // Services point at vehicles; filter services by their vehicle's plate (one hop).
    expect((await admin.post('/record-types', {
      name: 'services', labels: { en: { singular: 'Service', plural: 'Services' }, vi: { singular: 'Dịch vụ', plural: 'Dịch vụ' } },
      fields: [{ key: 'vehicle', type: 'relation', labels: { en: 'Vehicle', vi: 'Xe' }, relation: { target: 'vehicles' } }, { key: 'done', type: 'boolean', labels: { en: 'Done', vi: 'Xong' } }],
    })).status).toBe(201);
    const mazda = (await admin.get(`/objects/vehicles?filter=${q([{ field: 'plate', op: 'eq', value: '30A-1' }])}`)).body.data[0];
    const s1 = await admin.post('/objects/services', { values: { name: 'Oil change', vehicle: mazda.id, done: true } });
    expect(s1.status).toBe(201);
    await admin.post('/objects/services', { values: { name: 'Tyres', vehicle: ids.find((i) => i !== mazda.id) } });
    const hop = await admin.get(`/objects/services?include=vehicle&filter=${q([{ field: 'vehicle.plate', op: 'eq', value: '30A-1' }])}`);
    expect(hop.body.data.map((r: { title: string; included: unknown }) => [r.title, r.included])).toEqual([['Oil change', { vehicle: { id: mazda.id, title: 'Mazda 3' } }]]);
    expect((await admin.get(`/objects/services?filter=${q([{ field: 'done', op: 'eq', value: true }])}`)).body.data).toHaveLength(1);
    expect((await admin.get(`/objects/services?filter=${q([{ field: 'vehicle.nope', op: 'eq', value: 1 }])}`)).body.error.fields[0].path).toBe('filter.0.field');

    const view = await admin.post('/views', { entity: 'object:vehicles', name: 'In service', filters: [{ field: 'status', op: 'eq', value: 'service' }], sort: '-price', columns: ['name', 'price'] });
    expect(view.status).toBe(201);
    expect((await admin.get('/views?entity=object:vehicles')).body.data.map((v: { name: string }) => v.name)).toEqual(['In service']);
    expect((await admin.post('/views', { entity: 'object:vehicles', name: 'x', filters: [{ field: 'status', op: 'is', value: 'new' }] })).body.error.fields[0].path).toBe('filters.0.op');
  });

  it('definition changes: options kept while used, archive keeps data, required needs a default; another node sees changes', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const dropUsed = await admin.patch('/record-types/vehicles/fields/status', { options: [{ value: 'new', labels: { en: 'New', vi: 'Mới' } }] });
    expect(dropUsed.status).toBe(400);
    expect(dropUsed.body.error.fields[0]).toEqual({ path: 'options', message: 'option "service" is used by records: relabel or keep it' });
    const relabel = await admin.patch('/record-types/vehicles/fields/status', {
      labels: { en: 'Stage', vi: 'Giai đoạn' },
      options: [
        { value: 'new', labels: { en: 'New', vi: 'Mới' }, color: 'blue', position: 0 },
        { value: 'service', labels: { en: 'Workshop', vi: 'Xưởng' }, color: 'orange', position: 1 },
        { value: 'sold', labels: { en: 'Sold', vi: 'Đã bán' }, color: 'green', position: 2 },
        { value: 'scrapped', labels: { en: 'Scrapped', vi: 'Thanh lý' }, color: 'gray', position: 3 },
      ],
    });
    expect(relabel.status).toBe(200);
    expect(relabel.body.fields.find((f: { key: string }) => f.key === 'status').options[1].labels.en).toBe('Workshop');
    const one = (await admin.get('/objects/vehicles?limit=1')).body.data[0];
    expect((await admin.patch('/record-types/vehicles/fields/plate', { archived: true })).status).toBe(200);
    const after = (await admin.get(`/objects/vehicles/${one.id}`)).body;
    expect(after.values.plate).toBe(one.values.plate);
    expect((await admin.patch(`/objects/vehicles/${one.id}`, { values: { plate: 'X' } })).body.error.fields[0]).toEqual({ path: 'values.plate', message: 'archived field' });
    expect((await admin.patch('/record-types/vehicles/fields/name', { archived: true })).body.error.fields[0].path).toBe('archived');
    expect((await admin.post('/record-types/vehicles/fields', { key: 'km', type: 'number', labels: { en: 'Km', vi: 'Km' }, required: true })).body.error.fields[0].path).toBe('required');
    expect((await admin.post('/record-types/vehicles/fields', { key: 'km', type: 'number', labels: { en: 'Km', vi: 'Km' }, required: true, default: 0 })).status).toBe(201);

    // A second node's connection: its next read of the version row reloads the definitions, so it sees the new fields.
    const other = openDatabase({ databaseUrl: env().config.databaseUrl, dataDir: env().config.dataDir });
    try {
      expect((await fresh(other.db)).get('vehicles')!.fields.some((f) => f.key === 'km')).toBe(true);
      expect((await admin.post('/record-types/vehicles/fields', { key: 'colour', type: 'text', labels: { en: 'Colour', vi: 'Màu' } })).status).toBe(201);
      expect((await fresh(other.db)).get('vehicles')!.fields.some((f) => f.key === 'colour')).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('record search finds visible live records of every readable object, accents ignored', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const created = await admin.post('/objects/vehicles', { values: { name: 'Xe tải Đông Á' } });
    expect(created.status).toBe(201);
    const found = await admin.get('/record-search?q=dong%20a');
    expect(found.body.data).toEqual([{ object: 'vehicles', id: created.body.id, title: 'Xe tải Đông Á' }]);
    expect((await admin.get('/record-search?q=x')).body.error.fields[0].path).toBe('q');
    const stranger = client(env(), (await actor(env(), { permissions: grantObject('vehicles', 'own', ['read']) })).headers);
    expect((await stranger.get('/record-search?q=dong%20a')).body.data).toEqual([]);
    expect((await admin.del(`/objects/vehicles/${created.body.id}`)).status).toBe(204);
    expect((await admin.get('/record-search?q=dong%20a')).body.data).toEqual([]);
  });

  it('per-object grants: read-only role cannot write or export; manage lets a non-admin change fields', async () => {
    const reader = client(env(), (await actor(env(), { permissions: grantObject('vehicles', 'all', ['read']) })).headers);
    expect((await reader.get('/objects/vehicles')).status).toBe(200);
    expect((await reader.post('/objects/vehicles', { values: { name: 'x' } })).status).toBe(403);
    expect((await reader.get('/objects/vehicles/export')).status).toBe(403);
    expect((await reader.post('/record-types/vehicles/fields', { key: 'x', type: 'text', labels: { en: 'X', vi: 'X' } })).status).toBe(403);
    const types = (await reader.get('/record-types')).body.data;
    expect(types.map((t: { name: string; permissions: unknown }) => [t.name, t.permissions])).toEqual([
      ['vehicles', { read: true, create: false, update: false, delete: false, export: false, manage: false, scope: 'all' }],
    ]);
    const manager = client(env(), (await actor(env(), { permissions: grantObject('vehicles', 'all', ['read', 'manage']) })).headers);
    expect((await manager.post('/record-types/vehicles/fields', { key: 'note', type: 'long_text', labels: { en: 'Note', vi: 'Ghi chú' } })).status).toBe(201);
    expect((await manager.post('/record-types', { ...vehicleInput('trucks') })).status).toBe(403);
  });
});
