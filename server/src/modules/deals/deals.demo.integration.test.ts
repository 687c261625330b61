import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { modules } from '../index.js';
import { actor, client, salesPipeline } from './deals.test-helpers.js';

describeEachDialect('deals: kith demo', (env) => {
  it('adds the Projects pipeline and about forty deals in every stage of the default pipeline, a few rotting; once', async () => {
    const a = await actor(env(), { admin: true });
    const admin = client(env(), a.headers);
    // A few companies stand in for the contacts module's demo (slow); the deals demo uses what it finds.
    for (const name of ['Lotus Hotels', 'Sao Mai Logistics', 'Hanoi Print']) expect((await admin.post('/companies', { name })).status).toBe(201);
    for (const m of modules) if (m.demo && (m.name === 'records' || m.name === 'deals')) await m.demo(env().ctx);
    const pipelines = (await admin.get('/pipelines')).body.data as { name: string; nameVi: string }[];
    expect(pipelines.map((p) => [p.name, p.nameVi])).toContainEqual(['Projects', 'Dự án']);
    const { pipeline } = await salesPipeline(admin);
    const board = (await admin.get(`/deals/board?pipeline=${pipeline.id}`)).body as { columns: { count: number; totals: { currency: string }[]; cards: { rotting: boolean; company: unknown }[] }[] };
    expect(board.columns.reduce((n, c) => n + c.count, 0)).toBe(40);
    for (const c of board.columns) {
      expect(c.count).toBeGreaterThanOrEqual(4);
      expect(c.totals.map((t) => t.currency)).toEqual(['VND']);
    }
    expect(board.columns.flatMap((c) => c.cards).filter((c) => c.rotting).length).toBeGreaterThanOrEqual(3);
    expect(board.columns.flatMap((c) => c.cards).filter((c) => c.company).length).toBeGreaterThan(20);
    const deals = modules.find((m) => m.name === 'deals')!;
    expect(await deals.demo!(env().ctx)).toMatch(/already has deals/);
  });
});
