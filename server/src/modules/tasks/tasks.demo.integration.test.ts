import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { loadTasksDemo } from './tasks.demo.js';
import { actor, client } from './tasks.test-helpers.js';

describeEachDialect('tasks: kith demo', (env) => {
  it('adds tasks over the past and coming two weeks (overdue, done with outcomes, linked to demo contacts), once', async () => {
    const a = await actor(env(), { admin: true });
    const admin = client(env(), a.headers);
    const contact = (await admin.post('/contacts', { givenName: 'Lan', familyName: 'Nguyễn', emails: [{ address: 'lan@example.com' }] })).body;
    expect(contact.id).toBeTruthy();
    expect(await loadTasksDemo(env().ctx)).toMatch(/tasks: \d+ tasks added/);
    const mine = (await admin.get('/tasks/mine')).body;
    expect(mine.overdue.length).toBeGreaterThan(0);
    expect(mine.upcoming.length).toBeGreaterThan(0);
    const list = await admin.get('/tasks?limit=200');
    const done = (list.body.data as { values: { status: string } }[]).filter((t) => t.values.status === 'done');
    expect(done.length).toBeGreaterThan(0);
    // Done calls and meetings left their activity on the contact's timeline; the tasks show there too.
    const timeline = (await admin.get(`/contacts/${contact.id}/timeline?limit=100`)).body.data as { type: string }[];
    expect(timeline.some((i) => i.type === 'task_record')).toBe(true);
    expect(timeline.some((i) => i.type === 'call' || i.type === 'meeting')).toBe(true);
    // No burst of notifications for the past ones.
    expect(await env().database.db.selectFrom('notifications').select('id').where('type', 'like', 'task.%').execute()).toHaveLength(0);
    expect(await loadTasksDemo(env().ctx)).toMatch(/already/);
  });
});
