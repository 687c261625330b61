import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { createUser, signIn } from '../../platform/testing/factories.js';
import { module as identity } from '../identity/index.js';
import { module as contacts } from '../contacts/index.js';
import { module } from './index.js';

describeEachDialect('activities demo', (env) => {
  it('gives every demo contact a history of ≥ 3 activities by ≥ 2 users over the last months, once, and leaves real contacts alone', async () => {
    const { db } = env().database;
    expect(await module.demo!(env().ctx)).toBe('activities: none added, there is no active user to write them');
    const admin = await createUser(db, { admin: true });
    await identity.demo!(env().ctx);
    expect(await contacts.demo!(env().ctx)).toMatch(/^contacts and companies: 300 contacts/);
    // A real contact (not at example.com), added before the demo's activities: it must get none.
    const real = await env().app.inject({
      method: 'POST', url: '/api/v1/contacts', headers: await signIn(db, admin), payload: { givenName: 'Real', familyName: 'Person', emails: [{ address: 'real@kith.test' }] },
    });
    expect(real.statusCode).toBe(201);

    const said = await module.demo!(env().ctx);
    expect(said).toMatch(/^activities: \d+ notes, calls, meetings, emails and tasks added to 300 demo contacts$/);
    expect(await module.demo!(env().ctx)).toBe('activities: none added, no demo contact is without a history');

    const perContact = await db.selectFrom('contacts as c')
      .leftJoin('activities as a', (j) => j.onRef('a.contact_id', '=', 'c.id').on('a.deleted_at', 'is', null))
      .select(['c.id', 'c.primary_email'])
      .select((eb) => [eb.fn.count<number>('a.id').as('n'), eb.fn.count<number>(sql`distinct a.owner_id`).as('authors')])
      .where('c.deleted_at', 'is', null)
      .groupBy(['c.id', 'c.primary_email'])
      .execute();
    expect(perContact).toHaveLength(301);
    for (const c of perContact) {
      if (c.primary_email === 'real@kith.test') {
        expect(Number(c.n)).toBe(0);
        continue;
      }
      expect(Number(c.n), `activities of ${c.id}`).toBeGreaterThanOrEqual(3);
      expect(Number(c.authors), `authors of ${c.id}`).toBeGreaterThanOrEqual(2);
    }
    // Every kind of activity, spread over months, by several users, shown on a contact's timeline.
    const kinds = await db.selectFrom('activities').select('type').distinct().execute();
    expect(kinds.map((k) => k.type).sort()).toEqual(['call', 'email', 'meeting', 'note', 'task']);
    const span = await db.selectFrom('activities').select((eb) => [eb.fn.min('occurred_at').as('first'), eb.fn.max('occurred_at').as('last')]).executeTakeFirstOrThrow();
    expect(Date.parse(String(span.last)) - Date.parse(String(span.first))).toBeGreaterThan(120 * 86_400_000);
    expect(Date.parse(String(span.last))).toBeLessThanOrEqual(Date.now());
    const owners = await db.selectFrom('activities').select('owner_id').distinct().execute();
    expect(owners.length).toBeGreaterThanOrEqual(5);
    // Written in the contact's language: Vietnamese for a contact in Vietnam, English otherwise.
    const subjects = async (country: string) => {
      const c = await db.selectFrom('contacts').select('id').where('addresses', 'like', `%"country":"${country}"%`).where('primary_email', 'like', '%@example.com').limit(1).executeTakeFirstOrThrow();
      return (await db.selectFrom('activities').select('subject').where('contact_id', '=', c.id).execute()).map((a) => a.subject ?? '');
    };
    expect((await subjects('VN')).every((s) => /[^ -~]/.test(s))).toBe(true);
    expect((await subjects('US')).every((s) => /^[ -~]+$/.test(s))).toBe(true);
    const one = perContact.find((c) => c.primary_email !== 'real@kith.test')!;
    const tl = await env().app.inject({ method: 'GET', url: `/api/v1/contacts/${one.id}/timeline?types=note,call,meeting,email,task`, headers: await signIn(db, admin) });
    expect(tl.statusCode).toBe(200);
    expect(tl.json().data.length).toBe(Number(one.n));
  }, 180_000);
});
