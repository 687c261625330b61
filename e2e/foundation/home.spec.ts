/**
 * Issue 14 item 4, in Chromium on SQLite (what it proves does not depend on the database): the home page shows the
 * day as widgets. An administrator sees the first-run checklist, each item checked from real data (inviting a user
 * ticks "Invite your colleagues"), an item hidden stays hidden; their key numbers, the contacts assigned to them
 * (not a colleague's) and the record they just opened. A sales rep sees no checklist, only their own contacts and
 * numbers, and the mention waiting for them; opening it marks it read and lists the record under "My recent records".
 * A recent record deleted meanwhile drops out of the list without a 404 in the console (item 8).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api';
import { expectNoAxeViolations } from '../support/axe';
import { signInWithCookie } from '../support/app';
import { atPath, chromiumPath, count, hasText, hidden, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { watchConsole } from '../support/console';
import { ADMIN, startServer, type KithServer } from '../support/server';

const REP = { email: 'rep.home@example.com', name: 'Trần Thị Mai', password: 'rep-home-password-123' };

(chromiumPath() ? describe : describe.skip)('home journey [sqlite]', () => {
  const b = useBrowser({ viewport: { width: 1440, height: 1000 } });
  let server: KithServer;
  let admin: ApiClient;

  beforeAll(async () => {
    server = await startServer('sqlite');
    admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('an administrator sees the checklist checked from real data, their numbers, assignments and recent records', async () => {
    const page = b.page();
    // The home page loads its own and its widgets' strings only; every module's (one chunk per language) come with
    // the first other page (app/router.tsx; scripts/web-budgets.json counts the home page without them).
    const allStrings: string[] = [];
    page.on('request', (r) => {
      if (/\/assets\/strings-(en|vi)-[\w-]+\.js$/.test(r.url())) allStrings.push(r.url());
    });
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/');
    const checklist = page.getByTestId('widget-checklist');
    await visible(checklist);
    await hasText(page.getByTestId('checklist-progress'), '0 of 4 done');
    await visible(page.locator('[data-testid="checklist-invite"][data-done="false"]'));
    await visible(page.locator('[data-testid="checklist-import"][data-done="false"]'));
    // Nothing yet: each widget says so.
    await hasText(page.getByTestId('widget-assigned'), 'Nothing is assigned to you yet');
    await hasText(page.getByTestId('widget-recent'), 'Records you open appear here');
    await hasText(page.getByTestId('widget-notifications'), 'You are all caught up');

    // A colleague joins; contacts and a company are assigned to each of them.
    const role = await admin.post<{ id: string }>('/roles', {
      name: 'Home rep',
      permissions: { contacts: { actions: ['read', 'create', 'update'], scope: 'own' }, companies: { actions: ['read', 'create', 'update'], scope: 'own' } },
    });
    const rep = await admin.post<{ id: string }>('/users', { ...REP, roleId: role.id, locale: 'en' });
    const mine1 = await admin.post<{ id: string }>('/contacts', { givenName: 'Henry', familyName: 'Walker' });
    await admin.post('/contacts', { givenName: 'Lan', familyName: 'Nguyễn' });
    const theirs = await admin.post<{ id: string }>('/contacts', { givenName: 'Bình', familyName: 'Phạm', ownerId: rep.id });
    await admin.post('/companies', { name: 'Sao Mai Trading', ownerId: rep.id });
    await admin.post('/activities', { type: 'note', contactId: theirs.id, body: `<p>@[${REP.name}](${rep.id}) please call him back today</p>` });

    await page.reload();
    await visible(page.locator('[data-testid="checklist-invite"][data-done="true"]'));
    await hasText(page.getByTestId('checklist-progress'), '1 of 4 done');
    await hasText(page.getByTestId('number-my-contacts').getByTestId('number-value'), '2');
    await hasText(page.getByTestId('number-new-this-week').getByTestId('number-value'), '2');
    await hasText(page.getByTestId('number-my-companies').getByTestId('number-value'), '0');
    const assigned = page.getByTestId('assigned-row');
    await count(assigned, 2);
    await hasText(page.getByTestId('widget-assigned'), 'Walker');
    await hasText(page.getByTestId('widget-assigned'), 'Nguyễn Lan');
    await hasText(page.getByTestId('widget-recent'), 'Records you open appear here');
    await expectNoAxeViolations(page, 'home with the checklist, admin, en, 1440 px');
    expect(allStrings, 'the home page loaded every module\'s strings').toEqual([]);

    // Hiding an item lasts.
    await page.getByRole('button', { name: 'Hide this item: Import your contacts' }).click();
    await hidden(page.getByTestId('checklist-import'));
    await page.reload();
    await visible(page.getByTestId('checklist-invite'));
    await count(page.getByTestId('checklist-import'), 0);

    // A record opened shows up under "My recent records", with a link back to it.
    await page.getByTestId('widget-assigned').getByRole('link', { name: /Walker/ }).click();
    await atPath(page, new RegExp(`^/contacts/${mine1.id}$`));
    await hasText(page.getByTestId('page-title'), 'Henry Walker');
    expect(allStrings.length, 'the contact page loads every module\'s strings').toBeGreaterThan(0);
    await page.getByTestId('nav-home').click();
    await atPath(page, /^\/$/);
    await count(page.getByTestId('recent-row'), 1);
    await hasText(page.getByTestId('recent-row'), 'Henry Walker');

    // A record opened, then deleted elsewhere: the home asks for its recent records in one request, which leaves the
    // deleted one out — it drops from the list with no 404 in the console (issue 14 item 8).
    const doomed = await admin.post<{ id: string }>('/contacts', { givenName: 'Văn Tạm', familyName: 'Đoàn' });
    await page.goto(`${server.url}/contacts/${doomed.id}`);
    await hasText(page.getByTestId('page-title'), 'Đoàn Văn Tạm');
    await page.getByTestId('nav-home').click();
    await count(page.getByTestId('recent-row'), 2);
    await admin.delete(`/contacts/${doomed.id}`);
    const noise = watchConsole(page);
    await page.reload();
    await hasText(page.getByTestId('recent-row'), 'Henry Walker');
    await count(page.getByTestId('recent-row'), 1);
    await count(page.getByTestId('loading'), 0);
    expect(noise.take()).toEqual([]);

    // The checklist can go altogether.
    await page.getByTestId('checklist-hide').click();
    await count(page.getByTestId('widget-checklist'), 0);
    await page.reload();
    await visible(page.getByTestId('widget-numbers'));
    await count(page.getByTestId('widget-checklist'), 0);
  }, JOURNEY_MS);

  it('a sales rep sees only their own records and numbers, and their mention', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, REP.email, REP.password, '/');
    await hasText(page.getByTestId('page-title'), 'Mai');
    await visible(page.getByTestId('widget-numbers'));
    await count(page.getByTestId('home-widget-checklist'), 0);
    await hasText(page.getByTestId('number-my-contacts').getByTestId('number-value'), '1');
    await hasText(page.getByTestId('number-my-companies').getByTestId('number-value'), '1');
    await count(page.getByTestId('assigned-row'), 1);
    await hasText(page.getByTestId('assigned-row'), 'Phạm Bình');
    await page.getByTestId('widget-assigned').getByText('Companies (1)').click();
    await hasText(page.getByTestId('assigned-row'), 'Sao Mai Trading');
    await hasText(page.getByTestId('widget-recent'), 'Records you open appear here');

    const mention = page.getByTestId('home-notification');
    await count(mention, 1);
    await hasText(mention, 'Mention');
    await hasText(mention, 'Administrator mentioned you');
    await hasText(page.getByTestId('unread-count'), '1 unread');
    await mention.getByRole('link').click();
    await atPath(page, /^\/contacts\/[^/]+$/);
    await hasText(page.getByTestId('page-title'), 'Phạm Bình');
    await page.getByTestId('nav-home').click();
    await hasText(page.getByTestId('widget-notifications'), 'You are all caught up');
    await hasText(page.getByTestId('recent-row'), 'Phạm Bình');
    await expectNoAxeViolations(page, 'home, rep, en, 1440 px');
  }, JOURNEY_MS);

  it('Vietnamese: the widgets speak Vietnamese', async () => {
    const vi = await ApiClient.signIn(server.url, REP.email, REP.password);
    await vi.patch('/me', { locale: 'vi' });
    const page = b.page();
    await signInWithCookie(page, server.url, REP.email, REP.password, '/');
    await hasText(page.getByTestId('widget-numbers'), 'Liên hệ của tôi');
    await hasText(page.getByTestId('widget-assigned'), 'Giao cho tôi');
    await hasText(page.getByTestId('widget-notifications'), 'Thông báo chưa đọc');
    await page.setViewportSize({ width: 390, height: 844 });
    await hasText(page.getByTestId('assigned-row'), 'Phạm Bình');
    await hasText(page.getByTestId('widget-recent'), 'Các bản ghi bạn mở');
    await expectNoAxeViolations(page, 'home, rep, vi, 390 px');

    // Toasts load with the first one (app/Toasts.tsx), not with the sign-in page: it still shows.
    await page.goto(`${server.url}/profile`);
    await page.getByTestId('profile-save').click();
    await hasText(page.locator('.mantine-Notification-root'), 'Đã lưu hồ sơ');
  }, JOURNEY_MS);
});
