import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { actor, client, customer, type Client } from './invoices.test-helpers.js';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const quarterOf = (d: string) => `${d.slice(0, 4)}-Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`;

async function issue(c: Client, who: { companyId: string; contactId: string }, lines: unknown[], issueDate: string, currency = 'VND'): Promise<string> {
  const created = await c.post('/invoices', { values: { subject: 'Doanh thu', company: who.companyId, contact: who.contactId, currency } });
  expect((await c.put(`/invoices/${created.body.id}/lines`, { lines })).status).toBe(200);
  if (issueDate) expect((await c.post(`/invoices/${created.body.id}/issue`, { issueDate })).status).toBe(200);
  return created.body.id as string;
}

describeEachDialect('reports: GET /reports/revenue', (env) => {
  it('sums invoiced net revenue minus credit notes and units per month, quarter, product, category and company, with ordered units', async () => {
    const admin = await actor(env(), { admin: true });
    const c = client(env(), admin.headers);
    const x = await customer(c, 'RevenueX');
    const y = await customer(c, 'RevenueY');
    const tag = Date.now().toString(36).toUpperCase();
    const product = async (sku: string, name: string, category: string) => {
      const res = await c.post('/products', { values: { sku: `${sku}-${tag}`, name, category, kind: 'service', price: { amount: 1_000_000, currency: 'VND' } } });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const a = await product('A', 'Máy lọc nước', 'electronics');
    const b = await product('B', 'Lõi lọc', 'accessories');
    const past = day(-40);
    const now = day(0);

    // Past month: A 2 × 1,000,000 less 10 % = 1,800,000; B 3 × 50,000 = 150,000 (VAT is not revenue); USD 123.45 without product.
    const inv1 = await issue(c, x, [
      { productId: a, description: 'Máy lọc nước', quantity: 2, unitPrice: 1_000_000, discountPercent: 10, taxRate: 10 },
      { productId: b, description: 'Lõi lọc', quantity: 3, unitPrice: 50_000, taxRate: 10 },
    ], past);
    await issue(c, x, [{ description: 'Licence', quantity: 1, unitPrice: 12_345, taxRate: 0 }], past, 'USD');
    // This month: A 1 × 1,000,000 to Y; a credit note of 1 A at 900,000 on inv1 (to X); a void invoice and a draft count nothing.
    await issue(c, y, [{ productId: a, description: 'Máy lọc nước', quantity: 1, unitPrice: 1_000_000, taxRate: 10 }], now);
    const credit = await c.post(`/invoices/${inv1}/credit-note`, { lines: [{ productId: a, description: 'Máy lọc nước', quantity: 1, unitPrice: 900_000, taxRate: 10 }] });
    expect(credit.status).toBe(201);
    const voided = await issue(c, y, [{ productId: b, description: 'Lõi lọc', quantity: 10, unitPrice: 50_000, taxRate: 10 }], now);
    expect((await c.post(`/invoices/${voided}/void`, {})).status).toBe(200);
    await issue(c, y, [{ productId: a, description: 'Nháp', quantity: 5, unitPrice: 1_000_000, taxRate: 10 }], '');
    // Orders in the past month: 4 A ordered; a cancelled order of 7 A does not count.
    for (const [qty, cancel] of [[4, false], [7, true]] as const) {
      const o = await c.post('/orders', { values: { subject: 'Đặt hàng', company: x.companyId, order_date: past } });
      expect((await c.put(`/orders/${o.body.id}/lines`, { lines: [{ productId: a, description: 'Máy lọc nước', quantity: qty, unitPrice: 1_000_000, taxRate: 10 }] })).status).toBe(200);
      if (cancel) expect((await c.post(`/orders/${o.body.id}/status`, { status: 'cancelled' })).status).toBe(200);
    }

    const range = `from=${day(-60)}&to=${now}`;
    const months = await c.get(`/reports/revenue?${range}&groupBy=month`);
    expect(months.status).toBe(200);
    expect(months.body.rows).toEqual([
      { key: past.slice(0, 7), label: past.slice(0, 7), currency: 'USD', net: 12_345, units: 1, orderedUnits: 0 },
      { key: past.slice(0, 7), label: past.slice(0, 7), currency: 'VND', net: 1_950_000, units: 5, orderedUnits: 4 },
      { key: now.slice(0, 7), label: now.slice(0, 7), currency: 'VND', net: 100_000, units: 0, orderedUnits: 0 },
    ]);
    expect(months.body.totals).toEqual([{ currency: 'USD', net: 12_345, units: 1 }, { currency: 'VND', net: 2_050_000, units: 5 }]);
    expect(months.body.capped).toBe(false);

    const quarters = (await c.get(`/reports/revenue?${range}&groupBy=quarter&currency=VND`)).body.rows as { key: string; net: number }[];
    const expected = quarterOf(past) === quarterOf(now) ? [{ key: quarterOf(now), net: 2_050_000 }] : [{ key: quarterOf(past), net: 1_950_000 }, { key: quarterOf(now), net: 100_000 }];
    expect(quarters.map((r) => ({ key: r.key, net: r.net }))).toEqual(expected);

    const products = (await c.get(`/reports/revenue?${range}&groupBy=product&currency=VND`)).body.rows;
    expect(products).toEqual([
      { key: a, label: 'Máy lọc nước', currency: 'VND', net: 1_900_000, units: 2, orderedUnits: 4 },
      { key: b, label: 'Lõi lọc', currency: 'VND', net: 150_000, units: 3, orderedUnits: 0 },
    ]);
    const categories = (await c.get(`/reports/revenue?${range}&groupBy=category&currency=VND`)).body.rows;
    expect(categories.map((r: { key: string; net: number }) => [r.key, r.net])).toEqual([['electronics', 1_900_000], ['accessories', 150_000]]);
    const companies = (await c.get(`/reports/revenue?${range}&groupBy=company`)).body.rows;
    expect(companies.map((r: { key: string; currency: string; net: number }) => [r.key, r.currency, r.net])).toEqual([
      [x.companyId, 'VND', 1_050_000], [y.companyId, 'VND', 1_000_000], [x.companyId, 'USD', 12_345],
    ]);
    expect(companies[0].label).toBe('Công ty RevenueX');
    const owners = (await c.get(`/reports/revenue?${range}&groupBy=owner&currency=USD`)).body.rows;
    expect(owners).toMatchObject([{ key: admin.id, currency: 'USD', net: 12_345 }]);

    // Scope: a rep who reads only its own invoices (and no orders) sees none of the admin's.
    const rep = await actor(env(), { permissions: { invoices: { actions: ['read'], scope: 'own' } } });
    const theirs = await client(env(), rep.headers).get(`/reports/revenue?${range}`);
    expect(theirs.status).toBe(200);
    expect(theirs.body).toMatchObject({ rows: [], totals: [] });
    expect((await client(env(), (await actor(env(), { permissions: {} })).headers).get(`/reports/revenue?${range}`)).status).toBe(403);

    // Bad input names the parameter.
    const backwards = await c.get(`/reports/revenue?from=${now}&to=${day(-1)}`);
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.fields[0].path).toBe('to');
    expect((await c.get(`/reports/revenue?from=2020-01-01&to=2026-01-01`)).body.error.fields[0].path).toBe('to');
    expect((await c.get(`/reports/revenue?${range}&groupBy=weekday`)).status).toBe(400);
    expect((await c.get(`/reports/revenue?from=2026-02-31&to=2026-03-01`)).status).toBe(400);
  });
});
