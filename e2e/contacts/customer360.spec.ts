/**
 * Issue 3, in Chromium against the built server: create a contact with a Vietnamese name and a local
 * phone through the form; see the list's total (asked apart from its rows); find it from the command
 * palette without diacritics; log a call and see it on the timeline; merge two duplicates from the
 * duplicates page; save a view and find it after reload; select rows, edit a cell in place and scroll the
 * list sideways with its name column pinned.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contact } from '../../contracts/contacts';
import { ApiClient, ApiError } from '../support/api';
import { chooseOption, openPalette, signInWithCookie } from '../support/app';
import { atPath, chromiumPath, count, hasText, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, startServer, type KithServer } from '../support/server';

const AN = { given: 'Văn An', family: 'Nguyễn', phone: '0903 123 456', e164: '+84903123456', email: 'an.nguyen@example.vn' };

(chromiumPath() ? describe : describe.skip)('customer 360 journey', () => {
  const b = useBrowser();
  let server: KithServer;
  let admin: ApiClient;
  let anId = '';

  beforeAll(async () => {
    server = await startServer('sqlite');
    admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('creates a contact with a Vietnamese name and a local phone through the form', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/contacts');
    await page.getByTestId('record-create').click();
    // The drawer (data-testid="record-form" is its zero-size root): scope to the dialog it opens.
    const form = page.getByRole('dialog');
    await visible(form.getByTestId('contact-given-name'));
    await form.getByTestId('contact-given-name').fill(AN.given);
    await form.getByTestId('contact-family-name').fill(AN.family);
    await form.getByTestId('email-0').fill(AN.email);
    await form.getByTestId('phone-0').fill(AN.phone);
    await form.getByTestId('form-submit').click();

    // Saved: the drawer offers the new record, and the server stored the phone in E.164.
    const open = page.getByTestId('form-open-record');
    await visible(open);
    anId = (await open.getAttribute('href'))!.split('/').pop()!;
    const stored = await admin.get<Contact>(`/contacts/${anId}`);
    expect(stored).toMatchObject({ givenName: AN.given, familyName: AN.family });
    expect(stored.phones[0]?.number).toBe(AN.e164);
    expect(stored.emails[0]?.address).toBe(AN.email);
  }, JOURNEY_MS);

  it('shows the list with its total, which the list page asks for apart from the rows', async () => {
    const page = b.page();
    const counted: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname === '/api/v1/contacts/count' || (u.pathname === '/api/v1/contacts' && u.searchParams.get('total') !== 'false')) counted.push(u.pathname);
    });
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/contacts');
    const { total } = await admin.get<{ total: number }>('/contacts/count');
    await hasText(page.getByTestId('list-total'), `${total.toLocaleString('en')} record`);
    // The count came from /count; no page request counted.
    expect(counted.length).toBeGreaterThan(0);
    expect(counted.every((u) => u === '/api/v1/contacts/count')).toBe(true);
  }, JOURNEY_MS);

  it('finds it from the command palette by its unaccented name and opens it', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password);
    const input = await openPalette(page);
    await input.fill('nguyen van an');
    const result = page.getByRole('dialog').getByRole('button', { name: /Nguyễn/ });
    await visible(result);
    await result.first().click();
    await atPath(page, new RegExp(`^/contacts/${anId}$`));
    await hasText(page.getByTestId('page-title'), 'Nguyễn');
    await hasText(page.getByTestId('record-header'), '0903 123 456');
  }, JOURNEY_MS);

  it('shows each name in its own order whatever the UI language, and phones for the region as tel: links', async () => {
    const henry = await admin.post<Contact>('/contacts', { givenName: 'Henry', familyName: 'Walker', phones: [{ number: '+1 415 555 0132' }] });
    const role = await admin.post<{ id: string }>('/roles', { name: 'Names reader', permissions: { contacts: { actions: ['read'], scope: 'all' }, companies: { actions: ['read'], scope: 'all' } } });
    const viUser = { email: 'names.vi@example.vn', password: 'Kestrel-names-journey-2026!' };
    await admin.post('/users', { email: viUser.email, name: 'Phạm Thị Lan', roleId: role.id, locale: 'vi', password: viUser.password });

    // English UI: the Vietnamese name stays family-first; the Vietnamese number reads nationally and dials in E.164.
    const page = b.page();
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, `/contacts/${anId}`);
    await hasText(page.getByTestId('page-title'), 'Nguyễn Văn An');
    const phone = page.getByTestId('header-phone');
    await hasText(phone, '0903 123 456');
    expect(await phone.getAttribute('href')).toBe(`tel:${AN.e164}`);

    // Vietnamese UI: the Western name stays given-first, in the list and on its page; the US number reads internationally.
    const vi = b.page();
    await signInWithCookie(vi, server.url, viUser.email, viUser.password, '/');
    await hasText(vi.getByTestId('page-title'), 'Lan');
    await vi.goto(`${server.url}/contacts`);
    const row = vi.getByRole('row').filter({ has: vi.getByTestId('row-name').filter({ hasText: /^Henry Walker$/ }) });
    await visible(row);
    const cell = row.getByTestId('row-phone');
    await hasText(cell, '+1 415-555-0132');
    expect(await cell.getAttribute('href')).toBe('tel:+14155550132');
    await vi.goto(`${server.url}/contacts/${henry.id}`);
    await hasText(vi.getByTestId('page-title'), 'Henry Walker');
  }, JOURNEY_MS);

  it('logs a call and sees it on the timeline', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, `/contacts/${anId}`);
    await page.getByTestId('composer-tab-call').click();
    await chooseOption(page, page.getByTestId('composer-outcome'), 'Answered');
    await page.getByTestId('composer-duration').fill('4:30');
    await page.getByTestId('composer-subject').fill('Tư vấn gói dịch vụ');
    await page.getByTestId('composer-submit').click();

    const call = page.locator('[data-testid="timeline-item"][data-type="call"]');
    await visible(call);
    await hasText(call, 'Tư vấn gói dịch vụ');
    const timeline = await admin.get<{ data: { type: string }[] }>(`/contacts/${anId}/timeline`);
    expect(timeline.data.filter((i) => i.type === 'call')).toHaveLength(1);
  }, JOURNEY_MS);

  it('merges two duplicates (same email) from the duplicates page', async () => {
    const first = await admin.createContact({ givenName: 'Bình', familyName: 'Trần', emails: [{ address: 'binh.tran@example.vn' }], jobTitle: 'Kế toán' });
    const second = await admin.createContact({ givenName: 'Binh', familyName: 'Tran', emails: [{ address: 'BINH.TRAN@example.vn' }], phones: [{ number: '0912 000 111' }] });

    const page = b.page();
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/duplicates');
    // Pairs are computed by a scan (nightly, or now from this button).
    await page.getByTestId('duplicates-scan').click();
    const pair = page.getByTestId('duplicate-pair').filter({ hasText: 'Trần' });
    await visible(pair);
    await pair.first().getByTestId('duplicate-merge').click();
    await atPath(page, /^\/duplicates\/merge\?/);
    await visible(page.getByTestId('merge-preview'));
    await page.getByTestId('merge-confirm').click();
    await page.getByTestId('confirm-ok').click();
    await atPath(page, /^\/contacts\/[^/]+$/);
    const survivorId = new URL(page.url()).pathname.split('/').pop();
    expect([first.id, second.id]).toContain(survivorId);

    await page.getByTestId('nav-duplicates').click();
    await visible(page.getByTestId('empty-state'));
    await count(page.getByTestId('duplicate-pair'), 0);

    // The survivor holds both records' data; the other one is gone from the API.
    const survivor = await admin.get<Contact>(`/contacts/${survivorId}`);
    expect(survivor.deletedAt).toBeNull();
    expect(survivor.emails.map((e) => e.address)).toContain('binh.tran@example.vn');
    expect(survivor.phones.map((p) => p.number)).toContain('+84912000111');
    const mergedId = survivorId === first.id ? second.id : first.id;
    const merged = await admin.get<Contact>(`/contacts/${mergedId}`).then(
      (c) => (c.deletedAt ? 'gone' : 'still there'),
      (e: unknown) => (e instanceof ApiError && e.status === 404 ? 'gone' : String(e)),
    );
    expect(merged).toBe('gone');
  }, JOURNEY_MS);

  it('saves a view with a filter and finds it after reload', async () => {
    await admin.createContact({ givenName: 'Mai', familyName: 'Lê' });
    const page = b.page();
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/contacts');
    await visible(page.getByTestId('list-row').filter({ hasText: 'Mai' }));

    await page.getByTestId('filters-open').click();
    const builder = page.getByTestId('filter-builder');
    await chooseOption(page, builder.getByTestId('filter-field'), 'Family name');
    await chooseOption(page, builder.getByTestId('filter-op'), 'contains');
    await builder.getByTestId('filter-value').fill('Nguyễn');
    await builder.getByTestId('filter-apply').click();
    await count(page.getByTestId('list-row'), 1);
    await hasText(page.getByTestId('list-row'), 'Nguyễn');

    await page.getByTestId('view-menu').click();
    await page.getByTestId('view-save-as').click();
    await page.getByTestId('view-name').fill('Họ Nguyễn');
    await page.getByTestId('view-submit').click();
    await atPath(page, /^\/contacts\?.*saved=/);

    await page.reload();
    await expect.poll(() => page.getByTestId('view-select').inputValue(), { timeout: 15_000 }).toBe('Họ Nguyễn');
    await count(page.getByTestId('list-row'), 1);
    await hasText(page.getByTestId('list-row'), 'Nguyễn');
    await page.getByTestId('view-select').click();
    await visible(page.getByRole('option', { name: 'Họ Nguyễn' }));
  }, JOURNEY_MS);

  it('selects rows from the keyboard and the header box, edits a job title in place, pins the name column sideways', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/contacts');
    const row = page.getByTestId('list-row').filter({ hasText: 'Mai' }).first();
    await visible(row);
    const id = (await row.getAttribute('data-id'))!;

    // Selection: Space on a row's checkbox; the header box is then indeterminate, selects all, clears all.
    await row.getByTestId('row-select').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => row.getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('select-all').evaluate((el) => (el as HTMLInputElement).indeterminate)).toBe(true);
    await page.getByTestId('select-all').click();
    await count(page.locator('[data-testid="list-row"][aria-selected="false"]'), 0);
    await page.getByTestId('select-all').click();
    await count(page.locator('[data-testid="list-row"][aria-selected="true"]'), 0);

    // The job title is not a default column (the defaults fit 1440 px): the column chooser adds it.
    await page.getByTestId('columns-open').click();
    await page.getByTestId('column-toggle-jobTitle').click();
    await page.keyboard.press('Escape');
    // Inline edit: click the cell, type, Enter; the list shows it and the server stored it.
    await row.locator('[data-col="jobTitle"]').click();
    await page.getByTestId('inline-text').fill('Kế toán trưởng');
    await page.keyboard.press('Enter');
    await hasText(row.locator('[data-col="jobTitle"]'), 'Kế toán trưởng');
    await expect.poll(async () => (await admin.get<Contact>(`/contacts/${id}`)).jobTitle).toBe('Kế toán trưởng');

    // Scrolled sideways, the checkbox and name cells stay at the left edge.
    const scroller = page.getByTestId('list-scroller');
    await scroller.evaluate((el) => {
      el.scrollLeft = 400;
    });
    const nameLeft = () => row.locator('[data-col="name"]').evaluate((el) => el.getBoundingClientRect().left - el.closest('[data-testid="list-scroller"]')!.getBoundingClientRect().left);
    await expect.poll(nameLeft).toBeLessThan(60);
    expect(await nameLeft()).toBeGreaterThanOrEqual(44);
    expect(await scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);

    // The name is a plain link the grid routes in the app: a click opens the record without reloading the page.
    await page.evaluate(() => ((window as unknown as { kithNoReload: boolean }).kithNoReload = true));
    const name = row.getByTestId('row-name');
    expect(await name.getAttribute('href')).toBe(`/contacts/${id}`);
    await name.click();
    await page.waitForURL(`**/contacts/${id}`);
    await visible(page.getByText('Kế toán trưởng').first());
    expect(await page.evaluate(() => (window as unknown as { kithNoReload?: boolean }).kithNoReload)).toBe(true);
  }, JOURNEY_MS);

  it('reuses row elements while a long list scrolls, each showing its own record in order', async () => {
    const names = new Map<string, string>();
    for (let i = 1; i <= 60; i++) {
      const c = await admin.post<Contact>('/contacts', { givenName: `Cuộn ${String(i).padStart(2, '0')}`, familyName: 'Lê' });
      names.set(c.id, c.displayName);
    }
    const page = b.page();
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/contacts');
    const scroller = page.getByTestId('list-scroller');
    await visible(page.getByTestId('list-row').first());
    const firstId = (await page.getByTestId('list-row').first().getAttribute('data-id'))!;
    await page.getByTestId('list-row').first().getByTestId('row-select').focus();

    // Down to the end in steps, as a wheel would: the row elements are reused for the rows entering.
    const before = await scroller.evaluate((el) => {
      const rows = el.querySelectorAll('[data-testid="list-row"]');
      rows.forEach((r) => ((r as HTMLElement & { kithSeen?: boolean }).kithSeen = true));
      return rows.length;
    });
    for (let y = 300; y < 6000; y += 300) await scroller.evaluate((el, top) => (el.scrollTop = top), y);
    await expect.poll(() => scroller.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 2)).toBe(true);
    // While the grid keeps scrolling its rows ignore the pointer (no hover restyle every frame); a single scroll does
    // not count (a click after a row is scrolled into view must land), and once scrolling settles they take it again.
    const pointer = await scroller.evaluate((el) => new Promise<string[]>((resolve) => {
      const seen: string[] = [];
      const onScroll = () => {
        seen.push(getComputedStyle(el.querySelector('[data-testid="list-row"]')!).pointerEvents);
        if (seen.length === 3) {
          el.removeEventListener('scroll', onScroll);
          resolve(seen);
        } else requestAnimationFrame(() => (el.scrollTop -= 10));
      };
      el.addEventListener('scroll', onScroll);
      setTimeout(() => (el.scrollTop -= 10), 300);
    }));
    expect(pointer).toEqual(['auto', 'none', 'none']);
    await expect.poll(() => scroller.evaluate((el) => getComputedStyle(el.querySelector('[data-testid="list-row"]')!).pointerEvents)).toBe('auto');
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.waitForTimeout(300);
    const shown = await scroller.evaluate((el) => {
      const rows = [...el.querySelectorAll<HTMLElement>('[data-testid="list-row"]')];
      return {
        rows: rows.map((r) => ({ id: r.id, dataId: r.dataset.id!, index: Number(r.getAttribute('aria-rowindex')), name: r.querySelector('[data-testid="row-name"]')!.textContent })),
        owns: el.querySelector('[role="rowgroup"]')!.getAttribute('aria-owns')!.split(' '),
        reused: rows.filter((r) => (r as HTMLElement & { kithSeen?: boolean }).kithSeen).length,
      };
    });
    // The same elements, showing other records: none created or removed.
    expect(before).toBeGreaterThan(10);
    expect(shown.rows.length).toBe(before);
    expect(shown.reused).toBe(before);
    // Every rendered row shows the record it says it shows, once, at a place of its own.
    const ours = shown.rows.filter((r) => names.has(r.dataId));
    expect(ours.length).toBeGreaterThan(5);
    for (const r of ours) expect(r.name).toBe(names.get(r.dataId));
    expect(new Set(shown.rows.map((r) => r.dataId)).size).toBe(shown.rows.length);
    const indexes = shown.rows.map((r) => r.index).sort((a, b) => a - b);
    expect(indexes).toEqual(indexes.map((_, i) => indexes[0]! + i));
    // Assistive technology reads them in visual order, whatever their order in the DOM.
    expect(shown.owns).toEqual([...shown.rows].sort((a, b) => a.index - b.index).map((r) => r.id));
    // The focused checkbox's row was reused for another record: focus left it rather than moving to that record.
    const focusedRow = await page.evaluate(() => document.activeElement?.closest('[data-testid="list-row"]')?.getAttribute('data-id') ?? null);
    expect(focusedRow === null || focusedRow === firstId).toBe(true);
    // Back at the top, the first record is shown first again.
    await scroller.evaluate((el) => (el.scrollTop = 0));
    await expect.poll(() => page.locator(`[data-testid="list-row"][aria-rowindex="1"]`).getAttribute('data-id')).toBe(firstId);
  }, JOURNEY_MS);
});
