import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { actor, client } from './tickets.test-helpers.js';
import { presenceStore, PRESENCE_TTL_MS } from './tickets.presence.js';

describeEachDialect('tickets: canned responses and presence', (env) => {
  it('creates, lists by language and words, replaces and deletes canned responses; refuses unknown placeholders naming body', async () => {
    const agent = client(env(), (await actor(env(), { permissions: { tickets: { actions: ['read', 'update'], scope: 'all' } } })).headers);
    const reader = client(env(), (await actor(env(), { permissions: { tickets: { actions: ['read'], scope: 'all' } } })).headers);
    const vi = await agent.post('/ticket-canned-responses', { title: 'Chào hỏi', body: 'Chào {{requester.name}}, phiếu {{ticket.number}} đã được {{agent.name}} tiếp nhận.', language: 'vi' });
    expect(vi.status).toBe(201);
    expect(vi.body).toMatchObject({ title: 'Chào hỏi', language: 'vi' });
    const en = await agent.post('/ticket-canned-responses', { title: 'Refund', body: 'Hi {{ requester.name }}, your refund is on its way.', language: 'en' });
    expect(en.status).toBe(201);

    const bad = await agent.post('/ticket-canned-responses', { title: 'x', body: 'Hello {{customer.name}}', language: 'en' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('body');
    expect((await agent.post('/ticket-canned-responses', { title: '', body: 'x', language: 'en' })).body.error.fields[0].path).toBe('title');
    expect((await agent.post('/ticket-canned-responses', { title: 'x', body: 'x', language: 'fr' })).body.error.fields[0].path).toBe('language');
    // Reading is enough to use them; writing needs update.
    expect((await reader.post('/ticket-canned-responses', { title: 'x', body: 'x', language: 'en' })).status).toBe(403);

    const mine = (r: { body: { data: { id: string }[] } }) => r.body.data.map((x) => x.id).filter((id) => [vi.body.id, en.body.id].includes(id));
    expect(mine(await reader.get('/ticket-canned-responses'))).toEqual([vi.body.id, en.body.id]);
    expect(mine(await reader.get('/ticket-canned-responses?language=en'))).toEqual([en.body.id]);
    expect(mine(await reader.get(`/ticket-canned-responses?q=${encodeURIComponent('tiếp nhận')}`))).toEqual([vi.body.id]);
    expect(mine(await reader.get('/ticket-canned-responses?q=refund'))).toEqual([en.body.id]);

    const put = await agent.put(`/ticket-canned-responses/${en.body.id}`, { title: 'Refund sent', body: 'Done, {{agent.name}}', language: 'en' });
    expect(put.status).toBe(200);
    expect(put.body.title).toBe('Refund sent');
    expect((await agent.put(`/ticket-canned-responses/${en.body.id}`, { title: 'x', body: '{{nope}}', language: 'en' })).status).toBe(400);
    expect((await agent.del(`/ticket-canned-responses/${en.body.id}`)).status).toBe(204);
    expect((await agent.del(`/ticket-canned-responses/${en.body.id}`)).status).toBe(404);
    expect(mine(await reader.get('/ticket-canned-responses'))).toEqual([vi.body.id]);
  });

  it('tells an agent who else is viewing or replying to a ticket; leaving removes them; an unreadable ticket is a 404', async () => {
    const lan = await actor(env(), { admin: true, name: 'Lan Nguyễn' });
    const minh = await actor(env(), { admin: true, name: 'Minh Trần' });
    const outsider = await actor(env(), { permissions: { tickets: { actions: ['read'], scope: 'own' } } });
    const a = client(env(), lan.headers);
    const b = client(env(), minh.headers);
    const t = await a.post('/tickets', { values: { subject: 'Presence' } });
    expect(t.status).toBe(201);
    const url = `/tickets/${t.body.id}/presence`;

    expect((await a.put(url, { state: 'viewing' })).body.data).toEqual([]);
    const seen = await b.put(url, { state: 'viewing' });
    expect(seen.body.data).toEqual([expect.objectContaining({ userId: lan.id, name: 'Lan Nguyễn', state: 'viewing' })]);
    await a.put(url, { state: 'replying' });
    expect((await b.put(url, { state: 'viewing' })).body.data).toEqual([expect.objectContaining({ name: 'Lan Nguyễn', state: 'replying' })]);
    expect((await a.put(url, { state: 'viewing' })).body.data).toEqual([expect.objectContaining({ name: 'Minh Trần', state: 'viewing' })]);
    await a.put(url, { state: 'left' });
    expect((await b.put(url, { state: 'viewing' })).body.data).toEqual([]);

    expect((await client(env(), outsider.headers).put(url, { state: 'viewing' })).status).toBe(404);
    expect((await a.put(url, { state: 'typing' })).body.error.fields[0].path).toBe('state');
  });
});

it('presence entries expire after the TTL and keep their since while the state holds', () => {
  const s = presenceStore();
  const t0 = Date.parse('2026-12-07T10:00:00Z');
  s.apply({ ticketId: 't', userId: 'lan', name: 'Lan', state: 'viewing', since: new Date(t0).toISOString(), at: t0 });
  s.apply({ ticketId: 't', userId: 'lan', name: 'Lan', state: 'viewing', since: new Date(t0 + 5000).toISOString(), at: t0 + 5000 });
  expect(s.others('t', 'me', t0 + 6000)).toEqual([{ userId: 'lan', name: 'Lan', state: 'viewing', since: new Date(t0).toISOString() }]);
  expect(s.others('t', 'lan', t0 + 6000)).toEqual([]);
  expect(s.others('t', 'me', t0 + 5000 + PRESENCE_TTL_MS + 1)).toEqual([]);
});
