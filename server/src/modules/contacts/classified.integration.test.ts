/**
 * Issue 12, finding 1: classified custom fields never leave the server for a reader below their level —
 * on ANY route. The last test walks every GET route of the OpenAPI document (plus the POST reads), so a
 * new read path that forgets the platform presenter (platform/records/masking.ts) fails here.
 */
import yauzl from 'yauzl';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { actor, client } from './contacts.test-helpers.js';

const SECRET = 'SEKRIT';
const label = (en: string) => ({ en, vi: en });
const everything = ['read', 'create', 'update', 'delete', 'export'] as const;
const perms = {
  contacts: { actions: [...everything], scope: 'all' as const },
  companies: { actions: [...everything], scope: 'all' as const },
  activities: { actions: ['read' as const], scope: 'all' as const },
};

/** Every entry of a zip, decompressed and concatenated (the privacy export is a zip). */
function unzipText(buf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const parts: Buffer[] = [];
      zip.on('entry', (entry: yauzl.Entry) => zip.openReadStream(entry, (e, s) => {
        if (e || !s) return reject(e);
        s.on('data', (c: Buffer) => parts.push(c));
        s.on('end', () => zip.readEntry());
      }));
      zip.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describeEachDialect('classified fields are masked on every read path', (env) => {
  let admin: ReturnType<typeof client>;
  let low: ReturnType<typeof client>;
  let high: ReturnType<typeof client>;
  let lowHeaders: Record<string, string>;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    admin = client(env(), (await actor(env(), { admin: true })).headers);
    lowHeaders = (await actor(env(), { permissions: perms, maxClassification: 'internal' })).headers;
    low = client(env(), lowHeaders);
    high = client(env(), (await actor(env(), { permissions: perms, maxClassification: 'restricted' })).headers);
    for (const f of [
      { entity: 'contact', key: 'salary', classification: 'restricted' },
      { entity: 'contact', key: 'nickname', classification: 'internal' },
      { entity: 'company', key: 'margin', classification: 'confidential' },
    ]) expect((await admin.post('/custom-fields', { ...f, type: 'text', label: label(f.key) })).status).toBe(201);
    const co = await admin.post('/companies', { name: 'Masked Co', custom: { margin: `${SECRET}-co-1` } });
    ids.company = co.body.id;
    expect((await admin.patch(`/companies/${ids.company}`, { custom: { margin: `${SECRET}-co-2` }, industry: 'Retail' })).status).toBe(200);
    const x = await admin.post('/contacts', { givenName: 'Xuân', emails: [{ address: 'xuan@masked.test' }], companyId: ids.company, custom: { salary: `${SECRET}-1`, nickname: 'Bee' } });
    ids.x = x.body.id;
    expect((await admin.patch(`/contacts/${ids.x}`, { custom: { salary: `${SECRET}-2`, nickname: 'Bo' }, jobTitle: 'Buyer' })).status).toBe(200);
    const y = await admin.post('/contacts', { givenName: 'Xuan', emails: [{ address: 'XUAN@masked.test' }], custom: { salary: `${SECRET}-3` } });
    ids.y = y.body.id;
    expect((await admin.post('/duplicates/scan', {})).status).toBe(200);
  });

  it('timeline field changes: a hidden field shows as changed with no values; visible ones keep theirs', async () => {
    const res = await low.get(`/contacts/${ids.x}/timeline?types=field_change`);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
    const changes = res.body.data.flatMap((i: { changes: unknown[] }) => i.changes);
    expect(changes).toContainEqual({ field: 'custom.salary', before: null, after: null, masked: true });
    expect(changes).toContainEqual({ field: 'custom.nickname', before: 'Bee', after: 'Bo' });
    expect(changes).toContainEqual({ field: 'jobTitle', before: null, after: 'Buyer' });
    // A reader cleared for the level sees the values, so the masking is by clearance, not a blanket removal.
    const full = await high.get(`/contacts/${ids.x}/timeline?types=field_change`);
    expect(full.body.data.flatMap((i: { changes: unknown[] }) => i.changes)).toContainEqual({ field: 'custom.salary', before: `${SECRET}-1`, after: `${SECRET}-2` });
    const company = await low.get(`/companies/${ids.company}/timeline`);
    expect(JSON.stringify(company.body)).not.toContain(SECRET);
    expect(company.body.data.flatMap((i: { changes: unknown[] | null }) => i.changes ?? [])).toContainEqual({ field: 'custom.margin', before: null, after: null, masked: true });
    expect(JSON.stringify((await high.get(`/companies/${ids.company}/timeline`)).body)).toContain(`${SECRET}-co-2`);
  });

  it('merge preview and merge result mask hidden fields; a low-clearance merge keeps the survivor\'s hidden values', async () => {
    const body = { survivorId: ids.x, mergedId: ids.y, choices: {} };
    const preview = await low.post('/contacts/merge/preview', body);
    expect(preview.status).toBe(200);
    expect(JSON.stringify(preview.body)).not.toContain(SECRET);
    expect(preview.body.record.custom).toMatchObject({ salary: null, nickname: 'Bo' });
    expect((await high.post('/contacts/merge/preview', body)).body.record.custom.salary).toBe(`${SECRET}-2`);
    const merged = await low.post('/contacts/merge', body);
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(JSON.stringify(merged.body)).not.toContain(SECRET);
    expect((await admin.get(`/contacts/${ids.x}`)).body.custom).toMatchObject({ salary: `${SECRET}-2`, nickname: 'Bo' });
    const tl = await low.get(`/contacts/${ids.x}/timeline?types=field_change`);
    expect(JSON.stringify(tl.body)).not.toContain(SECRET);
  });

  it('the audit viewer shows administrators everything (the presenter passes their clearance through)', async () => {
    const res = await admin.get(`/audit?entity=contact&entityId=${ids.x}&limit=200`);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain(`${SECRET}-2`);
    expect((await low.get('/audit')).status).toBe(403);
  });

  it('no GET route (and no POST read) shows a hidden value to a low-clearance reader', async () => {
    const doc = (await env().app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const fill = (path: string) => path.replace(/\{(\w+)\}/g, (_m, name: string) => (name !== 'id' ? 'x' : path.startsWith('/api/v1/companies') ? ids.company! : ids.x!));
    const queries: Record<string, string> = { '/api/v1/search': '?q=xuan', '/api/v1/contacts/duplicates-check': '?email=xuan@masked.test' };
    const gets = Object.entries(doc.paths).filter(([path, ops]) => path.startsWith('/api/v1/') && ops.get).map(([path]) => path);
    expect(gets.length).toBeGreaterThan(30);
    const seen: string[] = [];
    for (const path of gets) {
      const url = fill(path) + (queries[path] ?? '');
      const res = await env().app.inject({ method: 'GET', url, headers: lowHeaders });
      const text = res.body.startsWith('PK') ? await unzipText(res.rawPayload) : res.body;
      expect(text, `${url} (${res.statusCode})`).not.toContain(SECRET);
      if (res.statusCode === 200) seen.push(path);
    }
    // The walk really read the record paths (a 404 everywhere would pass vacuously).
    for (const p of ['/api/v1/contacts/{id}', '/api/v1/contacts/{id}/timeline', '/api/v1/companies/{id}', '/api/v1/contacts', '/api/v1/contacts/export', '/api/v1/companies/export', '/api/v1/contacts/{id}/export', '/api/v1/contacts/kanban']) {
      expect(seen, p).toContain(p);
    }
    for (const [url, payload] of [['/api/v1/contacts/merge/preview', { survivorId: ids.x, mergedId: ids.y, choices: {} }]] as const) {
      const res = await env().app.inject({ method: 'POST', url, headers: lowHeaders, payload });
      expect(res.body, url).not.toContain(SECRET);
    }
  });
});
