import { expect, it } from 'vitest';
import { describeEachDialect, type TestEnv } from '../../platform/testing/harness.js';
import { createTeam } from '../../platform/testing/factories.js';
import { actor, client } from './tickets.test-helpers.js';

const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));
const MIN = 60_000;
const agentPerms = { tickets: { actions: ['read', 'update'] as ('read' | 'update')[], scope: 'all' as const } };

/** Runs due jobs until none is left. */
async function drainJobs(env: TestEnv): Promise<void> {
  for (let i = 0; i < 10; i++) if ((await env.ctx.services.jobs.runOnce()) === 0) return;
}

describeEachDialect('tickets: assignment by company, tier and language; availability; reassignment; rule loops; SLA per tier', (env) => {
  it('derives the customer tier, routes on company/tier/language, picks the SLA policy by tier (most specific wins)', async () => {
    const db = env().database.db;
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    // The migration's custom field: a select on companies and contacts with en/vi labels.
    const field = (await admin.get('/custom-fields?entity=company')).body.data.find((f: { key: string }) => f.key === 'customer_tier');
    expect(field).toMatchObject({ type: 'select', label: { en: 'Customer tier', vi: 'Hạng khách hàng' } });
    expect(field.options.map((o: { value: string }) => o.value)).toEqual(['standard', 'silver', 'gold', 'vip']);
    expect((await admin.get('/custom-fields?entity=contact')).body.data.some((f: { key: string }) => f.key === 'customer_tier')).toBe(true);

    const vipCo = (await admin.post('/companies', { name: 'Vinamilk Tier', custom: { customer_tier: 'vip' } })).body;
    const plainCo = (await admin.post('/companies', { name: 'Plain Co' })).body;
    const atVip = (await admin.post('/contacts', { givenName: 'Hà', familyName: 'Trần', companyId: vipCo.id })).body;
    const alone = (await admin.post('/contacts', { givenName: 'Gold', familyName: 'Solo', custom: { customer_tier: 'gold' } })).body;
    const atPlain = (await admin.post('/contacts', { givenName: 'Silver', familyName: 'Plain', companyId: plainCo.id, custom: { customer_tier: 'silver' } })).body;

    const team = await createTeam(db, { name: 'VIP desk' });
    const lan = await actor(env(), { teamId: team.id, name: 'Lan', permissions: agentPerms });
    await admin.post('/ticket-calendars', { name: 'Always', timeZone: 'Asia/Ho_Chi_Minh', hours: allWeek, isDefault: true });
    await admin.post('/ticket-sla-policies', { name: 'Any', firstResponseMinutes: 480, resolutionMinutes: 2400 });
    await admin.post('/ticket-sla-policies', { name: 'Urgent', priority: 'urgent', firstResponseMinutes: 60, resolutionMinutes: 240 });
    const vipPolicy = await admin.post('/ticket-sla-policies', { name: 'VIP urgent', priority: 'urgent', customerTier: 'vip', firstResponseMinutes: 15, resolutionMinutes: 120 });
    expect(vipPolicy.body).toMatchObject({ customerTier: 'vip', priority: 'urgent' });
    expect((await admin.post('/ticket-sla-policies', { name: 'Bad', customerTier: 'platinum', firstResponseMinutes: 1, resolutionMinutes: 2 })).body.error.fields[0].path).toBe('customerTier');

    const rule = await admin.post('/ticket-assignment-rules', { name: 'VIP Vietnamese', conditions: { customerTier: ['vip'], language: ['vi'], company: [vipCo.id] }, teamId: team.id, method: 'fewest_open' });
    expect(rule.status).toBe(201);
    expect(rule.body.conditions).toEqual({ customerTier: ['vip'], language: ['vi'], company: [vipCo.id] });
    const badCompany = await admin.post('/ticket-assignment-rules', { name: 'X', conditions: { company: [vipCo.id, 'nope'] }, teamId: team.id, method: 'fewest_open' });
    expect(badCompany.status).toBe(400);
    expect(badCompany.body.error.fields[0].path).toBe('conditions.company.1');
    expect((await admin.post('/ticket-assignment-rules', { name: 'X', conditions: { language: ['fr'] }, teamId: team.id, method: 'fewest_open' })).status).toBe(400);

    // Vietnamese letters in the subject make the requester's language vi even though the ticket's default is en.
    const t0 = Date.now();
    const vip = (await admin.post('/tickets', { values: { subject: 'Máy chủ không phản hồi', requester: atVip.id, company: vipCo.id, priority: 'urgent' } })).body;
    expect(vip.values).toMatchObject({ customer_tier: 'vip', team: team.id, agent: lan.id, assignment: `rule 'VIP Vietnamese' → team VIP desk → Lan (fewest open)` });
    // VIP + urgent (15 min) wins over urgent (60) and any (480) on a 24/7 calendar.
    expect(Date.parse(vip.values.first_response_due) - t0).toBeLessThanOrEqual(16 * MIN);
    // The tier comes from the requester's company even when the ticket names no company.
    expect((await admin.post('/tickets', { values: { subject: 'Server down', requester: atVip.id, priority: 'urgent' } })).body.values.customer_tier).toBe('vip');
    // English text → the rule does not match.
    const en = (await admin.post('/tickets', { values: { subject: 'Server down', requester: atVip.id, company: vipCo.id, priority: 'urgent' } })).body.values;
    expect(en).toMatchObject({ assignment: 'no rule matched: unassigned' });
    // A contact without a company: their own tier; a company without a tier falls back to the contact's; nobody: standard.
    const gold = (await admin.post('/tickets', { values: { subject: 'Hello', requester: alone.id, priority: 'urgent' } })).body.values;
    expect(gold.customer_tier).toBe('gold');
    expect(Date.parse(gold.first_response_due) - t0).toBeGreaterThan(50 * MIN);
    expect((await admin.post('/tickets', { values: { subject: 'Hello', requester: atPlain.id } })).body.values.customer_tier).toBe('silver');
    expect((await admin.post('/tickets', { values: { subject: 'Hello' } })).body.values.customer_tier).toBe('standard');
    // The tier is derived: a client cannot write it.
    expect((await admin.post('/tickets', { values: { subject: 'x', customer_tier: 'vip' } })).body.error.fields[0].path).toBe('values.customer_tier');
    await admin.del(`/ticket-assignment-rules/${rule.body.id}`);
  });

  it('skips agents who are away or outside working hours; nobody available leaves the ticket with the team, explained', async () => {
    const db = env().database.db;
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const team = await createTeam(db, { name: 'Hanoi support' });
    const lanA = await actor(env(), { teamId: team.id, name: 'Lan', permissions: agentPerms });
    const minhA = await actor(env(), { teamId: team.id, name: 'Minh', permissions: agentPerms });
    const lan = client(env(), lanA.headers);
    const minh = client(env(), minhA.headers);
    const rule = await admin.post('/ticket-assignment-rules', { name: 'Availability', conditions: { keywords: ['availability-check'] }, teamId: team.id, method: 'round_robin' });
    const create = async () => (await admin.post('/tickets', { values: { subject: 'availability-check' } })).body.values;

    expect((await lan.get('/ticket-agents/me')).body).toMatchObject({ status: 'available', hours: 'always', availableNow: true });
    const away = await lan.put('/ticket-agents/me', { status: 'away' });
    expect(away.status).toBe(200);
    expect(away.body).toMatchObject({ status: 'away', availableNow: false });
    for (let i = 0; i < 3; i++) expect(await create()).toMatchObject({ agent: minhA.id, assignment: `rule 'Availability' → team Hanoi support → Minh (round robin)` });

    // Minh keeps his own hours, on a day that is not today: outside working hours now.
    const otherDay = (new Date().getUTCDay() + 3) % 7;
    const cal = (await admin.post('/ticket-calendars', { name: 'Minh days', timeZone: 'UTC', hours: [{ day: otherDay, start: '00:00', end: '24:00' }] })).body;
    expect((await minh.put('/ticket-agents/me', { hours: 'calendar' })).body.error.fields[0].path).toBe('calendarId');
    expect((await minh.put('/ticket-agents/me', { hours: 'calendar', calendarId: 'nope' })).body.error.fields[0].path).toBe('calendarId');
    expect((await minh.put('/ticket-agents/me', { status: 'busy' })).status).toBe(400);
    expect((await minh.put('/ticket-agents/me', { hours: 'calendar', calendarId: cal.id })).body).toMatchObject({ hours: 'calendar', calendarId: cal.id, availableNow: false, status: 'available' });
    const none = await create();
    expect(none).toMatchObject({ team: team.id, agent: null, assignment: `rule 'Availability' → team Hanoi support → no agent available (Lan away, Minh outside working hours): unassigned` });

    // Back to always: Minh takes tickets again. Only managers set someone else's status.
    expect((await lan.put(`/ticket-agents/${minhA.id}`, { hours: 'always' })).status).toBe(403);
    expect((await admin.put(`/ticket-agents/${minhA.id}`, { hours: 'always' })).body.availableNow).toBe(true);
    expect((await admin.put('/ticket-agents/no-such-user', { status: 'away' })).status).toBe(404);
    expect((await create()).agent).toBe(minhA.id);
    const list = (await admin.get('/ticket-agents')).body.data.filter((a: { teamId: string }) => a.teamId === team.id);
    expect(list.map((a: { name: string; status: string; openTickets: number }) => [a.name, a.status, a.openTickets])).toEqual([['Lan', 'away', 0], ['Minh', 'available', 4]]);
    await lan.put('/ticket-agents/me', { status: 'available' });
    await admin.del(`/ticket-assignment-rules/${rule.body.id}`);
  });

  it('an agent going away hands their new/open tickets to the team by its method, each explained, once; waiting tickets stay', async () => {
    const db = env().database.db;
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const team = await createTeam(db, { name: 'Saigon support' });
    const lanA = await actor(env(), { teamId: team.id, name: 'Lan', permissions: agentPerms });
    const minhA = await actor(env(), { teamId: team.id, name: 'Minh', permissions: agentPerms });
    const anA = await actor(env(), { teamId: team.id, name: 'An', permissions: agentPerms });
    const lan = client(env(), lanA.headers);
    await admin.post('/ticket-assignment-rules', { name: 'Saigon', conditions: { keywords: ['saigon-route'] }, teamId: team.id, method: 'fewest_open' });
    const mk = async (status: string, agent = lanA.id) => (await admin.post('/tickets', { values: { subject: `saigon ${status}`, team: team.id, agent, status } })).body;
    const mine = [await mk('new'), await mk('open'), await mk('waiting_on_customer'), await mk('on_hold'), await mk('solved')];
    await mk('open', minhA.id);

    await lan.put('/ticket-agents/me', { status: 'away' });
    // Already away: no second job. One job per change, unique.
    await lan.put('/ticket-agents/me', { status: 'offline' });
    const jobs = await db.selectFrom('jobs').select(['unique_key']).where('name', '=', 'tickets.reassign-away').where('unique_key', 'like', `ticket-reassign:${lanA.id}:%`).execute();
    expect(jobs).toHaveLength(1);
    await drainJobs(env());
    const after = await Promise.all(mine.map(async (t) => (await admin.get(`/tickets/${t.id}`)).body.values));
    // new and open moved: An had none (fewest open), then Minh and An have one each → the earliest member, Minh.
    expect(after[0]).toMatchObject({ agent: anA.id, assignment: 'Lan went away → An (fewest open)' });
    expect(after[1]).toMatchObject({ agent: minhA.id, assignment: 'Lan went away → Minh (fewest open)' });
    for (const t of after.slice(2)) expect(t.agent).toBe(lanA.id);
    // The record's owner follows, and the record's history names the system.
    expect((await admin.get(`/tickets/${mine[0].id}`)).body.ownerId).toBe(anA.id);
    // Running the job again (a retry) moves nothing more.
    const { agentsService } = await import('./tickets.agents.js');
    expect(await agentsService.reassignAway(env().database, lanA.id)).toBe(0);
    // Everyone else away: the ticket stays with the team, unassigned, explained.
    await lan.put('/ticket-agents/me', { status: 'available' });
    const t = await mk('open');
    await admin.put(`/ticket-agents/${minhA.id}`, { status: 'away' });
    await admin.put(`/ticket-agents/${anA.id}`, { status: 'offline' });
    await admin.put(`/ticket-agents/${lanA.id}`, { status: 'offline' });
    await drainJobs(env());
    expect((await admin.get(`/tickets/${t.id}`)).body.values).toMatchObject({ team: team.id, agent: null, assignment: 'Lan went offline → no agent available (Minh away, An offline): unassigned' });
    for (const a of [lanA, minhA, anA]) await admin.put(`/ticket-agents/${a.id}`, { status: 'available' });
  });

  it('refuses a rule set that would change the priority forever (400 naming the rules); caps a loop at runtime', async () => {
    const db = env().database.db;
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const team = await createTeam(db, { name: 'Loop desk' });
    await actor(env(), { teamId: team.id, name: 'Hoa', permissions: agentPerms });
    const up = await admin.post('/ticket-assignment-rules', { name: 'Escalate outages', conditions: { priority: ['high'], keywords: ['loop-outage'] }, teamId: team.id, method: 'fewest_open', setPriority: 'urgent' });
    expect(up.status).toBe(201);
    expect(up.body.setPriority).toBe('urgent');
    const down = await admin.post('/ticket-assignment-rules', { name: 'Calm urgent', conditions: { priority: ['urgent'] }, teamId: team.id, method: 'fewest_open', setPriority: 'high' });
    expect(down.status).toBe(400);
    expect(down.body.error.fields[0].path).toBe('setPriority');
    expect(down.body.error.message).toContain(`'Escalate outages' → 'Calm urgent'`);
    // Saved inactive it is allowed; activating it is refused.
    const idle = await admin.post('/ticket-assignment-rules', { name: 'Calm urgent', conditions: { priority: ['urgent'] }, teamId: team.id, method: 'fewest_open', setPriority: 'high', active: false });
    expect(idle.status).toBe(201);
    expect((await admin.put(`/ticket-assignment-rules/${idle.body.id}`, { name: 'Calm urgent', conditions: { priority: ['urgent'] }, teamId: team.id, method: 'fewest_open', setPriority: 'high' })).status).toBe(400);

    // The rule sets the priority, then the rules run again: the same rule (now matching urgent) assigns.
    const ok = (await admin.post('/tickets', { values: { subject: 'loop-outage now', priority: 'high' } })).body.values;
    expect(ok).toMatchObject({ priority: 'urgent', team: team.id, assignment: `rule 'Escalate outages' → priority urgent → rule 'Escalate outages' → team Loop desk → Hoa (fewest open)` });
    // A loop stored before the check (written directly): evaluation stops, the priority stays as given, unassigned, explained.
    await db.updateTable('ticket_assignment_rules').set({ active: 1 }).where('id', '=', idle.body.id).execute();
    await db.updateTable('ticket_assignment_rules').set({ conditions: JSON.stringify({ priority: ['high'] }) }).where('id', '=', up.body.id).execute();
    const stuck = (await admin.post('/tickets', { values: { subject: 'anything', priority: 'high' } })).body.values;
    expect(stuck).toMatchObject({ priority: 'high', agent: null, assignment: `assignment stopped after 8 priority changes (a loop of rules 'Escalate outages', 'Calm urgent'): unassigned` });
    expect(stuck.team ?? null).toBeNull();
    await admin.del(`/ticket-assignment-rules/${idle.body.id}`);
    await admin.del(`/ticket-assignment-rules/${up.body.id}`);
  });
});
