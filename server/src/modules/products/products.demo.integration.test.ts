import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { module as identity } from '../identity/index.js';
import { priceFor } from './pricing.js';
import { loadProductsDemo } from './products.demo.js';
import { actor, client } from './products.test-helpers.js';

describeEachDialect('products demo', (env) => {
  it('kith demo adds 20 products, two warehouses with stock and the dealers price list; once', async () => {
    await identity.demo!(env().ctx);
    await actor(env(), { admin: true });
    expect(await loadProductsDemo(env().ctx)).toMatch(/^products: 20 products/);
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const all = (await admin.get('/products?limit=200')).body.data as { id: string; values: Record<string, unknown> }[];
    expect(all).toHaveLength(20);
    expect(new Set(all.map((r) => r.values.tax_rate))).toEqual(new Set(['8', '10']));
    expect(all.every((r) => (r.values.price as { currency: string }).currency === 'VND')).toBe(true);
    const warehouses = (await admin.get('/warehouses')).body.data;
    expect(warehouses.map((w: { name: string }) => w.name)).toEqual(['Kho Hà Nội', 'Kho TP HCM']);
    const fan = all.find((r) => r.values.sku === 'FAN-STD-16')!;
    expect((await admin.get(`/inventory/levels?productId=${fan.id}`)).body.totals).toEqual({ onHand: 98, reserved: 0, available: 98 });
    const laptop = all.find((r) => r.values.sku === 'LAP-14-PRO')!;
    expect((await admin.get(`/inventory/serials?productId=${laptop.id}`)).body.data).toHaveLength(8);
    expect(await priceFor(env().database.db, { productId: fan.id, currency: 'VND', quantity: 25, group: 'dealer', on: '2026-12-07' })).toMatchObject({ unitPrice: 760_000, source: 'price_list' });
    expect(await loadProductsDemo(env().ctx)).toBe('products: the database already has products, left as they are');
  });
});
