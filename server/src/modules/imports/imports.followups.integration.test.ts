/**
 * Issue 11 item 6: the wizard finishes the job. Failed rows and warnings are corrected (re-check writes nothing),
 * imported as a follow-up of the same batch (counts roll into the batch, revert undoes both), or the failed-rows CSV
 * is corrected and uploaded back.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { beforeAll, expect, it } from 'vitest';
import { createRole, createUser, signIn } from '../../platform/testing/factories.js';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { importFile, multipart, read, upload } from './imports.test-helpers.js';

type Warning = { row: number; column: string; value: string; code: string; recordId: string | null };

describeEachDialect('imports: follow-ups correct failed rows and warnings', (env) => {
  let admin: Record<string, string>;
  beforeAll(async () => {
    admin = await signIn(env().database.db, await createUser(env().database.db, { admin: true }));
  });
  const get = async (url: string) => (await env().app.inject({ method: 'GET', url: `/api/v1${url}`, headers: admin })).json();
  const post = (url: string, payload: unknown) => env().app.inject({ method: 'POST', url: `/api/v1${url}`, headers: admin, payload: payload as never });
  const contactByEmail = (email: string) =>
    env().database.db.selectFrom('contacts').selectAll().where('primary_email', '=', email).where('deleted_at', 'is', null).executeTakeFirst();
  const brief = (ws: Warning[]) => ws.map((w) => [w.row, w.column, w.code]);

  it('re-check writes nothing; corrected rows import as a follow-up whose counts roll into the batch; revert undoes both', async () => {
    const e = env();
    // Bình exists already: the import updates her (onDuplicate=update) with a birthday it cannot read.
    const binh = await post('/contacts', { givenName: 'Bình', familyName: 'Tran', emails: [{ address: 'binh.tran@example.vn' }] });
    expect(binh.statusCode).toBe(201);
    const run = await importFile(e, admin, 'google.csv', read('warnings-google.csv'), { onDuplicate: 'update' });
    expect(run.status).toMatchObject({ status: 'completed', created: 5, updated: 1, failed: 1, warnings: 4, parentId: null });

    const failures = await get(`/imports/${run.id}/failures?cells=true`);
    expect(failures.data[0]).toMatchObject({ row: 7, cells: { 'E-mail 1 - Value': 'not-an-email', Birthday: '--02-30', 'First Name': '' } });

    const fixes = [
      { row: 7, values: { 'First Name': 'Hà', 'E-mail 1 - Value': 'ha.vu@example.vn' } },
      { row: 3, values: { Birthday: '28/02/1990' } },
      { row: 4, values: { 'Phone 1 - Value': '0987 654 321' } },
    ];
    const before = await e.database.db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const check = await post(`/imports/${run.id}/recheck`, { rows: fixes });
    expect(check.statusCode).toBe(200);
    expect(check.json().rows.map((r: { row: number; status: string; warnings: Warning[] }) => [r.row, r.status, brief(r.warnings)])).toEqual([
      [3, 'ok', []], [4, 'ok', []], [7, 'ok', [[7, 'Birthday', 'invalid_date']]],
    ]);
    expect(check.json().outcome).toMatchObject({ created: 1, updated: 2, failed: 0 });
    const after = await e.database.db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect((await contactByEmail('binh.tran@example.vn'))!.birthday).toBeNull();

    // Still wrong: a bad value stays a warning; a row emptied of its name and email fails again.
    const bad = await post(`/imports/${run.id}/recheck`, { rows: [{ row: 3, values: { Birthday: '31/02/1990' } }, { row: 7, values: { 'E-mail 1 - Value': '' } }] });
    expect(bad.json().rows.map((r: { row: number; status: string; issues: { code: string }[]; warnings: Warning[] }) => [r.row, r.status, r.issues.map((i) => i.code), brief(r.warnings)])).toEqual([
      [3, 'ok', [], [[3, 'Birthday', 'invalid_date']]], [7, 'failed', ['invalid_date', 'contact_needs_identity'], []],
    ]);
    // Rows with nothing to correct and unknown columns are 400s naming the field.
    const none = await post(`/imports/${run.id}/recheck`, { rows: [{ row: 2, values: { Birthday: '01/01/1990' } }] });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields[0].path).toBe('rows.0.row');
    const nope = await post(`/imports/${run.id}/corrections`, { rows: [{ row: 7, values: { Nope: 'x' } }] });
    expect(nope.statusCode).toBe(400);
    expect(nope.json().error.fields[0].path).toBe('rows.0.values.Nope');

    const follow = await post(`/imports/${run.id}/corrections`, { rows: fixes });
    expect(follow.statusCode).toBe(202);
    expect(follow.json()).toMatchObject({ parentId: run.id, status: 'queued', total: 3 });
    await e.ctx.services.jobs.runOnce();
    const child = await get(`/imports/${follow.json().id}`);
    expect(child).toMatchObject({ status: 'completed', created: 1, updated: 2, failed: 0, warnings: 1 });
    expect(child.batch).toBeUndefined();

    const batch = await get(`/imports/${run.id}`);
    expect(batch).toMatchObject({ failed: 0, warnings: 2 });
    expect(batch.batch).toMatchObject({ created: 6, updated: 3, failed: 0, warnings: 3, followUps: 1, running: false });
    expect(brief((await get(`/imports/${run.id}/warnings`)).data)).toEqual([[4, 'E-mail 1 - Value', 'invalid_email'], [5, 'Address 1 - Country', 'unknown_country'], [7, 'Birthday', 'invalid_date']]);
    expect((await get(`/imports/${run.id}/failures`)).data).toEqual([]);
    expect((await contactByEmail('binh.tran@example.vn'))!.birthday).toBe('1990-02-28');
    const cuong = await e.database.db.selectFrom('contacts').selectAll().where('given_name', '=', 'Cường').where('deleted_at', 'is', null).executeTakeFirstOrThrow();
    expect(cuong.primary_phone).toBe('+84987654321');
    // On Cường's timeline the phone left out is resolved (gone); the email left out is still there to fix.
    const timeline = await get(`/contacts/${cuong.id}/timeline?types=import_warning`);
    expect(timeline.data.map((i: { data: { column: string } }) => i.data.column)).toEqual(['E-mail 1 - Value']);
    expect(await contactByEmail('ha.vu@example.vn')).toMatchObject({ given_name: 'Hà' });
    // The history lists the batch once; the corrected rows cannot be corrected twice.
    const history = (await get('/imports?limit=100')).data as { id: string; batch?: unknown }[];
    expect(history.map((i) => i.id)).not.toContain(follow.json().id);
    expect(history.find((i) => i.id === run.id)!.batch).toEqual(batch.batch);
    expect((await post(`/imports/${run.id}/corrections`, { rows: [fixes[1]] })).statusCode).toBe(400);

    // Revert: a follow-up alone is not reverted; the batch's revert undoes the follow-up, then the import.
    expect((await post(`/imports/${follow.json().id}/revert`, {})).statusCode).toBe(409);
    expect((await post(`/imports/${run.id}/revert`, {})).statusCode).toBe(202);
    await e.ctx.services.jobs.runOnce();
    expect(await get(`/imports/${run.id}`)).toMatchObject({ status: 'reverted' });
    expect(await get(`/imports/${follow.json().id}`)).toMatchObject({ status: 'reverted' });
    expect(await contactByEmail('ha.vu@example.vn')).toBeUndefined();
    expect(await contactByEmail('binh.tran@example.vn')).toMatchObject({ id: binh.json().id, family_name: 'Tran', birthday: null });
  });

  it('the failed-rows CSV carries the row numbers and, corrected, uploads back as a follow-up of the batch', async () => {
    const e = env();
    const run = await importFile(e, admin, 'google.csv', read('warnings-google.csv'), { onDuplicate: 'create' });
    const csv = parse((await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/failed-rows.csv?lang=en`, headers: admin })).body, { bom: true }) as string[][];
    const header = csv[0]!;
    expect([header[0], header[header.length - 1]]).toEqual(['Row', 'Error']);
    expect(csv.slice(1).map((r) => r[0])).toEqual(['7']);
    const fixed = csv.map((r, i) => (i === 0 ? r : r.map((v, k) => (header[k] === 'First Name' ? 'Hà' : header[k] === 'E-mail 1 - Value' ? 'ha.upload@example.vn' : header[k] === 'Birthday' ? '' : v))));
    const send = (rows: string[][]) => {
      const body = multipart('fixed.csv', Buffer.from(stringify(rows)));
      return e.app.inject({ method: 'POST', url: `/api/v1/imports/${run.id}/follow-up`, headers: { ...admin, ...body.headers }, payload: body.payload });
    };
    const res = await send(fixed);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ parentId: run.id, fileName: 'fixed.csv', total: 1 });
    await e.ctx.services.jobs.runOnce();
    expect((await get(`/imports/${run.id}`)).batch).toMatchObject({ created: 7, failed: 0, warnings: 4, followUps: 1 });
    expect(await contactByEmail('ha.upload@example.vn')).toMatchObject({ given_name: 'Hà', birthday: null });
    // The same file again: row 7 failed no more (nothing is imported twice); a file without its Row column is refused.
    const again = await send(fixed);
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields[0]).toMatchObject({ path: 'file' });
    const noRows = await send(fixed.map((r) => r.slice(1)));
    expect(noRows.statusCode).toBe(400);
    expect(noRows.json().error.message).toContain('Row');
  });

  it('company imports: a failed row corrected joins the batch; a corrected warning goes into the company its row made', async () => {
    const e = env();
    const run = await importFile(e, admin, 'cong-ty.csv', read('companies-vi.csv'), { entity: 'company' });
    expect(run.status).toMatchObject({ entity: 'company', failed: 1 });
    const failed = (await get(`/imports/${run.id}/failures?cells=true`)).data[0];
    expect(failed.cells).toMatchObject({ 'Tên công ty': '', Website: 'noname.vn' });
    const warnings = (await get(`/imports/${run.id}/warnings`)).data as Warning[];
    const phone = warnings.find((w) => w.value === '12345')!;
    const fix = { rows: [{ row: failed.row, values: { 'Tên công ty': 'Không Tên JSC' } }, { row: phone.row, values: { [phone.column]: '028 3822 9999' } }] };
    const check = (await post(`/imports/${run.id}/recheck`, fix)).json();
    expect(check.outcome).toMatchObject({ created: 1, updated: 1, failed: 0 });
    expect((await post(`/imports/${run.id}/corrections`, fix)).statusCode).toBe(202);
    await e.ctx.services.jobs.runOnce();
    expect((await get(`/imports/${run.id}`)).batch).toMatchObject({ created: run.status.created + 1, updated: 1, failed: 0, warnings: warnings.length - 1, followUps: 1 });
    const live = (name: string) => e.database.db.selectFrom('companies').selectAll().where('name', '=', name).where('deleted_at', 'is', null).executeTakeFirst();
    expect(await live('Không Tên JSC')).toMatchObject({ domain: 'noname.vn' });
    const badPhone = await live('Bad Phone Co');
    expect(badPhone!.id).toBe(phone.recordId);
    expect(JSON.parse(badPhone!.phones).map((p: { number: string }) => p.number)).toEqual(['+842838229999']);
    // Revert of the batch: the filled company gets its earlier row back, then the import's companies go.
    expect((await post(`/imports/${run.id}/revert`, {})).statusCode).toBe(202);
    await e.ctx.services.jobs.runOnce();
    expect(await live('Không Tên JSC')).toBeUndefined();
    expect(await live('Bad Phone Co')).toBeUndefined();
  });

  it('a new custom field from an unmapped column (text, number, select) is created and mapped; bad names are 4xx naming the field', async () => {
    const e = env();
    const file = 'Họ và tên,Email,Hạng thành viên,Điểm thưởng\nLan Nguyễn,lan.cf@example.vn,Vàng,12\nMai Trần,mai.cf@example.vn,Bạc,7\n';
    const created = await upload(e, admin, 'cf.csv', Buffer.from(file));
    const id = created.json().id as string;
    const tier = await post(`/imports/${id}/custom-fields`, { column: 'Hạng thành viên', type: 'select' });
    expect(tier.statusCode).toBe(201);
    expect(tier.json().field).toMatchObject({ entity: 'contact', key: 'hang_thanh_vien', type: 'select', label: { en: 'Hạng thành viên', vi: 'Hạng thành viên' } });
    expect(tier.json().field.options.map((o: { value: string }) => o.value)).toEqual(['vang', 'bac']);
    expect(tier.json().import.mapping['Hạng thành viên']).toBe('custom.hang_thanh_vien');
    const points = await post(`/imports/${id}/custom-fields`, { column: 'Điểm thưởng', name: 'Điểm', type: 'number' });
    expect(points.json().field).toMatchObject({ key: 'diem', type: 'number' });

    const same = await post(`/imports/${id}/custom-fields`, { column: 'Điểm thưởng', name: 'điểm' });
    expect([same.statusCode, same.json().error.fields[0].path]).toEqual([409, 'name']);
    const blank = await post(`/imports/${id}/custom-fields`, { column: 'Điểm thưởng', name: '!!!' });
    expect([blank.statusCode, blank.json().error.fields[0].path]).toEqual([400, 'name']);
    const column = await post(`/imports/${id}/custom-fields`, { column: 'Nope' });
    expect([column.statusCode, column.json().error.fields[0].path]).toEqual([400, 'column']);
    const role = await createRole(e.database.db, { permissions: { contacts: { actions: ['read', 'create'], scope: 'all' } } });
    const rep = await signIn(e.database.db, await createUser(e.database.db, { roleId: role.id }));
    const repImport = (await upload(e, rep, 'cf.csv', Buffer.from(file))).json().id as string;
    expect((await e.app.inject({ method: 'POST', url: `/api/v1/imports/${repImport}/custom-fields`, headers: rep, payload: { column: 'Điểm thưởng', name: 'Khác' } })).statusCode).toBe(403);

    const mapping = (await get(`/imports/${id}`)).mapping;
    expect(mapping).toMatchObject({ 'Hạng thành viên': 'custom.hang_thanh_vien', 'Điểm thưởng': 'custom.diem' });
    expect((await e.app.inject({ method: 'PUT', url: `/api/v1/imports/${id}/mapping`, headers: admin, payload: { mapping } })).statusCode).toBe(200);
    expect((await post(`/imports/${id}/start`, {})).statusCode).toBe(202);
    await e.ctx.services.jobs.runOnce();
    expect(JSON.parse((await contactByEmail('lan.cf@example.vn'))!.custom)).toEqual({ hang_thanh_vien: 'vang', diem: 12 });
    expect(JSON.parse((await contactByEmail('mai.cf@example.vn'))!.custom)).toEqual({ hang_thanh_vien: 'bac', diem: 7 });
  });
});
