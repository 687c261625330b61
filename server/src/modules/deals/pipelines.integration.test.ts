import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { actor, client, createDeal, salesPipeline } from './deals.test-helpers.js';

const stages = [
  { name: 'Brief', nameVi: 'Tiếp nhận', probability: 20, rotDays: 10, color: 'blue' },
  { name: 'Build', nameVi: 'Thực hiện', probability: 60, requiredFields: ['amount', 'close_date'], tasks: [{ title: { en: 'Kick-off call', vi: 'Gọi khởi động' }, type: 'call', dueInDays: 2 }] },
  { name: 'Delivered', nameVi: 'Bàn giao', probability: 100, outcome: 'won', color: 'green' },
];

describeEachDialect('deals: pipelines API', (env) => {
  it('lists the seeded default pipeline; creates, updates and archives pipelines; stage options reload', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const { pipeline: sales } = await salesPipeline(admin);
    expect(sales).toMatchObject({ name: 'Sales', nameVi: 'Bán hàng', currency: 'VND', isDefault: true });
    expect(sales.stages.map((s) => s.name)).toEqual(['Prospect', 'Qualified', 'Proposal', 'Negotiation', 'Won', 'Shipping', 'After-sale care', 'Warranty', 'Lost']);

    const created = await admin.post('/pipelines', { name: 'Projects', nameVi: 'Dự án', currency: 'USD', stages });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Projects', currency: 'USD', isDefault: false, position: 1 });
    expect(created.body.stages[1]).toMatchObject({ name: 'Build', probability: 60, outcome: 'open', requiredFields: ['amount', 'close_date'], rotDays: null });
    expect(created.body.stages[1].tasks[0]).toEqual({ title: { en: 'Kick-off call', vi: 'Gọi khởi động' }, type: 'call', dueInDays: 2, from: 'entered', assignee: 'owner' });
    // The deals definition's stage options reload (meta version bumped in the same transaction).
    const types = await admin.get('/record-types');
    const stageField = types.body.data.find((t: { name: string }) => t.name === 'deals').fields.find((f: { key: string }) => f.key === 'stage');
    expect(stageField.options.map((o: { value: string }) => o.value)).toContain(created.body.stages[0].id);
    const id = created.body.id as string;

    // Update: rename, keep Brief and Delivered by id, drop Build (empty), add Review; order follows the array.
    const [brief, , delivered] = created.body.stages;
    const updated = await admin.patch(`/pipelines/${id}`, {
      name: 'Client projects', stages: [{ ...stages[0], id: brief.id }, { name: 'Review', probability: 80 }, { ...stages[2], id: delivered.id }],
    });
    expect(updated.status).toBe(200);
    expect(updated.body.stages.map((s: { name: string; id: string }) => s.name)).toEqual(['Brief', 'Review', 'Delivered']);
    expect(updated.body.stages[0].id).toBe(brief.id);
    expect((await admin.get(`/pipelines/${id}`)).body.name).toBe('Client projects');

    // A stage holding deals cannot be removed.
    await createDeal(admin, { name: 'Website', pipeline: id });
    const busy = await admin.patch(`/pipelines/${id}`, { stages: [{ name: 'Only', probability: 10 }] });
    expect(busy.status).toBe(409);
    expect(busy.body.error.fields[0].path).toBe('stages');

    // Default moves; the default cannot be archived; others can (and leave the list).
    expect((await admin.patch(`/pipelines/${id}`, { isDefault: true })).body.isDefault).toBe(true);
    expect((await admin.get(`/pipelines/${sales.id}`)).body.isDefault).toBe(false);
    expect((await admin.del(`/pipelines/${id}`)).status).toBe(409);
    await admin.patch(`/pipelines/${sales.id}`, { isDefault: true });
    expect((await admin.del(`/pipelines/${id}`)).status).toBe(204);
    expect((await admin.get('/pipelines')).body.data.map((p: { id: string }) => p.id)).toEqual([sales.id]);
    expect((await admin.get('/pipelines?archived=true')).body.data).toHaveLength(2);
    expect((await admin.patch(`/pipelines/${id}`, { name: 'X' })).status).toBe(404);
  });

  it('refuses bad input naming the field, and changes from users without manage', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const bad = async (body: unknown, path: string) => {
      const res = await admin.post('/pipelines', body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(path);
    };
    await bad({ name: 'P', currency: 'XYZ', stages }, 'currency');
    await bad({ name: 'P', currency: 'vnd', stages }, 'currency');
    await bad({ name: 'P', stages: [] }, 'stages');
    await bad({ name: '', stages }, 'name');
    await bad({ name: 'P', stages: [{ name: 'A', probability: 120 }] }, 'stages.0.probability');
    await bad({ name: 'P', stages: [{ name: 'A', probability: 10, requiredFields: ['amount', 'nope'] }] }, 'stages.0.requiredFields.1');
    await bad({ name: 'P', stages: [{ name: 'A', probability: 10, requiredFields: ['status'] }] }, 'stages.0.requiredFields.0');
    await bad({ name: 'P', stages: [{ name: 'A', probability: 10, outcome: 'maybe' }] }, 'stages.0.outcome');
    await bad({ name: 'P', stages: [{ name: 'A', probability: 10, tasks: [{ title: { en: 'x', vi: '' }, dueInDays: 1 }] }] }, 'stages.0.tasks.0.title.vi');
    const { pipeline: sales } = await salesPipeline(admin);
    const other = await admin.post('/pipelines', { name: 'Other', stages });
    const foreign = await admin.patch(`/pipelines/${sales.id}`, { stages: [{ id: other.body.stages[0].id, name: 'X', probability: 1 }] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.fields[0].path).toBe('stages.0.id');
    expect((await admin.patch(`/pipelines/${sales.id}`, { currency: 'ABC' })).body.error.fields[0].path).toBe('currency');

    const seller = client(env(), (await actor(env(), { permissions: { deals: { actions: ['read', 'create', 'update'], scope: 'own' } } })).headers);
    expect((await seller.get('/pipelines')).status).toBe(200);
    expect((await seller.post('/pipelines', { name: 'Mine', stages })).status).toBe(403);
    expect((await seller.patch(`/pipelines/${sales.id}`, { name: 'Mine' })).status).toBe(403);
    expect((await seller.del(`/pipelines/${other.body.id}`)).status).toBe(403);
    const manager = client(env(), (await actor(env(), { permissions: { deals: { actions: ['read', 'manage'], scope: 'all' } } })).headers);
    expect((await manager.post('/pipelines', { name: 'Managed', stages })).status).toBe(201);
  });
});
