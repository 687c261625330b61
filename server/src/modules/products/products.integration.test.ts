import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { actor, client, sku, vnd } from './products.test-helpers.js';

describeEachDialect('products: standard object', (env) => {
  it('creates a product with defaults; SKU unique (409 naming values.sku); bad input 400 naming the field', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const code = sku('LAP');
    const a = await admin.post('/products', { values: { sku: ` ${code.toLowerCase()} `, name: 'Laptop 14"', name_vi: 'Máy tính xách tay 14"', price: vnd(18_990_000), cost: vnd(15_000_000), tax_rate: '8', warranty_months: 24, category: 'electronics' } });
    expect(a.status).toBe(201);
    expect(a.body.values).toMatchObject({ sku: code, kind: 'stock', status: 'active', tax_rate: '8', serial_tracked: false, allow_backorder: false, price: vnd(18_990_000), cost: vnd(15_000_000), unit: 'pcs' });
    const dup = await admin.post('/products', { values: { sku: code, name: 'Copy', price: vnd(1) } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields[0].path).toBe('values.sku');

    const bad = async (values: Record<string, unknown>, path: string) => {
      const r = await admin.post('/products', { values: { sku: sku(), name: 'x', price: vnd(1000), ...values } });
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.error.fields[0].path).toBe(path);
    };
    await bad({ price: { amount: 10.5, currency: 'VND' } }, 'values.price');
    await bad({ price: vnd(-1) }, 'values.price');
    await bad({ cost: { amount: 100, currency: 'USD' } }, 'values.cost');
    await bad({ tax_rate: '7' }, 'values.tax_rate');
    await bad({ kind: 'service', serial_tracked: true }, 'values.serial_tracked');
    await bad({ warranty_months: 1.5 }, 'values.warranty_months');
    await bad({ reorder_level: -2 }, 'values.reorder_level');
    await bad({ sku: 'A B' }, 'values.sku');
    const noPrice = await admin.post('/products', { values: { sku: sku(), name: 'x' } });
    expect(noPrice.body.error.fields[0].path).toBe('values.price');

    // Archive, and the list filters by status; also at /objects/products (the web app's generic pages).
    const archived = await admin.patch(`/products/${a.body.id}`, { values: { status: 'archived' } });
    expect(archived.status).toBe(200);
    const q = encodeURIComponent(JSON.stringify([{ field: 'sku', op: 'eq', value: code }]));
    expect((await admin.get(`/objects/products?filter=${q}`)).body.data[0].values.status).toBe('archived');
  });

  it('a user without the products grant cannot read; read-only cannot write', async () => {
    const none = client(env(), (await actor(env(), { permissions: {} })).headers);
    expect((await none.get('/products')).status).toBe(403);
    const reader = client(env(), (await actor(env(), { permissions: { products: { actions: ['read'], scope: 'all' } } })).headers);
    expect((await reader.get('/products')).status).toBe(200);
    expect((await reader.post('/products', { values: { sku: sku(), name: 'x', price: vnd(1) } })).status).toBe(403);
  });
});
