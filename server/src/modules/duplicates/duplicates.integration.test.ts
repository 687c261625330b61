import { sql } from 'kysely';
import { expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createRole, createUser, signIn } from '../../platform/testing/factories.js';
import { describeEachDialect, type TestEnv } from '../../platform/testing/harness.js';
import { resolveAuditData } from '../../platform/audit/audit.js';
import { registerContactReference, unregisterContactReference } from './index.js';

async function post(env: TestEnv, h: Record<string, string>, url: string, payload: unknown) {
  return env.app.inject({ method: 'POST', url, headers: h, payload: payload as object });
}

async function setup(env: TestEnv) {
  const db = env.database.db;
  const admin = await createUser(db, { admin: true, name: 'Merge Admin' });
  const h = await signIn(db, admin);
  const company = (await post(env, h, '/api/v1/companies', { name: 'Acme Việt Nam' })).json();
  const mk = async (body: object) => {
    const r = await post(env, h, '/api/v1/contacts', body);
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const a = await mk({ givenName: 'An', familyName: 'Nguyễn Văn', emails: [{ address: 'an@acme.test' }], phones: [{ number: '0903 123 456' }], companyId: company.id, tags: ['vip'] });
  const b = await mk({ givenName: 'Van An', familyName: 'Nguyen', emails: [{ address: 'AN@acme.test' }, { address: 'an.private@mail.test' }], tags: ['newsletter'], consent: { email: { status: 'granted', source: 'web_form' } } });
  const c = await mk({ givenName: 'Bình', familyName: 'Trần', phones: [{ number: '+84 903 123 456' }] });
  const d = await mk({ givenName: 'Anh', familyName: 'Nguyen Van', companyId: company.id });
  const e = await mk({ givenName: 'Unrelated', familyName: 'Person', emails: [{ address: 'other@else.test' }], companyId: company.id });
  return { db, admin, h, company, a, b, c, d, e };
}

const count = async (env: TestEnv, table: string, contactId: string) =>
  Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where contact_id = ${contactId}`.execute(env.database.db)).rows[0]!.n);

describeEachDialect('duplicates', (env) => {
  it('warns on the same normalised email or E.164 phone and the same name at the same company, scored', async () => {
    const { h, company, a, b, c, d, e } = await setup(env());
    const check = async (q: string) => (await env().app.inject({ method: 'GET', url: `/api/v1/contacts/duplicates-check?${q}`, headers: h })).json().data as { contact: { id: string }; reasons: string[]; score: number }[];
    const byEmail = await check('email=%20An@ACME.test%20');
    expect(byEmail.map((x) => x.contact.id).sort()).toEqual([a, b].sort());
    expect(byEmail.every((x) => x.reasons.includes('email'))).toBe(true);
    const byPhone = await check('phone=0903123456');
    expect(byPhone.map((x) => x.contact.id).sort()).toEqual([a, c].sort());
    // "Nguyen Van Anh" (d) is another person: An and Anh are different names.
    const byName = await check(`name=${encodeURIComponent('Nguyen Van An')}&companyId=${company.id}`);
    expect(byName.map((x) => x.contact.id)).toEqual([a]);
    expect(byName.map((x) => x.contact.id)).not.toContain(d);
    expect(byName.map((x) => x.contact.id)).not.toContain(e);
    const editing = await check(`email=an@acme.test&excludeId=${a}`);
    expect(editing.map((x) => x.contact.id)).toEqual([b]);
    const all = await check(`email=an@acme.test&phone=0903123456&name=${encodeURIComponent('An Nguyễn Văn')}&companyId=${company.id}`);
    expect(all[0]!.contact.id).toBe(a);
    expect(all[0]!.reasons.sort()).toEqual(['email', 'name_company', 'phone']);
    expect(all[0]!.score).toBeGreaterThan(all[1]!.score);
    // Bình Trần shares the phone but not the name: no warning once the name is typed.
    expect(all.map((x) => x.contact.id)).not.toContain(c);
  });

  it('lists pairs found in the background by score within scope, and keeps dismissals across rescans', async () => {
    const { db, h, company, a, b, c, d, e } = await setup(env());
    const f = (await post(env(), h, '/api/v1/contacts', { givenName: 'Van An', familyName: 'Nguyen', companyId: company.id })).json().id as string;
    for (let i = 0; i < 50 && ((await env().ctx.services.events.runOnce()) + (await env().ctx.services.jobs.runOnce())) > 0; i++);
    const list = async (hh = h) => (await env().app.inject({ method: 'GET', url: '/api/v1/duplicates?entity=contact&limit=200', headers: hh })).json();
    const pairs = (await list()).data as { a: { id: string }; b: { id: string }; reasons: string[]; score: number }[];
    const key = (x: string, y: string) => [x, y].sort().join('|');
    const found = new Map(pairs.map((p) => [key(p.a.id, p.b.id), p]));
    expect(found.get(key(a, b))?.reasons).toEqual(['email', 'name']);
    expect(found.get(key(a, f))?.reasons).toEqual(['name_company']);
    expect(found.has(key(a, c))).toBe(false);
    expect(found.has(key(a, d))).toBe(false);
    for (const id of [a, b, c, d]) expect(found.has(key(id, e))).toBe(false);
    expect(pairs.map((p) => p.score)).toEqual([...pairs.map((p) => p.score)].sort((x, y) => y - x));
    // The rescan endpoint finds the same pairs.
    const scan = await post(env(), h, '/api/v1/duplicates/scan', {});
    expect(scan.statusCode).toBe(200);
    expect((await list()).data.map((p: { id: string }) => p.id)).toEqual(pairs.map((p) => (p as unknown as { id: string }).id));
    // Keyset pages cover the same pairs.
    const p1 = (await env().app.inject({ method: 'GET', url: '/api/v1/duplicates?limit=1', headers: h })).json();
    const p2 = (await env().app.inject({ method: 'GET', url: `/api/v1/duplicates?limit=200&cursor=${p1.nextCursor}`, headers: h })).json();
    expect([...p1.data, ...p2.data].map((p: { id: string }) => p.id)).toEqual(pairs.map((p) => (p as unknown as { id: string }).id));
    // A user who sees only their own contacts sees no pair.
    const role = await createRole(db, { permissions: { contacts: { actions: ['read'], scope: 'own' } } });
    const other = await createUser(db, { roleId: role.id });
    expect((await list(await signIn(db, other))).data).toHaveLength(0);
    // Dismiss survives a rescan.
    expect((await post(env(), h, '/api/v1/duplicates/dismiss', { aId: f, bId: a })).statusCode).toBe(204);
    await post(env(), h, '/api/v1/duplicates/scan', {});
    const after = (await list()).data as { a: { id: string }; b: { id: string } }[];
    expect(after.some((p) => key(p.a.id, p.b.id) === key(a, f))).toBe(false);
    expect(after.some((p) => key(p.a.id, p.b.id) === key(a, b))).toBe(true);
  });

  it('previews and merges: every relation moves to the survivor, values are unioned, merged is soft-deleted, audited', async () => {
    const { db, h, a, b } = await setup(env());
    // Relations on the merged contact: activities (one with a file), consent history, side tables, and
    // two tables of a "later module" discovered by their contact_id column — one with a uniqueness rule.
    const n1 = (await post(env(), h, '/api/v1/activities', { type: 'note', contactId: b, body: 'met at fair' })).json();
    await post(env(), h, '/api/v1/activities', { type: 'call', contactId: b, direction: 'inbound' });
    await post(env(), h, '/api/v1/activities', { type: 'task', contactId: a, subject: 'follow up' });
    const boundary = 'xx';
    const up = await env().app.inject({
      method: 'POST', url: `/api/v1/activities/${n1.id}/attachments`,
      headers: { ...h, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="card.txt"\r\n\r\nbusiness card\r\n--${boundary}--\r\n`,
    });
    expect(up.statusCode).toBe(201);
    await sql`create table test_deal_links (id text primary key, contact_id text, deal text)`.execute(db);
    await sql`create table test_list_members (id text primary key, list_id text not null, contact_id text not null)`.execute(db);
    await sql`create unique index test_list_members_uq on test_list_members (list_id, contact_id)`.execute(db);
    await sql`insert into test_deal_links values ('d1', ${b}, 'big deal'), ('d2', ${b}, 'small deal')`.execute(db);
    await sql`insert into test_list_members values ('m1', 'L1', ${a}), ('m2', 'L1', ${b}), ('m3', 'L2', ${b})`.execute(db);
    try {
      const before = {
        activities: [await count(env(), 'activities', a), await count(env(), 'activities', b)],
        consent: [await count(env(), 'consent_history', a), await count(env(), 'consent_history', b)],
      };
      expect(before.activities).toEqual([1, 2]);
      expect(before.consent[1]).toBeGreaterThan(0);
      const body = { survivorId: a, mergedId: b, choices: { givenName: 'merged', familyName: 'merged' } };
      const preview = await post(env(), h, '/api/v1/contacts/merge/preview', body);
      expect(preview.statusCode, preview.body).toBe(200);
      expect(preview.json().record).toMatchObject({ givenName: 'Van An', familyName: 'Nguyen', tags: ['vip', 'newsletter'] });
      expect(preview.json().record.emails.map((e: { address: string }) => e.address)).toEqual(['an@acme.test', 'an.private@mail.test']);
      expect(preview.json().moved).toMatchObject({ 'activities.contact_id': 2, 'test_deal_links.contact_id': 2, 'test_list_members.contact_id': 2 });
      // The preview changed nothing.
      expect(await count(env(), 'activities', b)).toBe(2);

      const res = await post(env(), h, '/api/v1/contacts/merge', body);
      expect(res.statusCode, res.body).toBe(200);
      expect(await count(env(), 'activities', a)).toBe(3);
      expect(await count(env(), 'activities', b)).toBe(0);
      expect(await count(env(), 'consent_history', b)).toBe(0);
      expect(await count(env(), 'consent_history', a)).toBeGreaterThanOrEqual(before.consent[0]! + before.consent[1]!);
      expect(await count(env(), 'test_deal_links', a)).toBe(2);
      expect(await count(env(), 'test_deal_links', b)).toBe(0);
      // The survivor already was on list L1: the merged copy is dropped; L2 moves.
      expect(await count(env(), 'test_list_members', a)).toBe(2);
      expect(await count(env(), 'test_list_members', b)).toBe(0);
      for (const t of ['contact_emails', 'contact_phones', 'contact_tags']) expect(await count(env(), t, b)).toBe(0);
      expect(await count(env(), 'contact_emails', a)).toBe(2);
      expect(await count(env(), 'contact_phones', a)).toBe(1);
      expect(await count(env(), 'contact_tags', a)).toBe(2);
      // Attachments follow their activity.
      const att = await db.selectFrom('attachments').innerJoin('activities', 'activities.id', 'attachments.activity_id').select('activities.contact_id').where('attachments.id', '=', up.json().id).executeTakeFirstOrThrow();
      expect(att.contact_id).toBe(a);
      expect(fs.existsSync(path.join(env().config.dataDir, (await db.selectFrom('attachments').select('path').where('id', '=', up.json().id).executeTakeFirstOrThrow()).path))).toBe(true);

      const merged = await db.selectFrom('contacts').selectAll().where('id', '=', b).executeTakeFirstOrThrow();
      expect(merged.deleted_at).not.toBeNull();
      expect(merged.merged_into).toBe(a);
      const survivor = (await env().app.inject({ method: 'GET', url: `/api/v1/contacts/${a}`, headers: h })).json();
      expect(survivor).toMatchObject({ givenName: 'Van An', familyName: 'Nguyen', tags: ['vip', 'newsletter'] });
      expect(survivor.consent.email.status).toBe('granted');
      const entry = await db.selectFrom('audit_log').selectAll().where('entity', '=', 'contact').where('entity_id', '=', a).where('action', '=', 'merge').executeTakeFirstOrThrow();
      const [resolved] = await resolveAuditData(db, [JSON.parse(entry.before!)]);
      expect(resolved).toMatchObject({ survivor: { id: a, given_name: 'An' }, merged: { id: b, given_name: 'Van An' } });
      const events = await db.selectFrom('outbox').select(['type', 'data']).where('type', '=', 'contact.merged').where('entity_id', '=', a).execute();
      expect(events).toHaveLength(1);
      // Merging into a deleted contact is refused.
      expect((await post(env(), h, '/api/v1/contacts/merge', { survivorId: b, mergedId: a })).statusCode).toBe(400);
    } finally {
      await sql`drop table test_deal_links`.execute(db);
      await sql`drop table test_list_members`.execute(db);
    }
  });

  it('is one transaction: a failure midway changes nothing', async () => {
    const { db, h, a, b } = await setup(env());
    await post(env(), h, '/api/v1/activities', { type: 'note', contactId: b, body: 'stays put' });
    const snapshot = async () => ({
      acts: [await count(env(), 'activities', a), await count(env(), 'activities', b)],
      emails: [await count(env(), 'contact_emails', a), await count(env(), 'contact_emails', b)],
      consent: [await count(env(), 'consent_history', a), await count(env(), 'consent_history', b)],
      rows: await db.selectFrom('contacts').select(['id', 'version', 'deleted_at', 'given_name', 'emails']).where('id', 'in', [a, b]).orderBy('id').execute(),
      audit: Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
      outbox: Number((await db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    });
    const before = await snapshot();
    // Registered after activities and consent_history, so those have moved when this one fails.
    registerContactReference('no_such_table', 'contact_id');
    try {
      const res = await post(env(), h, '/api/v1/contacts/merge', { survivorId: a, mergedId: b, choices: {} });
      expect(res.statusCode).toBe(500);
    } finally {
      unregisterContactReference('no_such_table', 'contact_id');
    }
    expect(await snapshot()).toEqual(before);
  });
});
