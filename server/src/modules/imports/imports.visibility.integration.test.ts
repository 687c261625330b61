/**
 * Issue 12, existence oracle: an import row matching a record the importer may not see goes on exactly as if there
 * were no match (a new record owned by the importer), so the outcome tells nothing about what exists outside their scope.
 */
import { beforeAll, expect, it } from 'vitest';
import { createRole, createUser, signIn } from '../../platform/testing/factories.js';
import { describeEachDialect, type TestEnv } from '../../platform/testing/harness.js';
import { importFile } from './imports.test-helpers.js';

type Run = Awaited<ReturnType<typeof importFile>>;
/** Everything the importer learns from a run: counts, the preview report, failures and warnings (no ids). */
async function seen(e: TestEnv, headers: Record<string, string>, run: Run) {
  const { created, updated, skipped, merged, failed, processed, warnings, status } = run.status;
  const failures = (await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/failures`, headers })).json().data;
  const warned = (await e.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/warnings`, headers })).json().data;
  return {
    counts: { created, updated, skipped, merged, failed, processed, warnings, status },
    report: run.report, failures, warnings: warned.map((w: { recordId: unknown }) => ({ ...w, recordId: typeof w.recordId })),
  };
}

describeEachDialect('imports: a match outside the importer\'s visibility is no match', (env) => {
  let admin: Record<string, string>;
  let rep: Record<string, string>;
  let repId: string;
  beforeAll(async () => {
    const db = env().database.db;
    admin = await signIn(db, await createUser(db, { admin: true, locale: 'en' }));
    const own = await createRole(db, {
      permissions: { contacts: { actions: ['read', 'create', 'update'], scope: 'own' }, companies: { actions: ['read', 'create', 'update'], scope: 'own' } },
    });
    const user = await createUser(db, { roleId: own.id, locale: 'vi' });
    repId = user.id;
    rep = await signIn(db, user);
  });

  it('contacts: a row matching an invisible contact by email, phone or external id has the outcome of a row matching nothing', async () => {
    const e = env();
    const hidden = await e.app.inject({
      method: 'POST', url: '/api/v1/contacts', headers: admin,
      payload: { givenName: 'Hạnh', familyName: 'Lê', emails: [{ address: 'hanh@example.vn' }], phones: [{ number: '+84912345678' }], externalId: 'crm-77' },
    });
    expect(hidden.statusCode).toBe(201);
    const before = hidden.json();
    const mapping = { Name: 'fullName', Email: 'email', Phone: 'phone', Id: 'externalId' };
    const file = (email: string, phone: string, id: string) => Buffer.from(`Name,Email,Phone,Id\nHạnh Lê,${email},${phone},${id}\n`);
    for (const onDuplicate of ['update', 'skip', 'create'] as const) {
      for (const [email, phone, id] of [['hanh@example.vn', '', ''], ['', '0912 345 678', ''], ['', '', 'crm-77']]) {
        const hit = await importFile(e, rep, 'hit.csv', file(email!, phone!, id!), { mapping, onDuplicate, validate: true });
        const miss = await importFile(e, rep, 'miss.csv', file(email ? 'nobody@example.vn' : '', phone ? '0987 654 321' : '', id ? 'crm-00' : ''), { mapping, onDuplicate, validate: true });
        expect(await seen(e, rep, hit)).toEqual(await seen(e, rep, miss));
        expect(hit.status).toMatchObject({ status: 'completed', created: 1, failed: 0 });
        // The row became the importer's own contact; then a clean slate, or the next round would match it.
        const mine = e.database.db.selectFrom('contacts').select(['id']).where('owner_id', '=', repId).where('deleted_at', 'is', null);
        expect(await mine.execute()).toHaveLength(2);
        await e.database.db.updateTable('contacts').set({ deleted_at: new Date().toISOString() }).where('owner_id', '=', repId).execute();
      }
    }
    // The hidden contact is untouched.
    const after = (await e.app.inject({ method: 'GET', url: `/api/v1/contacts/${before.id}`, headers: admin })).json();
    expect(after.version).toBe(before.version);
  });

  it('companies: a row matching an invisible company by name, domain or external id has the outcome of a row matching nothing', async () => {
    const e = env();
    const hidden = await e.app.inject({ method: 'POST', url: '/api/v1/companies', headers: admin, payload: { name: 'Công ty Ẩn Danh', domain: 'an-danh.vn' } });
    expect(hidden.statusCode, hidden.body).toBe(201);
    const before = hidden.json();
    // The API has no external id for companies; an earlier import (by an administrator) would have set it.
    await e.database.db.updateTable('companies').set({ external_id: 'acc-9' }).where('id', '=', before.id).execute();
    const mapping = { Name: 'name', Website: 'domain', Id: 'externalId' };
    const file = (name: string, domain: string, id: string) => Buffer.from(`Name,Website,Id\n${name},${domain},${id}\n`);
    const cases = [['Công ty Ẩn Danh', '', ''], ['Khác Một', 'https://an-danh.vn/', ''], ['Khác Hai', '', 'acc-9']];
    for (const onDuplicate of ['update', 'skip', 'create'] as const) {
      for (const [i, [name, domain, id]] of cases.entries()) {
        const hit = await importFile(e, rep, 'hit.csv', file(`${name!}`, domain!, id!), { entity: 'company', mapping, onDuplicate, validate: true });
        const miss = await importFile(e, rep, 'miss.csv', file(`Chưa Có ${onDuplicate} ${i}`, domain ? `chua-co-${onDuplicate}.vn` : '', id ? `acc-${onDuplicate}` : ''), {
          entity: 'company', mapping, onDuplicate, validate: true,
        });
        expect(await seen(e, rep, hit)).toEqual(await seen(e, rep, miss));
        expect(hit.status).toMatchObject({ status: 'completed', created: 1, failed: 0 });
        // Clean slate: the next round's rows would otherwise match the importer's own company.
        await e.database.db.updateTable('companies').set({ deleted_at: new Date().toISOString() }).where('owner_id', '=', repId).execute();
      }
    }
    const after = (await e.app.inject({ method: 'GET', url: `/api/v1/companies/${before.id}`, headers: admin })).json();
    expect(after.version).toBe(before.version);
  });
});
