import { expect, it } from 'vitest';
import type { TimelineItem } from '../../../../contracts/activities.js';
import type { Permissions } from '../../platform/auth/principal.js';
import { createRole, createUser, signIn } from '../../platform/testing/factories.js';
import { describeEachDialect, type TestEnv } from '../../platform/testing/harness.js';

/** A multipart/form-data body with one file field "file". */
function multipartBody(filename: string, content: Buffer) {
  const boundary = '----kithtest' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

async function actor(env: TestEnv, o: { admin?: boolean; permissions?: Permissions } = {}) {
  const db = env.database.db;
  const role = await createRole(db, { isAdmin: o.admin ?? false, permissions: o.permissions ?? {} });
  const user = await createUser(db, { roleId: role.id });
  const headers = await signIn(db, user);
  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
    const res = await env.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
    return { status: res.statusCode, body: res.body ? (res.json() as any) : null };
  };
  const upload = async (activityId: string, name: string, content: Buffer) => {
    const m = multipartBody(name, content);
    const res = await env.app.inject({ method: 'POST', url: `/api/v1/activities/${activityId}/attachments`, payload: m.payload, headers: { ...headers, ...m.headers } });
    return { status: res.statusCode, body: res.json() as any };
  };
  return {
    id: user.id, upload,
    get: (url: string) => call('GET', url), post: (url: string, b: unknown) => call('POST', url, b),
    patch: (url: string, b: unknown) => call('PATCH', url, b), del: (url: string) => call('DELETE', url),
  };
}

const vehicles = {
  name: 'vehicles',
  labels: { en: { singular: 'Vehicle', plural: 'Vehicles' }, vi: { singular: 'Xe', plural: 'Xe' } },
  icon: 'car',
  fields: [
    { key: 'name', type: 'text', labels: { en: 'Name', vi: 'Tên' }, required: true, classification: 'public' },
    { key: 'cost', type: 'number', labels: { en: 'Cost', vi: 'Giá vốn' }, classification: 'confidential' },
  ],
};

