import { parse } from 'csv-parse/sync';
import { beforeAll, expect, it } from 'vitest';
import { createRole, createUser, signIn } from '../../platform/testing/factories.js';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { importFile, liveContacts, outcomeOf, read, upload } from './imports.test-helpers.js';

describeEachDialect('imports', (env) => {
  let admin: Record<string, string>;
  beforeAll(async () => {
    admin = await signIn(env().database.db, await createUser(env().database.db, { admin: true }));
  });

  it('upload detects encoding, delimiter, preset and suggests a mapping with a preview', async () => {
    const res = await upload(env(), admin, 'google.csv', read('google-current.csv'));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ status: 'mapping', format: 'csv', encoding: 'utf8', delimiter: ',', preset: 'google', total: null });
    expect(body.suggestedMapping).toMatchObject({ 'First Name': 'givenName', 'E-mail 1 - Value': 'email', 'Phone 1 - Value': 'phone', 'Organization Name': 'company' });
    expect(body.sample[0]['First Name']).toBe('An');
    const bad = await env().app.inject({ method: 'PUT', url: `/api/v1/imports/${body.id}/mapping`, headers: admin, payload: { mapping: { Nope: 'email' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('mapping.Nope');
    const badTarget = await env().app.inject({ method: 'PUT', url: `/api/v1/imports/${body.id}/mapping`, headers: admin, payload: { mapping: { 'First Name': 'password' } } });
    expect(badTarget.statusCode).toBe(400);
  });

  it('validates before writing, then imports the messy Vietnamese file (Windows-1258) with merges; bad cells are warnings', async () => {
    const res = await upload(env(), admin, 'khach-hang.csv', read('vietnamese-messy-1258.csv'));
    const id = res.json().id;
    expect(res.json()).toMatchObject({ encoding: 'windows1258', delimiter: ';', preset: null });
    const report = await env().app.inject({ method: 'POST', url: `/api/v1/imports/${id}/validate`, headers: admin });
    expect(report.json()).toEqual({
      total: 7, valid: 7, invalid: 0, empty: 0, errors: [], warningCount: 2,
      // Cường's email and Đức's phone cannot be used: left out, and the contacts imported all the same.
      warnings: [
        { row: 5, column: 'Email', value: 'cuong.le@example', code: 'invalid_email', params: { column: 'Email', value: 'cuong.le@example' }, reason: 'Email: "cuong.le@example" is not a valid email', recordId: null },
        {
          row: 7, column: 'Số điện thoại', value: '12345', code: 'invalid_phone', params: { column: 'Số điện thoại', value: '12345' },
          reason: 'Số điện thoại: "12345" is not a valid phone number', recordId: null,
        },
      ],
      // What the run below does: rows 3 and 6 repeat earlier rows' email or phone and are merged into them.
      outcome: { rows: 7, complete: true, created: 5, updated: 0, skipped: 0, merged: 2, failed: 0 },
    });
    expect(await env().database.db.selectFrom('contacts').select('id').execute()).toHaveLength(0);
    await env().app.inject({ method: 'PUT', url: `/api/v1/imports/${id}/mapping`, headers: admin, payload: { mapping: res.json().suggestedMapping } });
    expect((await env().app.inject({ method: 'POST', url: `/api/v1/imports/${id}/start`, headers: admin })).statusCode).toBe(202);
    await env().ctx.services.jobs.runOnce();
    const status = (await env().app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: admin })).json();
    expect(status).toMatchObject({ status: 'completed', total: 7, processed: 7, created: 5, updated: 0, skipped: 0, failed: 0, merged: 2, warnings: 2, checkpointRow: 8, etaSeconds: 0 });
    expect(status.rowsPerSecond).toBeGreaterThan(0);
    const contacts = await liveContacts(env());
    expect(contacts.map((c) => `${c.familyName} ${c.givenName}`).sort()).toEqual(['Hoàng Yến', 'Lê Hoàng Cường', 'Nguyễn Văn An', 'Trần Thị Bình', 'Đỗ Minh Đức']);
    expect(contacts.find((c) => c.familyName === 'Lê')).toMatchObject({ emails: [], primaryPhone: '+842838221234', company: 'Cường Thịnh' });
    expect(contacts.find((c) => c.familyName === 'Đỗ')).toMatchObject({ phones: [], primaryEmail: 'duc.do@example.vn' });
    const an = contacts.find((c) => c.familyName === 'Nguyễn')!;
    expect(an).toMatchObject({ givenName: 'Văn An', company: 'Công ty Đại Phát', jobTitle: 'Giám đốc', birthday: '1990-03-15', primaryPhone: '+84912345678', primaryEmail: 'an.nguyen@example.vn' });
    expect(an.searchText).toContain('nguyen van an');
    const binh = contacts.find((c) => c.familyName === 'Trần')!;
    // Row 6 (same email, other case) was merged into Bình: its phone and title were added, nothing lost.
    expect(binh.phones.map((p: { number: string }) => p.number)).toEqual(['+84987654321']);
    expect(binh.jobTitle).toBe('Kế toán');
    expect((await env().database.db.selectFrom('companies').select('name').where('deleted_at', 'is', null).orderBy('name').execute()).map((c) => c.name))
      .toEqual(['Công ty Đại Phát', 'Cường Thịnh']);
    const csv = await env().app.inject({ method: 'GET', url: `/api/v1/imports/${id}/warnings.csv`, headers: admin });
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = parse(csv.body, { bom: true, strict: true } as never) as string[][];
    expect(rows.map((r) => r.slice(0, 5))).toEqual([
      ['Row', 'Column', 'Value', 'Code', 'Reason'],
      ['5', 'Email', 'cuong.le@example', 'invalid_email', 'Email: "cuong.le@example" is not a valid email'],
      ['7', 'Số điện thoại', '12345', 'invalid_phone', 'Số điện thoại: "12345" is not a valid phone number'],
    ]);
    const failedRows = parse((await env().app.inject({ method: 'GET', url: `/api/v1/imports/${id}/failed-rows.csv`, headers: admin })).body, { bom: true } as never) as string[][];
    expect(failedRows).toHaveLength(1); // the header only: no row failed
    const audit = await env().database.db.selectFrom('audit_log').select(['action', 'after']).where('entity_id', '=', id).execute();
    expect(audit.filter((a) => a.action === 'import')).toHaveLength(1);

    // The same file again with "update": nothing new, nothing changed.
    const again = await importFile(env(), admin, 'khach-hang.csv', read('vietnamese-messy-utf16le.csv'), { onDuplicate: 'update', validate: true });
    expect(again.status).toMatchObject({ status: 'completed', created: 0, updated: 0, failed: 0, warnings: 2 });
    expect(again.report.outcome).toEqual(outcomeOf(again.status)); // the preview matched the existing contacts as the run did
    expect(await liveContacts(env())).toEqual(contacts);
  });

  it('imports every preset fixture, re-import with update creates nothing, revert restores exactly', async () => {
    const before = await liveContacts(env());
    const files = ['google-current.csv', 'google-legacy.csv', 'outlook.csv', 'hubspot.csv', 'salesforce-api.csv', 'salesforce-labels.csv', 'android-2.1.vcf', 'contacts-3.0.vcf', 'contacts-4.0.vcf', 'contacts.xlsx'];
    const runs: Record<string, { id: string; status: Record<string, unknown> }> = {};
    for (const f of files) {
      runs[f] = await importFile(env(), admin, f, read(f), { onDuplicate: 'update' });
      const snapshot = await liveContacts(env());
      // The same file again with "update": nothing created, nothing changed.
      const again = await importFile(env(), admin, f, read(f), { onDuplicate: 'update' });
      expect([again.status.created, again.status.updated], f).toEqual([0, 0]);
      expect(await liveContacts(env())).toEqual(snapshot);
    }
    expect(runs['hubspot.csv']!.status).toMatchObject({ status: 'completed', created: 2, failed: 0 });
    // Outlook's Lê Hoa carries Bình's mobile number (imported above): matched and updated, not doubled.
    expect(runs['outlook.csv']!.status).toMatchObject({ created: 1, updated: 1, failed: 0 });
    expect(runs['salesforce-api.csv']!.status).toMatchObject({ created: 2, failed: 0 });
    // Google's An has the Vietnamese file's An's mobile: updated. Jane's year-less birthday '--03-20' is kept as a month and day.
    expect(runs['google-current.csv']!.status).toMatchObject({ created: 1, updated: 1, failed: 0, warnings: 0 });
    // A US number written without +1 is not valid in the VN default region: left out as a warning, not guessed.
    expect(runs['google-legacy.csv']!.status).toMatchObject({ updated: 1, created: 1, failed: 0, warnings: 1 });
    // The workbook's John Smith is the legacy file's (imported there despite his phone): matched, not created again.
    expect(runs['contacts.xlsx']!.status).toMatchObject({ created: 0, updated: 1, skipped: 1, failed: 0 });
    // Android's 2.1 card for An matches the Vietnamese import's An by phone: updated, not doubled.
    expect(runs['android-2.1.vcf']!.status).toMatchObject({ updated: 1 });
    const db = env().database.db;
    const dharmesh = await db.selectFrom('contacts').selectAll().where('external_id', '=', '52').executeTakeFirstOrThrow();
    expect(dharmesh).toMatchObject({ given_name: 'Dharmesh', lifecycle_stage: 'marketing_qualified', primary_email: 'dharmesh@hubspot.com' });
    const mary = await db.selectFrom('contacts').selectAll().where('primary_email', '=', 'mary.major@contoso.com').executeTakeFirstOrThrow();
    expect(JSON.parse(mary.phones)).toEqual([
      { number: '+14255550100', raw: '+1 (425) 555-0100', label: 'work', primary: true },
      { number: '+14255550199', raw: '+1 425 555 0199', label: 'mobile', primary: false },
    ]);
    expect(JSON.parse(mary.addresses)).toEqual([{ label: 'work', street: '1 Microsoft Way', city: 'Redmond', region: 'WA', postalCode: '98052', country: 'US' }]);
    expect(mary.birthday).toBe('1980-03-05');
    // Google's Jane (imported now that her year-less birthday is kept) is the vCard's Jane by phone: one contact.
    const jane = await db.selectFrom('contacts').selectAll().where('external_id', '=', '4fbe8971-0bc3-424c-9c26-36c3e1eff6b1').executeTakeFirstOrThrow();
    expect(JSON.parse(jane.emails).map((e: { address: string }) => e.address)).toEqual(['jane.doe@example.com', 'jane.doe@acme.example', 'jane@home.example']);
    expect(jane).toMatchObject({ given_name: 'Jane Q', family_name: 'Doe', job_title: 'Chief Scientist', birthday: '1988-11-02', external_id: '4fbe8971-0bc3-424c-9c26-36c3e1eff6b1' });
    // Revert newest first: every run's creations disappear and its updates are undone.
    for (const f of [...files].reverse()) {
      const res = await env().app.inject({ method: 'POST', url: `/api/v1/imports/${runs[f]!.id}/revert`, headers: admin });
      expect(res.statusCode).toBe(202);
      await env().ctx.services.jobs.runOnce();
      expect((await env().app.inject({ method: 'GET', url: `/api/v1/imports/${runs[f]!.id}`, headers: admin })).json().status).toBe('reverted');
    }
    expect(await liveContacts(env())).toEqual(before);
    const twice = await env().app.inject({ method: 'POST', url: `/api/v1/imports/${runs['hubspot.csv']!.id}/revert`, headers: admin });
    expect(twice.statusCode).toBe(409);
  });

  it('a user without the create permission cannot import; imports are private to their creator', async () => {
    const db = env().database.db;
    const readOnly = await signIn(db, await createUser(db, { roleId: (await createRole(db, { permissions: { contacts: { actions: ['read'], scope: 'all' } } })).id }));
    expect((await upload(env(), readOnly, 'x.csv', read('hubspot.csv'))).statusCode).toBe(403);
    const other = await signIn(db, await createUser(db, { roleId: (await createRole(db, { permissions: { contacts: { actions: ['read', 'create'], scope: 'all' } } })).id }));
    const mine = await upload(env(), admin, 'x.csv', read('hubspot.csv'));
    expect((await env().app.inject({ method: 'GET', url: `/api/v1/imports/${mine.json().id}`, headers: other })).statusCode).toBe(404);
    const noFile = await env().app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...admin, 'content-type': 'application/json' }, payload: {} });
    expect(noFile.statusCode).toBe(415);
  });
});
