/**
 * Issue 11: importing a real address book never loses a person. Every row that names someone becomes a contact;
 * each cell that could not be used is a warning (report, API, CSV) and stays on the contact's timeline; birthdays
 * without a year are kept as --MM-DD and exported as vCard BDAY:--MMDD. Fixtures in CSV, XLSX, vCard 2.1/3.0/4.0.
 */
import { parse } from 'csv-parse/sync';
import { beforeAll, expect, it } from 'vitest';
import { createUser, signIn } from '../../platform/testing/factories.js';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { importFile, read } from './imports.test-helpers.js';

type Warning = { row: number; column: string; value: string; code: string; recordId: string | null };

describeEachDialect('imports: warnings keep every record', (env) => {
  let vi: Record<string, string>;
  beforeAll(async () => {
    vi = await signIn(env().database.db, await createUser(env().database.db, { admin: true, locale: 'vi' }));
  });

  const contactsOf = async (importId: string) => {
    const ids = (await env().database.db.selectFrom('import_changes').select('record_id').where('import_id', '=', importId).where('entity', '=', 'contact').execute()).map((r) => r.record_id);
    const rows = await env().database.db.selectFrom('contacts').select(['id', 'given_name', 'birthday', 'primary_email', 'primary_phone', 'addresses']).where('id', 'in', ids).execute();
    // Keyed by given name (or email): display names follow the contacts module's name-order rules.
    return new Map(rows.map((r) => [r.given_name ?? r.primary_email!, r]));
  };
  const warningsOf = async (importId: string): Promise<Warning[]> =>
    (await env().app.inject({ method: 'GET', url: `/api/v1/imports/${importId}/warnings?limit=100`, headers: vi })).json().data;
  const brief = (ws: Warning[]) => ws.map((w) => [w.row, w.column, w.value, w.code]);

  it('Google CSV: every row naming someone is a contact; bad cells are warnings; year-less birthdays kept; placeholders empty', async () => {
    const run = await importFile(env(), vi, 'google.csv', read('warnings-google.csv'), { validate: true });
    expect(run.status).toMatchObject({ status: 'completed', total: 7, created: 6, failed: 1, warnings: 4 });
    expect(run.report).toMatchObject({ valid: 6, invalid: 1, warningCount: 4, outcome: { created: 6, failed: 1 } });
    const warnings = await warningsOf(run.id);
    expect(brief(warnings)).toEqual([
      [3, 'Birthday', '31/02/1990', 'invalid_date'],
      [4, 'E-mail 1 - Value', 'cuong.le@example', 'invalid_email'],
      [4, 'Phone 1 - Value', '555-0199', 'invalid_phone'],
      [5, 'Address 1 - Country', 'Atlantis', 'unknown_country'],
    ]);
    expect(brief(run.report.warnings)).toEqual(brief(warnings));
    const contacts = await contactsOf(run.id);
    expect([...contacts.keys()].sort()).toEqual(['An', 'Bình', 'Cường', 'Dung', 'Giang', 'only.email@example.vn']);
    expect(contacts.get('An')).toMatchObject({ birthday: '--07-21', primary_phone: '+84912345678' });
    expect(contacts.get('Bình')).toMatchObject({ birthday: null, primary_email: 'binh.tran@example.vn' });
    expect(contacts.get('Cường')).toMatchObject({ birthday: null, primary_email: null, primary_phone: null }); // 0/0/00 = no birthday
    expect(JSON.parse(contacts.get('Dung')!.addresses)).toEqual([{ label: 'home', street: null, city: 'Huế', region: null, postalCode: null, country: null }]);
    expect(contacts.get('Giang')!.birthday).toBe('1990-03-15'); // an Excel serial
    expect(warnings.find((w) => w.row === 4)!.recordId).toBe(contacts.get('Cường')!.id);
    // The row naming no one fails, with every reason.
    const failures = (await env().app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/failures`, headers: vi })).json().data;
    expect(failures.map((f: { row: number; issues: { code: string }[] }) => [f.row, f.issues.map((i) => i.code)])).toEqual([
      [7, ['invalid_date', 'invalid_email', 'contact_needs_identity']],
    ]);
  });

  it('the unused values stay on the record page (timeline, in the reader\'s language) whatever later updates do', async () => {
    const run = await importFile(env(), vi, 'google.csv', read('warnings-google.csv'), { onDuplicate: 'create' });
    const cuong = (await contactsOf(run.id)).get('Cường')!;
    const patch = await env().app.inject({ method: 'PATCH', url: `/api/v1/contacts/${cuong.id}`, headers: vi, payload: { jobTitle: 'Kỹ sư', birthday: '--02-29' } });
    expect(patch.statusCode).toBe(200);
    expect(patch.json()).toMatchObject({ jobTitle: 'Kỹ sư', birthday: '--02-29' });
    const bad = await env().app.inject({ method: 'PATCH', url: `/api/v1/contacts/${cuong.id}`, headers: vi, payload: { birthday: '--02-30' } });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('birthday');
    const timeline = (await env().app.inject({ method: 'GET', url: `/api/v1/contacts/${cuong.id}/timeline?types=import_warning`, headers: vi })).json();
    expect(timeline.data.map((i: { type: string; title: string; data: Record<string, unknown>; link: string }) => [i.type, i.title, i.data.value, i.link])).toEqual([
      ['import_warning', 'Không nhập được — Phone 1 - Value: “555-0199” không phải là số điện thoại hợp lệ', '555-0199', `/imports/${run.id}`],
      ['import_warning', 'Không nhập được — E-mail 1 - Value: “cuong.le@example” không phải là email hợp lệ', 'cuong.le@example', `/imports/${run.id}`],
    ]);
    const all = (await env().app.inject({ method: 'GET', url: `/api/v1/contacts/${cuong.id}/timeline`, headers: vi })).json();
    expect(all.data.filter((i: { type: string }) => i.type === 'import_warning')).toHaveLength(2);
  });

  it('XLSX: dates as cells and as text, serials, month-day birthdays and placeholders; bad cells are warnings', async () => {
    const run = await importFile(env(), vi, 'khach-hang.xlsx', read('warnings.xlsx'), { onDuplicate: 'create' });
    expect(run.status).toMatchObject({ status: 'completed', total: 5, created: 5, failed: 0, warnings: 4 });
    expect(brief(await warningsOf(run.id))).toEqual([
      [3, 'Email', 'binh.tran@example', 'invalid_email'],
      [3, 'Điện thoại', '555-0123', 'invalid_phone'],
      [3, 'Quốc gia', 'Narnia', 'unknown_country'],
      [4, 'Ngày sinh', '31/02/1990', 'invalid_date'],
    ]);
    const contacts = await contactsOf(run.id);
    expect(Object.fromEntries([...contacts].map(([name, c]) => [name, c.birthday]))).toEqual({
      'Văn An': '1990-03-15', 'Thị Bình': '1990-03-15', 'Văn Cường': null, 'Thu Dung': '--12-24', 'chi.email@example.vn': null,
    });
  });

  it('vCard 2.1, 3.0 and 4.0: --MMDD, --MM-DD and Apple\'s omitted year are month-day birthdays; bad values are warnings', async () => {
    const runs = [];
    for (const f of ['bdays-2.1.vcf', 'bdays-3.0.vcf', 'bdays-4.0.vcf']) runs.push(await importFile(env(), vi, f, read(f), { onDuplicate: 'create' }));
    expect(runs.map((r) => [r.status.created, r.status.failed, r.status.warnings])).toEqual([[2, 0, 2], [2, 0, 1], [2, 0, 2]]);
    // A vCard's "row" is the card's number in the file.
    expect(brief(await warningsOf(runs[0]!.id))).toEqual([[1, 'Phone 1 - Value', '555-0142', 'invalid_phone'], [2, 'Birthday', '1991-02-31', 'invalid_date']]);
    expect(brief(await warningsOf(runs[1]!.id))).toEqual([[2, 'E-mail 1 - Value', 'johnny@example', 'invalid_email']]);
    expect(brief(await warningsOf(runs[2]!.id))).toEqual([[2, 'Birthday', '20000230', 'invalid_date'], [2, 'Phone 1 - Value', '+84-555-0100', 'invalid_phone']]);
    const birthdays = Object.fromEntries((await Promise.all(runs.map((r) => contactsOf(r.id)))).flatMap((m) => [...m].map(([name, c]) => [name, c.birthday])));
    expect(birthdays).toEqual({
      Alice: '1985-11-02', Thảo: null, Lan: '--04-15', Johnny: '--09-26', Phương: '--04-15', Tuấn: null,
    });
  });

  it('exports carry month-day birthdays (vCard BDAY:--MMDD, CSV --MM-DD) and E.164 phones as is; the CSV imports back the same', async () => {
    const ids = (await env().database.db.selectFrom('contacts').select('id').where('birthday', 'in', ['--07-21', '--09-26']).where('deleted_at', 'is', null).execute()).map((r) => r.id);
    const vcf = await env().app.inject({ method: 'GET', url: `/api/v1/contacts/export?format=vcf&ids=${ids.join(',')}`, headers: vi });
    expect(vcf.statusCode).toBe(200);
    const bdays = vcf.body.split('\r\n').filter((l) => l.startsWith('BDAY'));
    expect(new Set(bdays)).toEqual(new Set(['BDAY:--0721', 'BDAY:--0926']));
    const csv = await env().app.inject({ method: 'GET', url: `/api/v1/contacts/export?format=csv&ids=${ids.join(',')}`, headers: vi });
    const rows = parse(csv.body, { bom: true, strict: true, columns: true } as never) as Record<string, string>[];
    const an = rows.find((r) => r['First Name'] === 'An')!;
    // '--07-21' keeps the formula guard (a spreadsheet would compute it as -14); Kith's importer strips it again.
    expect(an).toMatchObject({ Birthday: "'--07-21", 'Phone 1 - Value': '+84912345678' });
    const back = await importFile(env(), vi, 'export.csv', Buffer.from(csv.body), { onDuplicate: 'update' });
    expect(back.status).toMatchObject({ status: 'completed', created: 0, failed: 0, warnings: 0 });
  });

  it('list filters: a month-day is a value of its own; no date range contains a birthday without a year', async () => {
    const names = async (filter: unknown[]) => {
      const res = await env().app.inject({ method: 'GET', url: `/api/v1/contacts?limit=200&filter=${encodeURIComponent(JSON.stringify(filter))}`, headers: vi });
      expect(res.statusCode, res.body).toBe(200);
      return new Set((res.json().data as { displayName: string; birthday: string | null }[]).map((c) => c.birthday));
    };
    expect(await names([{ field: 'birthday', op: 'is', value: '--07-21' }])).toEqual(new Set(['--07-21']));
    expect(await names([{ field: 'birthday', op: 'in', value: ['--04-15', '--09-26'] }])).toEqual(new Set(['--04-15', '--09-26']));
    const before = await names([{ field: 'birthday', op: 'before', value: '2000-01-01' }]);
    expect([...before].some((b) => b?.startsWith('--'))).toBe(false);
    expect(before.has('1990-03-15')).toBe(true);
    expect([...await names([{ field: 'birthday', op: 'between', value: ['1800-01-01', '2100-01-01'] }])].some((b) => b?.startsWith('--'))).toBe(false);
    const bad = await env().app.inject({ method: 'GET', url: `/api/v1/contacts?filter=${encodeURIComponent(JSON.stringify([{ field: 'birthday', op: 'is', value: '21/07' }]))}`, headers: vi });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('filter.0.value');
  });
});
