/**
 * Issue 17 (quotes), on SQLite: from a deal with line items, "Create quote" opens a draft quote with the deal's
 * lines; a line is added in the line editor (live totals) and saved; the PDF downloads (application/pdf, parsed
 * back: the Vietnamese line and the amount in words); Send mails it with the PDF to a loopback SMTP sink; the
 * customer opens the link without signing in, switches to Vietnamese and accepts with their name; the link then
 * no longer answers. Played by a sales rep (deals, quotes, contacts, companies, products). axe on the quote page and the public page. Screenshots go to /tmp/kith-quotes-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../server/src/platform/documents/documents.test-helpers';
import { startSmtpSink, type SmtpSink } from '../../server/src/platform/testing/smtp-sink';
import { ApiClient } from '../support/api';
import { signInWithCookie } from '../support/app';
import { expectNoAxeViolations } from '../support/axe';
import { atPath, chromiumPath, count, hasText, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, startServer, type KithServer } from '../support/server';

(chromiumPath() !== null ? describe : describe.skip)('quote journey [sqlite]', () => {
  const b = useBrowser({ viewport: { width: 1440, height: 900 } });
  let server: KithServer;
  let sink: SmtpSink;
  let admin: ApiClient;
  let dealId = '';
  const rep = { email: 'lan.sales@example.vn', password: 'Kestrel-quotes-journey-2026!' };

  beforeAll(async () => {
    sink = await startSmtpSink();
    const before = process.env.SMTP_URL;
    process.env.SMTP_URL = sink.url;
    try {
      server = await startServer('sqlite');
    } finally {
      if (before === undefined) delete process.env.SMTP_URL; else process.env.SMTP_URL = before;
    }
    admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
    // A sales rep: deals, quotes, orders, contacts, companies and the catalogue.
    const all = (actions: string[]) => ({ actions, scope: 'all' });
    const role = await admin.post<{ id: string }>('/roles', { name: 'Quotes journey rep', permissions: {
      deals: all(['read', 'create', 'update']), quotes: all(['read', 'create', 'update']), orders: all(['read', 'create', 'update']), contacts: all(['read']), companies: all(['read']), products: all(['read']),
    } });
    await admin.post('/users', { email: rep.email, name: 'Lan Sales', roleId: role.id, locale: 'en', password: rep.password });
    const company = await admin.post<{ id: string }>('/companies', { name: 'Công ty TNHH Sao Mai', addresses: [{ street: '45 Nguyễn Huệ', city: 'TP. Hồ Chí Minh', country: 'VN' }] });
    const contact = await admin.post<{ id: string }>('/contacts', { givenName: 'Hằng', familyName: 'Trần Thị', emails: [{ address: 'hang.tran@sao-mai.vn' }], companyId: company.id });
    const deal = await admin.post<{ id: string }>('/deals', { values: { name: 'Hệ thống lọc nước văn phòng', company: company.id, contact: contact.id, amount: { amount: 0, currency: 'VND' } } });
    dealId = deal.id;
    await admin.request('PUT', `/deals/${deal.id}/line-items`, { items: [
      { description: 'Máy lọc nước RO Kangaroo', quantity: 2, unitPrice: 4_500_000, discountPercent: 10 },
      { description: 'Công lắp đặt', quantity: 1, unitPrice: 300_000 },
    ] });
  });
  afterAll(async () => {
    await server?.stop();
    await sink?.close();
  });

  it('deal → quote → lines → PDF → send → the customer accepts through the link, once', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, rep.email, rep.password, `/deals/${dealId}`);
    await page.getByTestId('deal-create-quote').click();
    await atPath(page, /^\/quotes\/[^/]+$/);
    const quoteId = new URL(page.url()).pathname.split('/')[2]!;
    const lines = page.getByTestId('quote-lines');
    await visible(lines);
    await count(lines.locator('[data-testid^="quote-line-"]'), 2);
    // 8,100,000 + 300,000 from the deal.
    await hasText(page.getByTestId('quote-total'), /8[.,]400[.,]000/);

    await page.getByTestId('quote-add-line').click();
    const row = page.getByTestId('quote-line-2');
    await row.getByLabel('Description').fill('Lõi lọc nước thay thế số 1');
    await row.getByLabel('Qty').fill('3');
    await row.getByLabel('Unit price').fill('150000');
    await row.getByLabel('Tax %').fill('10');
    // Live: 450,000 net + 45,000 VAT → 8,895,000.
    await hasText(page.getByTestId('quote-total'), /8[.,]895[.,]000/);
    await page.getByTestId('quote-save-lines').click();
    await hasText(page.getByTestId('quote-words'), 'Eight million eight hundred ninety-five thousand dong');
    await expectNoAxeViolations(page, 'quote page');
    await page.screenshot({ path: '/tmp/kith-quotes-quote.png', fullPage: true });

    // The PDF: its content type, and its text read back.
    const href = await page.getByTestId('quote-pdf').getAttribute('href');
    const res = await page.request.get(`${server.url}${href!.replace('lang=en', 'lang=vi')}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/pdf');
    const { text } = await pdfText(await res.body());
    expect(text).toContain('Lõi lọc nước thay thế số 1');
    expect(text).toContain('Tám triệu tám trăm chín mươi lăm nghìn đồng');

    await page.getByTestId('quote-send').click();
    await page.getByTestId('send-submit').click();
    const shown = page.getByTestId('quote-link');
    await visible(shown);
    const [mail] = await sink.waitFor(1);
    expect(mail!.attachments[0]!.contentType).toBe('application/pdf');
    const link = /(http\S+\/q\/[A-Za-z0-9_-]+)/.exec(mail!.text ?? '')![1]!;
    expect(await shown.textContent()).toBe(link);
    await page.keyboard.press('Escape');
    expect((await admin.get<{ values: { status: string } }>(`/quotes/${quoteId}`)).values.status).toBe('sent');

    // The customer, without a session.
    const customer = await b.browser().newContext({ viewport: { width: 390, height: 844 } });
    try {
      const pub = await customer.newPage();
      await pub.goto(link);
      await visible(pub.getByTestId('language-switch'));
      await pub.getByTestId('language-switch-vi').click();
      await hasText(pub.getByRole('heading', { level: 1 }), /Báo giá Q-\d{4}-\d{4}/);
      await hasText(pub.getByTestId('public-words'), 'Tám triệu tám trăm chín mươi lăm nghìn đồng');
      await visible(pub.getByText('Lõi lọc nước thay thế số 1'));
      await expectNoAxeViolations(pub, 'public quote (vi)');
      await pub.getByTestId('public-name').fill('Trần Thị Hằng');
      await pub.getByTestId('public-accept').click();
      await hasText(pub.getByTestId('public-done'), 'Cảm ơn Quý khách đã chấp nhận báo giá.');
      await pub.screenshot({ path: '/tmp/kith-quotes-public-vi.png', fullPage: true });
      // The link works once.
      await pub.reload();
      await hasText(pub.getByTestId('public-closed'), /Trần Thị Hằng/);
    } finally {
      await customer.close();
    }
    const after = await admin.get<{ values: { status: string; decided_by_name: string; decided_ip: string } }>(`/quotes/${quoteId}`);
    expect(after.values).toMatchObject({ status: 'accepted', decided_by_name: 'Trần Thị Hằng' });
    expect(after.values.decided_ip).toBeTruthy();

    // Back on the quote's page, the rep turns the accepted quote into an order with its lines.
    await page.reload();
    await page.getByTestId('quote-order').click();
    await atPath(page, /^\/orders\/[^/]+$/);
    const orderId = new URL(page.url()).pathname.split('/').pop()!;
    const order = await admin.get<{ values: { quote: string | null; status: string } }>(`/orders/${orderId}`);
    expect(order.values).toMatchObject({ quote: quoteId, status: 'confirmed' });
  }, JOURNEY_MS);
});
