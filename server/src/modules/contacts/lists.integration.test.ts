import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { newId, nowIso } from '../../platform/ids.js';
import { actor, client, grant, q } from './contacts.test-helpers.js';

type Row = { id: string; givenName: string; familyName: string | null };

describeEachDialect('contact lists', (env) => {
  let api: ReturnType<typeof client>;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    const a = await actor(env(), { admin: true });
    api = client(env(), a.headers);
    const cf = async (body: object) => expect((await api.post('/custom-fields', { entity: 'contact', ...body })).status).toBe(201);
    await cf({ key: 'tier', type: 'select', label: { en: 'Tier', vi: 'Hạng' }, options: [{ value: 'gold', label: { en: 'Gold', vi: 'Vàng' } }, { value: 'silver', label: { en: 'Silver', vi: 'Bạc' } }] });
    await cf({ key: 'score', type: 'number', label: { en: 'Score', vi: 'Điểm' } });
    await cf({ key: 'renewal', type: 'date', label: { en: 'Renewal', vi: 'Gia hạn' } });
    await cf({ key: 'vip', type: 'checkbox', label: { en: 'VIP', vi: 'VIP' } });
    await cf({ key: 'interests', type: 'multi_select', label: { en: 'Interests', vi: 'Sở thích' }, options: ['golf', 'tea', 'wine'].map((v) => ({ value: v, label: { en: v, vi: v } })) });
    await cf({ key: 'nickname', type: 'text', label: { en: 'Nickname', vi: 'Biệt danh' } });
    const acme = await api.post('/companies', { name: 'Acme Trading' });
    const rows = [
      { key: 'an', givenName: 'An', familyName: 'Nguyễn', emails: [{ address: 'an@acme.vn' }], tags: ['vip', 'hanoi'], lifecycleStage: 'customer', birthday: '1990-01-15', companyId: acme.body.id, custom: { tier: 'gold', score: 90, renewal: '2027-01-01', vip: true, interests: ['golf', 'tea'], nickname: 'Anh Ba' } },
      { key: 'binh', givenName: 'Bình', familyName: 'Trần', emails: [{ address: 'binh@other.vn' }], tags: ['hanoi'], lifecycleStage: 'lead', birthday: '1985-06-30', custom: { tier: 'silver', score: 40, renewal: '2026-03-01', vip: false, interests: ['wine'] } },
      { key: 'chi', givenName: 'Chi', familyName: 'Lê', tags: [], lifecycleStage: 'lead', jobTitle: 'CTO', custom: { score: 65 } },
      { key: 'dave', givenName: 'Dave', familyName: null, emails: [{ address: 'dave@acme.com' }], tags: ['vip'], lifecycleStage: 'opportunity', birthday: '2000-12-31', companyId: acme.body.id, custom: {} },
    ];
    for (const { key, ...body } of rows) {
      const res = await api.post('/contacts', body);
      expect(res.status).toBe(201);
      ids[key] = res.body.id;
    }
  });

  const names = async (filter: unknown, extra = '') => {
    const res = await api.get(`/contacts?limit=200&sort=givenName&filter=${q(filter)}${extra}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.data.map((r: Row) => r.givenName);
  };

  it.each([
    [[{ field: 'givenName', op: 'is', value: 'An' }], ['An']],
    [[{ field: 'familyName', op: 'is_not', value: 'Nguyễn' }], ['Bình', 'Chi', 'Dave']],
    [[{ field: 'email', op: 'contains', value: 'ACME' }], ['An', 'Dave']],
    [[{ field: 'email', op: 'starts_with', value: 'bi' }], ['Bình']],
    [[{ field: 'lifecycleStage', op: 'in', value: ['customer', 'opportunity'] }], ['An', 'Dave']],
    [[{ field: 'birthday', op: 'before', value: '1990-01-01' }], ['Bình']],
    [[{ field: 'birthday', op: 'after', value: '1990-01-01' }], ['An', 'Dave']],
    [[{ field: 'birthday', op: 'between', value: ['1985-01-01', '1990-12-31'] }], ['An', 'Bình']],
    [[{ field: 'email', op: 'empty' }], ['Chi']],
    [[{ field: 'jobTitle', op: 'not_empty' }], ['Chi']],
    [[{ field: 'familyName', op: 'empty' }], ['Dave']],
    [[{ field: 'tags', op: 'is', value: 'vip' }], ['An', 'Dave']],
    [[{ field: 'tags', op: 'is_not', value: 'vip' }], ['Bình', 'Chi']],
    [[{ field: 'tags', op: 'in', value: ['hanoi', 'nothing'] }], ['An', 'Bình']],
    [[{ field: 'tags', op: 'empty' }], ['Chi']],
    [[{ field: 'companyName', op: 'contains', value: 'acme' }], ['An', 'Dave']],
    [[{ field: 'createdAt', op: 'after', value: '2000-01-01' }, { field: 'givenName', op: 'starts_with', value: 'd' }], ['Dave']],
    [[{ field: 'custom.tier', op: 'is', value: 'gold' }], ['An']],
    [[{ field: 'custom.tier', op: 'is_not', value: 'gold' }], ['Bình', 'Chi', 'Dave']],
    [[{ field: 'custom.tier', op: 'in', value: ['gold', 'silver'] }], ['An', 'Bình']],
    [[{ field: 'custom.tier', op: 'empty' }], ['Chi', 'Dave']],
    [[{ field: 'custom.score', op: 'after', value: 50 }], ['An', 'Chi']],
    [[{ field: 'custom.score', op: 'before', value: 65 }], ['Bình']],
    [[{ field: 'custom.score', op: 'between', value: [40, 65] }], ['Bình', 'Chi']],
    [[{ field: 'custom.score', op: 'is', value: 90 }], ['An']],
    [[{ field: 'custom.score', op: 'not_empty' }], ['An', 'Bình', 'Chi']],
    [[{ field: 'custom.renewal', op: 'before', value: '2026-12-31' }], ['Bình']],
    [[{ field: 'custom.vip', op: 'is', value: true }], ['An']],
    [[{ field: 'custom.vip', op: 'is_not', value: true }], ['Bình', 'Chi', 'Dave']],
    [[{ field: 'custom.interests', op: 'is', value: 'tea' }], ['An']],
    [[{ field: 'custom.interests', op: 'in', value: ['wine', 'golf'] }], ['An', 'Bình']],
    [[{ field: 'custom.interests', op: 'empty' }], ['Chi', 'Dave']],
    [[{ field: 'custom.nickname', op: 'contains', value: 'ba' }], ['An']],
    [[{ field: 'custom.nickname', op: 'starts_with', value: 'anh' }], ['An']],
  ])('filter %j', async (filter, expected) => {
    expect(await names(filter)).toEqual(expected);
  });

  it('convenience parameters: q, tag, stage, ownerId', async () => {
    expect(await names([], '&tag=hanoi')).toEqual(['An', 'Bình']);
    expect(await names([], '&stage=lead')).toEqual(['Bình', 'Chi']);
    expect(await names([], '&q=nguyen')).toEqual(['An']);
    expect(await names([], '&q=tr')).toEqual(['Bình']); // short query: prefix of a name key ("binh tran", "tran binh") or email
    expect(await names([], '&q=in')).toEqual([]); // inside a name, not at the start of one
    expect(await names([], '&q=bi')).toEqual(['Bình']);
  });

  it.each([
    ['[{"field":"nope","op":"is","value":1}]', 'filter.0.field'],
    ['[{"field":"givenName","op":"before","value":"x"}]', 'filter.0.op'],
    ['[{"field":"givenName","op":"is","value":"a"},{"field":"custom.score","op":"after","value":"high"}]', 'filter.1.value'],
    ['[{"field":"birthday","op":"between","value":["2020-01-01"]}]', 'filter.0.value'],
    ['[{"field":"lifecycleStage","op":"in","value":[]}]', 'filter.0.value'],
    ['[{"field":"givenName","op":"like","value":"a"}]', 'filter.0.op'],
    ['not json', 'filter'],
    ['[{"field":"custom.missing","op":"is","value":"a"}]', 'filter.0.field'],
  ])('rejects filter %s naming %s', async (raw, path) => {
    const res = await api.get(`/contacts?filter=${encodeURIComponent(raw)}`);
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe(path);
  });

  it('rejects unknown sort fields and bad cursors', async () => {
    expect((await api.get('/contacts?sort=password')).body.error.fields[0].path).toBe('sort');
    expect((await api.get('/contacts?cursor=garbage')).body.error.fields[0].path).toBe('cursor');
  });

  it('sorts by several columns including custom ones, tie-broken by id', async () => {
    const res = await api.get('/contacts?limit=200&sort=-custom.score,givenName&filter=' + q([{ field: 'givenName', op: 'in', value: ['An', 'Bình', 'Chi', 'Dave'] }]));
    expect(res.body.data.map((r: Row) => r.givenName)).toEqual(['An', 'Chi', 'Bình', 'Dave']);
  });
});

describeEachDialect('keyset pages and capped totals', (env) => {
  let api: ReturnType<typeof client>;
  let ownerId: string;
  beforeAll(async () => {
    const a = await actor(env(), { admin: true });
    api = client(env(), a.headers);
    ownerId = a.id;
    // 10,050 rows in one transaction with multi-row inserts: many share names and timestamps to stress ties.
    const db = env().database.db;
    const now = Date.now();
    await db.transaction().execute(async (trx) => {
      const rows = Array.from({ length: 10_050 }, (_, i) => {
        const given = `P${i % 37}`;
        const family = i % 5 === 0 ? null : `F${i % 11}`;
        const ts = new Date(now - (i % 500) * 1000).toISOString();
        return {
          id: newId(), given_name: given, family_name: family, display_name: `${given} ${family ?? ''}`.trim(), name_key: given.toLowerCase(), family_key: given.toLowerCase(), sort_key: given.toLowerCase(), name_order: null, pronoun: null,
          primary_email: null, primary_phone: null, emails: '[]', phones: '[]', addresses: '[]', social: '{}', job_title: null, department: null,
          birthday: null, company_id: null, owner_id: ownerId, team_id: null, tags: '[]', lifecycle_stage: i % 3 ? 'lead' : 'customer',
          source: null, external_id: null, consent: '{}', custom: '{}', search_text: `p${i % 37}`, created_at: ts, updated_at: ts,
          created_by: null, updated_by: null, deleted_at: null, erased_at: null,
        };
      });
      for (let i = 0; i < rows.length; i += 500) await trx.insertInto('contacts').values(rows.slice(i, i + 500)).execute();
    });
  }, 120_000);

  it('caps the total at 10,000 and counts exactly below it', async () => {
    const all = await api.get('/contacts?limit=5');
    expect(all.body.total).toBe(10_000);
    expect(all.body.totalCapped).toBe(true);
    const some = await api.get(`/contacts?limit=5&filter=${q([{ field: 'lifecycleStage', op: 'is', value: 'customer' }])}`);
    expect(some.body).toMatchObject({ total: 3350, totalCapped: false });
    expect((await api.get('/contacts?limit=5&total=false')).body.total).toBeUndefined();
  });

  it('counts a list apart (GET /contacts/count): same filters as the list, capped at 10,000, never a page', async () => {
    const customer = q([{ field: 'lifecycleStage', op: 'is', value: 'customer' }]);
    expect((await api.get('/contacts/count')).body).toEqual({ total: 10_000, totalCapped: true });
    expect((await api.get(`/contacts/count?filter=${customer}`)).body).toEqual({ total: 3350, totalCapped: false });
    expect((await api.get(`/contacts/count?filter=${customer}&ownerId=${ownerId}&stage=customer`)).body).toEqual({ total: 3350, totalCapped: false });
    expect((await api.get(`/contacts/count?filter=${customer}&q=p1`)).body.total).toBe((await api.get(`/contacts?limit=200&filter=${customer}&q=p1&total=true`)).body.total);
    // Filters on sortable and array fields, as the list has them.
    const some = q([{ field: 'givenName', op: 'in', value: ['P1', 'P2'] }, { field: 'familyName', op: 'starts_with', value: 'F1' }]);
    const expected = await env().database.db.selectFrom('contacts').select('id').where('given_name', 'in', ['P1', 'P2']).where('family_name', 'like', 'F1%').execute();
    expect((await api.get(`/contacts/count?filter=${some}`)).body).toEqual({ total: expected.length, totalCapped: false });
    const bad = await api.get(`/contacts/count?filter=${q([{ field: 'password', op: 'is', value: 'x' }])}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('filter.0.field');
    expect((await api.get('/companies/count')).body).toEqual({ total: 0, totalCapped: false });
  });

  it.each(['-updatedAt', 'displayName', 'familyName,-createdAt', '-familyName,givenName,createdAt'])('pages through a filtered set with sort %s without duplicates or gaps', async (sort) => {
    const filter = q([{ field: 'givenName', op: 'in', value: ['P1', 'P2', 'P3', 'P4'] }]);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: { data: Row[]; nextCursor: string | null; total: number } } = await api.get(`/contacts?limit=37&sort=${sort}&filter=${filter}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((r) => r.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    const expected = await env().database.db.selectFrom('contacts').select('id').where('given_name', 'in', ['P1', 'P2', 'P3', 'P4']).execute();
    expect(seen.length).toBe(expected.length);
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(new Set(expected.map((r) => r.id)));
    // The concatenated pages equal one big page.
    const one = await api.get(`/contacts?limit=200&sort=${sort}&filter=${filter}`);
    expect(seen.slice(0, 200)).toEqual(one.body.data.map((r: Row) => r.id));
  });

  it('kanban: a column per stage with capped counts and 20 cards', async () => {
    const res = await api.get('/contacts/kanban');
    expect(res.status).toBe(200);
    const lead = res.body.columns.find((c: { stage: string }) => c.stage === 'lead');
    const customer = res.body.columns.find((c: { stage: string }) => c.stage === 'customer');
    expect(lead).toMatchObject({ count: 6700, countCapped: false, label: { en: 'Lead', vi: 'Khách hàng tiềm năng' } });
    expect(lead.cards).toHaveLength(20);
    expect(customer.count).toBe(3350);
    expect(res.body.columns.map((c: { stage: string }) => c.stage)).toHaveLength(8);
  });

  it('bulk by filter updates every matching row in one request', async () => {
    const t0 = nowIso();
    const res = await api.post('/contacts/bulk', { filter: [{ field: 'givenName', op: 'is', value: 'P36' }], action: 'add_tag', value: 'bulk-tagged' });
    expect(res.status).toBe(200);
    const n = (await env().database.db.selectFrom('contacts').select('id').where('given_name', '=', 'P36').execute()).length;
    expect(res.body.updated).toBe(n);
    expect((await api.get('/contacts?limit=1&tag=bulk-tagged')).body.total).toBe(n);
    expect((await api.get('/contacts/count?tag=bulk-tagged')).body).toEqual({ total: n, totalCapped: false });
    expect(t0 <= nowIso()).toBe(true);
    expect((await api.post('/contacts/bulk', { filter: [], action: 'set_stage', value: 'lead' })).status).toBe(400); // > 10,000 rows
  });
});

describeEachDialect('bulk actions', (env) => {
  it('applies an action to ids in one transaction; any id outside scope fails the whole request', async () => {
    const me = await actor(env(), { permissions: grant('own') });
    const other = await actor(env(), { permissions: grant('own') });
    const api = client(env(), me.headers);
    const mine = [];
    for (const n of ['A', 'B', 'C']) mine.push((await api.post('/contacts', { givenName: n, tags: ['x'] })).body.id);
    const theirs = (await client(env(), other.headers).post('/contacts', { givenName: 'Z' })).body.id;

    const bad = await api.post('/contacts/bulk', { ids: [mine[0], theirs, mine[1]], action: 'set_stage', value: 'customer' });
    expect(bad.status).toBe(404);
    expect(bad.body.error.fields[0].path).toBe('ids.1');
    for (const id of mine) expect((await api.get(`/contacts/${id}`)).body.lifecycleStage).toBe('lead');

    expect((await api.post('/contacts/bulk', { ids: mine, action: 'set_stage', value: 'customer' })).body).toEqual({ updated: 3 });
    expect((await api.post('/contacts/bulk', { ids: mine, action: 'add_tag', value: 'y' })).body.updated).toBe(3);
    expect((await api.post('/contacts/bulk', { ids: mine, action: 'remove_tag', value: 'x' })).body.updated).toBe(3);
    for (const id of mine) expect((await api.get(`/contacts/${id}`)).body).toMatchObject({ lifecycleStage: 'customer', tags: ['y'] });
    // A stage that does not exist fails the whole bulk.
    const badStage = await api.post('/contacts/bulk', { ids: mine, action: 'set_stage', value: 'nope' });
    expect(badStage.status).toBe(400);
    // Own scope may not hand records to someone else (they would leave its scope).
    expect((await api.post('/contacts/bulk', { ids: mine, action: 'assign_owner', value: other.id })).status).toBe(403);
    expect((await api.get(`/contacts/${mine[0]}`)).body.ownerId).toBe(me.id);
    expect((await api.post('/contacts/bulk', { ids: mine.slice(0, 2), action: 'delete' })).body.updated).toBe(2);
    expect((await api.get(`/contacts/${mine[0]}`)).status).toBe(404);
    expect((await api.get(`/contacts/${mine[2]}`)).status).toBe(200);
    expect((await client(env(), other.headers).get(`/contacts/${theirs}`)).body.lifecycleStage).toBe('lead');
    expect((await api.post('/contacts/bulk', { ids: mine, action: 'set_stage' })).body.error.fields[0].path).toBe('value');
  });

  it('needs delete permission for bulk delete', async () => {
    const u = await actor(env(), { permissions: grant('all', ['read', 'create', 'update']) });
    const api = client(env(), u.headers);
    const id = (await api.post('/contacts', { givenName: 'Keep' })).body.id;
    expect((await api.post('/contacts/bulk', { ids: [id], action: 'delete' })).status).toBe(403);
  });
});
