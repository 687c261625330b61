import { expect, it } from 'vitest';
import type { TimelineItem } from '../../../../contracts/activities.js';
import { createRole, createUser, signIn } from '../../platform/testing/factories.js';
import { describeEachDialect, type TestEnv } from '../../platform/testing/harness.js';

const at = (m: number) => new Date(Date.UTC(2026, 5, 1, 9, m)).toISOString();

async function setup(env: TestEnv) {
  const db = env.database.db;
  const admin = await createUser(db, { admin: true, name: 'Admin Person' });
  const h = await signIn(db, admin);
  // A reader who sees every company but only the contacts they own.
  const role = await createRole(db, { permissions: {
    companies: { actions: ['read'], scope: 'all' }, contacts: { actions: ['read'], scope: 'own' }, activities: { actions: ['read'], scope: 'own' },
  } });
  const reader = await createUser(db, { roleId: role.id, name: 'Scoped Reader' });
  const post = async (url: string, payload: object) => {
    const r = await env.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: h, payload });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const company = await post('/companies', { name: 'Lotus Trading' });
  const other = await post('/companies', { name: 'Mekong Foods' });
  const lan = await post('/contacts', { givenName: 'Lan', familyName: 'Nguyễn', companyId: company, ownerId: reader.id });
  const henry = await post('/contacts', { givenName: 'Henry', familyName: 'Walker', companyId: company });
  const loner = await post('/contacts', { givenName: 'Solo', familyName: 'Person', companyId: other });
  const ids = {
    call: await post('/activities', { type: 'call', contactId: lan, occurredAt: at(1), subject: 'call 1' }),
    note: await post('/activities', { type: 'note', contactId: henry, occurredAt: at(2), subject: 'note 2' }),
    // Logged on the company and on Henry: shown once, from the company's own activities.
    meeting: await post('/activities', { type: 'meeting', contactId: henry, companyId: company, occurredAt: at(3), subject: 'meeting 3' }),
    email: await post('/activities', { type: 'email', contactId: loner, occurredAt: at(4), subject: 'email 4' }),
    companyNote: await post('/activities', { type: 'note', companyId: company, occurredAt: at(5), subject: 'company note' }),
  };
  return { db, h, reader, company, other, lan, henry, ids };
}

async function timeline(env: TestEnv, headers: Record<string, string>, companyId: string, query = '') {
  const seen: TimelineItem[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url: string = `/api/v1/companies/${companyId}/timeline?limit=2&types=note,call,meeting,email,task${query}${cursor ? `&cursor=${cursor}` : ''}`;
    const r = await env.app.inject({ method: 'GET', url, headers });
    expect(r.statusCode, r.body).toBe(200);
    seen.push(...r.json().data);
    cursor = r.json().nextCursor;
    pages++;
  } while (cursor && pages < 10);
  return seen;
}

describeEachDialect('company timeline rolls up its contacts\' activities', (env) => {
  it('shows its people\'s activities once, newest first across pages, labelled with the contact', async () => {
    const { h, company, lan, henry, ids } = await setup(env());
    const items = await timeline(env(), h, company);
    expect(items.map((i) => i.activity?.subject)).toEqual(['company note', 'meeting 3', 'note 2', 'call 1']);
    expect(items.map((i) => i.id)).toEqual([ids.companyNote, ids.meeting, ids.note, ids.call]);
    expect(items.map((i) => i.contact?.name ?? null)).toEqual([null, 'Henry Walker', 'Henry Walker', 'Nguyễn Lan']);
    expect(items.find((i) => i.id === ids.call)!.contact).toEqual({ id: lan, name: 'Nguyễn Lan' });
    expect(items.find((i) => i.id === ids.note)!.contact?.id).toBe(henry);
    // The type filter applies to the roll-up too.
    const calls = await env().app.inject({ method: 'GET', url: `/api/v1/companies/${company}/timeline?types=call`, headers: h });
    expect(calls.json().data.map((i: TimelineItem) => i.id)).toEqual([ids.call]);
    // A contact's own timeline is unchanged and carries no label.
    const own = await env().app.inject({ method: 'GET', url: `/api/v1/contacts/${henry}/timeline?types=note,meeting`, headers: h });
    expect(own.json().data.map((i: TimelineItem) => [i.id, i.contact ?? null])).toEqual([[ids.meeting, null], [ids.note, null]]);
  });

  it('follows the contact: moved to another company or deleted, its activities go with it', async () => {
    const { h, company, other, lan, henry, ids } = await setup(env());
    const move = await env().app.inject({ method: 'PATCH', url: `/api/v1/contacts/${lan}`, headers: h, payload: { companyId: other } });
    expect(move.statusCode, move.body).toBe(200);
    expect((await timeline(env(), h, company)).map((i) => i.id)).not.toContain(ids.call);
    expect((await timeline(env(), h, other)).map((i) => i.id)).toContain(ids.call);
    const del = await env().app.inject({ method: 'DELETE', url: `/api/v1/contacts/${henry}`, headers: h });
    expect(del.statusCode).toBeLessThan(300);
    // Henry's note leaves with him; the meeting logged on the company stays, without a name to show.
    const left = await timeline(env(), h, company);
    expect(left.map((i) => [i.id, i.contact ?? null])).toEqual([[ids.companyNote, null], [ids.meeting, null]]);
  });

  it('a reader sees only the activities and names of contacts they may see', async () => {
    const { db, reader, company, lan, ids } = await setup(env());
    const items = await timeline(env(), await signIn(db, reader), company);
    // Henry is not theirs: his note is not rolled up, and the company's meeting with him shows no name.
    expect(items.map((i) => [i.id, i.contact?.id ?? null])).toEqual([[ids.companyNote, null], [ids.meeting, null], [ids.call, lan]]);
    expect(JSON.stringify(items)).not.toContain('Henry');
    expect(JSON.stringify(items)).not.toContain('Walker');
  });
});
