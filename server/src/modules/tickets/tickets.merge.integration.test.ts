import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { actor, client } from './tickets.test-helpers.js';

type Api = ReturnType<typeof client>;
const bodies = async (api: Api, id: string) => ((await api.get(`/tickets/${id}/messages`)).body.data as { bodyText: string }[]).map((m) => m.bodyText);

describeEachDialect('tickets: merge, split, follow-up', (env) => {
  it('merges a conversation into another ticket and closes the source with a note; refuses bad targets naming into', async () => {
    const api = client(env(), (await actor(env(), { admin: true })).headers);
    const a = (await api.post('/tickets', { values: { subject: 'Máy in lỗi' } })).body;
    const b = (await api.post('/tickets', { values: { subject: 'Máy in lỗi (lần 2)' } })).body;
    for (const body of ['Lần một', 'Lần hai']) expect((await api.post(`/tickets/${b.id}/messages`, { kind: 'note', body })).status).toBe(201);
    expect((await api.post(`/tickets/${a.id}/messages`, { kind: 'note', body: 'Đầu tiên' })).status).toBe(201);

    expect((await api.post(`/tickets/${b.id}/merge`, { into: b.id })).body.error.fields[0].path).toBe('into');
    expect((await api.post(`/tickets/${b.id}/merge`, { into: 'nope' })).body.error.fields[0].path).toBe('into');
    expect((await api.post(`/tickets/${b.id}/merge`, {})).status).toBe(400);

    const merged = await api.post(`/tickets/${b.id}/merge`, { into: a.id });
    expect(merged.status).toBe(200);
    expect(merged.body).toEqual({ id: a.id, number: a.values.number, movedMessages: 2 });
    // In conversation order (by time): the moved messages were written first.
    expect(await bodies(api, a.id)).toEqual(['Lần một', 'Lần hai', 'Đầu tiên', `Merged from ${b.values.number}`]);
    expect(await bodies(api, b.id)).toEqual([`Merged into ${a.values.number}`]);
    expect((await api.get(`/tickets/${b.id}`)).body.values.status).toBe('closed');
    // The closed source cannot be merged again, nor receive a merge.
    expect((await api.post(`/tickets/${b.id}/merge`, { into: a.id })).status).toBe(409);
    const c = (await api.post('/tickets', { values: { subject: 'Khác' } })).body;
    expect((await api.post(`/tickets/${c.id}/merge`, { into: b.id })).body.error.fields[0].path).toBe('into');
  });

  it('splits a ticket from a message on; a closed ticket gets a follow-up linked by follow_up_of', async () => {
    const api = client(env(), (await actor(env(), { admin: true })).headers);
    const t = (await api.post('/tickets', { values: { subject: 'Hai vấn đề', priority: 'high', category: 'billing', language: 'vi' } })).body;
    const ids: string[] = [];
    for (const body of ['Hoá đơn sai', 'Thêm: không đăng nhập được', 'Vẫn không đăng nhập được']) ids.push((await api.post(`/tickets/${t.id}/messages`, { kind: 'note', body })).body.id);
    const other = (await api.post('/tickets', { values: { subject: 'x' } })).body;
    expect((await api.post(`/tickets/${other.id}/split`, { messageId: ids[1] })).body.error.fields[0].path).toBe('messageId');

    const split = await api.post(`/tickets/${t.id}/split`, { messageId: ids[1] });
    expect(split.status).toBe(201);
    expect(split.body.movedMessages).toBe(2);
    const n = (await api.get(`/tickets/${split.body.id}`)).body;
    expect(n.values).toMatchObject({ number: split.body.number, subject: 'Hai vấn đề', priority: 'high', category: 'billing', language: 'vi', status: 'open' });
    expect(n.values.description).toContain('Thêm: không đăng nhập được');
    expect(await bodies(api, t.id)).toEqual(['Hoá đơn sai', `Split into ${split.body.number}`]);
    expect(await bodies(api, split.body.id)).toEqual(['Thêm: không đăng nhập được', 'Vẫn không đăng nhập được', `Split from ${t.values.number}`]);

    // Follow-up: only of a closed ticket.
    expect((await api.post(`/tickets/${t.id}/follow-up`, {})).status).toBe(409);
    await api.patch(`/tickets/${t.id}`, { values: { status: 'closed' } });
    expect((await api.post(`/tickets/${t.id}/split`, { messageId: ids[0] })).status).toBe(409);
    const f = await api.post(`/tickets/${t.id}/follow-up`, { subject: 'Hoá đơn vẫn sai' });
    expect(f.status).toBe(201);
    const fu = (await api.get(`/tickets/${f.body.id}`)).body;
    expect(fu.values).toMatchObject({ subject: 'Hoá đơn vẫn sai', follow_up_of: t.id, priority: 'high', status: 'new' });
    expect(fu.values.number).not.toBe(t.values.number);
    // follow_up_of is the module's: a client cannot write it.
    expect((await api.post('/tickets', { values: { subject: 'y', follow_up_of: t.id } })).body.error.fields[0].path).toBe('values.follow_up_of');
  });
});
