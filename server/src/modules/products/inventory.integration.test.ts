import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { releaseStock, reserveStock, reserveStockLines, returnStock, withdrawStock } from './stock.js';
import { actor, client, product, sku, type Client } from './products.test-helpers.js';

async function warehouse(c: Client, name: string): Promise<string> {
  const r = await c.post('/warehouses', { name, code: sku('W') });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}
const levelOf = async (c: Client, productId: string, warehouseId: string) =>
  ((await c.get(`/inventory/levels?productId=${productId}`)).body.data as { warehouseId: string; onHand: number; reserved: number; available: number }[]).find((l) => l.warehouseId === warehouseId);

describeEachDialect('inventory: warehouses, movements, ledger, serials, concurrency, low stock', (env) => {
  it('receipts and adjustments move the level and write the ledger; an adjustment needs a reason; stock never goes negative', async () => {
    const me = await actor(env(), { admin: true });
    const admin = client(env(), me.headers);
    const hn = await warehouse(admin, 'Kho Hà Nội');
    const dup = await admin.post('/warehouses', { name: 'Copy', code: (await admin.get('/warehouses')).body.data.find((w: { id: string }) => w.id === hn).code });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields[0].path).toBe('code');
    expect((await env().database.db.selectFrom('audit_log').select('action').where('entity', '=', 'warehouse').where('entity_id', '=', hn).execute()).map((a) => a.action)).toEqual(['create']);
    const a = await product(admin, { name: 'Quạt điện' });
    const rec = await admin.post('/inventory/receipts', { productId: a, warehouseId: hn, quantity: 10, note: 'PO-1' });
    expect(rec.status, JSON.stringify(rec.body)).toBe(201);
    expect(rec.body.level).toMatchObject({ onHand: 10, reserved: 0, available: 10, warehouseName: 'Kho Hà Nội' });
    expect(rec.body.entry).toMatchObject({ kind: 'receipt', quantity: 10, onHandDelta: 10, onHandAfter: 10, actorId: me.id });

    const noReason = await admin.post('/inventory/adjustments', { productId: a, warehouseId: hn, delta: -2 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields[0].path).toBe('reason');
    expect((await admin.post('/inventory/adjustments', { productId: a, warehouseId: hn, delta: -2, reason: '   ' })).body.error.fields[0].path).toBe('reason');
    const adj = await admin.post('/inventory/adjustments', { productId: a, warehouseId: hn, delta: -2, reason: 'Hư hỏng khi vận chuyển' });
    expect(adj.status).toBe(201);
    expect(adj.body.level).toMatchObject({ onHand: 8, available: 8 });
    const tooMuch = await admin.post('/inventory/adjustments', { productId: a, warehouseId: hn, delta: -9, reason: 'Kiểm kê' });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error.fields[0].path).toBe('quantity');
    expect(await levelOf(admin, a, hn)).toMatchObject({ onHand: 8, available: 8 });
    const badQty = await admin.post('/inventory/receipts', { productId: a, warehouseId: hn, quantity: -1 });
    expect(badQty.status).toBe(400);
    expect(badQty.body.error.fields[0].path).toBe('quantity');
    expect((await admin.post('/inventory/receipts', { productId: a, warehouseId: 'nope', quantity: 1 })).body.error.fields[0].path).toBe('warehouseId');
    const service = await product(admin, { kind: 'service' });
    expect((await admin.post('/inventory/receipts', { productId: service, warehouseId: hn, quantity: 1 })).body.error.fields[0].path).toBe('productId');

    // Reservation → release → withdrawal → return, inside callers' transactions (the orders module's calls).
    const db = env().database.db;
    await db.transaction().execute((trx) => reserveStock(trx, null, { productId: a, quantity: 5, ref: 'order:1', warehouseId: hn }));
    expect(await levelOf(admin, a, hn)).toMatchObject({ onHand: 8, reserved: 5, available: 3 });
    await db.transaction().execute((trx) => releaseStock(trx, null, { productId: a, quantity: 1, ref: 'order:1' }));
    const shipped = await db.transaction().execute((trx) => withdrawStock(trx, null, { productId: a, quantity: 4, ref: 'order:1' }));
    expect(shipped.warehouseId).toBe(hn);
    expect(await levelOf(admin, a, hn)).toMatchObject({ onHand: 4, reserved: 0, available: 4 });
    await expect(db.transaction().execute((trx) => releaseStock(trx, null, { productId: a, quantity: 1, ref: 'order:1' }))).rejects.toMatchObject({ status: 409, fields: [{ path: 'quantity' }] });
    await db.transaction().execute((trx) => returnStock(trx, null, { productId: a, quantity: 1, ref: 'order:1', warehouseId: hn }));
    expect(await levelOf(admin, a, hn)).toMatchObject({ onHand: 5, reserved: 0, available: 5 });
    // A refused movement leaves nothing behind, and a service has no stock to reserve.
    await expect(db.transaction().execute((trx) => reserveStock(trx, null, { productId: a, quantity: 6, warehouseId: hn }))).rejects.toMatchObject({ status: 409 });
    expect((await db.transaction().execute((trx) => reserveStock(trx, null, { productId: service, quantity: 3 }))).skipped).toBe(true);

    const ledger = await admin.get(`/inventory/ledger?productId=${a}&limit=4`);
    expect(ledger.body.data.map((e: { kind: string }) => e.kind)).toEqual(['return', 'withdrawal', 'release', 'reservation']);
    const rest = await admin.get(`/inventory/ledger?productId=${a}&limit=4&before=${ledger.body.nextBefore}`);
    expect(rest.body.data.map((e: { kind: string }) => e.kind)).toEqual(['adjustment', 'receipt']);
    expect(rest.body.data[0]).toMatchObject({ reason: 'Hư hỏng khi vận chuyển', onHandDelta: -2, onHandAfter: 8 });
    expect(rest.body.nextBefore).toBeNull();
  });

  it('backorders let available go negative; serials are listed on receipt and withdrawn once', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const w = await warehouse(admin, 'Kho TP HCM');
    const db = env().database.db;
    const back = await product(admin, { allow_backorder: true });
    await db.transaction().execute((trx) => reserveStock(trx, null, { productId: back, quantity: 3, warehouseId: w }));
    expect(await levelOf(admin, back, w)).toMatchObject({ onHand: 0, reserved: 3, available: -3 });

    const phone = await product(admin, { serial_tracked: true, name: 'Điện thoại' });
    expect((await admin.post('/inventory/receipts', { productId: phone, warehouseId: w, quantity: 2, serials: ['SN1'] })).body.error.fields[0].path).toBe('serials');
    expect((await admin.post('/inventory/receipts', { productId: phone, warehouseId: w, quantity: 2, serials: ['SN1', 'SN1'] })).body.error.fields[0].path).toBe('serials.1');
    expect((await admin.post('/inventory/receipts', { productId: phone, warehouseId: w, quantity: 3, serials: ['SN1', 'SN2', 'SN3'] })).status).toBe(201);
    const again = await admin.post('/inventory/receipts', { productId: phone, warehouseId: w, quantity: 1, serials: ['SN2'] });
    expect(again.status).toBe(409);
    expect(again.body.error.fields[0].path).toBe('serials.0');
    await db.transaction().execute((trx) => reserveStock(trx, null, { productId: phone, quantity: 2, ref: 'order:p' }));
    await expect(db.transaction().execute((trx) => withdrawStock(trx, null, { productId: phone, quantity: 1, ref: 'order:p' }))).rejects.toMatchObject({ fields: [{ path: 'serials' }] });
    await db.transaction().execute((trx) => withdrawStock(trx, null, { productId: phone, quantity: 1, ref: 'order:p', serials: ['SN2'] }));
    await expect(db.transaction().execute((trx) => withdrawStock(trx, null, { productId: phone, quantity: 1, ref: 'order:p', serials: ['SN2'] }))).rejects.toMatchObject({ status: 409, fields: [{ path: 'serials.0' }] });
    const inStock = await admin.get(`/inventory/serials?productId=${phone}&status=in_stock`);
    expect(inStock.body.data.map((s: { serial: string }) => s.serial)).toEqual(['SN1', 'SN3']);
    const out = await admin.get(`/inventory/serials?productId=${phone}&status=withdrawn`);
    expect(out.body.data).toEqual([expect.objectContaining({ serial: 'SN2', ref: 'order:p' })]);
    expect(await levelOf(admin, phone, w)).toMatchObject({ onHand: 2, reserved: 1, available: 1 });
  });

  it('the last unit: of concurrent takers exactly one wins, the others get 409 naming quantity (transactions and HTTP)', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const w = await warehouse(admin, 'Kho cuối');
    const a = await product(admin);
    await admin.post('/inventory/receipts', { productId: a, warehouseId: w, quantity: 1 });
    const db = env().database.db;
    const takers = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => db.transaction().execute((trx) => reserveStock(trx, null, { productId: a, warehouseId: w, quantity: 1, ref: `order:${i}` }))));
    expect(takers.filter((t) => t.status === 'fulfilled')).toHaveLength(1);
    for (const t of takers.filter((x) => x.status === 'rejected')) expect((t as PromiseRejectedResult).reason).toMatchObject({ status: 409, fields: [{ path: 'quantity' }] });
    expect(await levelOf(admin, a, w)).toMatchObject({ onHand: 1, reserved: 1, available: 0 });

    const b = await product(admin);
    await admin.post('/inventory/receipts', { productId: b, warehouseId: w, quantity: 3 });
    const http = await Promise.all(Array.from({ length: 8 }, () => admin.post('/inventory/adjustments', { productId: b, warehouseId: w, delta: -1, reason: 'Bán lẻ' })));
    expect(http.filter((r) => r.status === 201)).toHaveLength(3);
    expect(http.filter((r) => r.status === 409 && r.body.error.fields[0].path === 'quantity')).toHaveLength(5);
    expect(await levelOf(admin, b, w)).toMatchObject({ onHand: 0, available: 0 });
  });

  it('reserveStockLines: orders with the same products in opposite orders all commit (no deadlock); a refusal names its line', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const w = await warehouse(admin, 'Kho nhiều dòng');
    const a = await product(admin);
    const b = await product(admin);
    for (const id of [a, b]) await admin.post('/inventory/receipts', { productId: id, warehouseId: w, quantity: 40 });
    const db = env().database.db;
    const orders = Array.from({ length: 20 }, (_, i) => (i % 2 ? [a, b] : [b, a]).map((productId) => ({ productId, warehouseId: w, quantity: 1, ref: `order:m${i}` })));
    const done = await Promise.allSettled(orders.map((lines) => db.transaction().execute((trx) => reserveStockLines(trx, null, lines))));
    expect(done.filter((d) => d.status === 'rejected')).toEqual([]);
    const first = (done[0] as PromiseFulfilledResult<{ entry: { product_id: string } | null }[]>).value;
    expect(first.map((r) => r.entry!.product_id)).toEqual([b, a]);
    expect(await levelOf(admin, a, w)).toMatchObject({ reserved: 20, available: 20 });
    expect(await levelOf(admin, b, w)).toMatchObject({ reserved: 20, available: 20 });
    await expect(db.transaction().execute((trx) => reserveStockLines(trx, null, [{ productId: a, warehouseId: w, quantity: 1 }, { productId: b, warehouseId: w, quantity: 21 }])))
      .rejects.toMatchObject({ status: 409, fields: [{ path: 'lines.1.quantity' }] });
    expect(await levelOf(admin, a, w)).toMatchObject({ reserved: 20 });
  });

  it('low stock: the owner and managers are notified once per crossing below the reorder level', async () => {
    const owner = await actor(env(), { permissions: { products: { actions: ['read', 'create', 'update'], scope: 'own' } } });
    const mine = client(env(), owner.headers);
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const w = await warehouse(admin, 'Kho cảnh báo');
    const a = await product(mine, { reorder_level: 5, name: 'Bóng đèn' });
    await mine.post('/inventory/receipts', { productId: a, warehouseId: w, quantity: 10 });
    const lowAlerts = async () => (await env().database.db.selectFrom('notifications').select(['title', 'link']).where('user_id', '=', owner.id).where('type', '=', 'stock.low').execute());
    await mine.post('/inventory/adjustments', { productId: a, warehouseId: w, delta: -5, reason: 'Kiểm kê' });
    expect(await lowAlerts()).toHaveLength(0);
    await mine.post('/inventory/adjustments', { productId: a, warehouseId: w, delta: -1, reason: 'Kiểm kê' });
    await mine.post('/inventory/adjustments', { productId: a, warehouseId: w, delta: -1, reason: 'Kiểm kê' });
    expect(await lowAlerts()).toEqual([{ title: 'Low stock: Bóng đèn', link: `/products/${a}` }]);
    expect((await mine.get(`/inventory/levels?productId=${a}`)).body).toMatchObject({ totals: { available: 3 }, reorderLevel: 5, low: true });
    await mine.post('/inventory/receipts', { productId: a, warehouseId: w, quantity: 10 });
    await mine.post('/inventory/adjustments', { productId: a, warehouseId: w, delta: -10, reason: 'Kiểm kê' });
    expect(await lowAlerts()).toHaveLength(2);
    // Another user cannot see the owner's product's stock (scope own).
    const other = client(env(), (await actor(env(), { permissions: { products: { actions: ['read', 'update'], scope: 'own' } } })).headers);
    expect((await other.get(`/inventory/levels?productId=${a}`)).status).toBe(404);
    expect((await other.post('/inventory/receipts', { productId: a, warehouseId: w, quantity: 1 })).status).toBe(404);
  });
});
