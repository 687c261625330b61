import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import { beforeAll, expect, it } from 'vitest';
import type { Permissions } from '../../platform/auth/principal.js';
import { createRole, createUser, signIn } from '../../platform/testing/factories.js';
import { describeEachDialect, type TestEnv } from '../../platform/testing/harness.js';
import { loadPrincipal } from '../../platform/auth/authenticate.js';
import { companiesExport, listCustomFields } from '../contacts/index.js';
import { exportCommand } from './imports.commands.js';
import { importFile } from './imports.test-helpers.js';

/** A signed-in user whose role grants `permissions`. */
async function actor(env: TestEnv, permissions: Permissions | null, name = permissions ? 'Lan Own' : 'Admin') {
  const db = env.database.db;
  const role = await createRole(db, permissions ? { permissions } : { isAdmin: true });
  const user = await createUser(db, { roleId: role.id, name });
  return { id: user.id, headers: await signIn(db, user) };
}

const csvRows = (body: Buffer | string) => parse(body, { bom: true, strict: true, columns: true } as never) as Record<string, string>[];

function cardsOf(body: string) {
  const parsed = ICAL.parse(body) as unknown;
  const list = (Array.isArray((parsed as unknown[])[0]) ? parsed : [parsed]) as unknown[];
  return list.map((x) => new ICAL.Component(x as never));
}

