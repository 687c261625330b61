import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { createTeam } from '../../platform/testing/factories.js';
import { actor, byRequester, client, submit } from './tickets.test-helpers.js';

describeEachDialect('tickets: standard object, numbering, status rules', (env) => {
  it('numbers tickets from the counter, defaults status/priority/channel, stamps first response and solved, keeps closed read-only', async () => {
    const db = env().database.db;
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const team = await createTeam(db, { name: 'Hỗ trợ Hà Nội' });
    const a = await admin.post('/tickets', { values: { subject: 'Cannot sign in', team: team.id, priority: 'high' } });
    expect(a.status).toBe(201);
    expect(a.body.values).toMatchObject({ status: 'new', priority: 'high', channel: 'api', team: team.id });
    expect(a.body.values.number).toMatch(/^#1\d{4}$/);
    expect(a.body.teamId).toBe(team.id);
    // Concurrent creates never share a number, and numbers follow one another.
    const more = await Promise.all(Array.from({ length: 5 }, (_, i) => admin.post('/tickets', { values: { subject: `Parallel ${i}` } })));
    const numbers = [a, ...more].map((r) => Number(String(r.body.values.number).slice(1))).sort((x, y) => x - y);
    expect(new Set(numbers).size).toBe(6);
    expect(numbers.at(-1)! - numbers[0]!).toBe(5);
    // Number and SLA fields are the module's: a client cannot write them; an unknown team is a 400 naming it.
    expect((await admin.patch(`/tickets/${a.body.id}`, { values: { number: '#1' } })).body.error.fields[0].path).toBe('values.number');
    expect((await admin.patch(`/tickets/${a.body.id}`, { values: { resolution_due: '2027-01-01T00:00:00.000Z' } })).body.error.fields[0].path).toBe('values.resolution_due');
    const noTeam = await admin.post('/tickets', { values: { subject: 'x', team: 'no-such-team' } });
    expect(noTeam.status).toBe(400);
    expect(noTeam.body.error.fields[0].path).toBe('values.team');
    expect((await admin.post('/tickets', { values: { subject: 'x', status: 'lost' } })).body.error.fields[0].path).toBe('values.status');

    const opened = await admin.patch(`/tickets/${a.body.id}`, { values: { status: 'open' } });
    expect(opened.status).toBe(200);
    expect(opened.body.values.first_responded_at).toBeTruthy();
    const solved = await admin.patch(`/tickets/${a.body.id}`, { values: { status: 'solved' } });
    expect(solved.body.values.solved_at).toBeTruthy();
    expect(solved.body.values.first_responded_at).toBe(opened.body.values.first_responded_at);
    const reopened = await admin.patch(`/tickets/${a.body.id}`, { values: { status: 'open' } });
    expect(reopened.body.values.solved_at ?? null).toBeNull();
    await admin.patch(`/tickets/${a.body.id}`, { values: { status: 'closed' } });
    const edit = await admin.patch(`/tickets/${a.body.id}`, { values: { subject: 'changed' } });
    expect(edit.status).toBe(409);
    expect(edit.body.error.fields[0].path).toBe('values.status');
    expect((await admin.patch(`/tickets/${a.body.id}`, { values: { status: 'open' } })).status).toBe(409);
    // Also at /objects/tickets (the web app's generic pages).
    expect((await admin.get(`/objects/tickets/${a.body.id}`)).body.values.status).toBe('closed');
    // The team field says it holds a team id (the web app shows and picks it by name); other fields carry no hint.
    const type = (await admin.get('/record-types/tickets')).body as { fields: { key: string; display?: string }[] };
    expect(type.fields.find((f) => f.key === 'team')?.display).toBe('team');
    expect(type.fields.find((f) => f.key === 'subject')).not.toHaveProperty('display');
  });

  it('public form: finds or creates the requester by email, opens a web_form ticket; honeypot, validation and rate limit', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const ok = await submit(env(), { name: 'Nguyễn Thị Lan', email: 'Lan.Request@Example.vn', subject: 'Hoá đơn sai', description: 'Hoá đơn tháng 11 bị sai số tiền.', language: 'vi', category: 'billing' });
    expect(ok.status).toBe(201);
    expect(ok.body.number).toMatch(/^#\d+$/);
    expect(ok.body.message).toContain(ok.body.number);
    const contacts = await admin.get(`/contacts?q=${encodeURIComponent('lan.request@example.vn')}`);
    expect(contacts.body.data).toHaveLength(1);
    const contact = contacts.body.data[0];
    expect(contact).toMatchObject({ familyName: 'Nguyễn', givenName: 'Thị Lan' });
    const mine = (await admin.get(byRequester(contact.id))).body.data;
    expect(mine).toHaveLength(1);
    expect(mine[0].values).toMatchObject({ number: ok.body.number, subject: 'Hoá đơn sai', channel: 'web_form', language: 'vi', category: 'billing', status: 'new' });
    expect(mine[0].ownerId ?? null).toBeNull();

    // The same email again: the same contact, a second ticket.
    expect((await submit(env(), { email: 'lan.request@example.vn', subject: 'Again', description: 'Second request' })).status).toBe(201);
    expect((await admin.get(byRequester(contact.id))).body.data).toHaveLength(2);
    expect((await admin.get(`/contacts?q=${encodeURIComponent('lan.request@example.vn')}`)).body.data).toHaveLength(1);

    // The honeypot: the same kind of answer, nothing stored.
    const bot = await submit(env(), { email: 'bot@spam.test', subject: 'Buy', description: 'Spam', website: 'http://spam.test' });
    expect(bot.status).toBe(201);
    expect(bot.body.number).toBeNull();
    expect((await admin.get(`/contacts?q=${encodeURIComponent('bot@spam.test')}`)).body.data).toHaveLength(0);

    for (const [body, path] of [
      [{ email: '', subject: 's', description: 'd' }, 'email'], [{ email: 'nope', subject: 's', description: 'd' }, 'email'],
      [{ email: 'x@example.vn', subject: '', description: 'd' }, 'subject'], [{ email: 'x@example.vn', subject: 's', description: ' ' }, 'description'],
      [{ email: 'x@example.vn', subject: 's', description: 'd', category: 'gossip' }, 'category'],
    ] as const) {
      const res = await submit(env(), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields[0].path).toBe(path);
    }

    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await submit(env(), { email: `rl${i}@example.vn`, subject: 's', description: 'd' }, { ip: '10.88.0.1' })).status);
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect((await submit(env(), { email: 'rl-other@example.vn', subject: 's', description: 'd' }, { ip: '10.88.0.2' })).status).toBe(201);
  });
});
