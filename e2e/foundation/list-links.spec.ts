/**
 * Issue 14 item 9 (lists): wide tables fit a 1440 px window with their default columns (no sideways scroll, no
 * header cut short, in English and Vietnamese); columns added from the chooser scroll sideways under a pinned
 * name column with a shadow edge. A list's saved view, filters, sort, search and (records engine) table/kanban
 * mode live in its URL: they come back on reload and on back/forward, "Copy link" copies them, and another user
 * opening the link gets the same list within their own scope, even when the saved view is private.
 * SQLite only: what is checked here is the web app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Contact } from '../../contracts/contacts';
import { ApiClient } from '../support/api';
import { signInWithCookie } from '../support/app';
import { chromiumPath, count, hasText, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, startServer, type KithServer } from '../support/server';

const WIDE = { width: 1440, height: 900 };
const REP = { email: 'links.rep@example.com', password: 'links-rep-password-7', name: 'Phạm Minh Tú' };
const CUSTOMERS = { field: 'lifecycleStage', op: 'in', value: ['customer'] };

/** The grid's overflow and its header cells that show less than their label. */
async function fit(scroller: Locator): Promise<{ overflow: number; cut: string[] }> {
  return scroller.evaluate((el) => ({
    overflow: el.scrollWidth - el.clientWidth,
    cut: [...el.querySelectorAll('[role="columnheader"]')]
      .filter((h) => [...h.querySelectorAll('span')].some((s) => s.scrollWidth > s.clientWidth + 1) || h.scrollWidth > h.clientWidth + 1)
      .map((h) => h.textContent ?? ''),
  }));
}

/** The pinned column's left edge relative to the grid, and its shadow. */
async function pinned(cell: Locator): Promise<{ left: number; shadow: string }> {
  return cell.evaluate((el) => ({
    left: el.getBoundingClientRect().left - el.closest('[role="grid"]')!.getBoundingClientRect().left,
    shadow: getComputedStyle(el).boxShadow,
  }));
}

async function scrollToEnd(scroller: Locator): Promise<void> {
  await scroller.evaluate((el) => {
    el.scrollLeft = el.scrollWidth;
    el.dispatchEvent(new Event('scroll'));
  });
}

async function copiedLink(page: Page): Promise<string> {
  await page.getByTestId('list-copy-link').click();
  let text = '';
  await expect.poll(async () => (text = await page.evaluate(() => navigator.clipboard.readText()))).toMatch(/^http/);
  return text;
}

