import { parse } from 'csv-parse/sync';
import { beforeAll, expect, it } from 'vitest';
import { createRole, createTeam, createUser, signIn } from '../../platform/testing/factories.js';
import { describeEachDialect, type TestEnv } from '../../platform/testing/harness.js';
import { companySearchText, normaliseText } from '../contacts/index.js';
import { importFile as importAnyFile, outcomeOf, read, upload } from './imports.test-helpers.js';

/** Upload as a company import → suggested mapping → start → run the job → final status. */
const importFile = (...[env, headers, fileName, content, o = {}]: Parameters<typeof importAnyFile>) =>
  importAnyFile(env, headers, fileName, content, { ...o, entity: 'company' });

/** Live companies as comparable objects (no ids, times, versions), parents and owners by name. */
async function liveCompanies(env: TestEnv) {
  const rows = await env.database.db.selectFrom('companies').leftJoin('companies as parent', 'parent.id', 'companies.parent_id')
    .leftJoin('users', 'users.id', 'companies.owner_id')
    .selectAll('companies').select(['parent.name as parent_name', 'users.email as owner_email']).where('companies.deleted_at', 'is', null).execute();
  return rows.map((r) => ({
    name: r.name, nameKey: r.name_key, domain: r.domain, industry: r.industry, size: r.size, externalId: r.external_id ?? null,
    phones: (JSON.parse(r.phones) as { number: string; primary: boolean }[]).map(({ number, primary }) => ({ number, primary })),
    addresses: JSON.parse(r.addresses), tags: JSON.parse(r.tags), custom: JSON.parse(r.custom), parent: r.parent_name, owner: r.owner_email, searchText: r.search_text,
  })).sort((a, b) => a.name.localeCompare(b.name));
}

