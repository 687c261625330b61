import { expect, it } from 'vitest';
import { createRole, createUser, signIn } from '../../platform/testing/factories.js';
import { describeEachDialect, type TestEnv } from '../../platform/testing/harness.js';
import { DUPLICATE_SCAN_JOB } from './index.js';

type Pair = { id: string; a: { id: string }; b: { id: string }; score: number; reasons: string[] };
const key = (x: string, y: string) => [x, y].sort().join('|');

async function call(env: TestEnv, h: Record<string, string>, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  return env.app.inject({ method, url: `/api/v1${url}`, headers: h, ...(payload ? { payload } : {}) });
}

/** Delivers pending events and runs due jobs until nothing is left: what the worker loops do in production. */
async function settle(env: TestEnv): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const delivered = await env.ctx.services.events.runOnce();
    const ran = await env.ctx.services.jobs.runOnce();
    if (!delivered && !ran) return;
  }
  throw new Error('events or jobs never settled');
}

async function admin(env: TestEnv) {
  const db = env.database.db;
  const user = await createUser(db, { admin: true, name: 'Dup Admin' });
  const h = await signIn(db, user);
  // The start-up rescan (one per scoring version) runs here, before the records of a test exist.
  await settle(env);
  const mk = async (url: string, body: object) => {
    const r = await call(env, h, 'POST', url, body);
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const pairs = async (url = '/duplicates?limit=200', hh = h) => {
    const r = await call(env, hh, 'GET', url);
    expect(r.statusCode, r.body).toBe(200);
    return new Map((r.json().data as Pair[]).map((p) => [key(p.a.id, p.b.id), p]));
  };
  return { db, h, mk, pairs };
}

describeEachDialect('duplicates found in the background', (env) => {
  it('a contact created twice (diacritics differ, same phone) is listed by the running worker, with no compute call', async () => {
    const { h, mk, pairs } = await admin(env());
    const company = await mk('/companies', { name: 'Minh Long Logistics' });
    env().ctx.services.events.start();
    env().ctx.services.jobs.start();
    try {
      const a = await mk('/contacts', { givenName: 'Thị Minh Khai', familyName: 'Nguyễn', phones: [{ number: '0912 345 678' }] });
      const b = await mk('/contacts', { givenName: 'Thi Minh Khai', familyName: 'Nguyen', phones: [{ number: '+84 912 345 678' }] });
      const le = await mk('/contacts', { givenName: 'Minh', familyName: 'Lê', companyId: company });
      const ly = await mk('/contacts', { givenName: 'Minh', familyName: 'Lý', companyId: company });
      let found: Pair | undefined;
      for (let i = 0; i < 100 && !found; i++) {
        found = (await pairs()).get(key(a, b));
        if (!found) await new Promise((r) => setTimeout(r, 100));
      }
      expect(found, 'pair listed within 10 s').toBeDefined();
      expect(found!.score).toBeGreaterThanOrEqual(0.9);
      expect(found!.reasons.sort()).toEqual(['name', 'phone']);
      // Different family names at one company are no candidate.
      await settle(env());
      expect((await pairs()).has(key(le, ly))).toBe(false);
      // An edit that makes them different people removes the pair; renaming back brings it again.
      expect((await call(env(), h, 'PATCH', `/contacts/${b}`, { givenName: 'Văn Hùng', familyName: 'Trần' })).statusCode).toBe(200);
      await settle(env());
      expect((await pairs()).has(key(a, b))).toBe(false);
      expect((await call(env(), h, 'PATCH', `/contacts/${b}`, { givenName: 'Thi Minh Khai', familyName: 'Nguyen' })).statusCode).toBe(200);
      await settle(env());
      expect((await pairs()).has(key(a, b))).toBe(true);
      // Deleting one side removes the stored pair, not only hides it.
      expect((await call(env(), h, 'DELETE', `/contacts/${b}`)).statusCode).toBe(204);
      await settle(env());
      const left = await env().database.db.selectFrom('contact_duplicates').select('id').where((eb) => eb.or([eb('a_id', '=', b), eb('b_id', '=', b)])).execute();
      expect(left).toHaveLength(0);
    } finally {
      await env().ctx.services.events.stop();
      await env().ctx.services.jobs.stop();
    }
  });

  it('finds duplicate companies by domain, name without legal form and phone; dismissal sticks; scope applies', async () => {
    const { db, h, mk, pairs } = await admin(env());
    const x = await mk('/companies', { name: 'Công ty TNHH Acme Việt Nam', domain: 'acme.vn' });
    const y = await mk('/companies', { name: 'ACME Vietnam Co., Ltd', domain: 'https://www.acme.vn' });
    const p = await mk('/companies', { name: 'Đại Phát', phones: [{ number: '028 3812 3456' }] });
    const q = await mk('/companies', { name: 'Minh Long', phones: [{ number: '+84 28 3812 3456' }] });
    const r = await mk('/companies', { name: 'Công ty Cổ phần Đại Phát', phones: [{ number: '(028) 38123456' }] });
    await settle(env());
    const found = await pairs('/duplicates/companies?limit=200');
    expect(found.get(key(x, y))?.reasons.sort()).toEqual(['company_name', 'domain']);
    expect(found.get(key(x, y))!.score).toBeGreaterThan(0.95);
    expect(found.get(key(p, r))?.reasons.sort()).toEqual(['company_name', 'phone']);
    // A shared switchboard alone is no duplicate.
    expect(found.has(key(p, q))).toBe(false);
    expect(found.has(key(q, r))).toBe(false);
    // Dismissed: hidden, and stays hidden after a rescan.
    expect((await call(env(), h, 'POST', '/duplicates/dismiss', { entity: 'company', aId: y, bId: x })).statusCode).toBe(204);
    expect((await call(env(), h, 'POST', '/duplicates/scan')).statusCode).toBe(200);
    const after = await pairs('/duplicates/companies?limit=200');
    expect(after.has(key(x, y))).toBe(false);
    expect(after.has(key(p, r))).toBe(true);
    // Renaming a company away from its twin drops the pair (company.updated is listened to).
    expect((await call(env(), h, 'PATCH', `/companies/${r}`, { name: 'Sao Mai', phones: [] })).statusCode).toBe(200);
    await settle(env());
    expect((await pairs('/duplicates/companies?limit=200')).has(key(p, r))).toBe(false);
    // Who sees only their own companies sees none of these pairs; who cannot read companies is refused.
    const own = await createUser(db, { roleId: (await createRole(db, { permissions: { companies: { actions: ['read'], scope: 'own' }, contacts: { actions: ['read', 'update'], scope: 'all' } } })).id });
    const hOwn = await signIn(db, own);
    expect((await pairs('/duplicates/companies?limit=200', hOwn)).size).toBe(0);
    expect((await call(env(), hOwn, 'POST', '/duplicates/dismiss', { entity: 'company', aId: p, bId: r })).statusCode).toBe(403);
    const none = await createUser(db, { roleId: (await createRole(db, { permissions: { contacts: { actions: ['read'], scope: 'all' } } })).id });
    expect((await call(env(), await signIn(db, none), 'GET', '/duplicates/companies')).statusCode).toBe(403);
  });

  it('the full rescan job finds pairs of existing data and is idempotent (same rows, dismissals kept, queue empty)', async () => {
    const { db, h, mk } = await admin(env());
    const a = await mk('/contacts', { givenName: 'Henry', familyName: 'Walker', emails: [{ address: 'henry@walker.test' }] });
    const b = await mk('/contacts', { givenName: 'Harry', familyName: 'Walker', emails: [{ address: 'Henry@Walker.test' }] });
    const c = await mk('/contacts', { givenName: 'Văn An', familyName: 'Nguyễn', phones: [{ number: '0903 111 222' }] });
    const d = await mk('/contacts', { givenName: 'Van An', familyName: 'Nguyen', phones: [{ number: '0903111222' }] });
    await settle(env());
    // Data from before this feature: no pair stored, nothing queued.
    await db.deleteFrom('contact_duplicates').execute();
    await db.deleteFrom('duplicate_queue').execute();
    expect((await call(env(), h, 'POST', '/duplicates/dismiss', { aId: c, bId: d })).statusCode).toBe(204);
    const snapshot = async () => db.selectFrom('contact_duplicates').select(['id', 'a_id', 'b_id', 'score', 'reasons', 'dismissed_at']).orderBy('a_id').orderBy('b_id').execute();
    await env().ctx.services.jobs.enqueue(db, DUPLICATE_SCAN_JOB, {});
    await settle(env());
    const first = await snapshot();
    expect(first.map((r) => key(r.a_id, r.b_id)).sort()).toEqual([key(a, b), key(c, d)].sort());
    expect(first.find((r) => key(r.a_id, r.b_id) === key(a, b))!.reasons).toBe('["email","name"]');
    expect(first.find((r) => key(r.a_id, r.b_id) === key(c, d))!.dismissed_at).not.toBeNull();
    await env().ctx.services.jobs.enqueue(db, DUPLICATE_SCAN_JOB, {});
    await settle(env());
    expect(await snapshot()).toEqual(first);
    expect(Number((await db.selectFrom('duplicate_queue').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
    // Redelivering an event (at-least-once delivery) queues the same record again and changes nothing.
    await db.updateTable('outbox').set({ dispatched_at: null }).where('entity_id', '=', a).execute();
    await settle(env());
    expect(await snapshot()).toEqual(first);
  });
});

describeEachDialect('duplicates found in the background: the sweep', (env) => {
  it('a record left in the queue (no refresh job waiting) is refreshed by the 10-minute schedule', async () => {
    const { db, mk, pairs } = await admin(env());
    const a = await mk('/contacts', { givenName: 'Henry', familyName: 'Walker', emails: [{ address: 'hw@walker.test' }] });
    const b = await mk('/contacts', { givenName: 'Henry', familyName: 'Walker', emails: [{ address: 'HW@walker.test' }] });
    // Events delivered without the listener's job: the queue rows exist, nothing drains them.
    await env().ctx.services.events.runOnce();
    await db.updateTable('jobs').set({ status: 'cancelled' }).where('name', '=', 'duplicates.refresh').where('status', '=', 'queued').execute();
    await env().ctx.services.jobs.runOnce();
    expect((await pairs()).has(key(a, b))).toBe(false);
    await db.updateTable('schedules').set({ next_run_at: new Date(Date.now() - 1000).toISOString() }).where('name', '=', 'duplicates.refresh.sweep').execute();
    await settle(env());
    expect((await pairs()).get(key(a, b))?.reasons.sort()).toEqual(['email', 'name']);
  });
});

describeEachDialect('duplicates found in the background: imports', (env) => {
  it('an imported batch is checked: the new contact against an existing one, the company it created against an existing company', async () => {
    const { h, mk, pairs } = await admin(env());
    const existing = await mk('/contacts', { givenName: 'Văn Bình', familyName: 'Nguyễn', phones: [{ number: '0903 222 333' }] });
    const company = await mk('/companies', { name: 'Sao Mai JSC', domain: 'saomai.vn' });
    await settle(env());
    const csv = Buffer.from('First Name,Last Name,Phone,Company\nVan Binh,Nguyen,+84903222333,Công ty TNHH Sao Mai\n');
    const boundary = '----kithdupes';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="people.csv"\r\nContent-Type: text/csv\r\n\r\n`),
      csv, Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await env().app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...h, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(up.statusCode, up.body).toBe(201);
    const id = up.json().id as string;
    expect((await call(env(), h, 'PUT', `/imports/${id}/mapping`, { mapping: up.json().suggestedMapping, onDuplicate: 'create' })).statusCode).toBe(200);
    expect((await call(env(), h, 'POST', `/imports/${id}/start`)).statusCode).toBe(202);
    await settle(env());
    const imported = (await env().database.db.selectFrom('contacts').select(['id', 'company_id']).where('id', '!=', existing).where('deleted_at', 'is', null).execute());
    expect(imported).toHaveLength(1);
    const person = (await pairs()).get(key(existing, imported[0]!.id));
    expect(person?.reasons.sort()).toEqual(['name', 'phone']);
    expect(person!.score).toBeGreaterThanOrEqual(0.9);
    expect((await pairs('/duplicates/companies?limit=200')).get(key(company, imported[0]!.company_id!))?.reasons).toEqual(['company_name']);
  });
});
