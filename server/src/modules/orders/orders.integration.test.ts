import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { actor, client, customer, type Client } from './orders.test-helpers.js';
import { warrantiesService } from '../warranties/index.js';

let seq = 0;
async function stocked(c: Client, values: Record<string, unknown>, units: number, serials?: string[]) {
  const tag = `${Date.now().toString(36)}${(seq++).toString(36)}`.toUpperCase();
  const wh = await c.post('/warehouses', { name: `Kho ${tag}`, code: `K${tag}`, isDefault: true });
  const p = await c.post('/products', { values: { sku: `SKU-${tag}`, name: 'Máy lọc nước', price: { amount: 5_000_000, currency: 'VND' }, ...values } });
  if (p.status !== 201) throw new Error(`product ${p.status} ${JSON.stringify(p.body)}`);
  const r = await c.post('/inventory/receipts', { productId: p.body.id, warehouseId: wh.body.id, quantity: units, ...(serials ? { serials } : {}) });
  if (r.status >= 300) throw new Error(`receipt ${r.status} ${JSON.stringify(r.body)}`);
  return p.body.id as string;
}
const level = async (c: Client, productId: string) => (await c.get(`/inventory/levels?productId=${productId}`)).body.totals as { onHand: number; reserved: number; available: number };

describeEachDialect('orders: from a won deal, shipments, stock, invoicing, deal stage, warranties', (env) => {
  it('order to cash: deal → order (reserved) → partial shipment (withdrawn) → delivered (warranties, deal stage) → invoice → paid → claim → ticket', async () => {
    const a = await actor(env(), { admin: true });
    const c = client(env(), a.headers);
    const who = await customer(c, 'Order');
    const serialTag = Date.now().toString(36).toUpperCase();
    const filter = await stocked(c, { serial_tracked: true, warranty_months: 12, tax_rate: '10' }, 3, [`SN-${serialTag}-1`, `SN-${serialTag}-2`, `SN-${serialTag}-3`]);
    const cable = await stocked(c, { name: 'Dây cáp', warranty_months: 0 }, 10);

    const deal = await c.post('/deals', { values: { name: 'Lọc nước cho văn phòng', amount: { amount: 10_500_000, currency: 'VND' }, company: who.companyId, contact: who.contactId } });
    expect((await c.post(`/deals/${deal.body.id}/order`, {})).status).toBe(409); // not won yet
    const pipelines = (await c.get('/pipelines')).body.data as { isDefault: boolean; stages: { id: string; name: string }[] }[];
    const stage = Object.fromEntries(pipelines.find((p) => p.isDefault)!.stages.map((s) => [s.name, s.id]));
    await c.put(`/deals/${deal.body.id}/line-items`, { items: [{ productId: filter, description: 'Máy lọc nước', quantity: 2, unitPrice: 5_000_000 }, { productId: cable, description: 'Dây cáp', quantity: 5, unitPrice: 100_000 }] });
    expect((await c.patch(`/deals/${deal.body.id}`, { values: { stage: stage.Won } })).status).toBe(200);

    const created = await c.post(`/deals/${deal.body.id}/order`, {});
    expect(created.status).toBe(201);
    const order = created.body;
    expect(order.values).toMatchObject({ status: 'confirmed', deal: deal.body.id, company: who.companyId, currency: 'VND', total: { amount: 11_550_000, currency: 'VND' } }); // 2 × 5,000,000 and 5 × 100,000, VAT 10 %
    expect(order.values.number).toMatch(/^ORD-\d{4}-\d{6}$/);
    expect((await c.post(`/deals/${deal.body.id}/order`, {})).body.error.fields[0].path).toBe('deal');
    expect(await level(c, filter)).toMatchObject({ onHand: 3, reserved: 2, available: 1 });
    const lines = (await c.get(`/orders/${order.id}/lines`)).body.lines as { id: string; productId: string }[];
    const [l1, l2] = [lines.find((l) => l.productId === filter)!, lines.find((l) => l.productId === cable)!];

    // Shipping more than ordered names the line's quantity; nothing is written.
    const over = await c.post(`/orders/${order.id}/shipments`, { carrier: 'Viettel Post', lines: [{ lineId: l2.id, quantity: 6 }] });
    expect(over.status).toBe(400);
    expect(over.body.error.fields[0].path).toBe('lines.0.quantity');
    const first = await c.post(`/orders/${order.id}/shipments`, { carrier: 'Viettel Post', tracking: 'VTP123', lines: [{ lineId: l1.id, quantity: 2, serials: [`SN-${serialTag}-1`, `SN-${serialTag}-2`] }, { lineId: l2.id, quantity: 3 }] });
    expect(first.status).toBe(201);
    expect(await level(c, filter)).toMatchObject({ onHand: 1, reserved: 0, available: 1 });
    expect(await level(c, cable)).toMatchObject({ onHand: 7, reserved: 2, available: 5 });
    expect((await c.get(`/orders/${order.id}`)).body.values).toMatchObject({ status: 'shipped', carrier: 'Viettel Post', tracking: 'VTP123' });
    expect((await c.get(`/deals/${deal.body.id}`)).body.values.stage).toBe(stage.Shipping);

    // Invoice the shipment: only its units; asking for more than left names the quantity.
    const shipmentId = first.body.data[0].id as string;
    const tooMuch = await c.post(`/orders/${order.id}/invoice`, { shipmentId, lines: [{ lineId: l2.id, quantity: 4 }] });
    expect(tooMuch.body.error.fields[0].path).toBe('lines.0.quantity');
    const inv1 = await c.post(`/orders/${order.id}/invoice`, { shipmentId });
    expect(inv1.status).toBe(201);
    expect(inv1.body.values).toMatchObject({ status: 'draft', order: order.id, total: { amount: 11_000_000 + 330_000, currency: 'VND' } });
    expect((await c.post(`/orders/${order.id}/invoice`, { shipmentId })).body.error.fields[0].path).toBe('lines');

    // Partial delivery: warranties for the delivered serials; the order stays shipped until all is shipped.
    const delivered = await c.post(`/orders/${order.id}/status`, { status: 'delivered', date: '2026-12-07' });
    expect(delivered.body.values.status).toBe('shipped');
    await c.post(`/orders/${order.id}/shipments`, { carrier: 'GHN', lines: [{ lineId: l2.id, quantity: 2 }] });
    expect((await c.post(`/orders/${order.id}/status`, { status: 'delivered', date: '2026-12-08' })).body.values).toMatchObject({ status: 'delivered', delivered_at: '2026-12-08' });
    expect((await c.get(`/deals/${deal.body.id}`)).body.values.stage).toBe(stage['After-sale care']);
    const warranties = (await c.get(`/warranties?filter=${encodeURIComponent(JSON.stringify([{ field: 'order', op: 'eq', value: order.id }]))}`)).body.data as { id: string; values: Record<string, unknown> }[];
    expect(warranties.map((w) => w.values.serial).sort()).toEqual([`SN-${serialTag}-1`, `SN-${serialTag}-2`]);
    expect(warranties[0]!.values).toMatchObject({ start_date: '2026-12-07', end_date: '2027-12-07', contact: who.contactId, status: 'active' });

    // The rest of the order: invoiced (never more than ordered), issued, paid.
    const inv2 = await c.post(`/orders/${order.id}/invoice`, {});
    expect(inv2.body.values.total.amount).toBe(200_000 + 20_000);
    expect((await c.post(`/orders/${order.id}/invoice`, {})).body.error.fields[0].path).toBe('lines');
    for (const id of [inv1.body.id, inv2.body.id]) expect((await c.post(`/invoices/${id}/issue`, {})).status).toBe(200);
    const pay = await c.post('/payments/record', { method: 'card', amount: 11_550_000, currency: 'VND', companyId: who.companyId, allocations: [{ invoiceId: inv1.body.id, amount: 11_330_000 }, { invoiceId: inv2.body.id, amount: 220_000 }] });
    expect(pay.status).toBe(201);
    expect((await c.get(`/invoices/${inv1.body.id}`)).body.values.status).toBe('paid');

    // A claim opens a ticket for the contact, linked from the warranty.
    const claim = await c.post(`/warranties/${warranties[0]!.id}/claims`, { subject: 'Máy lọc nước bị rò rỉ', description: 'Nước rò ở van.' });
    expect(claim.status).toBe(201);
    const ticket = (await c.get(`/tickets/${claim.body.ticketId}`)).body;
    expect(ticket.values).toMatchObject({ subject: 'Máy lọc nước bị rò rỉ', requester: who.contactId, company: who.companyId });
    expect(ticket.values.description).toContain(String(warranties[0]!.values.serial));
    expect((await c.get(`/warranties/${warranties[0]!.id}/claims`)).body.data).toEqual([expect.objectContaining({ ticketId: claim.body.ticketId, number: ticket.values.number })]);
    expect((await c.post(`/warranties/${warranties[0]!.id}/claims`, { subject: '' })).body.error.fields[0].path).toBe('subject');

    // Renewal task 30 days before the end, once.
    expect(await warrantiesService.sweep(env().ctx, '2027-11-10')).toBeGreaterThanOrEqual(2);
    expect(await warrantiesService.sweep(env().ctx, '2027-11-10')).toBe(0);
    const tasks = await env().database.db.selectFrom('tasks' as never).select(['source_key' as never]).where('source_key' as never, 'like' as never, `warranty-renewal:%` as never).execute();
    expect((tasks as { source_key: string }[]).filter((t) => t.source_key === `warranty-renewal:${warranties[0]!.id}`)).toHaveLength(1);

    expect((await c.post(`/orders/${order.id}/status`, { status: 'completed' })).body.values.status).toBe('completed');
    expect((await c.post(`/orders/${order.id}/status`, { status: 'cancelled' })).body.error.fields[0].path).toBe('values.status');
  });

  it('a delivered order returned: its warranties are void (the goods came back), other orders\' stay active', async () => {
    const a = await actor(env(), { admin: true });
    const c = client(env(), a.headers);
    const who = await customer(c, 'Return');
    const kettle = await stocked(c, { name: 'Ấm siêu tốc', warranty_months: 6 }, 4);
    const deliver = async (subject: string) => {
      const o = (await c.post('/orders', { values: { subject, company: who.companyId, contact: who.contactId } })).body;
      const l = (await c.put(`/orders/${o.id}/lines`, { lines: [{ productId: kettle, description: 'Ấm', quantity: 1, unitPrice: 1000 }] })).body.lines[0];
      await c.post(`/orders/${o.id}/shipments`, { carrier: 'GHTK', lines: [{ lineId: l.id, quantity: 1 }] });
      expect((await c.post(`/orders/${o.id}/status`, { status: 'delivered', date: '2026-12-07' })).body.values.status).toBe('delivered');
      return o.id as string;
    };
    const warrantiesOf = async (orderId: string) => ((await c.get(`/warranties?filter=${encodeURIComponent(JSON.stringify([{ field: 'order', op: 'eq', value: orderId }]))}`)).body.data as { values: { status: string } }[]).map((w) => w.values.status);
    const kept = await deliver('Đơn giữ');
    const back = await deliver('Đơn trả lại');
    expect(await warrantiesOf(back)).toEqual(['active']);
    expect((await c.post(`/orders/${back}/status`, { status: 'returned' })).body.values.status).toBe('returned');
    expect(await warrantiesOf(back)).toEqual(['void']);
    expect(await warrantiesOf(kept)).toEqual(['active']);
  });

  it('an API order: lines reserve, cancelling releases, bad lines name the field; returns put stock back', async () => {
    const a = await actor(env(), { admin: true });
    const c = client(env(), a.headers);
    const who = await customer(c, 'Api');
    const item = await stocked(c, { name: 'Bình nước' }, 5);
    const o = (await c.post('/orders', { values: { subject: 'Đơn API', company: who.companyId } })).body;
    expect(o.values.status).toBe('confirmed');
    expect((await c.put(`/orders/${o.id}/lines`, { lines: [{ productId: item, description: 'Bình', quantity: 6, unitPrice: 1000 }] })).body.error.fields[0].path).toMatch(/^lines\.0\./);
    expect((await c.put(`/orders/${o.id}/lines`, { lines: [{ description: 'x', quantity: 1, unitPrice: 10.5 }] })).body.error.fields[0].path).toBe('lines.0.unitPrice');
    expect(await level(c, item)).toMatchObject({ reserved: 0, available: 5 });
    expect((await c.put(`/orders/${o.id}/lines`, { lines: [{ productId: item, description: 'Bình', quantity: 4, unitPrice: 1000 }] })).status).toBe(200);
    expect(await level(c, item)).toMatchObject({ reserved: 4, available: 1 });
    expect((await c.patch(`/orders/${o.id}`, { values: { status: 'shipped' } })).body.error.fields[0].path).toBe('values.status');
    expect((await c.post(`/orders/${o.id}/status`, { status: 'cancelled' })).body.values.status).toBe('cancelled');
    expect(await level(c, item)).toMatchObject({ reserved: 0, available: 5 });

    const o2 = (await c.post('/orders', { values: { subject: 'Đơn trả', company: who.companyId } })).body;
    const l = (await c.put(`/orders/${o2.id}/lines`, { lines: [{ productId: item, description: 'Bình', quantity: 3, unitPrice: 1000 }] })).body.lines[0];
    await c.post(`/orders/${o2.id}/shipments`, { carrier: 'GHTK', lines: [{ lineId: l.id, quantity: 2 }] });
    expect(await level(c, item)).toMatchObject({ onHand: 3, reserved: 1, available: 2 });
    expect((await c.post(`/orders/${o2.id}/status`, { status: 'returned' })).body.values.status).toBe('returned');
    expect(await level(c, item)).toMatchObject({ onHand: 5, reserved: 0, available: 5 });
    expect((await c.del(`/orders/${o2.id}`)).status).toBe(409);
    expect((await c.del(`/orders/${o.id}`)).status).toBe(204);
    // Deleting an order before shipping releases what it reserved.
    const o3 = (await c.post('/orders', { values: { subject: 'Đơn xoá', company: who.companyId } })).body;
    await c.put(`/orders/${o3.id}/lines`, { lines: [{ productId: item, description: 'Bình', quantity: 2, unitPrice: 1000 }] });
    expect(await level(c, item)).toMatchObject({ reserved: 2 });
    expect((await c.del(`/orders/${o3.id}`)).status).toBe(204);
    expect(await level(c, item)).toMatchObject({ reserved: 0, available: 5 });
  });
});
