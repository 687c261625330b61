/**
 * Issue 12, finding 2: a relation to a record outside the writer's scope is refused exactly like one to a
 * missing record (same status, code, message, field) on create, update, merge, custom relation fields and
 * company parents (bulk actions and imports reach links only through these services and lookups); reading never shows the name of a company the reader cannot see.
 */
import { beforeAll, expect, it } from 'vitest';
import { createTeam } from '../../platform/testing/factories.js';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { actor, client, grant } from './contacts.test-helpers.js';

const MISSING = '01900000-0000-7000-8000-000000000000';

describeEachDialect('relations to records outside the writer\'s scope', (env) => {
  let admin: ReturnType<typeof client>;
  let me: ReturnType<typeof client>;
  let meId: string;
  let meHeaders: Record<string, string>;
  let hidden: string; // a company `me` cannot see (owned by someone in another team)
  let deleted: string;
  let mine: string; // a company `me` owns
  let contact: string;
  beforeAll(async () => {
    const teamA = await createTeam(env().database.db);
    const teamB = await createTeam(env().database.db);
    admin = client(env(), (await actor(env(), { admin: true })).headers);
    const meActor = await actor(env(), { permissions: { ...grant('own'), contacts: { actions: ['read', 'create', 'update', 'delete', 'export'], scope: 'own' } }, teamId: teamA.id });
    me = client(env(), meActor.headers);
    meId = meActor.id;
    meHeaders = meActor.headers;
    const other = await actor(env(), { permissions: grant('own'), teamId: teamB.id });
    hidden = (await client(env(), other.headers).post('/companies', { name: 'Hidden Holdings Zq' })).body.id;
    deleted = (await me.post('/companies', { name: 'Gone Co' })).body.id;
    expect((await me.del(`/companies/${deleted}`)).status).toBe(204);
    mine = (await me.post('/companies', { name: 'Mine Co' })).body.id;
    contact = (await me.post('/contacts', { givenName: 'Linh', companyId: mine })).body.id;
    expect(contact).toBeTypeOf('string');
    expect((await me.get(`/companies/${hidden}`)).status).toBe(404);
  });

  /** Status and body of a response (headers differ per request: rate-limit counters). */
  const answer = (r: { status: number; body: unknown }) => ({ status: r.status, body: r.body });
  /** The refusal for an invisible id equals the one for a missing id: status, code, message, fields. */
  async function sameAsMissing(send: (id: string) => Promise<{ status: number; body: unknown }>) {
    const missing = answer(await send(MISSING));
    const invisible = answer(await send(hidden));
    expect(missing.status).toBe(400);
    expect(invisible).toEqual(missing);
    return missing.body as { error: { code: string; fields: { path: string }[] } };
  }

  it('create and update refuse an invisible company like a missing one; the link is not made', async () => {
    const created = await sameAsMissing((id) => me.post('/contacts', { givenName: 'Probe', companyId: id }));
    expect(created.error).toMatchObject({ code: 'validation_failed', fields: [{ path: 'companyId' }] });
    expect(await sameAsMissing((id) => me.patch(`/contacts/${contact}`, { companyId: id }))).toEqual(created);
    expect((await me.patch(`/contacts/${contact}`, { companyId: deleted })).body).toEqual(created);
    expect((await admin.get(`/contacts/${contact}`)).body.companyId).toBe(mine);
    // A company's parent follows the same rule.
    const parent = await sameAsMissing((id) => me.patch(`/companies/${mine}`, { parentId: id }));
    expect(parent.error.fields[0]!.path).toBe('parentId');
    await sameAsMissing((id) => me.post('/companies', { name: 'Child', parentId: id }));
  });

  it('a merge that would give the survivor an invisible company is refused the same way, and changes nothing', async () => {
    const survivor = (await me.post('/contacts', { givenName: 'Merge', emails: [{ address: 'm@rel.test' }] })).body.id;
    // Linked by an administrator, owned by `me`: `me` sees the contact, not its company.
    const dup = (await admin.post('/contacts', { givenName: 'Merge', emails: [{ address: 'M@rel.test' }], companyId: hidden, ownerId: meId })).body.id;
    const preview = answer(await me.post('/contacts/merge/preview', { survivorId: survivor, mergedId: dup, choices: {} }));
    const merge = answer(await me.post('/contacts/merge', { survivorId: survivor, mergedId: dup, choices: {} }));
    const missing = answer(await me.patch(`/contacts/${survivor}`, { companyId: MISSING }));
    expect(preview).toEqual(missing);
    expect(merge).toEqual(missing);
    expect((await admin.get(`/contacts/${dup}`)).body.deletedAt).toBeNull();
    // Choosing the survivor's (empty) company merges fine.
    expect((await me.post('/contacts/merge', { survivorId: survivor, mergedId: dup, choices: { companyId: 'survivor' } })).status).toBe(200);
  });

  it('a relation custom field refuses an invisible company like a missing one', async () => {
    expect((await admin.post('/custom-fields', { entity: 'contact', key: 'partner', type: 'relation', relationEntity: 'company', label: { en: 'Partner', vi: 'Đối tác' } })).status).toBe(201);
    const body = await sameAsMissing((id) => me.patch(`/contacts/${contact}`, { custom: { partner: id } }));
    expect(body.error.fields[0]!.path).toBe('custom.partner');
    expect((await me.patch(`/contacts/${contact}`, { custom: { partner: mine } })).status).toBe(200);
  });

  it('reading a contact linked (by someone else) to an invisible company never shows its name', async () => {
    const linked = (await admin.post('/contacts', { givenName: 'Linked', familyName: 'Zq', companyId: hidden, ownerId: meId })).body.id;
    for (const url of [`/contacts/${linked}`, '/contacts?limit=200', '/contacts/kanban', '/search?q=linked', '/contacts/export?format=csv', '/contacts/export?format=csv&sort=companyName']) {
      const res = await env().app.inject({ method: 'GET', url: `/api/v1${url}`, headers: meHeaders });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('Linked');
      expect(res.body, url).not.toContain('Hidden Holdings');
    }
    // Nor can a filter on the company's name probe it: for this reader the contact has no company name.
    const probe = encodeURIComponent(JSON.stringify([{ field: 'companyName', op: 'contains', value: 'hidden holdings' }]));
    expect((await me.get(`/contacts?filter=${probe}`)).body.data).toEqual([]);
    expect((await me.get(`/contacts/count?filter=${probe}`)).body.total).toBe(0);
    expect((await admin.get(`/contacts?filter=${probe}`)).body.data.map((c: { id: string }) => c.id)).toContain(linked);
    const one = await me.get(`/contacts/${linked}`);
    expect(one.body).toMatchObject({ companyId: hidden, company: null });
    // The admin, who may see the company, still gets its name.
    expect((await admin.get(`/contacts/${linked}`)).body.company).toEqual({ id: hidden, name: 'Hidden Holdings Zq' });
    // A company's parent likewise.
    const child = (await admin.post('/companies', { name: 'Child Of Hidden', parentId: hidden, ownerId: meId })).body.id;
    const asMe = await me.get(`/companies/${child}`);
    expect(asMe.body).toMatchObject({ parentId: hidden, parent: null });
    expect(JSON.stringify((await me.get('/companies?limit=200')).body)).not.toContain('Hidden Holdings');
    expect((await admin.get(`/companies/${child}`)).body.parent).toEqual({ id: hidden, name: 'Hidden Holdings Zq' });
  });

  // Last: it gives `me` a company of that name.
  it('an import links a company name held only by an invisible company to a new company, never to it', async () => {
    const boundary = '----kithrelations';
    const csv = 'First Name,Last Name,Email,Company\nImported,Zq,imported.zq@rel.test,Hidden Holdings Zq\n';
    const payload = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="people.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`);
    const up = await env().app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...meHeaders, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(up.statusCode, up.body).toBe(201);
    const id = up.json().id as string;
    expect((await me.put(`/imports/${id}/mapping`, { mapping: up.json().suggestedMapping, onDuplicate: 'skip' })).status).toBe(200);
    expect((await me.post(`/imports/${id}/start`, {})).status).toBe(202);
    await env().ctx.services.jobs.runOnce();
    const found = (await me.get('/contacts?q=imported.zq@rel.test')).body.data as { companyId: string | null; company: { name: string } | null }[];
    expect(found).toHaveLength(1);
    expect(found[0]!.companyId).not.toBe(hidden);
    expect(found[0]!.company).toMatchObject({ name: 'Hidden Holdings Zq' }); // the importer's own new company
  });
});
