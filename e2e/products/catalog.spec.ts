/**
 * Issue 17 (products and inventory), on SQLite, in Vietnamese: a product is created through the engine's form on
 * /products, stock is received into a warehouse from the product page's stock card, an adjustment without a reason
 * is refused on its field (in Vietnamese) and then saved with one, and the levels and the movements show the result. The product
 * page passes axe (WCAG 2.1 A/AA). In Settings › Inventory and price lists a warehouse is added (a taken code refused on
 * its field) and a dealers price list with a quantity break, which the product page then lists; both tabs pass axe.
 * A small PNG uploaded on the product page's Images card is shown as the primary image and on the list's Image column.
 * Screenshots go to /tmp/kith-products-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordData } from '../../contracts/records';
import { ApiClient } from '../support/api';
import { chooseOption, signInWithCookie } from '../support/app';
import { expectNoAxeViolations } from '../support/axe';
import { atPath, chromiumPath, count, hasText, hidden, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, startServer, type KithServer } from '../support/server';

const VI_USER = { email: 'kho@kith.example', password: 'kho-password-123' };
/** A valid 1×1 PNG. */
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

(chromiumPath() !== null ? describe : describe.skip)('products catalogue journey [sqlite]', () => {
  const b = useBrowser({ viewport: { width: 1440, height: 900 } });
  let server: KithServer;
  let admin: ApiClient;

  beforeAll(async () => {
    server = await startServer('sqlite');
    admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
    await admin.post('/warehouses', { name: 'Kho Hà Nội', code: 'HN', isDefault: true });
    await admin.post('/warehouses', { name: 'Kho TP HCM', code: 'HCM' });
    const roles = await admin.get<{ data: { id: string; isAdmin: boolean }[] }>('/roles');
    await admin.post('/users', { email: VI_USER.email, name: 'Nguyễn Thủ Kho', roleId: roles.data.find((r) => r.isAdmin)!.id, locale: 'vi', password: VI_USER.password });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('creates a product, receives stock, adjusts it with a reason and sees the levels — in Vietnamese', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, VI_USER.email, VI_USER.password, '/products');
    await hasText(page.getByTestId('page-title'), 'Sản phẩm');
    await page.getByTestId('record-create').click();
    const form = page.getByTestId('record-form');
    await visible(form);
    await form.getByTestId('field-input-sku').fill('qt-16');
    await form.getByTestId('field-input-name').fill('Standing fan 16"');
    await form.getByTestId('field-input-name_vi').fill('Quạt đứng 16 inch');
    await form.getByTestId('field-input-price').fill('890000');
    await form.getByTestId('form-submit').click();
    await hidden(form);
    const row = page.getByTestId('record-row').filter({ hasText: 'Standing fan' });
    await count(row, 1);
    const list = await admin.get<{ data: RecordData[] }>('/products');
    const fan = list.data.find((r) => r.values.sku === 'QT-16')!;
    expect(fan.values).toMatchObject({ name_vi: 'Quạt đứng 16 inch', price: { amount: 890_000, currency: 'VND' }, tax_rate: '10', kind: 'stock', status: 'active' });

    await page.goto(`${server.url}/products/${fan.id}`);
    await atPath(page, new RegExp(`^/products/${fan.id}$`));
    const card = page.getByTestId('stock-card');
    await hasText(card, 'Chưa có tồn kho');

    // Receive 12 units into the default warehouse (Kho Hà Nội).
    await card.getByTestId('stock-receive').click();
    const receive = page.getByTestId('stock-receive-form');
    await visible(receive);
    await receive.getByTestId('stock-quantity').fill('12');
    await receive.getByTestId('stock-note').fill('PN-0001');
    await receive.getByTestId('stock-save').click();
    await hidden(receive);
    const hn = card.locator('[data-testid="stock-level"][data-warehouse="Kho Hà Nội"]');
    await hasText(hn.getByTestId('stock-available'), '12');

    // An adjustment without a reason is refused on its field; with one it is saved.
    await card.getByTestId('stock-adjust').click();
    const adjust = page.getByTestId('stock-adjust-form');
    await visible(adjust);
    await adjust.getByTestId('stock-quantity').fill('-2');
    await adjust.getByTestId('stock-save').click();
    await visible(adjust.locator('[data-testid="stock-reason"][aria-invalid="true"]'));
    await visible(adjust.getByText('Trường này là bắt buộc'));
    await adjust.getByTestId('stock-reason').fill('Hư hỏng khi vận chuyển');
    await adjust.getByTestId('stock-save').click();
    await hidden(adjust);
    await hasText(hn.getByTestId('stock-available'), '10');
    await count(card.getByTestId('stock-entry'), 2);
    await hasText(card.getByTestId('stock-entry').first(), /Điều chỉnh.*-2.*Hư hỏng khi vận chuyển/);
    await hasText(card.getByTestId('stock-entry').nth(1), /Nhập kho.*\+12.*PN-0001/);
    const levels = await admin.get<{ totals: { onHand: number; available: number } }>(`/inventory/levels?productId=${fan.id}`);
    expect(levels.totals).toEqual({ onHand: 10, reserved: 0, available: 10 });

    // An image (a 1×1 PNG made here) is uploaded through the Images card's picker and shown as the primary image.
    const images = page.getByTestId('images-card');
    await hasText(images.getByTestId('images-empty'), 'Chưa có ảnh');
    await images.getByTestId('images-input').setInputFiles({ name: 'quat.png', mimeType: 'image/png', buffer: Buffer.from(PNG_1X1, 'base64') });
    await count(images.locator('[data-testid="product-image"][data-primary="true"]'), 1);
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="product-image"] img');
      return !!img && img.complete && img.naturalWidth === 1;
    });
    const uploaded = await admin.get<{ data: { filename: string; contentType: string; primary: boolean }[] }>(`/products/${fan.id}/images`);
    expect(uploaded.data).toMatchObject([{ filename: 'quat.png', contentType: 'image/png', primary: true }]);
    await page.screenshot({ path: '/tmp/kith-products-stock-vi.png', fullPage: true });
    await expectNoAxeViolations(page, 'product page with stock (vi)');

    // The list's Image column shows the primary upload as a thumbnail.
    await page.goto(`${server.url}/products?cols=sku,image`);
    const thumbRow = page.getByTestId('record-row').filter({ hasText: 'Standing fan' });
    await visible(thumbRow.getByTestId('product-thumb'));
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="record-row"] [data-testid="product-thumb"]');
      return !!img && img.complete && img.naturalWidth === 1;
    });
  }, JOURNEY_MS);

  it('adds a warehouse and a dealers price list with a quantity break in Settings, shown on the product page', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, VI_USER.email, VI_USER.password, '/settings/inventory');
    await count(page.getByTestId('warehouse-card'), 2);
    await page.getByTestId('warehouse-new').click();
    const wf = page.getByTestId('warehouse-form');
    await wf.getByTestId('warehouse-name').fill('Kho Đà Nẵng');
    await wf.getByTestId('warehouse-code').fill('HN');
    await wf.getByTestId('warehouse-save').click();
    // The code is taken: refused on its field.
    await visible(wf.locator('[data-testid="warehouse-code"][aria-invalid="true"]'));
    await wf.getByTestId('warehouse-code').fill('dn');
    await wf.getByTestId('warehouse-save').click();
    await hidden(wf);
    await count(page.getByTestId('warehouse-card'), 3);
    await hasText(page.locator('[data-testid="warehouse-card"][data-name="Kho Đà Nẵng"]'), 'DN');
    await expectNoAxeViolations(page, 'settings: warehouses (vi)');

    await page.getByTestId('inventory-tab-priceLists').click();
    await page.getByTestId('price-list-new').click();
    const pf = page.getByTestId('price-list-form');
    await pf.getByTestId('price-list-name').fill('Đại lý');
    await pf.getByLabel('Nhóm khách hàng').fill('dealer');
    await pf.getByRole('button', { name: 'Thêm dòng giá' }).click();
    await chooseOption(page, pf.getByLabel('Sản phẩm 1'), /Standing fan/);
    await pf.getByLabel('Từ số lượng 1').fill('10');
    await pf.getByLabel('Đơn giá 1').fill('800000');
    await pf.getByTestId('price-list-save').click();
    await hidden(pf);
    await hasText(page.locator('[data-testid="price-list-card"][data-name="Đại lý"]'), '1 dòng giá');
    await expectNoAxeViolations(page, 'settings: price lists (vi)');

    const fan = (await admin.get<{ data: RecordData[] }>('/products')).data.find((r) => r.values.sku === 'QT-16')!;
    const price = await admin.get<{ unitPrice: number; source: string }>(`/products/${fan.id}/price?currency=VND&quantity=12&group=dealer`);
    expect(price).toMatchObject({ unitPrice: 800_000, source: 'price_list' });
    await page.goto(`${server.url}/products/${fan.id}`);
    const entry = page.getByTestId('price-entry');
    await count(entry, 1);
    await hasText(entry, /Đại lý.*dealer.*10.*800\.000/);
  }, JOURNEY_MS);
});
