import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { actor, client, customer, type Client } from './orders.test-helpers.js';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const line = (description: string, quantity: number, unitPrice: number, extra: Record<string, unknown> = {}) => ({ description, quantity, unitPrice, taxRate: 10, ...extra });

/** An invoice issued on `issueDate` (30 days' terms) through the API. */
async function issued(c: Client, who: { companyId: string; contactId: string }, lines: unknown[], issueDate: string, currency = 'VND'): Promise<{ id: string }> {
  const created = await c.post('/invoices', { values: { subject: 'Thiết bị', company: who.companyId, contact: who.contactId, currency } });
  expect((await c.put(`/invoices/${created.body.id}/lines`, { lines })).status).toBe(200);
  const res = await c.post(`/invoices/${created.body.id}/issue`, { issueDate });
  expect(res.status).toBe(200);
  return { id: created.body.id as string };
}

describeEachDialect('commerce card: GET /contacts|companies/{id}/commerce', (env) => {
  it('lists money received per currency, orders, open quotes, unpaid invoices and warranties; parts the role may not read are null', async () => {
    const admin = await actor(env(), { admin: true });
    const c = client(env(), admin.headers);
    const who = await customer(c, `Commerce${Date.now().toString(36)}`);
    const other = await customer(c, `Other${Date.now().toString(36)}`);

    // Two orders of the company (one of the other company must not show).
    const o1 = await c.post('/orders', { values: { subject: 'Máy lọc nước', company: who.companyId, contact: who.contactId, order_date: day(-20) } });
    expect(o1.status).toBe(201);
    expect((await c.put(`/orders/${o1.body.id}/lines`, { lines: [line('Máy lọc nước', 2, 1_000_000)] })).status).toBe(200);
    const o2 = await c.post('/orders', { values: { subject: 'Dây cáp', company: who.companyId, order_date: day(-1) } });
    await c.post('/orders', { values: { subject: 'Khác', company: other.companyId } });

    // Quotes: a sent/draft one valid, one expired by date, one declined — only the first shows.
    const q1 = await c.post('/quotes', { values: { title: 'Báo giá lọc nước', company: who.companyId, contact: who.contactId, valid_until: day(10) } });
    expect(q1.status).toBe(201);
    await c.post('/quotes', { values: { title: 'Báo giá cũ', company: who.companyId, valid_until: day(-3) } });

    // Invoices: one paid in part (VND, overdue), one open, one USD paid in full (revenue, not listed).
    const inv1 = await issued(c, who, [line('Máy lọc nước', 2, 1_000_000)], day(-40)); // total 2,200,000, due 10 days ago
    const inv2 = await issued(c, who, [line('Support', 1, 10_000, { taxRate: 0 })], day(-1));
    const pay1 = await c.post('/payments/record', { method: 'cash', amount: 700_000, currency: 'VND', companyId: who.companyId, allocations: [{ invoiceId: inv1.id, amount: 700_000 }] });
    expect(pay1.status).toBe(201);
    const usd = await issued(c, who, [line('Licence', 1, 12_345, { taxRate: 0 })], day(0), 'USD');
    expect((await c.post('/payments/record', { method: 'card', amount: 12_345, currency: 'USD', companyId: who.companyId, allocations: [{ invoiceId: usd.id, amount: 12_345 }] })).status).toBe(201);

    // Warranties: one ending in 10 days (flagged), one in a year.
    const w1 = await c.post('/warranties', { values: { item: 'Máy lọc nước', serial: 'SN-1', company: who.companyId, contact: who.contactId, start_date: day(-355), end_date: day(10) } });
    expect(w1.status).toBe(201);
    await c.post('/warranties', { values: { item: 'Điều hoà', company: who.companyId, start_date: day(0), end_date: day(365) } });

    const company = await c.get(`/companies/${who.companyId}/commerce`);
    expect(company.status).toBe(200);
    const s = company.body;
    expect(s.currency).toBe('VND');
    expect(s.revenue).toEqual([{ currency: 'VND', amount: 700_000 }, { currency: 'USD', amount: 12_345 }]);
    expect(s.orders.data.map((o: { id: string }) => o.id)).toEqual([o2.body.id, o1.body.id]);
    expect(s.orders.data[1]).toMatchObject({ status: 'confirmed', total: { amount: 2_200_000, currency: 'VND' } });
    expect(s.quotes.data.map((q: { id: string }) => q.id)).toEqual([q1.body.id]);
    expect(s.quotes.data[0]).toMatchObject({ status: 'draft', validUntil: day(10) });
    expect(s.invoices.data.map((i: { id: string }) => i.id)).toEqual([inv1.id, inv2.id]);
    expect(s.invoices.data[0]).toMatchObject({ status: 'overdue', overdue: true, balance: { amount: 1_500_000, currency: 'VND' } });
    expect(s.invoices.data[1]).toMatchObject({ overdue: false });
    expect(s.warranties.data.map((w: { item: string; expiringSoon: boolean }) => [w.item, w.expiringSoon])).toEqual([['Máy lọc nước', true], ['Điều hoà', false]]);

    // The contact's card: only what names the contact.
    const contact = (await c.get(`/contacts/${who.contactId}/commerce`)).body;
    expect(contact.orders.data.map((o: { id: string }) => o.id)).toEqual([o1.body.id]);
    expect(contact.warranties.data).toHaveLength(1);
    expect(contact.revenue).toEqual([{ currency: 'VND', amount: 700_000 }, { currency: 'USD', amount: 12_345 }]);

    // A sales rep: orders in its own scope only, quotes, no invoice or warranty rights → those parts are null.
    const rep = await actor(env(), {
      permissions: {
        contacts: { actions: ['read'], scope: 'all' }, companies: { actions: ['read'], scope: 'all' },
        orders: { actions: ['read', 'create'], scope: 'own' }, quotes: { actions: ['read'], scope: 'all' },
      },
    });
    const r = client(env(), rep.headers);
    const own = await r.post('/orders', { values: { subject: 'Của tôi', company: who.companyId } });
    expect(own.status).toBe(201);
    const seen = await r.get(`/companies/${who.companyId}/commerce`);
    expect(seen.status).toBe(200);
    expect(seen.body.orders.data.map((o: { id: string }) => o.id)).toEqual([own.body.id]);
    expect(seen.body.quotes.data).toHaveLength(1);
    expect(seen.body).toMatchObject({ revenue: null, invoices: null, warranties: null });

    // A party the caller may not see, or that does not exist: 404.
    const nobody = await actor(env(), { permissions: { orders: { actions: ['read'], scope: 'all' } } });
    expect((await client(env(), nobody.headers).get(`/companies/${who.companyId}/commerce`)).status).toBe(404);
    expect((await c.get('/contacts/nope/commerce')).status).toBe(404);
  });
});
