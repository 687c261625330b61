import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { modules } from '../index.js';
import { actor, client } from './quotes.test-helpers.js';

describeEachDialect('quotes and contracts: kith demo', (env) => {
  it('adds three quotes in different states on demo deals and two contracts; once', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    for (const name of ['Lotus Hotels', 'Sao Mai Logistics']) expect((await admin.post('/companies', { name })).status).toBe(201);
    for (const m of modules) if (m.demo && ['records', 'deals', 'quotes', 'contracts'].includes(m.name)) await m.demo(env().ctx);
    const quotes = (await admin.get('/quotes?limit=50')).body.data as { values: { status: string; total: { amount: number }; deal: string } }[];
    expect(quotes.map((q) => q.values.status).sort()).toEqual(['accepted', 'draft', 'sent']);
    for (const q of quotes) {
      expect(q.values.total.amount).toBeGreaterThan(0);
      expect(q.values.deal).toBeTruthy();
    }
    const contracts = (await admin.get('/contracts?limit=50')).body.data as { values: { status: string; quote: string | null } }[];
    expect(contracts).toHaveLength(2);
    expect(contracts.filter((c) => c.values.quote)).toHaveLength(1);
    for (const name of ['quotes', 'contracts']) expect(await modules.find((m) => m.name === name)!.demo!(env().ctx)).toMatch(/already has/);
  });
});
