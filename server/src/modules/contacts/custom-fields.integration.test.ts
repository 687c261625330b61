import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { actor, client, grant } from './contacts.test-helpers.js';

describeEachDialect('custom fields', (env) => {
  let admin: ReturnType<typeof client>;
  let adminId: string;
  beforeAll(async () => {
    const a = await actor(env(), { admin: true });
    admin = client(env(), a.headers);
    adminId = a.id;
  });
  const label = (en: string) => ({ en, vi: en });

  it('admin defines fields; everyone lists; non-admins cannot manage', async () => {
    const res = await admin.post('/custom-fields', { entity: 'contact', key: 'region_code', type: 'select', label: { en: 'Region', vi: 'Vùng' }, options: [{ value: 'north', label: label('North') }, { value: 'south', label: label('South') }], default: 'south', classification: 'public' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ key: 'region_code', type: 'select', default: 'south', required: false, classification: 'public', version: 1 });
    const dup = await admin.post('/custom-fields', { entity: 'contact', key: 'region_code', type: 'text', label: label('x') });
    expect(dup.status).toBe(409);
    expect((await admin.post('/custom-fields', { entity: 'company', key: 'region_code', type: 'text', label: label('x') })).status).toBe(201);
    const user = await actor(env(), { permissions: grant('own') });
    const u = client(env(), user.headers);
    expect((await u.get('/custom-fields?entity=contact')).body.data.map((f: { key: string }) => f.key)).toContain('region_code');
    expect((await u.post('/custom-fields', { entity: 'contact', key: 'x', type: 'text', label: label('x') })).status).toBe(403);
    expect((await admin.post('/custom-fields', { entity: 'contact', key: 'Bad Key', type: 'text', label: label('x') })).body.error.fields[0].path).toBe('key');
    expect((await admin.post('/custom-fields', { entity: 'contact', key: 'sel', type: 'select', label: label('x') })).body.error.fields[0].path).toBe('options');
    expect((await admin.post('/custom-fields', { entity: 'contact', key: 'rel', type: 'relation', label: label('x') })).body.error.fields[0].path).toBe('relationEntity');
    expect((await admin.post('/custom-fields', { entity: 'contact', key: 'num', type: 'number', label: label('x'), default: 'ten' })).body.error.fields[0].path).toBe('default');
    const patched = await admin.patch(`/custom-fields/${res.body.id}`, { label: { en: 'Area', vi: 'Khu vực' } }, { 'if-match': '"1"' });
    expect(patched.body).toMatchObject({ label: { en: 'Area', vi: 'Khu vực' }, version: 2 });
    expect((await admin.patch(`/custom-fields/${res.body.id}`, { type: 'text' })).status).toBe(400);
    expect((await admin.patch(`/custom-fields/${res.body.id}`, { required: true }, { 'if-match': '"1"' })).status).toBe(412);
  });

  it('validates values by type naming custom.<key>, applies defaults, enforces required', async () => {
    const fields = [
      { key: 'budget', type: 'money', currency: 'VND' },
      { key: 'met_on', type: 'date' },
      { key: 'homepage', type: 'url' },
      { key: 'alt_phone', type: 'phone' },
      { key: 'account_manager', type: 'user' },
      { key: 'referrer', type: 'relation', relationEntity: 'contact' },
      { key: 'contract_no', type: 'text', required: true },
    ];
    for (const f of fields) expect((await admin.post('/custom-fields', { entity: 'contact', label: label(f.key), ...f })).status).toBe(201);
    const missing = await admin.post('/contacts', { givenName: 'Req' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields[0].path).toBe('custom.contract_no');
    const ok = await admin.post('/contacts', { givenName: 'Req', custom: { contract_no: 'HD-1', budget: 5_000_000, met_on: '2026-11-01', homepage: 'https://a.vn', alt_phone: '0903 123 456', account_manager: adminId } });
    expect(ok.status).toBe(201);
    expect(ok.body.custom).toMatchObject({ contract_no: 'HD-1', budget: 5_000_000, met_on: '2026-11-01', alt_phone: '+84903123456', account_manager: adminId, region_code: 'south', referrer: null });
    for (const [key, value] of [['budget', 1.5], ['met_on', '2026-13-01'], ['homepage', 'ftp://x'], ['alt_phone', '12'], ['account_manager', 'no-such-user'], ['referrer', 'no-such-contact'], ['region_code', 'east'], ['nope', 1]] as const) {
      const res = await admin.patch(`/contacts/${ok.body.id}`, { custom: { [key]: value } });
      expect(res.status, key).toBe(400);
      expect(res.body.error.fields[0].path).toBe(`custom.${key}`);
    }
    const ref = await admin.patch(`/contacts/${ok.body.id}`, { custom: { referrer: missing.body?.id ?? ok.body.id, budget: null } });
    expect(ref.status).toBe(200);
    expect(ref.body.custom.budget).toBeNull();
    expect(ref.body.custom.contract_no).toBe('HD-1');
    expect((await admin.patch(`/contacts/${ok.body.id}`, { custom: { contract_no: '' } })).body.error.fields[0].path).toBe('custom.contract_no');
    // Sorting by a custom field works.
    expect((await admin.get('/contacts?sort=-custom.budget,custom.met_on')).status).toBe(200);
    // Make contract_no optional for the other tests.
    const def = (await admin.get('/custom-fields?entity=contact')).body.data.find((f: { key: string }) => f.key === 'contract_no');
    expect((await admin.patch(`/custom-fields/${def.id}`, { required: false })).status).toBe(200);
  });

  it('masks fields above the reader classification, forbids writing and filtering them', async () => {
    expect((await admin.post('/custom-fields', { entity: 'contact', key: 'salary', type: 'number', label: label('Salary'), classification: 'restricted' })).status).toBe(201);
    expect((await admin.post('/custom-fields', { entity: 'contact', key: 'hobby', type: 'text', label: label('Hobby'), classification: 'internal' })).status).toBe(201);
    const c = await admin.post('/contacts', { givenName: 'Secret', custom: { salary: 99, hobby: 'chess' } });
    expect(c.body.custom.salary).toBe(99);
    expect(c.body.masked).toEqual([]);
    const low = await actor(env(), { permissions: grant('all'), maxClassification: 'internal' });
    const api = client(env(), low.headers);
    const got = await api.get(`/contacts/${c.body.id}`);
    expect(got.body.custom.salary).toBeNull();
    expect(got.body.custom.hobby).toBe('chess');
    expect(got.body.masked).toEqual(['salary']);
    const listed = await api.get(`/contacts?q=secret`);
    expect(listed.body.data[0].custom.salary).toBeNull();
    expect(listed.body.data[0].masked).toContain('salary');
    const write = await api.patch(`/contacts/${c.body.id}`, { custom: { salary: 1 } });
    expect(write.status).toBe(403);
    expect(write.body.error.fields[0].path).toBe('custom.salary');
    expect((await api.post('/contacts', { givenName: 'x', custom: { salary: 1 } })).status).toBe(403);
    expect((await api.get(`/contacts?filter=${encodeURIComponent(JSON.stringify([{ field: 'custom.salary', op: 'after', value: 50 }]))}`)).status).toBe(403);
    expect((await api.get('/contacts?sort=custom.salary')).status).toBe(403);
    // Editing other fields keeps the hidden value.
    expect((await api.patch(`/contacts/${c.body.id}`, { custom: { hobby: 'go' } })).status).toBe(200);
    expect((await admin.get(`/contacts/${c.body.id}`)).body.custom).toMatchObject({ salary: 99, hobby: 'go' });
  });

  it('company custom fields work the same way', async () => {
    expect((await admin.post('/custom-fields', { entity: 'company', key: 'tax_code', type: 'text', label: label('MST'), required: true })).status).toBe(201);
    expect((await admin.post('/companies', { name: 'NoTax' })).body.error.fields[0].path).toBe('custom.tax_code');
    const co = await admin.post('/companies', { name: 'Taxed', custom: { tax_code: '0312345678' } });
    expect(co.body.custom.tax_code).toBe('0312345678');
    const f = encodeURIComponent(JSON.stringify([{ field: 'custom.tax_code', op: 'starts_with', value: '0312' }]));
    expect((await admin.get(`/companies?filter=${f}`)).body.data.map((c: { id: string }) => c.id)).toEqual([co.body.id]);
    const id = (await admin.get('/custom-fields?entity=company')).body.data.find((x: { key: string }) => x.key === 'tax_code').id;
    expect((await admin.del(`/custom-fields/${id}`)).status).toBe(204);
    expect((await admin.get(`/companies/${co.body.id}`)).body.custom.tax_code).toBeUndefined();
  });
});
