import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { actor, client, customer, type Client } from './orders.test-helpers.js';

const level = async (c: Client, productId: string) => (await c.get(`/inventory/levels?productId=${productId}`)).body.totals as { onHand: number; reserved: number; available: number };

describeEachDialect('orders from an e-commerce integration: POST /orders with externalId', (env) => {
  it('takes an order in once per source and external id: customer matched by email or created by phone, lines by SKU, stock reserved once', async () => {
    const admin = await actor(env(), { admin: true });
    const c = client(env(), admin.headers);
    const tag = Date.now().toString(36).toUpperCase();
    const wh = await c.post('/warehouses', { name: `Kho ${tag}`, code: `W${tag}`, isDefault: true });
    const product = await c.post('/products', { values: { sku: `LOC-${tag}`, name: 'Máy lọc nước', tax_rate: '10', price: { amount: 5_000_000, currency: 'VND' } } });
    expect(product.status).toBe(201);
    expect((await c.post('/inventory/receipts', { productId: product.body.id, warehouseId: wh.body.id, quantity: 10 })).status).toBeLessThan(300);
    const who = await customer(c, `Shop${tag}`);
    const email = (await c.get(`/contacts/${who.contactId}`)).body.emails[0].address as string;

    const body = (externalId: string, extra: Record<string, unknown> = {}) => ({
      source: 'shopify', externalId, customer: { email: email.toUpperCase() }, lines: [{ sku: `loc-${tag.toLowerCase()}`, quantity: 2 }], ...extra,
    });
    const first = await c.post('/orders', body(`A-${tag}`));
    expect(first.status).toBe(201);
    expect(first.body.values).toMatchObject({
      status: 'confirmed', contact: who.contactId, company: who.companyId, currency: 'VND', external_ref: `shopify:A-${tag}`,
      total: { amount: 11_000_000, currency: 'VND' }, // 2 × 5,000,000 + VAT 10 %
    });
    expect(await level(c, product.body.id)).toMatchObject({ onHand: 10, reserved: 2 });
    const lines = (await c.get(`/orders/${first.body.id}/lines`)).body.lines;
    expect(lines).toMatchObject([{ productId: product.body.id, description: 'Máy lọc nước', quantity: 2, unitPrice: 5_000_000, taxRate: 10 }]);

    // The same order again: 200, the same order, no second reservation.
    const again = await c.post('/orders', body(`A-${tag}`));
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(await level(c, product.body.id)).toMatchObject({ reserved: 2 });

    // Two deliveries of one order at once: one order, one reservation.
    const twins = await Promise.all([c.post('/orders', body(`B-${tag}`, { lines: [{ sku: `LOC-${tag}`, quantity: 1 }] })), c.post('/orders', body(`B-${tag}`, { lines: [{ sku: `LOC-${tag}`, quantity: 1 }] }))]);
    expect(twins.map((t) => t.status).sort(), JSON.stringify(twins.map((t) => t.body))).toEqual([200, 201]);
    expect(twins[0].body.id).toBe(twins[1].body.id);
    expect(await level(c, product.body.id)).toMatchObject({ reserved: 3 });

    // A new customer by phone is created; an explicit price wins.
    const phone = `+8490${String(Date.now()).slice(-7)}`;
    const fresh = await c.post('/orders', { source: 'haravan', externalId: `C-${tag}`, customer: { phone, givenName: 'Lan', familyName: 'Phạm' }, lines: [{ sku: `LOC-${tag}`, quantity: 1, unitPrice: 4_500_000 }] });
    expect(fresh.status).toBe(201);
    expect(fresh.body.values.contact).not.toBe(who.contactId);
    const created = (await c.get(`/contacts/${fresh.body.values.contact}`)).body;
    expect(created).toMatchObject({ givenName: 'Lan', familyName: 'Phạm' });
    expect(fresh.body.values.total).toEqual({ amount: 4_950_000, currency: 'VND' });

    // Bad input names the field; nothing is written (no order, no reservation).
    const unknown = await c.post('/orders', body(`D-${tag}`, { lines: [{ sku: `LOC-${tag}`, quantity: 1 }, { sku: 'NO-SUCH-SKU', quantity: 1 }] }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0].path).toBe('lines.1.sku');
    expect((await c.post('/orders', { source: 'shopify', externalId: `E-${tag}`, customer: {}, lines: [{ sku: `LOC-${tag}`, quantity: 1 }] })).body.error.fields[0].path).toBe('customer.email');
    expect((await c.post('/orders', body(`F-${tag}`, { lines: [{ sku: `LOC-${tag}`, quantity: -1 }] }))).body.error.fields[0].path).toBe('lines.0.quantity');
    expect(await level(c, product.body.id)).toMatchObject({ reserved: 4 });
    const refs = (await c.get(`/orders?filter=${encodeURIComponent(JSON.stringify([{ field: 'external_ref', op: 'eq', value: `shopify:D-${tag}` }]))}`)).body.data;
    expect(refs).toHaveLength(0);

    // The OpenAPI document offers both bodies.
    const doc = (await env().app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const offered = doc.paths['/api/v1/orders'].post.requestBody.content['application/json'].schema.oneOf;
    expect(offered).toHaveLength(2);
    expect(offered[1].required).toEqual(expect.arrayContaining(['source', 'externalId', 'customer', 'lines']));

    // The engine's own create still answers as before; a caller without orders create gets 403.
    expect((await c.post('/orders', { values: { subject: 'Đơn nhập tay' } })).status).toBe(201);
    const reader = await actor(env(), { permissions: { orders: { actions: ['read'], scope: 'all' } } });
    expect((await client(env(), reader.headers).post('/orders', body(`G-${tag}`))).status).toBe(403);
  });
});
