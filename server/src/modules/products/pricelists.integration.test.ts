import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { priceFor } from './pricing.js';
import { actor, client, product, vnd } from './products.test-helpers.js';

describeEachDialect('price lists and priceFor', (env) => {
  it('CRUD with quantity breaks; bad input names the field; nothing written on a refusal', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const a = await product(admin, { price: vnd(1_000_000) });
    const created = await admin.post('/price-lists', { name: 'Đại lý', currency: 'vnd', customerGroup: 'dealer', validFrom: '2026-01-01', items: [{ productId: a, minQuantity: 1, unitPrice: 950_000 }, { productId: a, minQuantity: 10, unitPrice: 900_000 }] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ currency: 'VND', customerGroup: 'dealer', active: true, itemCount: 2 });
    expect(created.body.items.map((i: { minQuantity: number }) => i.minQuantity)).toEqual([1, 10]);
    const id = created.body.id;
    const bad = async (body: Record<string, unknown>, path: string, status = 400) => {
      const r = await admin.put(`/price-lists/${id}`, { name: 'x', currency: 'VND', ...body });
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      expect(r.body.error.fields[0].path).toBe(path);
    };
    await bad({ currency: 'XYZ' }, 'currency');
    await bad({ validFrom: '2026-12-31', validTo: '2026-01-01' }, 'validTo');
    await bad({ items: [{ productId: 'nope', minQuantity: 1, unitPrice: 1 }] }, 'items.0.productId');
    await bad({ items: [{ productId: a, minQuantity: 2, unitPrice: 1 }, { productId: a, minQuantity: 2, unitPrice: 3 }] }, 'items.1.minQuantity');
    await bad({ items: [{ productId: a, minQuantity: 1, unitPrice: 10.5 }] }, 'items.0.unitPrice');
    await bad({ items: [{ productId: a, minQuantity: 0, unitPrice: 10 }] }, 'items.0.minQuantity');
    expect((await admin.get(`/price-lists/${id}`)).body).toMatchObject({ name: 'Đại lý', itemCount: 2 });

    const put = await admin.put(`/price-lists/${id}`, { name: 'Dealers', currency: 'VND', customerGroup: 'dealer', items: [{ productId: a, minQuantity: 5, unitPrice: 920_000 }] });
    expect(put.status).toBe(200);
    expect(put.body.items).toHaveLength(1);
    expect((await admin.get(`/products/${a}/price-list-items`)).body.data).toEqual([expect.objectContaining({ priceListId: id, minQuantity: 5, unitPrice: 920_000 })]);
    expect((await admin.del(`/price-lists/${id}`)).status).toBe(204);
    // Each change is in the audit log, with the entries before and after.
    const audit = await env().database.db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity', '=', 'price_list').where('entity_id', '=', id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
    expect((await admin.get(`/price-lists/${id}`)).status).toBe(404);
    expect((await admin.get(`/products/${a}/price-list-items`)).body.data).toEqual([]);
  });

  it('priceFor: group list over general list, largest break ≤ quantity, validity dates, else the product price in its currency', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const a = await product(admin, { price: vnd(1_000_000) });
    const general = await admin.post('/price-lists', { name: 'Bán buôn', currency: 'VND', items: [{ productId: a, minQuantity: 10, unitPrice: 900_000 }, { productId: a, minQuantity: 50, unitPrice: 850_000 }] });
    const dealer = await admin.post('/price-lists', { name: 'Dealers 2026', currency: 'VND', customerGroup: 'dealer', validFrom: '2026-01-01', validTo: '2026-12-31', items: [{ productId: a, minQuantity: 1, unitPrice: 880_000 }, { productId: a, minQuantity: 20, unitPrice: 800_000 }] });
    await admin.post('/price-lists', { name: 'USD', currency: 'USD', items: [{ productId: a, minQuantity: 1, unitPrice: 4_500 }] });
    await admin.post('/price-lists', { name: 'Old', currency: 'VND', active: false, items: [{ productId: a, minQuantity: 1, unitPrice: 1 }] });
    const db = env().database.db;
    const on = '2026-06-01';
    expect(await priceFor(db, { productId: a, currency: 'VND', quantity: 1, on })).toEqual({ unitPrice: 1_000_000, currency: 'VND', source: 'product', priceListId: null, minQuantity: null });
    expect(await priceFor(db, { productId: a, currency: 'VND', quantity: 10, on })).toMatchObject({ unitPrice: 900_000, priceListId: general.body.id, minQuantity: 10 });
    expect(await priceFor(db, { productId: a, currency: 'VND', quantity: 60, on })).toMatchObject({ unitPrice: 850_000 });
    expect(await priceFor(db, { productId: a, currency: 'VND', quantity: 60, group: 'dealer', on })).toMatchObject({ unitPrice: 800_000, priceListId: dealer.body.id });
    expect(await priceFor(db, { productId: a, currency: 'VND', quantity: 3, group: 'dealer', on })).toMatchObject({ unitPrice: 880_000 });
    // Outside the dealer list's dates the general list applies.
    expect(await priceFor(db, { productId: a, currency: 'VND', quantity: 60, group: 'dealer', on: '2027-01-01' })).toMatchObject({ unitPrice: 850_000 });
    expect(await priceFor(db, { productId: a, currency: 'USD', quantity: 2, on })).toMatchObject({ unitPrice: 4_500, currency: 'USD', source: 'price_list' });
    // Only one list when named.
    expect(await priceFor(db, { productId: a, currency: 'VND', quantity: 60, priceListId: general.body.id, group: 'dealer', on })).toMatchObject({ unitPrice: 850_000 });
    await expect(priceFor(db, { productId: a, currency: 'EUR', quantity: 1, on })).rejects.toMatchObject({ status: 400, fields: [{ path: 'currency' }] });
    await expect(priceFor(db, { productId: a, currency: 'VND', quantity: 0, on })).rejects.toMatchObject({ status: 400, fields: [{ path: 'quantity' }] });
    await expect(priceFor(db, { productId: 'nope', currency: 'VND', quantity: 1, on })).rejects.toMatchObject({ status: 400, fields: [{ path: 'productId' }] });
    // Over HTTP.
    const http = await admin.get(`/products/${a}/price?currency=VND&quantity=25&group=dealer&on=${on}`);
    expect(http.status).toBe(200);
    expect(http.body).toMatchObject({ unitPrice: 800_000, source: 'price_list', minQuantity: 20 });
    expect((await admin.get(`/products/${a}/price?currency=VND&quantity=-1`)).body.error.fields[0].path).toBe('quantity');
  });

  it('price lists need products manage; a reader can read them', async () => {
    const reader = client(env(), (await actor(env(), { permissions: { products: { actions: ['read'], scope: 'all' } } })).headers);
    expect((await reader.get('/price-lists')).status).toBe(200);
    expect((await reader.post('/price-lists', { name: 'x', currency: 'VND' })).status).toBe(403);
  });
});