describeEachDialect('company export', (env) => {
  let admin: { id: string; headers: Record<string, string> };
  let own: { id: string; headers: Record<string, string> };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const e = env();
    admin = await actor(e, null);
    own = await actor(e, { companies: { actions: ['read', 'create', 'export'], scope: 'own' } });
    const post = async (headers: Record<string, string>, payload: object) => {
      const res = await e.app.inject({ method: 'POST', url: '/api/v1/companies', headers, payload });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    ids.parent = await post(admin.headers, { name: 'Tập đoàn Mẹ', domain: 'me.vn', tags: ['group'] });
    ids.evil = await post(admin.headers, {
      name: '=HYPERLINK("http://evil","x")', domain: 'evil.example', industry: '+cmd', size: '11-50', parentId: ids.parent,
      phones: [{ number: '028 3823 4567', label: 'work' }, { number: '0909 999 999', label: 'mobile', primary: true }],
      addresses: [{ label: 'work', street: '1 Lê Lợi, P. Bến Nghé', city: 'Hồ Chí Minh', country: 'VN' }], tags: ['vip', 'hcm'],
    });
    await e.database.db.updateTable('companies').set({ external_id: 'acc-7' }).where('id', '=', ids.evil).execute();
    ids.mine = await post(own.headers, { name: 'Công ty của Lan', tags: ['vip'] });
    ids.gone = await post(admin.headers, { name: 'Đã xoá' });
    const del = await e.app.inject({ method: 'DELETE', url: `/api/v1/companies/${ids.gone}`, headers: admin.headers });
    expect(del.statusCode).toBe(204);
  });

  it('CSV: every live company in scope, neutralised, read back by csv-parse (strict); audited', async () => {
    const e = env();
    const res = await e.app.inject({ method: 'GET', url: '/api/v1/companies/export?format=csv&bom=true&sort=name', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="companies-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = csvRows(res.rawPayload);
    expect(rows.map((r) => r['Kith ID']).sort()).toEqual([ids.parent, ids.evil, ids.mine].sort());
    expect(rows.map((r) => r.Name)).toEqual([`'=HYPERLINK("http://evil","x")`, 'Công ty của Lan', 'Tập đoàn Mẹ']);
    const evil = rows.find((r) => r['Kith ID'] === ids.evil)!;
    expect(evil).toMatchObject({
      Domain: 'evil.example', Industry: "'+cmd", Size: '11-50', 'Phone 1 - Label': 'mobile', 'Phone 1 - Value': '+84909999999',
      'Phone 2 - Label': 'work', 'Phone 2 - Value': '+842838234567', 'Address 1 - Street': '1 Lê Lợi, P. Bến Nghé', 'Address 1 - City': 'Hồ Chí Minh',
      'Parent Company': 'Tập đoàn Mẹ', Labels: 'vip ::: hcm', 'External ID': 'acc-7', Owner: 'Admin',
    });
    const audit = await e.database.db.selectFrom('audit_log').select(['entity', 'after']).where('action', '=', 'export').execute();
    const entry = audit.map((a) => ({ entity: a.entity, after: JSON.parse(a.after!) })).find((a) => a.entity === 'company')!;
    expect(entry.after).toMatchObject({ format: 'csv', rows: 3, complete: true, filter: { sort: 'name', bom: 'true' } });
  });

  it('honours the list filters, search, tag and a selection of ids; a bad filter is a 400', async () => {
    const e = env();
    const get = (qs: string) => e.app.inject({ method: 'GET', url: `/api/v1/companies/export?format=csv&${qs}`, headers: admin.headers });
    const filter = encodeURIComponent(JSON.stringify([{ field: 'tags', op: 'contains', value: 'vip' }]));
    expect(csvRows((await get(`filter=${filter}&sort=-name`)).body).map((r) => r['Kith ID'])).toEqual([ids.mine, ids.evil]);
    expect(csvRows((await get('tag=group')).body).map((r) => r['Kith ID'])).toEqual([ids.parent]);
    expect(csvRows((await get(`q=${encodeURIComponent('tập đoàn')}`)).body).map((r) => r['Kith ID'])).toEqual([ids.parent]);
    expect(csvRows((await get(`ownerId=${own.id}`)).body).map((r) => r['Kith ID'])).toEqual([ids.mine]);
    expect(csvRows((await get(`ids=${ids.mine},${ids.gone},nope,${ids.parent}`)).body).map((r) => r['Kith ID'])).toEqual([ids.mine, ids.parent]);
    const bad = await get(`filter=${encodeURIComponent('[{"field":"lifecycleStage","op":"is","value":"lead"}]')}`);
    expect(bad.statusCode).toBe(400);
    expect((await get('sort=nope')).statusCode).toBe(400);
  });

  it('batches of any size give the same rows in the same order', async () => {
    const e = env();
    const p = (await loadPrincipal(e.database.db, admin.id, { kind: 'user' }))!;
    const defs = await listCustomFields(e.database.db, 'company');
    for (const sort of ['name', '-updatedAt', 'industry,-name']) {
      const read = async (batchSize: number) => {
        const out: string[] = [];
        for await (const batch of await companiesExport.forExport(e.database, p, { sort }, defs, { batchSize })) out.push(...batch.map((c) => c.id));
        return out;
      };
      const whole = await read(1000);
      expect(whole).toHaveLength(3);
      expect(await read(1)).toEqual(whole);
      expect(await read(2)).toEqual(whole);
    }
  });

  it('XLSX reads back with exceljs; vCard 4.0 (KIND:org) with ical.js', async () => {
    const e = env();
    const xlsx = await e.app.inject({ method: 'GET', url: '/api/v1/companies/export?format=xlsx&sort=name', headers: admin.headers });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Companies');
    expect(ws.rowCount).toBe(4);
    expect(ws.getRow(1).getCell(1).value).toBe('Name');
    expect(ws.getRow(2).getCell(1).value).toBe(`'=HYPERLINK("http://evil","x")`);

    const vcf = await e.app.inject({ method: 'GET', url: '/api/v1/companies/export?format=vcf', headers: admin.headers });
    expect(vcf.headers['content-type']).toContain('text/vcard');
    const cards = cardsOf(vcf.body);
    expect(cards).toHaveLength(3);
    const evil = cards.find((c) => c.getFirstPropertyValue('x-kith-id') === ids.evil)!;
    expect(evil.getFirstPropertyValue('version')).toBe('4.0');
    expect(evil.getFirstPropertyValue('kind')).toBe('org');
    expect(evil.getFirstPropertyValue('fn')).toBe('=HYPERLINK("http://evil","x")');
    expect(evil.getFirstPropertyValue('url')).toBe('https://evil.example');
    expect(evil.getFirstPropertyValue('uid')).toBe('acc-7');
    expect(evil.getAllProperties('tel').map((t) => String(t.getFirstValue()))).toEqual(['tel:+842838234567', 'tel:+84909999999']);
    expect(evil.getFirstProperty('adr')!.getFirstValue()).toEqual(['', '', '1 Lê Lợi, P. Bến Nghé', 'Hồ Chí Minh', '', '', 'VN']);
  });

  it('a user with scope own exports only their companies; export needs the companies export permission', async () => {
    const e = env();
    const mine = await e.app.inject({ method: 'GET', url: '/api/v1/companies/export?format=csv', headers: own.headers });
    expect(mine.statusCode).toBe(200);
    expect(csvRows(mine.body).map((r) => r['Kith ID'])).toEqual([ids.mine]);
    const picked = await e.app.inject({ method: 'GET', url: `/api/v1/companies/export?format=vcf&ids=${ids.evil},${ids.mine}`, headers: own.headers });
    expect(cardsOf(picked.body).map((c) => c.getFirstPropertyValue('x-kith-id'))).toEqual([ids.mine]);
    const reader = await actor(e, { companies: { actions: ['read'], scope: 'all' }, contacts: { actions: ['read', 'export'], scope: 'all' } }, 'Reader');
    const denied = await e.app.inject({ method: 'GET', url: '/api/v1/companies/export?format=csv', headers: reader.headers });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('forbidden');
  });

  it('CLI: kith export companies writes the file', async () => {
    const e = env();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-cli-'));
    const orig = console.log;
    console.log = () => undefined;
    try {
      const out = path.join(dir, 'companies.csv');
      expect(await exportCommand.run(e.ctx, ['companies'], { format: 'csv', out })).toBe(0);
      expect(csvRows(fs.readFileSync(out))).toHaveLength(3);
      expect(await exportCommand.run(e.ctx, ['companies'], { format: 'vcf', out: path.join(dir, 'c.vcf') })).toBe(0);
      expect(cardsOf(fs.readFileSync(path.join(dir, 'c.vcf'), 'utf8'))).toHaveLength(3);
      expect(await exportCommand.run(e.ctx, ['deals'], { out })).toBe(2);
    } finally {
      console.log = orig;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it('CSV export → import gives the same companies: phones with their labels, addresses, parent, tags', async () => {
    const e = env();
    const snapshot = async () => {
      const rows = await e.database.db.selectFrom('companies as c').leftJoin('companies as p', 'p.id', 'c.parent_id')
        .select(['c.name', 'c.domain', 'c.industry', 'c.size', 'c.phones', 'c.addresses', 'c.tags', 'c.external_id', 'p.name as parent'])
        .where('c.deleted_at', 'is', null).orderBy('c.name').execute();
      return rows.map((r) => ({
        ...r,
        phones: (JSON.parse(r.phones) as { number: string; label: string | null; primary: boolean }[])
          .map(({ number, label, primary }) => ({ number, label, primary })).sort((a, b) => a.number.localeCompare(b.number)),
        // Empty parts: the API leaves them out, the import stores null.
        addresses: (JSON.parse(r.addresses) as Record<string, unknown>[]).map((a) => Object.fromEntries(Object.entries(a).filter(([, v]) => v !== null))),
        tags: JSON.parse(r.tags) as string[],
      }));
    };
    const before = await snapshot();
    expect(before.find((c) => c.external_id === 'acc-7')!.phones).toHaveLength(2);
    const csv = await e.app.inject({ method: 'GET', url: '/api/v1/companies/export?format=csv&bom=true&sort=name', headers: admin.headers });
    expect(csv.statusCode).toBe(200);
    await e.database.db.updateTable('companies').set({ deleted_at: new Date().toISOString() }).where('deleted_at', 'is', null).execute();
    const back = await importFile(e, admin.headers, 'companies.csv', csv.rawPayload, { entity: 'company' });
    expect(back.created.suggestedMapping).toMatchObject({
      'Phone 1 - Value': 'phone', 'Phone 1 - Label': null, 'Address 1 - City': 'address.city', 'Address 2 - Street': 'address.street', 'Kith ID': null,
    });
    const failedRows = await e.app.inject({ method: 'GET', url: `/api/v1/imports/${back.id}/failed-rows.csv`, headers: admin.headers });
    expect(back.status, failedRows.body).toMatchObject({ status: 'completed', created: 3, failed: 0 });
    expect(await snapshot()).toEqual(before);
  });
});

