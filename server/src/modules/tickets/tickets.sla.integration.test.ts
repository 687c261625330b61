import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { createTeam, createUser } from '../../platform/testing/factories.js';
import { actor, client, submit } from './tickets.test-helpers.js';

const allWeek = (start = '00:00', end = '24:00') => [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start, end }));
const MIN = 60_000;

describeEachDialect('tickets: calendars, SLA policies, assignment rules', (env) => {
  it('refuses bad calendars naming the field; computes dues on create; pauses and shifts the dues while waiting', async () => {
    const db = env().database.db;
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    for (const [body, path] of [
      [{ name: 'Empty', timeZone: 'Asia/Ho_Chi_Minh', hours: [] }, 'hours'],
      [{ name: 'Zone', timeZone: 'Mars/Olympus', hours: allWeek() }, 'timeZone'],
      [{ name: 'Backwards', timeZone: 'UTC', hours: [{ day: 1, start: '17:00', end: '08:00' }] }, 'hours.0.end'],
      [{ name: 'Overlap', timeZone: 'UTC', hours: [{ day: 1, start: '08:00', end: '12:00' }, { day: 1, start: '11:00', end: '13:00' }] }, 'hours.1'],
      [{ name: 'Team', timeZone: 'UTC', hours: allWeek(), teamId: 'nope' }, 'teamId'],
    ] as const) {
      const res = await admin.post('/ticket-calendars', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields[0].path).toBe(path);
    }
    const cal = await admin.post('/ticket-calendars', { name: 'Always', timeZone: 'Asia/Ho_Chi_Minh', hours: allWeek(), holidays: [{ date: '2027-02-06', name: 'Tết' }], isDefault: true });
    expect(cal.status).toBe(201);
    expect(cal.body).toMatchObject({ isDefault: true, holidays: [{ date: '2027-02-06', name: 'Tết' }] });
    expect(cal.body.hours).toHaveLength(7);
    expect((await admin.post('/ticket-sla-policies', { name: 'Bad', firstResponseMinutes: 60, resolutionMinutes: 30 })).body.error.fields[0].path).toBe('resolutionMinutes');
    expect((await admin.post('/ticket-sla-policies', { name: 'Bad', category: 'gossip', firstResponseMinutes: 1, resolutionMinutes: 2 })).body.error.fields[0].path).toBe('category');
    await admin.post('/ticket-sla-policies', { name: 'Everything else', firstResponseMinutes: 480, resolutionMinutes: 2400 });
    const urgent = await admin.post('/ticket-sla-policies', { name: 'Urgent', priority: 'urgent', firstResponseMinutes: 60, resolutionMinutes: 240, position: 0 });
    expect(urgent.status).toBe(201);
    expect((await admin.get('/ticket-sla-policies')).body.data.map((p: { name: string }) => p.name)).toEqual(['Urgent', 'Everything else']);

    const t0 = Math.floor(Date.now() / MIN) * MIN;
    const u = await admin.post('/tickets', { values: { subject: 'Server down', priority: 'urgent' } });
    const t1 = Date.now();
    const due = (v: unknown) => Date.parse(String(v));
    expect(due(u.body.values.first_response_due)).toBeGreaterThanOrEqual(t0 + 60 * MIN);
    expect(due(u.body.values.first_response_due)).toBeLessThanOrEqual(t1 + 60 * MIN);
    expect(due(u.body.values.resolution_due) - due(u.body.values.first_response_due)).toBe(180 * MIN);
    const n = await admin.post('/tickets', { values: { subject: 'Question' } });
    expect(due(n.body.values.resolution_due) - due(n.body.values.first_response_due)).toBe(1920 * MIN);

    // Another priority picks another policy: the dues count again from the ticket's creation.
    const raised = await admin.patch(`/tickets/${n.body.id}`, { values: { priority: 'urgent' } });
    expect(raised.status).toBe(200);
    expect(due(raised.body.values.first_response_due)).toBe(Math.floor(due(n.body.createdAt) / MIN) * MIN + 60 * MIN);
    expect(due(raised.body.values.resolution_due) - due(raised.body.values.first_response_due)).toBe(180 * MIN);

    // Waiting on the customer pauses the clock; coming back shifts the dues by the paused business minutes.
    const waiting = await admin.patch(`/tickets/${u.body.id}`, { values: { status: 'waiting_on_customer' } });
    expect(waiting.body.values.sla_paused_at).toBeTruthy();
    const pausedAt = new Date(due(waiting.body.values.sla_paused_at) - 30 * MIN).toISOString();
    await (db as unknown as Kysely<Record<string, Record<string, unknown>>>).updateTable('tickets').set({ sla_paused_at: pausedAt }).where('id', '=', u.body.id).execute();
    const back = await admin.patch(`/tickets/${u.body.id}`, { values: { status: 'open' } });
    expect(back.status).toBe(200);
    expect(back.body.values.sla_paused_at ?? null).toBeNull();
    expect(back.body.values.sla_paused_minutes).toBeGreaterThanOrEqual(30);
    expect(back.body.values.sla_paused_minutes).toBeLessThanOrEqual(31);
    const shifted = back.body.values.sla_paused_minutes * MIN;
    expect(due(back.body.values.resolution_due)).toBe(due(u.body.values.resolution_due) + shifted);
    // The first response came when it left `new`: its due no longer moves.
    expect(back.body.values.first_response_due).toBe(u.body.values.first_response_due);
  });

  it('assigns by ordered rules: keywords → team, fewest open or round robin among active agents; the decision is explained', async () => {
    const db = env().database.db;
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const hanoi = await createTeam(db, { name: 'Hanoi support' });
    const [lan, minh, tuan] = [await createUser(db, { name: 'Lan', teamId: hanoi.id }), await createUser(db, { name: 'Minh', teamId: hanoi.id }), await createUser(db, { name: 'Tuấn', teamId: hanoi.id })];
    const off = await createUser(db, { name: 'Off', teamId: hanoi.id });
    await db.updateTable('users').set({ active: 0 }).where('id', '=', off.id).execute();
    const sales = await createTeam(db, { name: 'Billing desk' });
    const b1 = await createUser(db, { name: 'Hoa', teamId: sales.id });
    const b2 = await createUser(db, { name: 'Quang', teamId: sales.id });

    expect((await admin.post('/ticket-assignment-rules', { name: 'x', teamId: 'nope', method: 'round_robin' })).body.error.fields[0].path).toBe('teamId');
    expect((await admin.post('/ticket-assignment-rules', { name: 'x', teamId: hanoi.id, method: 'round_robin', conditions: { channel: ['fax'] } })).body.error.fields[0].path).toBe('conditions.channel.0');
    await admin.post('/ticket-assignment-rules', { name: 'Web requests', teamId: hanoi.id, method: 'fewest_open', conditions: { channel: ['web_form'] } });
    const billing = await admin.post('/ticket-assignment-rules', { name: 'Billing', teamId: sales.id, method: 'round_robin', conditions: { keywords: ['hoá đơn', 'invoice'] }, position: 0 });
    expect(billing.status).toBe(201);

    // Minh and Tuấn already hold an open ticket each; Lan holds a solved one.
    for (const [agent, status] of [[minh.id, 'open'], [tuan.id, 'open'], [lan.id, 'solved']] as const) {
      expect((await admin.post('/tickets', { values: { subject: `held by ${agent}`, agent, status } })).status).toBe(201);
    }
    const web = await submit(env(), { name: 'Phạm Văn An', email: 'an.assign@example.vn', subject: 'Không đăng nhập được', description: 'Lỗi mật khẩu' });
    expect(web.status).toBe(201);
    const found = (await admin.get(`/tickets?q=${encodeURIComponent(web.body.number)}`)).body.data;
    expect(found).toHaveLength(1);
    expect(found[0].values).toMatchObject({ team: hanoi.id, agent: lan.id, assignment: "rule 'Web requests' → team Hanoi support → Lan (fewest open)" });
    expect(found[0].ownerId).toBe(lan.id);
    expect(found[0].teamId).toBe(hanoi.id);

    // Keywords ignore case and diacritics; round robin alternates between the billing agents.
    const got: string[] = [];
    for (const subject of ['HOA DON thang 11', 'Wrong invoice', 'Hoá đơn VAT', 'invoice copy']) {
      const res = await admin.post('/tickets', { values: { subject } });
      expect(res.body.values.team).toBe(sales.id);
      expect(res.body.values.assignment).toMatch(/^rule 'Billing' → team Billing desk → (Hoa|Quang) \(round robin\)$/);
      got.push(res.body.values.agent);
    }
    expect(got[0]).not.toBe(got[1]);
    expect(got[0]).toBe(got[2]);
    expect(new Set(got)).toEqual(new Set([b1.id, b2.id]));
    // A named agent or team skips the rules; no rule matching leaves it unassigned.
    const named = await admin.post('/tickets', { values: { subject: 'invoice', agent: minh.id } });
    expect(named.body.values.assignment ?? null).toBeNull();
    const none = await admin.post('/tickets', { values: { subject: 'Something', channel: 'phone' } });
    expect(none.body.values.assignment).toBe('no rule matched: unassigned');
    expect(none.body.values.agent ?? null).toBeNull();
  });
});
