/**
 * Issue 17 (commerce), on SQLite: a Vietnamese sales user turns a won deal into an order from the deal page, ships
 * it, marks it delivered, invoices it, issues the invoice, records a bank transfer (the invoice becomes paid), then
 * files a warranty claim on the delivered item — a service-desk ticket exists for it — and finds it all on the
 * company's Purchases card. axe on the order, invoice, warranty and company pages (Vietnamese) and on the paid
 * invoice in English; the contact's Purchases card in English. Screenshots go to /tmp/kith-orders-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordData } from '../../contracts/records';
import { ApiClient } from '../support/api';
import { signInWithCookie } from '../support/app';
import { expectNoAxeViolations } from '../support/axe';
import { atPath, chromiumPath, count, hasText, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, startServer, type KithServer } from '../support/server';

(chromiumPath() !== null ? describe : describe.skip)('order to cash journey [sqlite]', () => {
  const b = useBrowser({ viewport: { width: 1440, height: 900 } });
  let server: KithServer;
  let admin: ApiClient;
  let dealId = '';
  let companyId = '';
  let contactId = '';
  const lan = { email: 'lan@ban-hang.example', password: 'sales-password-123' };

  beforeAll(async () => {
    server = await startServer('sqlite');
    admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
    const roles = await admin.get<{ data: { id: string; isAdmin: boolean }[] }>('/roles');
    await admin.post('/users', { email: lan.email, name: 'Lan', roleId: roles.data.find((r) => r.isAdmin)!.id, locale: 'vi', password: lan.password });
    const company = await admin.post<{ id: string }>('/companies', { name: 'Công ty TNHH Sao Mai' });
    const contact = await admin.post<{ id: string }>('/contacts', { givenName: 'Hằng', familyName: 'Trần', emails: [{ address: 'hang.tran@sao-mai.vn' }], companyId: company.id });
    companyId = company.id;
    contactId = contact.id;
    const wh = await admin.post<{ id: string }>('/warehouses', { name: 'Kho Hà Nội', code: 'HN', isDefault: true });
    const product = await admin.post<RecordData>('/products', { values: { sku: 'LN-KG-01', name: 'Máy lọc nước Kangaroo', price: { amount: 5_000_000, currency: 'VND' }, tax_rate: '10', warranty_months: 12 } });
    await admin.post('/inventory/receipts', { productId: product.id, warehouseId: wh.id, quantity: 5 });
    const deal = await admin.post<RecordData>('/deals', { values: { name: 'Lọc nước cho văn phòng Sao Mai', amount: { amount: 10_000_000, currency: 'VND' }, company: company.id, contact: contact.id } });
    dealId = deal.id;
    await admin.request('PUT', `/deals/${deal.id}/line-items`, { items: [{ productId: product.id, description: 'Máy lọc nước Kangaroo', quantity: 2, unitPrice: 5_000_000 }] });
    const pipelines = await admin.get<{ data: { isDefault: boolean; stages: { id: string; name: string }[] }[] }>('/pipelines');
    const won = pipelines.data.find((p) => p.isDefault)!.stages.find((s) => s.name === 'Won')!;
    await admin.patch(`/deals/${deal.id}`, { values: { stage: won.id } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('deal → order → ship → delivered → invoice → issue → payment → paid → warranty claim → ticket', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, lan.email, lan.password, `/deals/${dealId}`);
    await page.getByTestId('deal-create-order').click();
    await atPath(page, /^\/orders\/[^/]+$/);
    await hasText(page.getByTestId('field-status'), 'Đã xác nhận');
    await hasText(page.getByTestId('order-lines'), 'Máy lọc nước Kangaroo');
    await expectNoAxeViolations(page, 'order page (vi)');

    await page.getByTestId('order-ship').click();
    await page.getByTestId('ship-carrier').fill('Viettel Post');
    await page.getByTestId('ship-tracking').fill('VTP123456');
    await page.getByTestId('ship-submit').click();
    await hasText(page.getByTestId('field-status'), 'Đã gửi hàng');
    await hasText(page.getByTestId('order-shipments'), 'Viettel Post');
    await page.getByTestId('order-delivered').click();
    await hasText(page.getByTestId('field-status'), 'Đã giao');
    await page.screenshot({ path: '/tmp/kith-orders-order-vi.png' });

    await page.getByTestId('order-invoice').click();
    await atPath(page, /^\/invoices\/[^/]+$/);
    await hasText(page.getByTestId('field-status'), 'Nháp');
    await hasText(page.getByTestId('invoice-totals'), /11\.000\.000/);
    await page.getByTestId('invoice-issue').click();
    await hasText(page.getByTestId('field-number'), /INV-\d{4}-000001/);
    await page.getByTestId('invoice-record-payment').click();
    await page.getByTestId('payment-reference').fill('FT26341001');
    await page.getByTestId('payment-submit').click();
    await hasText(page.getByTestId('field-status'), 'Đã thanh toán');
    await visible(page.getByTestId('allocation'));
    await expectNoAxeViolations(page, 'invoice page (vi)');
    await page.screenshot({ path: '/tmp/kith-orders-invoice-vi.png' });
    const invoicePath = new URL(page.url()).pathname;

    const warranties = await admin.get<{ data: RecordData[] }>(`/warranties?q=${encodeURIComponent('Kangaroo')}`);
    expect(warranties.data).toHaveLength(1);
    await page.goto(`${server.url}/warranties/${warranties.data[0]!.id}`);
    await hasText(page.getByTestId('field-status'), 'Còn hiệu lực');
    await page.getByTestId('warranty-claim').click();
    await page.getByTestId('claim-subject').fill('Máy lọc nước bị rò rỉ');
    await page.getByTestId('claim-description').fill('Nước rò ở van sau hai tuần sử dụng.');
    await page.getByTestId('claim-submit').click();
    await hasText(page.getByTestId('warranty-claim-ticket'), /Phiếu #\d+ · Máy lọc nước bị rò rỉ/);
    await expectNoAxeViolations(page, 'warranty page (vi)');
    const tickets = await admin.get<{ data: RecordData[] }>(`/tickets?q=${encodeURIComponent('rò rỉ')}`);
    expect(tickets.data).toHaveLength(1);
    expect(tickets.data[0]!.values).toMatchObject({ subject: 'Máy lọc nước bị rò rỉ', requester: warranties.data[0]!.values.contact });

    // The company page's Purchases card: money received, the order, no open quote (empty state), the warranty.
    await page.goto(`${server.url}/companies/${companyId}`);
    await hasText(page.getByTestId('purchases-revenue'), /11\.000\.000/);
    await hasText(page.getByTestId('purchases-orders'), /ORD-\d{4}-\d{6}/);
    await hasText(page.getByTestId('purchases-quotes-empty'), 'Không có báo giá đang mở.');
    await hasText(page.getByTestId('purchases-invoices-empty'), 'Không có hoá đơn chưa thanh toán.');
    await hasText(page.getByTestId('purchases-warranties'), 'Máy lọc nước Kangaroo');
    await expectNoAxeViolations(page, 'company page with purchases (vi)');
    await page.screenshot({ path: '/tmp/kith-orders-company-purchases-vi.png' });

    const en = b.page();
    await signInWithCookie(en, server.url, ADMIN.email, ADMIN.password, invoicePath);
    await hasText(en.getByTestId('field-status'), 'Paid');
    await hasText(en.getByTestId('invoice-balance'), /0/);
    await expectNoAxeViolations(en, 'invoice page (en)');
    await en.goto(`${server.url}/contacts/${contactId}`);
    await hasText(en.getByTestId('purchases-card'), 'Purchases');
    await hasText(en.getByTestId('purchases-orders'), 'Delivered');
    // The related records below the card leave out what it lists (the server has them) and keep the rest: the claim's ticket.
    const byRelation = await admin.get<{ data: { object: string }[] }>(`/objects/by-relation/contacts/${contactId}`);
    expect(byRelation.data.map((g) => g.object)).toEqual(expect.arrayContaining(['orders', 'invoices', 'warranties', 'tickets']));
    const related = en.getByTestId('related-records');
    await hasText(related, 'Máy lọc nước bị rò rỉ');
    await count(related.locator(['orders', 'invoices', 'quotes', 'warranties', 'payments'].map((o) => `[data-testid="related-group"][data-object="${o}"]`).join(', ')), 0);
  }, JOURNEY_MS);
});
