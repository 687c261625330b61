import { expect, it } from 'vitest';
import { createUser, signIn } from '../../platform/testing/factories.js';
import { describeEachDialect, type TestEnv } from '../../platform/testing/harness.js';

async function actor(env: TestEnv, name: string) {
  const user = await createUser(env.database.db, { admin: true, name });
  return { id: user.id, headers: await signIn(env.database.db, user) };
}

function client(env: TestEnv, headers: Record<string, string>) {
  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
    const res = await env.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
    return { status: res.statusCode, body: res.body ? res.json() : null, text: res.body };
  };
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, body: unknown) => call('POST', url, body),
    patch: (url: string, body: unknown) => call('PATCH', url, body),
    del: (url: string) => call('DELETE', url),
  };
}

const vehicleType = {
  name: 'vehicles',
  labels: { en: { singular: 'Vehicle', plural: 'Vehicles' }, vi: { singular: 'Xe', plural: 'Xe' } },
  icon: 'car',
  fields: [{ key: 'name', type: 'text', labels: { en: 'Name', vi: 'Tên' }, required: true, classification: 'public' }],
};

interface Entry { id: string; seq: number; action: string; entity: string; entityId: string | null; entityName: string | null; entityGone: boolean; actorId: string | null }
type Client = ReturnType<typeof client>;

describeEachDialect('audit log: record names, filters from pickers, no duplicated rows', (env) => {
  let admin: Client;
  let adminId: string;
  const list = async (query: string): Promise<{ data: Entry[]; nextCursor: string | null }> => {
    const res = await admin.get(`/audit?${query}`);
    expect(res.status, res.text).toBe(200);
    return res.body;
  };
  const created = async (url: string, body: unknown) => {
    const res = await admin.post(url, body);
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string };
  };

  it('names the records of the page (contact, company, team, custom object record, record type); deleted ones are gone', async () => {
    const a = await actor(env(), 'Auditor Lan');
    admin = client(env(), a.headers);
    adminId = a.id;
    const company = await created('/companies', { name: 'Công ty Sao Mai' });
    const kept = await created('/contacts', { givenName: 'Lan', familyName: 'Nguyễn' });
    const removed = await created('/contacts', { givenName: 'Henry', familyName: 'Walker' });
    expect((await admin.del(`/contacts/${removed.id}`)).status).toBeLessThan(300);
    const team = await created('/teams', { name: 'Sales North' });
    expect((await admin.post('/record-types', vehicleType)).status).toBe(201);
    const truck = await created('/objects/vehicles', { values: { name: 'Xe tải 01' } });

    const page = await list('limit=200');
    const find = (entity: string, id: string, action = 'create') => {
      const e = page.data.find((x) => x.entity === entity && x.entityId === id && x.action === action);
      expect(e, `${action} ${entity} ${id}`).toBeDefined();
      return e!;
    };
    expect(find('company', company.id)).toMatchObject({ entityName: 'Công ty Sao Mai', entityGone: false });
    expect(find('contact', kept.id)).toMatchObject({ entityName: 'Nguyễn Lan', entityGone: false });
    expect(find('contact', removed.id)).toMatchObject({ entityName: null, entityGone: true });
    expect(find('contact', removed.id, 'delete')).toMatchObject({ entityName: null, entityGone: true });
    expect(find('team', team.id)).toMatchObject({ entityName: 'Sales North', entityGone: false });
    expect(find('object:vehicles', truck.id)).toMatchObject({ entityName: 'Xe tải 01', entityGone: false });
    expect(find('record_type', 'vehicles')).toMatchObject({ entityName: 'Vehicle', entityGone: false });
  });

  it('a merge is one row per contact (the survivor\'s update is the merge), and paging never repeats a row', async () => {
    const s = await created('/contacts', { givenName: 'Minh', familyName: 'Lê', emails: [{ address: 'minh@example.test' }] });
    const m = await created('/contacts', { givenName: 'Minh', familyName: 'Le', phones: [{ number: '+84912345678' }] });
    const merged = await admin.post('/contacts/merge', { survivorId: s.id, mergedId: m.id });
    expect(merged.status, merged.text).toBe(200);
    expect((await list(`entity=contact&entityId=${s.id}`)).data.map((e) => e.action)).toEqual(['merge', 'create']);
    const loser = (await list(`entity=contact&entityId=${m.id}`)).data;
    expect(loser.map((e) => e.action)).toEqual(['merged_into', 'create']);
    expect(loser[0]).toMatchObject({ entityGone: true, entityName: null });
    // An ordinary update is still listed.
    expect((await admin.patch(`/contacts/${s.id}`, { jobTitle: 'Kế toán' })).status).toBe(200);
    expect((await list(`entity=contact&entityId=${s.id}`)).data.map((e) => e.action)).toEqual(['update', 'merge', 'create']);

    const all = (await list('limit=200')).data.map((e) => e.id);
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      walked.push(...page.data.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(walked).toEqual(all);
    expect(new Set(walked).size).toBe(walked.length);
  });

  it('filters by person, action, record type and period together; an unknown action is a 400 naming the field', async () => {
    const other = await actor(env(), 'Other Admin');
    const otherClient = client(env(), other.headers);
    expect((await otherClient.post('/companies', { name: 'Other Co' })).status).toBe(201);
    const mine = await list(`actorId=${adminId}&action=create&entity=company`);
    expect(mine.data.map((e) => e.entityName)).toEqual(['Công ty Sao Mai']);
    const theirs = await list(`actorId=${other.id}&entity=company`);
    expect(theirs.data.map((e) => e.entityName)).toEqual(['Other Co']);
    const hour = 3600_000;
    const from = new Date(Date.now() - hour).toISOString();
    const to = new Date(Date.now() + hour).toISOString();
    expect((await list(`actorId=${adminId}&action=merge&from=${from}&to=${to}`)).data).toHaveLength(1);
    expect((await list(`actorId=${adminId}&action=merge&to=${from}`)).data).toHaveLength(0);
    const bad = await admin.get('/audit?action=teleport');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('action');
  });
});
