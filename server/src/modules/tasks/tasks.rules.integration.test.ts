import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { actor, client } from './tasks.test-helpers.js';

describeEachDialect('tasks: rules of the write', (env) => {
  it('defaults the assignee to the owner and refuses a reminder after the due time (400 values.remind_at)', async () => {
    const admin = await actor(env(), { admin: true });
    const c = client(env(), admin.headers);
    const t = await c.post('/tasks', { values: { title: 'Gọi lại cho chị Lan', due_at: '2026-12-08T03:00:00Z' } });
    expect(t.status).toBe(201);
    expect(t.body.values.assignee).toBe(admin.id);
    expect(t.body.values.status).toBe('open');

    const late = await c.post('/tasks', { values: { title: 'X', due_at: '2026-12-08T03:00:00Z', remind_at: '2026-12-08T04:00:00Z' } });
    expect(late.status).toBe(400);
    expect(late.body.error.fields[0].path).toBe('values.remind_at');
    // Moving the due time before an existing reminder names the due time.
    const ok = await c.patch(`/tasks/${t.body.id}`, { values: { remind_at: '2026-12-08T02:30:00Z' } });
    expect(ok.status).toBe(200);
    const earlier = await c.patch(`/tasks/${t.body.id}`, { values: { due_at: '2026-12-08T02:00:00Z' } });
    expect(earlier.status).toBe(400);
    expect(earlier.body.error.fields[0].path).toBe('values.due_at');
  });

  it('sets completed_at when done, clears it on reopen, and logs a completed call with its outcome on the contact timeline', async () => {
    const admin = await actor(env(), { admin: true });
    const c = client(env(), admin.headers);
    const contact = (await c.post('/contacts', { givenName: 'Lan', familyName: 'Nguyễn' })).body;
    const t = (await c.post('/tasks', { values: { title: 'Gọi chị Lan', type: 'call', contact: contact.id, due_at: '2026-12-08T03:00:00Z' } })).body;

    const done = await c.patch(`/tasks/${t.id}`, { values: { status: 'done', outcome: 'Đã đồng ý gặp thứ Năm' } });
    expect(done.status).toBe(200);
    expect(typeof done.body.values.completed_at).toBe('string');
    const timeline = await c.get(`/contacts/${contact.id}/timeline?types=call`);
    const call = timeline.body.data.find((i: { type: string }) => i.type === 'call');
    expect(call).toBeTruthy();
    expect(call.activity).toMatchObject({ type: 'call', subject: 'Gọi chị Lan', outcome: 'Đã đồng ý gặp thứ Năm' });

    const reopened = await c.patch(`/tasks/${t.id}`, { values: { status: 'open' } });
    expect(reopened.body.values.completed_at).toBeNull();
    // A to-do, or a call without an outcome, logs nothing.
    const todo = (await c.post('/tasks', { values: { title: 'Soạn báo giá', contact: contact.id } })).body;
    await c.patch(`/tasks/${todo.id}`, { values: { status: 'done', outcome: 'sent' } });
    const calls = (await c.get(`/contacts/${contact.id}/timeline?types=call,meeting,note,task,email`)).body.data.filter((i: { activity: unknown }) => i.activity);
    expect(calls).toHaveLength(1);
    // completed_at is read-only.
    expect((await c.patch(`/tasks/${t.id}`, { values: { completed_at: '2026-12-01T00:00:00Z' } })).body.error.fields[0].path).toBe('values.completed_at');
  });

  it('keeps deals.next_step_at and leads.next_step_at at the earliest due open task, without a version bump', async () => {
    const admin = await actor(env(), { admin: true });
    const c = client(env(), admin.headers);
    const deal = (await c.post('/deals', { values: { name: 'Máy lọc nước' } })).body;
    const lead = (await c.post('/leads', { values: { name: 'Trần Văn Bình' } })).body;
    const a = (await c.post('/tasks', { values: { title: 'A', deal: deal.id, due_at: '2026-12-02T03:00:00Z' } })).body;
    // Earlier than any task the deal's stage may have created on its own.
    const b = (await c.post('/tasks', { values: { title: 'B', deal: deal.id, due_at: '2026-12-01T03:00:00Z' } })).body;
    const get = async (path: string) => (await c.get(path)).body;
    expect((await get(`/deals/${deal.id}`)).values.next_step_at).toBe('2026-12-01T03:00:00.000Z');
    expect((await get(`/deals/${deal.id}`)).version).toBe(deal.version);
    await c.patch(`/tasks/${b.id}`, { values: { status: 'done' } });
    expect((await get(`/deals/${deal.id}`)).values.next_step_at).toBe('2026-12-02T03:00:00.000Z');
    // Moving a task to the lead updates both.
    await c.patch(`/tasks/${a.id}`, { values: { deal: null, lead: lead.id } });
    expect(((await get(`/deals/${deal.id}`)).values.next_step_at ?? '9') > '2026-12-02T03:00:00.000Z').toBe(true);
    expect((await get(`/leads/${lead.id}`)).values.next_step_at).toBe('2026-12-02T03:00:00.000Z');
    expect((await c.del(`/tasks/${a.id}`)).status).toBe(204);
    expect(((await get(`/leads/${lead.id}`)).values.next_step_at ?? '9') > '2026-12-02T03:00:00.000Z').toBe(true);
  });
});
