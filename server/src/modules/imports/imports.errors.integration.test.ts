/**
 * Failed rows and warnings carry codes and params through the API (validation report, /failures, /warnings), and
 * the failed-rows and warnings CSVs speak the user's language (or `lang`).
 */
import { parse } from 'csv-parse/sync';
import { beforeAll, expect, it } from 'vitest';
import { createRole, createUser, signIn } from '../../platform/testing/factories.js';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { importFile } from './imports.test-helpers.js';

const csvRows = (body: string) => parse(body, { bom: true, strict: true } as never) as string[][];

describeEachDialect('imports: row error codes', (env) => {
  let vi: Record<string, string>;
  let en: Record<string, string>;
  beforeAll(async () => {
    const db = env().database.db;
    vi = await signIn(db, await createUser(db, { admin: true, locale: 'vi' }));
    en = await signIn(db, await createUser(db, { admin: true, locale: 'en' }));
    const field = await env().app.inject({
      method: 'POST', url: '/api/v1/custom-fields', headers: en, payload: { entity: 'contact', key: 'staff', type: 'number', label: { en: 'Staff', vi: 'Nhân viên' } },
    });
    expect(field.statusCode).toBe(201);
  });

  it('bad cells are warnings with codes and params (API, localised CSV); a row naming no one fails with its reasons', async () => {
    const e = env();
    const file = Buffer.from([
      'Họ và tên,Email,Giai đoạn,Nhân viên',
      'Nguyễn Văn An,an@example.vn,,5',
      'Trần Bình,binh@example,,',
      'Lê Cường,cuong@example.vn,Martian,',
      'Phạm Dung,dung@example.vn,,nhiều',
      ',khong-co-email,,',
    ].join('\n'));
    const mapping = { 'Họ và tên': 'fullName', Email: 'email', 'Giai đoạn': 'lifecycleStage', 'Nhân viên': 'custom.staff' };
    const run = await importFile(e, vi, 'loi.csv', file, { mapping, validate: true });
    // Every row that names someone is a contact; the cells it could not use are warnings.
    expect(run.status).toMatchObject({ status: 'completed', created: 4, failed: 1, warnings: 3 });
    const failed = {
      row: 6, error: 'Email: "khong-co-email" is not a valid email; a contact needs a name, an email, a phone or a company',
      issues: [
        { code: 'invalid_email', params: { column: 'Email', value: 'khong-co-email' }, message: 'Email: "khong-co-email" is not a valid email' },
        { code: 'contact_needs_identity', params: {}, message: 'a contact needs a name, an email, a phone or a company' },
      ],
    };
    expect(run.report.errors).toEqual([failed]);
    const ids = Object.fromEntries((await e.database.db.selectFrom('contacts').select(['id', 'given_name']).execute()).map((c) => [c.given_name, c.id]));
    const expected = [
      { row: 3, column: 'Email', value: 'binh@example', code: 'invalid_email', params: { column: 'Email', value: 'binh@example' }, reason: 'Email: "binh@example" is not a valid email', recordId: ids['Bình'] },
      {
        row: 4, column: 'lifecycleStage', value: 'martian', code: 'unknown_stage', params: { column: 'lifecycleStage', value: 'martian' },
        reason: 'lifecycleStage: "martian" is not a configured stage', recordId: ids['Cường'],
      },
      {
        row: 5, column: 'custom.staff', value: 'nhiều', code: 'invalid_custom_value', params: { column: 'custom.staff', value: 'nhiều', type: 'number' },
        reason: 'custom.staff: expected a number', recordId: ids['Dung'],
      },
    ];
    expect(run.report.warningCount).toBe(3);
    expect(run.report.warnings).toEqual(expected.map((w) => ({ ...w, recordId: null })));
    const warnings = await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/warnings?limit=2`, headers: vi });
    expect(warnings.statusCode).toBe(200);
    expect(warnings.json().data).toEqual(expected.slice(0, 2));
    const next = await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/warnings?limit=2&cursor=${warnings.json().nextCursor}`, headers: vi });
    expect(next.json()).toEqual({ data: expected.slice(2), nextCursor: null });
    expect((await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/failures`, headers: vi })).json()).toEqual({ data: [failed], nextCursor: null });

    // The warnings CSV in the user's language (vi), in English, and with `lang`.
    const viCsv = csvRows((await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/warnings.csv`, headers: vi })).body);
    expect(viCsv).toEqual([
      ['Dòng', 'Cột', 'Giá trị', 'Mã', 'Lý do', 'Bản ghi'],
      ['3', 'Email', 'binh@example', 'invalid_email', 'Email: “binh@example” không phải là email hợp lệ', ids['Bình']],
      ['4', 'lifecycleStage', 'martian', 'unknown_stage', 'lifecycleStage: “martian” không phải là giai đoạn đã cấu hình', ids['Cường']],
      ['5', 'custom.staff', 'nhiều', 'invalid_custom_value', 'custom.staff: “nhiều” không phải là giá trị hợp lệ cho trường tùy chỉnh này', ids['Dung']],
    ]);
    const enCsv = csvRows((await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/warnings.csv`, headers: en })).body);
    expect(enCsv.map((r) => r[4])).toEqual(['Reason', ...expected.map((w) => w.reason)]);
    expect(csvRows((await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/warnings.csv?lang=en`, headers: vi })).body)).toEqual(enCsv);

    // The failed-rows CSV: the row's cells and its reasons in Vietnamese.
    const csv = await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/failed-rows.csv`, headers: vi });
    expect(csvRows(csv.body)).toEqual([
      ['Dòng', 'Họ và tên', 'Email', 'Giai đoạn', 'Nhân viên', 'Lỗi'],
      ['6', '', 'khong-co-email', '', '', 'Email: “khong-co-email” không phải là email hợp lệ; liên hệ cần có tên, email, số điện thoại hoặc công ty'],
    ]);
    const english = csvRows((await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/failed-rows.csv`, headers: en })).body);
    expect(english.map((r) => r[r.length - 1])).toEqual(['Error', failed.error]);
    expect((await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/failed-rows.csv?lang=fr`, headers: vi })).statusCode).toBe(400);

    // A row failed before codes were stored keeps its English line, in every language.
    await e.database.db.updateTable('import_failures').set({ issues: null }).where('import_id', '=', run.id).where('row_number', '=', 6).execute();
    const legacy = csvRows((await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/failed-rows.csv`, headers: vi })).body);
    expect(legacy[1]![5]).toBe(failed.error);
    const legacyApi = await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/failures`, headers: vi });
    expect(legacyApi.json().data[0]).toEqual({ row: 6, error: failed.error, issues: [] });
  });

  it('decided by the run: a parent loop is a warning (a contact outside the importer\'s visibility is no failure: no match)', async () => {
    const e = env();
    const db = e.database.db;
    const other = await e.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: en, payload: { givenName: 'Hạnh', emails: [{ address: 'hanh@example.vn' }] } });
    expect(other.statusCode).toBe(201);
    const own = await createRole(db, { permissions: { contacts: { actions: ['read', 'create', 'update'], scope: 'own' } } });
    const rep = await signIn(db, await createUser(db, { roleId: own.id, locale: 'vi' }));
    const run = await importFile(e, rep, 'hanh.csv', Buffer.from('Name,Email\nHạnh Lê,hanh@example.vn\n'), { mapping: { Name: 'fullName', Email: 'email' }, onDuplicate: 'update' });
    // Issue 12: failing the row would tell the importer that the address exists; it becomes their own contact instead.
    expect(run.status).toMatchObject({ created: 1, updated: 0, failed: 0 });
    expect((await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/failures`, headers: rep })).json().data).toEqual([]);
    expect((await e.app.inject({ method: 'GET', url: `/api/v1/contacts/${other.json().id}`, headers: en })).json().version).toBe(other.json().version);

    const loop = await importFile(e, vi, 'vong.csv', Buffer.from('Tên công ty,Công ty mẹ\nVòng A,Vòng B\nVòng B,Vòng A\n'), {
      entity: 'company', mapping: { 'Tên công ty': 'name', 'Công ty mẹ': 'parent' },
    });
    // A loop costs the link, not the companies: both are made, row 2's parent is left out (a warning), B's parent is A.
    expect(loop.status).toMatchObject({ status: 'completed', created: 2, failed: 0, warnings: 1 });
    const loopWarnings = (await e.app.inject({ method: 'GET', url: `/api/v1/imports/${loop.id}/warnings`, headers: vi })).json();
    expect(loopWarnings.data.map((w: { row: number; code: string; params: object }) => [w.row, w.code, w.params])).toEqual([
      [2, 'parent_loop', { column: 'Công ty mẹ', value: 'Vòng B' }],
    ]);
    const made = new Map((await db.selectFrom('companies').select(['id', 'name', 'parent_id']).where('name', 'in', ['Vòng A', 'Vòng B']).execute()).map((r) => [r.name, r]));
    expect(made.get('Vòng A')!.parent_id).toBeNull();
    expect(made.get('Vòng B')!.parent_id).toBe(made.get('Vòng A')!.id);
    const loopCsv = csvRows((await e.app.inject({ method: 'GET', url: `/api/v1/imports/${loop.id}/warnings.csv`, headers: vi })).body);
    expect(loopCsv[1]).toContain('công ty mẹ: “Vòng B” đã nằm dưới công ty này');
  });

  it('the OpenAPI document describes the codes', async () => {
    const doc = (await env().app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const text = JSON.stringify(doc.paths['/api/v1/imports/{id}/failures']);
    expect(text).toContain('parent_loop');
    expect(text).toContain('invalid_email');
    expect(JSON.stringify(doc.paths['/api/v1/imports/{id}/validate'])).toContain('owner_not_found');
    expect(JSON.stringify(doc.paths['/api/v1/imports/{id}/failed-rows.csv'])).toContain('lang');
    expect(JSON.stringify(doc.paths['/api/v1/imports/{id}/warnings'])).toContain('invalid_date');
    expect(JSON.stringify(doc.paths['/api/v1/imports/{id}/warnings.csv'])).toContain('lang');
  });
});