describeEachDialect('imports: companies', (env) => {
  let admin: Record<string, string>;
  let lanId: string;
  const company = { entity: 'company' };
  beforeAll(async () => {
    const db = env().database.db;
    admin = await signIn(db, await createUser(db, { admin: true }));
    const team = await createTeam(db, { name: 'Sales HCM' });
    lanId = (await createUser(db, { email: 'lan@kith.test', name: 'Lan Nguyễn', teamId: team.id })).id;
  });

  it('imports a Vietnamese company file: domains normalised, in-file duplicates merged, parents by name, per-row errors', async () => {
    const e = env();
    const res = await upload(e, admin, 'cong-ty.csv', read('companies-vi.csv'), company);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ entity: 'company', preset: null, matchKeys: ['domain', 'name', 'externalId'] });
    expect(res.json().suggestedMapping).toMatchObject({ 'Tên công ty': 'name', Website: 'domain', 'Công ty mẹ': 'parent', 'Người phụ trách': 'owner' });
    const id = res.json().id;
    const report = await e.app.inject({ method: 'POST', url: `/api/v1/imports/${id}/validate`, headers: admin });
    // Only the row without a name fails; a bad phone and an unknown owner are warnings on companies still made.
    expect(report.json()).toEqual({
      total: 10, valid: 9, invalid: 1, empty: 0,
      errors: [
        { row: 6, error: 'Tên công ty: a company needs a name', issues: [{ code: 'company_needs_name', params: { column: 'Tên công ty' }, message: 'Tên công ty: a company needs a name' }] },
      ],
      warningCount: 2,
      warnings: [
        { row: 7, column: 'Điện thoại', value: '12345', code: 'invalid_phone', params: { column: 'Điện thoại', value: '12345' }, reason: 'Điện thoại: "12345" is not a valid phone number', recordId: null },
        {
          row: 8, column: 'Người phụ trách', value: 'nobody@kith.test', code: 'owner_email_not_found',
          params: { column: 'Người phụ trách', value: 'nobody@kith.test' }, reason: 'Người phụ trách: no active user with the email "nobody@kith.test"', recordId: null,
        },
      ],
      outcome: { rows: 10, complete: true, created: 7, updated: 0, skipped: 0, merged: 2, failed: 1 },
    });
    expect(await e.database.db.selectFrom('companies').select('id').execute()).toHaveLength(0);
    const run = await importFile(e, admin, 'cong-ty.csv', read('companies-vi.csv'), {});
    expect(run.status).toMatchObject({ status: 'completed', entity: 'company', total: 10, processed: 10, created: 7, updated: 0, skipped: 0, failed: 1, merged: 2, warnings: 2 });
    const companies = await liveCompanies(e);
    expect(companies.map((c) => c.name)).toEqual(['Acme Corporation', 'Bad Phone Co', 'Công ty Đại Phát', 'Cường Thịnh', 'Đại Phát Miền Bắc', 'Tập đoàn Phát Đạt', 'Unknown Owner Ltd']);
    // The bad cells are left out: no phone; the importer owns the company whose owner is unknown.
    expect(companies.find((c) => c.name === 'Bad Phone Co')).toMatchObject({ domain: 'badphone.vn', phones: [] });
    expect(companies.find((c) => c.name === 'Unknown Owner Ltd')).toMatchObject({ domain: 'unknown-owner.vn', owner: expect.not.stringMatching(/nobody/) });
    const daiPhat = companies.find((c) => c.name === 'Công ty Đại Phát')!;
    expect(daiPhat).toMatchObject({
      domain: 'daiphat.vn', industry: 'Bán lẻ', size: '51-200', externalId: 'DP001', owner: 'lan@kith.test', nameKey: 'cong ty dai phat',
      phones: [{ number: '+842838221234', primary: true }, { number: '+84903123456', primary: false }, { number: '+84912345678', primary: false }],
      addresses: [{ label: null, street: '12 Lê Lợi', city: 'Hồ Chí Minh', region: null, postalCode: null, country: 'VN' }],
      tags: ['khách sỉ', 'vip', 'đối tác'],
    });
    // The same derived columns the companies service writes.
    expect(daiPhat.searchText).toBe(companySearchText({ name: 'Công ty Đại Phát', domain: 'daiphat.vn', phones: ['+842838221234', '+84903123456', '+84912345678'] }));
    expect(companies.find((c) => c.name === 'Cường Thịnh')).toMatchObject({ parent: 'Công ty Đại Phát', size: '11-50', domain: 'cuongthinh.com.vn' });
    expect(companies.find((c) => c.name === 'Đại Phát Miền Bắc')).toMatchObject({ parent: 'Tập đoàn Phát Đạt', owner: 'lan@kith.test' });
    expect(companies.find((c) => c.name === 'Acme Corporation')).toMatchObject({
      domain: 'acme.example.com', industry: 'Computer Software', size: '1000+', tags: ['enterprise'],
      phones: [{ number: '+14155550100', primary: true }, { number: '+14155550199', primary: false }],
    });
    const teams = await e.database.db.selectFrom('companies').innerJoin('users', 'users.id', 'companies.owner_id').select(['companies.team_id', 'users.team_id as user_team'])
      .where('companies.owner_id', '=', lanId).execute();
    expect(teams.every((t) => t.team_id === t.user_team)).toBe(true);
    // Visible through the companies API, parent included.
    const cuong = await e.database.db.selectFrom('companies').select('id').where('name', '=', 'Cường Thịnh').executeTakeFirstOrThrow();
    const api = await e.app.inject({ method: 'GET', url: `/api/v1/companies/${cuong.id}`, headers: admin });
    expect(api.json()).toMatchObject({ name: 'Cường Thịnh', parent: { name: 'Công ty Đại Phát' } });
    const search = await e.app.inject({ method: 'GET', url: '/api/v1/companies?q=dai%20phat', headers: admin });
    expect(search.json().data.map((c: { name: string }) => c.name).sort()).toEqual(['Công ty Đại Phát', 'Đại Phát Miền Bắc']);
    const csv = await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/failed-rows.csv`, headers: admin });
    const rows = parse(csv.body, { bom: true, strict: true } as never) as string[][];
    expect(rows.map((r) => [r[0], r[1], r[r.length - 1]])).toEqual([
      ['Row', 'Tên công ty', 'Error'], [rows[1]![0], '', 'Tên công ty: a company needs a name'],
    ]);
    const audit = await e.database.db.selectFrom('audit_log').select(['action', 'after']).where('entity_id', '=', run.id).where('action', '=', 'import').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ entity: 'company', created: 7, failed: 1, warnings: 2 });
    // The same file again with "update": nothing created, nothing changed.
    const before = await liveCompanies(e);
    const again = await importFile(e, admin, 'cong-ty.csv', read('companies-vi.csv'), { onDuplicate: 'update' });
    expect(again.status).toMatchObject({ created: 0, updated: 0, skipped: 7, failed: 1, merged: 2, warnings: 2 });
    expect(await liveCompanies(e)).toEqual(before);
  });

  it('skip, update and create against existing companies; revert restores exactly', async () => {
    const e = env();
    const db = e.database.db;
    const made = await e.app.inject({
      method: 'POST', url: '/api/v1/companies', headers: admin,
      payload: { name: 'HubSpot Inc', domain: 'https://www.HubSpot.com', phones: [{ number: '+1 617 555 0100' }], tags: ['partner'] },
    });
    expect(made.statusCode).toBe(201);
    const hubspotId = made.json().id as string;
    const original = await db.selectFrom('companies').selectAll().where('id', '=', hubspotId).executeTakeFirstOrThrow();
    const beforeAll = await liveCompanies(e);

    const skip = await importFile(e, admin, 'hs.csv', read('hubspot-companies.csv'), { onDuplicate: 'skip' });
    expect(skip.created.preset).toBe('hubspot');
    // HubSpot (by domain, however the form stored it) and Cường Thịnh (by domain) exist: skipped.
    expect(skip.status).toMatchObject({ status: 'completed', created: 1, updated: 0, skipped: 2, failed: 0 });
    expect(await db.selectFrom('companies').selectAll().where('id', '=', hubspotId).executeTakeFirstOrThrow()).toEqual(original);
    const sidekick = (await liveCompanies(e)).find((c) => c.name === 'Sidekick Labs')!;
    expect(sidekick).toMatchObject({ parent: 'HubSpot Inc', owner: 'lan@kith.test', externalId: '5003', size: '11-50', domain: 'sidekick.example.org' });

    const update = await importFile(e, admin, 'hs.csv', read('hubspot-companies.csv'), { onDuplicate: 'update' });
    // Sidekick Labs (created by the skip run) already holds the file's values: skipped.
    expect(update.status).toMatchObject({ created: 0, updated: 2, skipped: 1, failed: 0 });
    const updated = await db.selectFrom('companies').selectAll().where('id', '=', hubspotId).executeTakeFirstOrThrow();
    expect(updated).toMatchObject({
      // The stored spelling of the same domain is left as it was.
      name: 'HubSpot', name_key: 'hubspot', domain: 'https://www.hubspot.com', industry: 'Computer Software', size: '1000+', external_id: '5001', owner_id: lanId,
      version: original.version + 1,
    });
    expect(JSON.parse(updated.phones).map((p: { number: string }) => p.number)).toEqual(['+16175550100', '+18884827768']);
    expect(JSON.parse(updated.tags)).toEqual(['partner']);
    expect(updated.search_text).toBe(companySearchText({ name: 'HubSpot', domain: 'https://www.hubspot.com', phones: ['+16175550100', '+18884827768'] }));
    const change = await db.selectFrom('import_changes').selectAll().where('import_id', '=', update.id).where('record_id', '=', hubspotId).executeTakeFirstOrThrow();
    expect(change).toMatchObject({ entity: 'company', kind: 'updated', row_number: 2 });
    expect(JSON.parse(change.before!)).toEqual(original);

    const create = await importFile(e, admin, 'hs.csv', read('hubspot-companies.csv'), { onDuplicate: 'create' });
    expect(create.status).toMatchObject({ created: 3, updated: 0, skipped: 0 });
    expect((await liveCompanies(e)).filter((c) => c.name === 'HubSpot')).toHaveLength(2);

    // Revert newest first: creations disappear (recycle bin), updates are undone, row for row.
    for (const run of [create, update, skip]) {
      expect((await e.app.inject({ method: 'POST', url: `/api/v1/imports/${run.id}/revert`, headers: admin })).statusCode).toBe(202);
      await e.ctx.services.jobs.runOnce();
      expect((await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}`, headers: admin })).json().status).toBe('reverted');
    }
    const restored = await db.selectFrom('companies').selectAll().where('id', '=', hubspotId).executeTakeFirstOrThrow();
    const { version: _v1, ...a } = restored;
    const { version: _v2, ...b } = original;
    expect(a).toEqual(b);
    expect(await liveCompanies(e)).toEqual(beforeAll);
    const deleted = await db.selectFrom('companies').select('id').where('name', '=', 'Sidekick Labs').where('deleted_at', 'is not', null).execute();
    expect(deleted.length).toBeGreaterThanOrEqual(1);
  });

  it('Salesforce Account exports (API names and labels) import with billing addresses, parents and owners', async () => {
    const e = env();
    const api = await importFile(e, admin, 'accounts.csv', read('salesforce-accounts.csv'), { onDuplicate: 'update' });
    expect(api.created.preset).toBe('salesforce');
    expect(api.status).toMatchObject({ status: 'completed', created: 2, failed: 0 });
    const labels = await importFile(e, admin, 'accounts.csv', read('salesforce-accounts-labels.csv'), { onDuplicate: 'update' });
    expect(labels.created.preset).toBe('salesforce');
    expect(labels.status).toMatchObject({ status: 'completed', created: 2, failed: 0 });
    const companies = await liveCompanies(e);
    expect(companies.find((c) => c.name === 'Edge Communications Asia')).toMatchObject({
      parent: 'Edge Communications', domain: 'edgecomm.com.sg', size: '51-200', externalId: '0015g00000AbCdFAA1', owner: expect.stringContaining('@'),
      addresses: [{ label: 'billing', street: '1 Raffles Place', city: 'Singapore', region: null, postalCode: '048616', country: 'SG' }],
    });
    expect(companies.find((c) => c.name === 'Edge Communications')).toMatchObject({
      phones: [{ number: '+15127576000', primary: true }, { number: '+15127579000', primary: false }], domain: 'edgecomm.com', industry: 'Electronics', size: '201-1000',
    });
    expect(companies.find((c) => c.name === 'Burlington Textiles Corp of America')).toMatchObject({ owner: 'lan@kith.test', domain: 'burlington.com', size: '1000+' });
    const again = await importFile(e, admin, 'accounts.csv', read('salesforce-accounts.csv'), { onDuplicate: 'update', validate: true });
    expect(again.status).toMatchObject({ created: 0, updated: 0, skipped: 2 });
    expect(again.report.outcome).toEqual(outcomeOf(again.status));
  });

  it('bad requests are 400s; matches outside the importer\'s visibility are no matches; permissions per entity', async () => {
    const e = env();
    const db = e.database.db;
    const created = await upload(e, admin, 'c.csv', read('companies-vi.csv'), company);
    const id = created.json().id;
    const put = (payload: object) => e.app.inject({ method: 'PUT', url: `/api/v1/imports/${id}/mapping`, headers: admin, payload });
    expect((await put({ mapping: { Website: 'domain' } })).json().error.message).toContain('company name');
    expect((await put({ mapping: { 'Tên công ty': 'givenName' } })).statusCode).toBe(400);
    expect((await put({ mapping: { 'Tên công ty': 'name' }, matchKeys: ['email'] })).json().error.fields[0].path).toBe('matchKeys');
    const saved = await put({ mapping: created.json().suggestedMapping, saveMappingAs: 'Công ty (chuẩn)' });
    expect(saved.statusCode).toBe(200);
    const mappings = (await e.app.inject({ method: 'GET', url: '/api/v1/import-mappings', headers: admin })).json();
    expect(mappings.find((m: { name: string }) => m.name === 'Công ty (chuẩn)')).toMatchObject({ entity: 'company', mapping: { 'Tên công ty': 'name' } });
    expect((await upload(e, admin, 'x.vcf', read('contacts-3.0.vcf'), company)).statusCode).toBe(400);
    expect((await upload(e, admin, 'x.csv', read('hubspot-companies.csv'), { entity: 'company', preset: 'google' })).statusCode).toBe(400);

    // A user who sees only their own companies: a row matching someone else's company is created as theirs (as a
    // row matching nothing would be: no existence oracle, issue 12); new ones are created.
    const own = await createRole(db, { permissions: { contacts: { actions: ['read', 'create'], scope: 'own' }, companies: { actions: ['read', 'create', 'update'], scope: 'own' } } });
    const rep = await signIn(db, await createUser(db, { roleId: own.id }));
    const file = Buffer.from('Company Name,Website,Owner Email\nCông ty Đại Phát,daiphat.vn,\nMới Toanh,moitoanh.vn,\nGiao Cho Lan,giaocholan.vn,lan@kith.test\n');
    const run = await importFile(e, rep, 'mine.csv', file, { onDuplicate: 'update', validate: true });
    expect(run.status).toMatchObject({ status: 'completed', created: 2, failed: 1 });
    // Validation said so before anything was written.
    expect(run.report.outcome).toEqual(outcomeOf(run.status));
    expect(run.report.errors).toEqual([
      {
        row: 4, error: 'Owner Email: "lan@kith.test" lies outside your visibility scope',
        issues: [{ code: 'owner_outside_visibility', params: { column: 'Owner Email', value: 'lan@kith.test' }, message: 'Owner Email: "lan@kith.test" lies outside your visibility scope' }],
      },
    ]);
    const failures = await db.selectFrom('import_failures').select(['row_number', 'error']).where('import_id', '=', run.id).orderBy('row_number').execute();
    expect(failures).toEqual([
      { row_number: 4, error: 'Owner Email: "lan@kith.test" lies outside your visibility scope' },
    ]);
    // Company imports need the companies permissions.
    const contactsOnly = await signIn(db, await createUser(db, { roleId: (await createRole(db, { permissions: { contacts: { actions: ['read', 'create'], scope: 'all' } } })).id }));
    expect((await upload(e, contactsOnly, 'c.csv', read('companies-vi.csv'), company)).statusCode).toBe(403);
    // …and only those: a role that may create companies but not contacts imports companies, not contacts.
    const companiesOnly = await signIn(db, await createUser(db, { roleId: (await createRole(db, { permissions: { companies: { actions: ['read', 'create'], scope: 'all' } } })).id }));
    expect((await upload(e, companiesOnly, 'x.csv', read('google-current.csv'), { entity: 'contact', preset: 'auto' })).statusCode).toBe(403);
    const companyRun = await importFile(e, companiesOnly, 'solo.csv', Buffer.from('Company Name,Website\nChỉ Công Ty,chicongty.vn\n'), {});
    expect(companyRun.status).toMatchObject({ status: 'completed', created: 1 });
    expect((await e.app.inject({ method: 'GET', url: `/api/v1/imports/${companyRun.id}`, headers: companiesOnly })).statusCode).toBe(200);
    expect((await e.app.inject({ method: 'GET', url: '/api/v1/imports', headers: companiesOnly })).statusCode).toBe(200);
    expect((await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}`, headers: contactsOnly })).statusCode).toBe(404);
    const noDelete = await e.app.inject({ method: 'POST', url: `/api/v1/imports/${run.id}/revert`, headers: rep });
    expect(noDelete.statusCode).toBe(403);
    expect(normaliseText('Mới Toanh')).toBe('moi toanh');
  });
});