/** Every page of a timeline, `limit` items at a time, following the cursor. */
async function allPages(a: Awaited<ReturnType<typeof actor>>, url: string, limit: number): Promise<TimelineItem[]> {
  const out: TimelineItem[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const res = await a.get(`${url}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status).toBe(200);
    out.push(...res.body.data);
    cursor = res.body.nextCursor;
    if (!cursor) return out;
  }
  throw new Error('timeline did not end');
}

describeEachDialect('activities on engine records (recordType + recordId)', (env) => {
  it('a note with a file on a custom object record: listed, merged with field events newest first, paged, kept in the bin', async () => {
    const admin = await actor(env(), { admin: true });
    expect((await admin.post('/record-types', vehicles)).status).toBe(201);
    const v = await admin.post('/objects/vehicles', { values: { name: 'Camry 51A', cost: 100 } });
    expect(v.status).toBe(201);
    const id = v.body.id as string;

    const note = await admin.post('/activities', { type: 'note', recordType: 'vehicles', recordId: id, body: '<p>Oil <b>changed</b><script>x</script></p>' });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ recordType: 'vehicles', recordId: id, contactId: null, companyId: null, body: '<p>Oil <b>changed</b></p>' });
    const att = await admin.upload(note.body.id, 'photo.png', PNG);
    expect(att.status).toBe(201);
    const edited = await admin.patch(`/objects/vehicles/${id}`, { values: { name: 'Camry 51A-123' } });
    expect(edited.status).toBe(200);
    const call = await admin.post('/activities', { type: 'call', recordType: 'vehicles', recordId: id, direction: 'outbound', subject: 'Called the garage' });
    expect(call.status).toBe(201);

    const list = await admin.get(`/activities?recordType=vehicles&recordId=${id}`);
    expect(list.status).toBe(200);
    expect(list.body.data.map((a: { id: string }) => a.id)).toEqual([call.body.id, note.body.id]);
    expect(list.body.data[1].attachments).toMatchObject([{ filename: 'photo.png', mime: 'image/png' }]);

    const url = `/activities/timeline?recordType=vehicles&recordId=${id}`;
    const first = await admin.get(url);
    expect(first.status).toBe(200);
    const items: TimelineItem[] = first.body.data;
    expect(items.map((i) => i.type)).toEqual(['call', 'field_change', 'note', 'record_event']);
    expect(items[1]!.changes).toEqual([{ field: 'name', before: 'Camry 51A', after: 'Camry 51A-123' }]);
    expect(items[2]!.activity?.attachments.map((x) => x.filename)).toEqual(['photo.png']);
    expect(items[3]!.data).toEqual({ event: 'created' });
    // One item a page walks the same stream: nothing skipped, nothing twice.
    expect((await allPages(admin, url, 1)).map((i) => i.id)).toEqual(items.map((i) => i.id));
    // Type filter across both sources.
    const notes = await admin.get(`${url}&types=note,field_change`);
    expect(notes.body.data.map((i: TimelineItem) => i.type)).toEqual(['field_change', 'note']);

    // The recycle bin keeps the record's activities; restoring shows them with the delete/restore events.
    expect((await admin.del(`/objects/vehicles/${id}`)).status).toBe(204);
    const binned = await admin.get(url);
    expect(binned.status).toBe(200);
    expect(binned.body.data.map((i: TimelineItem) => i.type)).toEqual(['record_event', 'call', 'field_change', 'note', 'record_event']);
    // Nothing new is added to a record in the bin.
    expect((await admin.post('/activities', { type: 'note', recordType: 'vehicles', recordId: id, body: '<p>late</p>' })).status).toBe(404);
    expect((await admin.post(`/objects/vehicles/${id}/restore`, {})).status).toBe(200);
    expect((await admin.get(`/activities?recordType=vehicles&recordId=${id}`)).body.data).toHaveLength(2);
  });

  it('a note and a file on a deal (standard object)', async () => {
    const admin = await actor(env(), { admin: true });
    const deal = await admin.post('/deals', { values: { name: 'Big order' } });
    expect(deal.status).toBe(201);
    const note = await admin.post('/activities', { type: 'note', recordType: 'deals', recordId: deal.body.id, body: '<p>Quote sent</p>' });
    expect(note.status).toBe(201);
    expect((await admin.upload(note.body.id, 'quote.txt', Buffer.from('Báo giá'))).status).toBe(201);
    const tl = await admin.get(`/activities/timeline?recordType=deals&recordId=${deal.body.id}`);
    expect(tl.status).toBe(200);
    const item = tl.body.data.find((i: TimelineItem) => i.id === note.body.id);
    expect(item.activity.attachments.map((x: { filename: string }) => x.filename)).toEqual(['quote.txt']);
  });

  it('bad input: unknown recordType 400 naming it; half a target 400; record and contact together 400', async () => {
    const admin = await actor(env(), { admin: true });
    const bad = await admin.post('/activities', { type: 'note', recordType: 'spaceships', recordId: '00000000-0000-7000-8000-000000000001', body: '<p>x</p>' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('recordType');
    const listBad = await admin.get('/activities?recordType=spaceships&recordId=00000000-0000-7000-8000-000000000001');
    expect(listBad.status).toBe(400);
    expect(listBad.body.error.fields[0].path).toBe('recordType');
    const tlBad = await admin.get('/activities/timeline?recordType=spaceships&recordId=00000000-0000-7000-8000-000000000001');
    expect(tlBad.status).toBe(400);
    expect(tlBad.body.error.fields[0].path).toBe('recordType');
    const half = await admin.post('/activities', { type: 'note', recordType: 'deals', body: '<p>x</p>' });
    expect(half.status).toBe(400);
    expect(half.body.error.fields[0].path).toBe('recordId');
    expect((await admin.get('/activities?recordId=00000000-0000-7000-8000-000000000001')).body.error.fields[0].path).toBe('recordType');
    expect((await admin.get('/activities/timeline?recordId=00000000-0000-7000-8000-000000000001')).body.error.fields[0].path).toBe('recordType');
    expect((await admin.get('/activities/timeline?recordType=deals')).body.error.fields[0].path).toBe('recordId');
    const deal = await admin.post('/deals', { values: { name: 'Both' } });
    const contact = await admin.post('/contacts', { givenName: 'Lan' });
    const both = await admin.post('/activities', { type: 'note', recordType: 'deals', recordId: deal.body.id, contactId: contact.body.id, body: '<p>x</p>' });
    expect(both.status).toBe(400);
    expect(both.body.error.fields[0].path).toBe('recordType');
    const missing = await admin.post('/activities', { type: 'note', recordType: 'deals', recordId: '00000000-0000-7000-8000-000000000001', body: '<p>x</p>' });
    expect(missing.status).toBe(404);
  });

  it('scope: a user who cannot see the deal gets 404 like a missing one and never sees its notes in a list', async () => {
    const admin = await actor(env(), { admin: true });
    const rep = await actor(env(), {
      permissions: { deals: { actions: ['read', 'create', 'update'], scope: 'own' }, activities: { actions: ['read', 'create', 'update', 'delete'], scope: 'all' } },
    });
    const hidden = await admin.post('/deals', { values: { name: 'Secret deal' } });
    const mine = await rep.post('/deals', { values: { name: 'My deal' } });
    expect(mine.status).toBe(201);
    const secret = await admin.post('/activities', { type: 'task', subject: 'secret task', recordType: 'deals', recordId: hidden.body.id, ownerId: rep.id });
    expect(secret.status).toBe(201);
    const own = await rep.post('/activities', { type: 'task', subject: 'my task', recordType: 'deals', recordId: mine.body.id });
    expect(own.status).toBe(201);
    const MISSING = '00000000-0000-7000-8000-000000000009';

    for (const [url, missingUrl] of [
      [`/activities?recordType=deals&recordId=${hidden.body.id}`, `/activities?recordType=deals&recordId=${MISSING}`],
      [`/activities/timeline?recordType=deals&recordId=${hidden.body.id}`, `/activities/timeline?recordType=deals&recordId=${MISSING}`],
      [`/activities/${secret.body.id}`, `/activities/${MISSING}`],
      [`/activities/${secret.body.id}/attachments`, `/activities/${MISSING}/attachments`],
    ] as const) {
      const a = await rep.get(url);
      const b = await rep.get(missingUrl);
      expect([url, a.status]).toEqual([url, 404]);
      expect(a.body).toEqual(b.body);
    }
    const add = await rep.post('/activities', { type: 'note', recordType: 'deals', recordId: hidden.body.id, body: '<p>x</p>' });
    expect(add.status).toBe(404);
    expect((await rep.patch(`/activities/${secret.body.id}`, { subject: 'x' })).status).toBe(404);
    // Even as the task's owner with activities scope "all", the lists leave out activities of the invisible deal.
    for (const url of ['/activities?limit=200', '/activities?status=open&limit=200', `/activities?ownerId=${rep.id}&limit=200`]) {
      const ids = (await rep.get(url)).body.data.map((a: { id: string }) => a.id);
      expect(ids).toContain(own.body.id);
      expect(ids).not.toContain(secret.body.id);
    }
    // Without read on deals at all, not even a deal's own activities show.
    const noDeals = await actor(env(), { permissions: { activities: { actions: ['read', 'create'], scope: 'all' } } });
    expect((await noDeals.get('/activities?limit=200')).body.data.map((a: { id: string }) => a.id)).not.toContain(own.body.id);
    expect((await noDeals.get(`/activities?recordType=deals&recordId=${mine.body.id}`)).status).toBe(404);
    // The admin sees both.
    const all = (await admin.get('/activities?limit=200')).body.data.map((a: { id: string }) => a.id);
    expect(all).toEqual(expect.arrayContaining([secret.body.id, own.body.id]));
  });
});
