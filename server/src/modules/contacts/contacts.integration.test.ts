import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { verifyAudit } from '../../platform/audit/audit.js';
import { createTeam } from '../../platform/testing/factories.js';
import { actor, client } from './contacts.test-helpers.js';

describeEachDialect('contacts CRUD', (env) => {
  let api: ReturnType<typeof client>;
  let adminId: string;
  let teamId: string;
  beforeAll(async () => {
    teamId = (await createTeam(env().database.db)).id;
    const a = await actor(env(), { admin: true, teamId });
    adminId = a.id;
    api = client(env(), a.headers);
  });

  it('creates, reads (ETag), updates (If-Match) and lists a contact; audit + outbox in the same transaction', async () => {
    const company = await api.post('/companies', { name: 'Công ty Đông Á', domain: 'DongA.vn', phones: [{ number: '028 3823 4567' }] });
    expect(company.status).toBe(201);
    expect(company.body.domain).toBe('donga.vn');
    expect(company.body.phones[0].number).toBe('+842838234567');
    const created = await api.post('/contacts', {
      givenName: 'Văn An', familyName: 'Nguyễn',
      emails: [{ address: 'An.Nguyen@Example.COM' }, { address: 'an@home.vn', primary: true }],
      phones: [{ number: '0903 123 456', label: 'mobile' }],
      companyId: company.body.id, tags: ['vip', 'vip', ' hanoi '], birthday: '1990-05-01',
      social: { zalo: '0903123456' }, addresses: [{ city: 'Hà Nội', country: 'VN' }],
    });
    expect(created.status).toBe(201);
    const c = created.body;
    expect(created.headers.etag).toBe('"1"');
    expect(c.emails).toEqual([
      { address: 'an.nguyen@example.com', label: null, primary: false },
      { address: 'an@home.vn', label: null, primary: true },
    ]);
    expect(c.phones).toEqual([{ number: '+84903123456', raw: '0903 123 456', label: 'mobile', primary: true }]);
    expect(c.tags).toEqual(['vip', 'hanoi']);
    expect(c.ownerId).toBe(adminId);
    expect(c.owner).toEqual({ id: adminId, name: 'Test User' });
    expect(c.teamId).toBe(teamId);
    expect(c.company).toEqual({ id: company.body.id, name: 'Công ty Đông Á' });
    expect(c.lifecycleStage).toBe('lead');
    expect(c.displayName).toBe('Nguyễn Văn An'); // the name's own order, whatever the viewer's language

    const got = await api.get(`/contacts/${c.id}`);
    expect(got.status).toBe(200);
    expect(got.headers.etag).toBe('"1"');
    expect(got.body).toEqual(c);

    const upd = await api.patch(`/contacts/${c.id}`, { jobTitle: 'Giám đốc', lifecycleStage: 'customer' }, { 'if-match': '"1"' });
    expect(upd.status).toBe(200);
    expect(upd.body.version).toBe(2);
    expect(upd.headers.etag).toBe('"2"');
    expect(upd.body.jobTitle).toBe('Giám đốc');

    const stale = await api.patch(`/contacts/${c.id}`, { jobTitle: 'CEO' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('precondition_failed');
    expect((await api.get(`/contacts/${c.id}`)).body.jobTitle).toBe('Giám đốc');

    const db = env().database.db;
    const audit = await db.selectFrom('audit_log').select(['action']).where('entity', '=', 'contact').where('entity_id', '=', c.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    const events = await db.selectFrom('outbox').select('type').where('entity_id', '=', c.id).orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(['contact.created', 'contact.updated']);
    expect((await verifyAudit(db)).ok).toBe(true);
    const side = await db.selectFrom('contact_emails').select('email').where('contact_id', '=', c.id).orderBy('email').execute();
    expect(side.map((s) => s.email)).toEqual(['an.nguyen@example.com', 'an@home.vn']);
    expect((await db.selectFrom('contact_phones').select('phone_e164').where('contact_id', '=', c.id).execute()).map((r) => r.phone_e164)).toEqual(['+84903123456']);
    expect((await db.selectFrom('contact_tags').select('tag').where('contact_id', '=', c.id).orderBy('tag').execute()).map((r) => r.tag)).toEqual(['hanoi', 'vip']);
  });

  it('shows the family name first to a Vietnamese-locale viewer', async () => {
    const vi = await actor(env(), { admin: true, locale: 'vi' });
    const c = await api.post('/contacts', { givenName: 'Thị Hoa', familyName: 'Đặng' });
    expect((await client(env(), vi.headers).get(`/contacts/${c.body.id}`)).body.displayName).toBe('Đặng Thị Hoa');
  });

  it.each([
    ['0903 123 456', '+84903123456'],
    ['028 3823 4567', '+842838234567'],
    ['+1 415 555 2671', '+14155552671'],
  ])('stores phone %s as %s', async (raw, e164) => {
    const res = await api.post('/contacts', { givenName: 'Phone', phones: [{ number: raw }] });
    expect(res.status).toBe(201);
    expect(res.body.phones[0].number).toBe(e164);
  });

  it('rejects an invalid phone naming phones.N.number, and a bad email naming emails.N.address', async () => {
    const res = await api.post('/contacts', { givenName: 'X', phones: [{ number: '0903 123 456' }, { number: '12345' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('phones.1.number');
    const bad = await api.post('/contacts', { givenName: 'X', emails: [{ address: 'not-an-email' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('emails.0.address');
  });

  it.each(['version', 'createdAt', 'updatedAt', 'deletedAt', 'id'])('rejects mass assignment of %s with a 400 naming it', async (field) => {
    const c = await api.post('/contacts', { givenName: 'Mass' });
    const res = await api.patch(`/contacts/${c.body.id}`, { givenName: 'M', [field]: field === 'version' ? 99 : '2020-01-01T00:00:00.000Z' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
    const create = await api.post('/contacts', { givenName: 'Mass', [field]: 1 });
    expect(create.status).toBe(400);
  });

  it('rejects unknown keys, unknown stages, a missing name and an unknown company', async () => {
    expect((await api.post('/contacts', { givenName: 'A', isAdmin: true })).status).toBe(400);
    const stage = await api.post('/contacts', { givenName: 'A', lifecycleStage: 'nope' });
    expect(stage.status).toBe(400);
    expect(stage.body.error.fields[0].path).toBe('lifecycleStage');
    expect((await api.post('/contacts', { jobTitle: 'nobody' })).body.error.fields[0].path).toBe('givenName');
    expect((await api.post('/contacts', { givenName: 'A', companyId: 'nope' })).body.error.fields[0].path).toBe('companyId');
  });

  it('assigns an owner and takes the owner team', async () => {
    const t2 = await createTeam(env().database.db);
    const other = await actor(env(), { teamId: t2.id });
    const c = await api.post('/contacts', { givenName: 'Owned', ownerId: other.id });
    expect(c.body.ownerId).toBe(other.id);
    expect(c.body.teamId).toBe(t2.id);
    const moved = await api.patch(`/contacts/${c.body.id}`, { ownerId: adminId });
    expect(moved.body.teamId).toBe(teamId);
  });

  it('records consent per channel with history on every change', async () => {
    const c = await api.post('/contacts', { givenName: 'Consent', consent: { email: { status: 'granted', source: 'web_form' } } });
    expect(c.body.consent.email).toMatchObject({ status: 'granted', source: 'web_form' });
    expect(c.body.consent.sms).toEqual({ status: 'unknown', at: null, source: null });
    await api.patch(`/contacts/${c.body.id}`, { consent: { email: { status: 'denied', source: 'unsubscribe_link' }, sms: { status: 'granted' } } });
    const h = await api.get(`/contacts/${c.body.id}/consent-history`);
    expect(h.status).toBe(200);
    expect(h.body.data.map((x: { channel: string; status: string; source: string }) => [x.channel, x.status, x.source]).sort()).toEqual([
      ['email', 'denied', 'unsubscribe_link'], ['email', 'granted', 'web_form'], ['sms', 'granted', 'api'],
    ]);
    expect(h.body.data.every((x: { actorId: string }) => x.actorId === adminId)).toBe(true);
  });

  it('soft-deletes into the recycle bin and restores', async () => {
    const c = await api.post('/contacts', { givenName: 'Binned', emails: [{ address: 'binned@example.com' }] });
    expect((await api.del(`/contacts/${c.body.id}`, { 'if-match': '"7"' })).status).toBe(412);
    expect((await api.del(`/contacts/${c.body.id}`)).status).toBe(204);
    expect((await api.get(`/contacts/${c.body.id}`)).status).toBe(404);
    const bin = await api.get('/contacts/deleted');
    expect(bin.body.data.map((x: { id: string }) => x.id)).toContain(c.body.id);
    expect(bin.body.data.find((x: { id: string }) => x.id === c.body.id).deletedAt).not.toBeNull();
    const list = await api.get('/contacts?limit=200');
    expect(list.body.data.map((x: { id: string }) => x.id)).not.toContain(c.body.id);
    const restored = await api.post(`/contacts/${c.body.id}/restore`, {});
    expect(restored.status).toBe(200);
    expect(restored.body.deletedAt).toBeNull();
    expect((await api.get(`/contacts/${c.body.id}`)).status).toBe(200);
    expect((await api.post(`/contacts/${c.body.id}/restore`, {})).status).toBe(404);
    const actions = await env().database.db.selectFrom('audit_log').select('action').where('entity_id', '=', c.body.id).orderBy('seq').execute();
    expect(actions.map((a) => a.action)).toEqual(['create', 'delete', 'restore']);
  });

  it('configures lifecycle stages (admin) and validates against them', async () => {
    const def = await api.get('/settings/lifecycle-stages');
    expect(def.body.stages.map((s: { value: string }) => s.value)).toEqual([
      'subscriber', 'lead', 'marketing_qualified', 'sales_qualified', 'opportunity', 'customer', 'evangelist', 'other',
    ]);
    const user = await actor(env(), { permissions: { contacts: { actions: ['read', 'create'], scope: 'own' } } });
    expect((await client(env(), user.headers).put('/settings/lifecycle-stages', { stages: def.body.stages })).status).toBe(403);
    const stages = [...def.body.stages, { value: 'partner', label: { en: 'Partner', vi: 'Đối tác' } }];
    expect((await api.put('/settings/lifecycle-stages', { stages })).status).toBe(200);
    const c = await api.post('/contacts', { givenName: 'Partner', lifecycleStage: 'partner' });
    expect(c.status).toBe(201);
    expect((await api.put('/settings/lifecycle-stages', { stages: [stages[0], stages[0]] })).body.error.fields[0].path).toBe('stages.1.value');
  });

  it('companies: parent, rename (found by its new name; its contacts are not: issue 12), soft delete/restore, no cycles', async () => {
    const parent = await api.post('/companies', { name: 'Tập đoàn Mẹ' });
    const child = await api.post('/companies', { name: 'Chi nhánh', parentId: parent.body.id });
    expect(child.body.parent).toEqual({ id: parent.body.id, name: 'Tập đoàn Mẹ' });
    const cyc = await api.patch(`/companies/${parent.body.id}`, { parentId: child.body.id });
    expect(cyc.status).toBe(400);
    expect(cyc.body.error.fields[0].path).toBe('parentId');
    const c = await api.post('/contacts', { givenName: 'Worker', companyId: child.body.id });
    await api.patch(`/companies/${child.body.id}`, { name: 'Zebracorp Saigon' }, { 'if-match': '"1"' });
    const found = await api.get('/search?q=zebracorp');
    expect(found.body.data.map((r: { id: string }) => r.id)).toEqual([child.body.id]);
    expect((await api.get('/search?q=worker')).body.data.map((r: { id: string }) => r.id)).toContain(c.body.id);
    expect((await api.patch(`/companies/${child.body.id}`, { name: 'x' }, { 'if-match': '"1"' })).status).toBe(412);
    expect((await api.del(`/companies/${child.body.id}`)).status).toBe(204);
    expect((await api.get(`/companies/${child.body.id}`)).status).toBe(404);
    expect((await api.get('/companies/deleted')).body.data.map((x: { id: string }) => x.id)).toContain(child.body.id);
    expect((await api.post(`/companies/${child.body.id}/restore`, {})).body.deletedAt).toBeNull();
  });
});
