/**
 * Failed rows carry codes and params through the API (validation report, /failures) and the failed-rows CSV
 * speaks the user's language (or `lang`).
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

  it('a failed row\'s code and params via the API, and a Vietnamese failed-rows CSV', async () => {
    const e = env();
    const file = Buffer.from([
      'Họ và tên,Email,Giai đoạn,Nhân viên',
      'Nguyễn Văn An,an@example.vn,,5',
      'Trần Bình,binh@example,,',
      'Lê Cường,cuong@example.vn,Martian,',
      'Phạm Dung,dung@example.vn,,nhiều',
    ].join('\n'));
    const mapping = { 'Họ và tên': 'fullName', Email: 'email', 'Giai đoạn': 'lifecycleStage', 'Nhân viên': 'custom.staff' };
    const run = await importFile(e, vi, 'loi.csv', file, { mapping, validate: true });
    expect(run.status).toMatchObject({ status: 'completed', created: 1, failed: 3 });
    const expected = [
      { row: 3, error: 'Email: "binh@example" is not a valid email', issues: [{ code: 'invalid_email', params: { column: 'Email', value: 'binh@example' }, message: 'Email: "binh@example" is not a valid email' }] },
      {
        row: 4, error: 'lifecycleStage: "martian" is not a configured stage',
        issues: [{ code: 'unknown_stage', params: { column: 'lifecycleStage', value: 'martian' }, message: 'lifecycleStage: "martian" is not a configured stage' }],
      },
      {
        row: 5, error: 'custom.staff: expected a number',
        issues: [{ code: 'invalid_custom_value', params: { column: 'custom.staff', value: 'nhiều', type: 'number' }, message: 'custom.staff: expected a number' }],
      },
    ];
    expect(run.report.errors).toEqual(expected);
    const failures = await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/failures?limit=2`, headers: vi });
    expect(failures.statusCode).toBe(200);
    expect(failures.json().data).toEqual(expected.slice(0, 2));
    const next = await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/failures?limit=2&cursor=${failures.json().nextCursor}`, headers: vi });
    expect(next.json()).toEqual({ data: expected.slice(2), nextCursor: null });

    // The user's language (vi): the Error column and its header in Vietnamese, the file's own cells untouched.
    const csv = await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/failed-rows.csv`, headers: vi });
    expect(csvRows(csv.body)).toEqual([
      ['Họ và tên', 'Email', 'Giai đoạn', 'Nhân viên', 'Lỗi'],
      ['Trần Bình', 'binh@example', '', '', 'Email: “binh@example” không phải là email hợp lệ'],
      ['Lê Cường', 'cuong@example.vn', 'Martian', '', 'lifecycleStage: “martian” không phải là giai đoạn đã cấu hình'],
      ['Phạm Dung', 'dung@example.vn', '', 'nhiều', 'custom.staff: “nhiều” không phải là giá trị hợp lệ cho trường tùy chỉnh này'],
    ]);
    // An English user (an admin sees every import) and `lang` override the default.
    const english = csvRows((await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/failed-rows.csv`, headers: en })).body);
    expect(english.map((r) => r[r.length - 1])).toEqual(['Error', ...expected.map((x) => x.error)]);
    const asked = csvRows((await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/failed-rows.csv?lang=en`, headers: vi })).body);
    expect(asked).toEqual(english);
    expect((await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/failed-rows.csv?lang=fr`, headers: vi })).statusCode).toBe(400);

    // A row failed before codes were stored keeps its English line, in every language.
    await e.database.db.updateTable('import_failures').set({ issues: null }).where('import_id', '=', run.id).where('row_number', '=', 3).execute();
    const legacy = csvRows((await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/failed-rows.csv`, headers: vi })).body);
    expect(legacy[1]![4]).toBe('Email: "binh@example" is not a valid email');
    const legacyApi = await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/failures`, headers: vi });
    expect(legacyApi.json().data[0]).toEqual({ row: 3, error: 'Email: "binh@example" is not a valid email', issues: [] });
  });

  it('failures decided by the run: a contact outside the importer\'s visibility, a parent loop', async () => {
    const e = env();
    const db = e.database.db;
    const other = await e.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: en, payload: { givenName: 'Hạnh', emails: [{ address: 'hanh@example.vn' }] } });
    expect(other.statusCode).toBe(201);
    const own = await createRole(db, { permissions: { contacts: { actions: ['read', 'create', 'update'], scope: 'own' } } });
    const rep = await signIn(db, await createUser(db, { roleId: own.id, locale: 'vi' }));
    const run = await importFile(e, rep, 'hanh.csv', Buffer.from('Name,Email\nHạnh Lê,hanh@example.vn\n'), { mapping: { Name: 'fullName', Email: 'email' }, onDuplicate: 'update' });
    expect(run.status).toMatchObject({ failed: 1 });
    const failures = (await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/failures`, headers: rep })).json();
    expect(failures.data[0].issues).toEqual([{ code: 'contact_outside_visibility', params: {}, message: 'matches an existing contact outside your visibility' }]);
    const csv = csvRows((await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/failed-rows.csv`, headers: rep })).body);
    expect(csv[1]).toEqual(['Hạnh Lê', 'hanh@example.vn', 'trùng với một liên hệ có sẵn nằm ngoài phạm vi bạn được xem']);

    const loop = await importFile(e, vi, 'vong.csv', Buffer.from('Tên công ty,Công ty mẹ\nVòng A,Vòng B\nVòng B,Vòng A\n'), {
      entity: 'company', mapping: { 'Tên công ty': 'name', 'Công ty mẹ': 'parent' },
    });
    expect(loop.status).toMatchObject({ status: 'completed', failed: 2 });
    const loopFailures = (await e.app.inject({ method: 'GET', url: `/api/v1/imports/${loop.id}/failures`, headers: vi })).json();
    expect(loopFailures.data.map((f: { row: number; issues: { code: string; params: object }[] }) => [f.row, f.issues.map((i) => [i.code, i.params])])).toEqual([
      [2, [['parent_loop', { value: 'Vòng B' }]]],
      [3, [['parent_failed', { value: 'Vòng A' }]]],
    ]);
    const loopCsv = csvRows((await e.app.inject({ method: 'GET', url: `/api/v1/imports/${loop.id}/failed-rows.csv`, headers: vi })).body);
    expect(loopCsv.map((r) => r[2])).toEqual(['Lỗi', 'công ty mẹ: “Vòng B” đã nằm dưới công ty này', 'công ty mẹ: không nhập được “Vòng A”']);
  });

  it('the OpenAPI document describes the codes', async () => {
    const doc = (await env().app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const text = JSON.stringify(doc.paths['/api/v1/imports/{id}/failures']);
    expect(text).toContain('parent_loop');
    expect(text).toContain('invalid_email');
    expect(JSON.stringify(doc.paths['/api/v1/imports/{id}/validate'])).toContain('owner_not_found');
    expect(JSON.stringify(doc.paths['/api/v1/imports/{id}/failed-rows.csv'])).toContain('lang');
  });
});
