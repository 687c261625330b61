import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import type { Principal } from '../../platform/auth/principal.js';
import { definitionOf } from '../../platform/records/index.js';
import { createStageTasks } from './deals.stage-tasks.js';
import { actor, client, createDeal, salesPipeline, tasksOf, vnd } from './deals.test-helpers.js';

const DAY = 86_400_000;

describeEachDialect('deals: stage rules, history and stage tasks', (env) => {
  it('puts a new deal in the default pipeline first stage with derived values, history and its stage task', async () => {
    const owner = await actor(env(), { admin: true });
    const admin = client(env(), owner.headers);
    const { pipeline, stage } = await salesPipeline(admin);
    const deal = await createDeal(admin, { name: 'Hotel Lotus fit-out' });
    expect(deal.values).toMatchObject({ pipeline: pipeline.id, stage: stage.Prospect, status: 'open', probability: 10, closed_at: null });
    expect(Date.now() - Date.parse(String(deal.values.stage_entered_at))).toBeLessThan(60_000);
    const history = await admin.get(`/deals/${deal.id}/stage-history`);
    expect(history.body.data).toEqual([expect.objectContaining({ fromStage: null, toStage: stage.Prospect, secondsInPrevious: null, actorId: owner.id })]);
    const tasks = await tasksOf(env(), deal.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ title: 'Qualify the need and budget', type: 'call', assignee: owner.id, owner_id: owner.id });
    expect(tasks[0]!.source_key).toBe(`stage:${deal.id}:${stage.Prospect}:0:${history.body.data[0].id}`);
    expect(Date.parse(tasks[0]!.due_at) - Date.parse(String(deal.values.stage_entered_at))).toBe(2 * DAY);
    const notes = await admin.get('/notifications');
    expect(notes.body.data.map((n: { title: string }) => n.title)).toContain('New task: Qualify the need and budget');
  });

  it('refuses a stage of another pipeline, missing required fields (each named) and negative amounts', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const { stage } = await salesPipeline(admin);
    const other = await admin.post('/pipelines', { name: 'Projects', stages: [{ name: 'Brief', probability: 10 }] });
    const deal = await createDeal(admin, { name: 'Resort spa' });

    const foreign = await admin.patch(`/deals/${deal.id}`, { values: { stage: other.body.stages[0].id } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.fields[0].path).toBe('values.stage');
    expect((await admin.post('/deals', { values: { name: 'X', pipeline: other.body.id, stage: stage.Won } })).body.error.fields[0].path).toBe('values.stage');
    // Moving the pipeline alone lands on its first stage.
    const moved = await admin.patch(`/deals/${deal.id}`, { values: { pipeline: other.body.id } });
    expect(moved.body.values).toMatchObject({ pipeline: other.body.id, stage: other.body.stages[0].id, probability: 10 });
    expect((await admin.patch(`/deals/${deal.id}`, { values: { pipeline: (await salesPipeline(admin)).pipeline.id } })).body.values.stage).toBe(stage.Prospect);

    const missing = await admin.patch(`/deals/${deal.id}`, { values: { stage: stage.Negotiation } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['values.amount', 'values.close_date']);
    const half = await admin.patch(`/deals/${deal.id}`, { values: { stage: stage.Negotiation, amount: vnd(5_000_000) } });
    expect(half.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['values.close_date']);
    expect((await admin.patch(`/deals/${deal.id}`, { values: { stage: stage.Lost } })).body.error.fields[0].path).toBe('values.lost_reason');

    const negative = await admin.patch(`/deals/${deal.id}`, { values: { amount: vnd(-1) } });
    expect(negative.status).toBe(400);
    expect(negative.body.error.fields[0].path).toBe('values.amount');
    expect((await admin.post('/deals', { values: { name: 'Y', amount: vnd(-5) } })).body.error.fields[0].path).toBe('values.amount');
    expect((await admin.post('/deals', { values: { name: 'Y', amount: { amount: 5, currency: 'XYZ' } } })).body.error.fields[0].path).toBe('values.amount');
    expect((await admin.post('/deals', { values: { name: 'Y', close_date: '2026-02-30' } })).body.error.fields[0].path).toBe('values.close_date');
  });

  it('derives status, probability and close time along the stages; history keeps time in the previous stage', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const { stage } = await salesPipeline(admin);
    const deal = await createDeal(admin, { name: 'Office chairs', amount: vnd(80_000_000), close_date: '2027-01-15' });
    // Pretend the deal entered Prospect an hour ago.
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    await sql`update deals set stage_entered_at = ${hourAgo} where id = ${deal.id}`.execute(env().database.db);
    const nego = await admin.patch(`/deals/${deal.id}`, { values: { stage: stage.Negotiation } });
    expect(nego.body.values).toMatchObject({ status: 'open', probability: 75, closed_at: null });
    const won = await admin.patch(`/deals/${deal.id}`, { values: { stage: stage.Won } }, { 'If-Match': `"${nego.body.version}"` });
    expect(won.status).toBe(200);
    expect(won.body.values).toMatchObject({ status: 'won', probability: 100 });
    const closedAt = won.body.values.closed_at;
    expect(closedAt).toBeTruthy();
    const shipping = await admin.patch(`/deals/${deal.id}`, { values: { stage: stage.Shipping } });
    expect(shipping.body.values).toMatchObject({ status: 'won', closed_at: closedAt });
    const lost = await admin.patch(`/deals/${deal.id}`, { values: { stage: stage.Lost, lost_reason: 'Budget cut' } });
    expect(lost.body.values).toMatchObject({ status: 'lost', probability: 0 });
    const reopened = await admin.patch(`/deals/${deal.id}`, { values: { stage: stage.Qualified } });
    expect(reopened.body.values).toMatchObject({ status: 'open', probability: 25, closed_at: null });

    const history = (await admin.get(`/deals/${deal.id}/stage-history`)).body.data;
    expect(history.map((h: { toStage: string }) => h.toStage)).toEqual([stage.Prospect, stage.Negotiation, stage.Won, stage.Shipping, stage.Lost, stage.Qualified]);
    expect(history[1].fromStage).toBe(stage.Prospect);
    expect(history[1].secondsInPrevious).toBeGreaterThanOrEqual(3599);
    expect(history[1].secondsInPrevious).toBeLessThan(3700);
    // An unrelated change is no stage change: no history row.
    await admin.patch(`/deals/${deal.id}`, { values: { description: 'Two floors' } });
    expect((await admin.get(`/deals/${deal.id}/stage-history`)).body.data).toHaveLength(6);
    // Closed without an expected close date: it takes the closing day (the forecast counts it in that period);
    // a close date the user gave stays.
    const undated = await createDeal(admin, { name: 'Undated' });
    const closed = await admin.patch(`/deals/${undated.id}`, { values: { stage: stage.Lost, lost_reason: 'No budget' } });
    expect(closed.body.values.close_date).toBe(String(closed.body.values.closed_at).slice(0, 10));
    expect(lost.body.values.close_date).toBe('2027-01-15');
  });

  it('creates stage tasks in the owner language, from the warranty end, once even when run again', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const viOwner = await actor(env(), { permissions: { deals: { actions: ['read', 'update'], scope: 'own' } } });
    await sql`update users set locale = 'vi' where id = ${viOwner.id}`.execute(env().database.db);
    const { stage } = await salesPipeline(admin);
    const deal = await createDeal(admin, { name: 'Máy lạnh văn phòng', amount: vnd(120_000_000) }, { ownerId: viOwner.id });
    // The owner may not create tasks, yet the stage's task is made for them.
    const seller = client(env(), viOwner.headers);
    const won = await seller.patch(`/deals/${deal.id}`, { values: { stage: stage.Won } });
    expect(won.status).toBe(200);
    let tasks = await tasksOf(env(), deal.id);
    expect(tasks.map((t) => t.title)).toEqual(['Xác định nhu cầu và ngân sách', 'Lên lịch giao hàng']);
    expect(tasks[1]).toMatchObject({ assignee: viOwner.id, type: 'todo' });
    expect(Date.parse(tasks[1]!.due_at) - Date.parse(won.body.values.stage_entered_at)).toBe(DAY);
    expect((await seller.get('/notifications')).body.data.map((n: { title: string }) => n.title)).toContain('Công việc mới: Lên lịch giao hàng');

    const warranty = await seller.patch(`/deals/${deal.id}`, { values: { stage: stage.Warranty } });
    expect(warranty.body.error.fields[0].path).toBe('values.warranty_ends');
    expect((await seller.patch(`/deals/${deal.id}`, { values: { stage: stage.Warranty, warranty_ends: '2028-06-30' } })).status).toBe(200);
    tasks = await tasksOf(env(), deal.id);
    expect(tasks[2]).toMatchObject({ title: 'Gửi đề nghị gia hạn', type: 'email' });
    expect(tasks[2]!.due_at).toBe(new Date(Date.parse('2028-06-30T09:00:00.000Z') - 30 * DAY).toISOString());

    // A retry of the same stage entry creates nothing more.
    const history = (await admin.get(`/deals/${deal.id}/stage-history`)).body.data;
    const wonEntry = history.find((h: { toStage: string }) => h.toStage === stage.Won);
    const { defs } = await definitionOf(env().database.db, 'deals');
    const mover: Principal = { kind: 'user', userId: viOwner.id, email: 'o@example.com', name: 'O', locale: 'vi', roleId: 'r', isAdmin: false, teamId: null, teamIds: [], permissions: {}, maxClassification: 'internal' };
    const again = await env().database.db.transaction().execute((trx) => createStageTasks(trx, defs, mover,
      { id: deal.id, values: won.body.values, ownerId: viOwner.id }, stage.Won!, wonEntry.id, wonEntry.at));
    expect(again).toBe(0);
    expect(await tasksOf(env(), deal.id)).toHaveLength(3);
  });

  it("the default pipeline's stage tasks follow the seeds' process: won → delivery, shipping → satisfaction call after 7 days, warranty → renewal offer 30 days before it ends", async () => {
    const owner = await actor(env(), { admin: true });
    const admin = client(env(), owner.headers);
    const { pipeline, stage } = await salesPipeline(admin);
    const tasksOfStage = (name: string) => pipeline.stages.find((x) => x.name === name)!.tasks;
    expect(tasksOfStage('Won')).toEqual([{ title: { en: 'Schedule the delivery', vi: 'Lên lịch giao hàng' }, type: 'todo', dueInDays: 1, from: 'entered', assignee: 'owner' }]);
    expect(tasksOfStage('Shipping')).toEqual([{ title: { en: 'Call to check satisfaction', vi: 'Gọi hỏi thăm mức độ hài lòng' }, type: 'call', dueInDays: 7, from: 'entered', assignee: 'owner' }]);
    expect(tasksOfStage('Warranty')).toEqual([{ title: { en: 'Send a renewal offer', vi: 'Gửi đề nghị gia hạn' }, type: 'email', dueInDays: -30, from: 'warranty_end', assignee: 'owner' }]);
    expect(pipeline.stages.find((x) => x.name === 'Warranty')!.requiredFields).toEqual(['warranty_ends']);

    // One deal along the whole after-sale path.
    const deal = await createDeal(admin, { name: 'Điều hoà nhà máy', amount: vnd(300_000_000) });
    const won = await admin.patch(`/deals/${deal.id}`, { values: { stage: stage.Won } });
    const shipping = await admin.patch(`/deals/${deal.id}`, { values: { stage: stage.Shipping } });
    expect(shipping.status).toBe(200);
    await admin.patch(`/deals/${deal.id}`, { values: { stage: stage['After-sale care'] } });
    expect((await admin.patch(`/deals/${deal.id}`, { values: { stage: stage.Warranty, warranty_ends: '2029-01-31' } })).status).toBe(200);
    const byTitle = new Map((await tasksOf(env(), deal.id)).map((t) => [t.title, t]));
    expect(Date.parse(byTitle.get('Schedule the delivery')!.due_at) - Date.parse(won.body.values.stage_entered_at)).toBe(DAY);
    expect(byTitle.get('Call to check satisfaction')).toMatchObject({ type: 'call', assignee: owner.id });
    expect(Date.parse(byTitle.get('Call to check satisfaction')!.due_at) - Date.parse(shipping.body.values.stage_entered_at)).toBe(7 * DAY);
    expect(byTitle.get('Send a renewal offer')).toMatchObject({ type: 'email', assignee: owner.id, due_at: '2029-01-01T09:00:00.000Z' });
    expect(byTitle.size).toBe(4); // with Prospect's qualification call; After-sale care creates none
  });

  it('two concurrent moves of one deal to Won: one wins, the other gets 412, the delivery task exists once', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const { stage } = await salesPipeline(admin);
    for (let round = 0; round < 3; round++) {
      const deal = await createDeal(admin, { name: `Race ${round}`, amount: vnd(10_000_000) });
      const results = await Promise.all([0, 1, 2].map(() => admin.patch(`/deals/${deal.id}`, { values: { stage: stage.Won } }, { 'If-Match': `"${deal.version}"` })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 412, 412]);
      const delivery = (await tasksOf(env(), deal.id)).filter((t) => t.title === 'Schedule the delivery');
      expect(delivery).toHaveLength(1);
      // Without If-Match as well: the engine's version check in the UPDATE lets one of them change the stage.
      const deal2 = await createDeal(admin, { name: `Race b${round}`, amount: vnd(10_000_000) });
      const loose = await Promise.all([0, 1].map(() => admin.patch(`/deals/${deal2.id}`, { values: { stage: stage.Won } })));
      expect(loose.some((r) => r.status === 200)).toBe(true);
      expect((await tasksOf(env(), deal2.id)).filter((t) => t.title === 'Schedule the delivery')).toHaveLength(1);
      expect((await admin.get(`/deals/${deal2.id}/stage-history`)).body.data).toHaveLength(2);
    }
  });
});