const run = chromiumPath() !== null;
(run ? describe : describe.skip)('lists fit the window and live in the URL [sqlite]', () => {
  const b = useBrowser({ viewport: WIDE });
  let server: KithServer;
  let admin: ApiClient;
  let rep: ApiClient;
  let repId = '';

  beforeAll(async () => {
    server = await startServer('sqlite');
    admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
    const roles = await admin.get<{ data: { id: string; name: string }[] }>('/roles?limit=200');
    const role = roles.data.find((r) => r.name === 'Sales rep');
    if (!role) throw new Error('no Sales rep role');
    repId = (await admin.post<{ id: string }>('/users', { ...REP, roleId: role.id, locale: 'en' })).id;
    rep = await ApiClient.signIn(server.url, REP.email, REP.password);
    const company = await admin.post<{ id: string }>('/companies', { name: 'Công ty TNHH Thương mại và Dịch vụ Ánh Dương', domain: 'anhduong.vn', industry: 'Bán lẻ', size: '51-200' });
    await admin.createContact({ givenName: 'Thị Lan', familyName: 'Nguyễn', lifecycleStage: 'customer', companyId: company.id, emails: [{ address: 'lan.nguyen@anhduong.vn' }], phones: [{ number: '+84912345678' }], jobTitle: 'Giám đốc', tags: ['vip'] });
    await admin.createContact({ givenName: 'Văn Bình', familyName: 'Trần', lifecycleStage: 'customer' });
    await admin.createContact({ givenName: 'Henry', familyName: 'Walker', lifecycleStage: 'lead' });
    await admin.createContact({ givenName: 'Minh', familyName: 'Lê', lifecycleStage: 'customer', ownerId: repId });
    await admin.createContact({ givenName: 'Quang', familyName: 'Đỗ', lifecycleStage: 'lead', ownerId: repId });
    await admin.post('/record-types', {
      name: 'vehicles', icon: 'car', labels: { en: { singular: 'Vehicle', plural: 'Vehicles' }, vi: { singular: 'Xe', plural: 'Xe' } },
      fields: [
        { key: 'name', type: 'text', labels: { en: 'Model', vi: 'Dòng xe' }, required: true },
        {
          key: 'status', type: 'select', labels: { en: 'Status', vi: 'Trạng thái' }, default: 'new',
          options: [
            { value: 'new', labels: { en: 'New', vi: 'Mới' }, color: 'blue', position: 0 },
            { value: 'service', labels: { en: 'In service', vi: 'Đang bảo dưỡng' }, color: 'orange', position: 1 },
          ],
        },
        { key: 'plate', type: 'text', labels: { en: 'Plate', vi: 'Biển số' } },
        { key: 'vin', type: 'text', labels: { en: 'VIN', vi: 'Số khung' } },
        { key: 'colour', type: 'text', labels: { en: 'Colour', vi: 'Màu' } },
        { key: 'notes', type: 'long_text', labels: { en: 'Notes', vi: 'Ghi chú' } },
        { key: 'bought', type: 'date', labels: { en: 'Bought on', vi: 'Ngày mua' } },
        { key: 'km', type: 'number', labels: { en: 'Odometer', vi: 'Số km' } },
      ],
    });
    for (const [name, status] of [['VinFast VF8', 'service'], ['Toyota Vios', 'new'], ['Honda City', 'new']]) {
      await admin.post('/objects/vehicles', { values: { name, status, plate: '29A-123.45', vin: 'RLLV1234567890', colour: 'Trắng', notes: 'Bảo dưỡng định kỳ', km: 12000 } });
    }
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('fits the default columns at 1440 px in both languages; added columns scroll under the pinned name', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/contacts');
    for (const locale of ['en', 'vi']) {
      await admin.patch('/me', { locale });
      for (const [path, row] of [['/contacts', 'list-row'], ['/companies', 'list-row'], ['/objects/vehicles', 'record-row']] as const) {
        await page.goto(server.url + path);
        await visible(page.getByTestId(row));
        const scroller = page.getByRole('grid');
        expect(await fit(scroller), `${path} [${locale}]`).toEqual({ overflow: 0, cut: [] });
      }
    }

    // Contacts: the chooser adds the other columns; the grid scrolls sideways, the name stays with a shadow.
    await page.goto(server.url + '/contacts');
    const row = page.getByTestId('list-row').filter({ hasText: 'Nguyễn Thị Lan' });
    await visible(row);
    await page.getByTestId('columns-open').click();
    // One toggle at a time: each lands in the URL before the next (a click while the chooser re-renders was lost).
    for (const k of ['jobTitle', 'owner', 'tags', 'updatedAt']) {
      await page.getByTestId(`column-toggle-${k}`).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('cols')?.split(',') ?? []).toContain(k);
    }
    await page.keyboard.press('Escape');
    await hasText(row.locator('[data-col="jobTitle"]'), 'Giám đốc');
    const scroller = page.getByTestId('list-scroller');
    expect((await fit(scroller)).overflow).toBeGreaterThan(0);
    expect((await pinned(row.locator('[data-col="name"]'))).shadow).toBe('none');
    await scrollToEnd(scroller);
    await expect.poll(async () => Math.round((await pinned(row.locator('[data-col="name"]'))).left)).toBe(45);
    expect((await pinned(row.locator('[data-col="name"]'))).shadow).not.toBe('none');
    // The last column is reachable in full.
    const last = await row.locator('[data-col="__edit"]').evaluate((el) => el.getBoundingClientRect().right - el.closest('[role="grid"]')!.getBoundingClientRect().right);
    expect(last).toBeLessThanOrEqual(0);
    // The columns are in the URL too.
    expect(new URL(page.url()).searchParams.get('cols')).toBe('name,email,phone,company,lifecycleStage,jobTitle,owner,tags,updatedAt');

    // Records engine: a handful of columns by default, the others from the chooser, the title pinned.
    await page.goto(server.url + '/objects/vehicles');
    const car = page.getByTestId('record-row').filter({ hasText: 'VinFast VF8' });
    await visible(car);
    const shown = await page.locator('[data-testid="record-table"] [role="columnheader"]').count();
    expect(shown).toBeGreaterThanOrEqual(4);
    expect(shown).toBeLessThanOrEqual(7);
    await page.getByTestId('columns-open').click();
    for (const k of ['notes', 'bought', 'km']) await page.getByTestId(`column-${k}`).click();
    await page.keyboard.press('Escape');
    await visible(car.locator('[data-col="km"]'));
    const grid = page.getByTestId('record-table');
    expect((await fit(grid)).overflow).toBeGreaterThan(0);
    await scrollToEnd(grid);
    await expect.poll(async () => Math.round((await pinned(car.locator('[data-col="__title"]'))).left)).toBe(45);
    expect((await pinned(car.locator('[data-col="__title"]'))).shadow).not.toBe('none');
    await hasText(car.locator('[data-col="__title"]'), 'VinFast VF8');
  }, JOURNEY_MS);

  it('keeps filters, sort and search in the URL (reload, back/forward) and shares them as a link another user opens in their own scope', async () => {
    const page = b.page();
    await b.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await admin.patch('/me', { locale: 'en' });
    // A link with a filter opens filtered.
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, `/contacts?filter=${encodeURIComponent(JSON.stringify([CUSTOMERS]))}`);
    await count(page.getByTestId('filter-chip'), 1);
    await count(page.getByTestId('list-row'), 3);
    // Sorting (a header click) and searching write the URL.
    await page.getByTestId('col-name').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('name');
    await page.getByTestId('list-search').fill('Lan');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('Lan');
    await count(page.getByTestId('list-row'), 1);
    // Reload: everything comes back.
    await page.reload();
    await count(page.getByTestId('list-row'), 1);
    expect(await page.getByTestId('list-search').inputValue()).toBe('Lan');
    expect(await page.getByTestId('col-name').getAttribute('aria-sort')).toBe('ascending');
    await count(page.getByTestId('filter-chip'), 1);
    // Removing the filter chip is a new history entry: back restores it, forward removes it again.
    await page.getByTestId('filter-chip').click();
    await count(page.getByTestId('filter-chip'), 0);
    await page.goBack();
    await count(page.getByTestId('filter-chip'), 1);
    await page.goForward();
    await count(page.getByTestId('filter-chip'), 0);
    await page.goBack();
    await count(page.getByTestId('filter-chip'), 1);

    // Copy link, opened by a sales rep: the same filter, sort and search, within the rep's own scope.
    const link = await copiedLink(page);
    const params = new URL(link).searchParams;
    expect(JSON.parse(params.get('filter')!)).toEqual([CUSTOMERS]);
    expect(params.get('sort')).toBe('name');
    expect(params.get('q')).toBe('Lan');
    const other = await b.newPage();
    await signInWithCookie(other, server.url, REP.email, REP.password, new URL(link).pathname + new URL(link).search);
    await count(other.getByTestId('filter-chip'), 1);
    expect(await other.getByTestId('list-search').inputValue()).toBe('Lan');
    const theirs = await rep.get<{ data: Contact[] }>(`/contacts?filter=${encodeURIComponent(JSON.stringify([CUSTOMERS]))}&q=Lan&sort=name`);
    await count(other.getByTestId('list-row'), theirs.data.length);

    // A private saved view: its id is in the URL; its link still gives the rep its filters.
    const view = await admin.post<{ id: string }>('/views', { entity: 'contact', name: 'Customers by name', visibility: 'private', filters: [CUSTOMERS], sort: 'name', columns: ['name', 'email', 'lifecycleStage'] });
    await page.goto(`${server.url}/contacts?saved=${view.id}`);
    await expect.poll(() => page.getByTestId('view-select').inputValue()).toBe('Customers by name');
    await count(page.getByTestId('list-row'), 3);
    const dataHeads = '[role="columnheader"][data-testid^="col-"]:not([data-testid="col-__edit"])';
    await count(page.locator(dataHeads), 3);
    const viewLink = await copiedLink(page);
    expect(new URL(viewLink).searchParams.get('saved')).toBe(view.id);
    await other.goto(viewLink);
    const repCustomers = await rep.get<{ data: Contact[] }>(`/contacts?filter=${encodeURIComponent(JSON.stringify([CUSTOMERS]))}`);
    expect(repCustomers.data.length).toBeGreaterThan(0);
    await count(other.getByTestId('list-row'), repCustomers.data.length);
    await count(other.getByTestId('filter-chip'), 1);
    await count(other.locator(dataHeads), 3);
    expect(repCustomers.data.every((c) => c.lifecycleStage === 'customer')).toBe(true);
  }, JOURNEY_MS);

  it('keeps the records engine list\'s mode, sort and search in the URL', async () => {
    const page = b.page();
    await b.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/objects/vehicles?view=kanban');
    await visible(page.getByTestId('kanban-board'));
    await page.getByTestId('mode-switch').getByText('Table').click();
    await visible(page.getByTestId('record-row'));
    await page.getByTestId('col-plate').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('plate');
    await page.getByTestId('list-search').fill('Toyota');
    await count(page.getByTestId('record-row'), 1);
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('Toyota');
    const link = await copiedLink(page);
    // Back: unsorted (the search replaced its entry), then the board again (the mode is an entry of its own).
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBeNull();
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('kanban');
    await visible(page.getByTestId('kanban-board'));
    // The copied link opens the table, sorted and searched.
    await page.goto(link);
    await count(page.getByTestId('record-row'), 1);
    expect(await page.getByTestId('list-search').inputValue()).toBe('Toyota');
    expect(new URL(page.url()).searchParams.get('view')).toBeNull();
  }, JOURNEY_MS);
});
