import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { modules } from '../index.js';
import { actor, client } from './orders.test-helpers.js';

describeEachDialect('orders: kith demo', (env) => {
  it('adds orders from won deals in several statuses, invoices in every state, payments and warranties; once', async () => {
    const a = await actor(env(), { admin: true });
    const c = client(env(), a.headers);
    for (const name of ['Lotus Hotels', 'Sao Mai Logistics', 'Hanoi Print']) expect((await c.post('/companies', { name })).status).toBe(201);
    for (const m of modules) if (m.demo && ['records', 'deals', 'products', 'orders'].includes(m.name)) await m.demo(env().ctx);
    const count = async (path: string, filter?: unknown) => (await c.get(`${path}/count${filter ? `?filter=${encodeURIComponent(JSON.stringify(filter))}` : ''}`)).body.count as number;
    expect(await count('/orders')).toBeGreaterThanOrEqual(6);
    for (const status of ['draft', 'paid', 'overdue', 'partially_paid', 'credited', 'void']) {
      expect(await count('/invoices', [{ field: 'status', op: 'eq', value: status }]), status).toBeGreaterThanOrEqual(1);
    }
    expect(await count('/payments')).toBeGreaterThanOrEqual(3);
    expect(await count('/warranties')).toBeGreaterThanOrEqual(1);
    const orders = modules.find((m) => m.name === 'orders')!;
    expect(await orders.demo!(env().ctx)).toMatch(/already has orders/);
  });
});
