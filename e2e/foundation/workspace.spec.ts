/**
 * Issue 14 item 5 (SQLite): an administrator names the workspace, uploads its logo and picks the year-first date
 * format in Settings › Workspace, and sees the name and logo in the header and a birthday written year first; then
 * turns mentions in the app off on their notification preferences page, and a mention no longer reaches their
 * notification centre. axe on both pages, in English and Vietnamese.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api';
import { expectNoAxeViolations } from '../support/axe';
import { chooseOption, signInWithCookie } from '../support/app';
import { atPath, chromiumPath, hasText, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, startServer, type KithServer } from '../support/server';

// A 1×1 PNG.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

(chromiumPath() !== null ? describe : describe.skip)('workspace journey [sqlite]', () => {
  const b = useBrowser();
  let server: KithServer;

  beforeAll(async () => {
    server = await startServer('sqlite');
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('sets the company name and logo (seen in the header) and turns a notification off', async () => {
    const page = b.page();
    const admin = await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/settings/workspace');
    await hasText(page.getByTestId('brand-name'), 'Kith');
    await visible(page.getByTestId('workspace-company-name'));
    await expectNoAxeViolations(page, 'settings: workspace');

    await page.getByTestId('workspace-company-name').fill('Hoa Sen Trading');
    await chooseOption(page, page.getByTestId('workspace-date-format'), /yyyy-mm-dd/);
    await page.getByTestId('workspace-save').click();
    await hasText(page.getByTestId('brand-name'), 'Hoa Sen Trading');
    expect(await page.getByTestId('workspace-brand').getAttribute('aria-label')).toMatch(/^Hoa Sen Trading · /);

    await page.locator('input[type="file"]').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
    await visible(page.getByTestId('workspace-logo-preview'));
    const logo = page.getByTestId('brand-logo');
    await visible(logo);
    expect(await logo.getAttribute('src')).toMatch(/^\/api\/v1\/settings\/workspace\/logo\?v=/);
    await expect.poll(() => logo.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1);
    const saved = await admin.get<{ companyName: string; dateFormat: string; logo: { mime: string } | null }>('/settings/workspace');
    expect(saved).toMatchObject({ companyName: 'Hoa Sen Trading', dateFormat: 'yyyy-mm-dd', logo: { mime: 'image/png' } });

    // The name and logo stay after a reload (they come from the server, not from the page's state).
    await page.reload();
    await hasText(page.getByTestId('brand-name'), 'Hoa Sen Trading');
    await visible(page.getByTestId('brand-logo'));

    // Dates follow the workspace's format: a birthday reads year first.
    const henry = await admin.post<{ id: string }>('/contacts', { givenName: 'Henry', familyName: 'Walker', birthday: '1990-07-21' });
    await page.goto(`${server.url}/contacts/${henry.id}`);
    await hasText(page.getByTestId('field-birthday'), '1990-07-21');

    // Notification preferences: from the profile page, mentions in the app off.
    await page.goto(`${server.url}/profile`);
    await page.getByTestId('profile-notifications').click();
    await atPath(page, /^\/profile\/notifications$/);
    const inApp = page.getByTestId('pref-mentions-inApp');
    await visible(inApp);
    expect(await inApp.isChecked()).toBe(true);
    await visible(page.getByTestId('push-later'));
    await expectNoAxeViolations(page, 'profile: notifications');
    await inApp.uncheck();
    await page.getByTestId('prefs-save').click();
    await expect.poll(async () => (await admin.get<{ events: { event: string; inApp: boolean }[] }>('/me/notification-preferences')).events.find((e) => e.event === 'mentions')?.inApp).toBe(false);
    await page.reload();
    await visible(page.getByTestId('pref-mentions-inApp'));
    expect(await page.getByTestId('pref-mentions-inApp').isChecked()).toBe(false);
    expect(await page.getByTestId('pref-task_reminders-inApp').isChecked()).toBe(true);

    // A colleague mentions the admin: nothing arrives in the admin's notification centre.
    const roles = await admin.get<{ data: { id: string; isAdmin: boolean }[] }>('/roles?limit=200');
    const colleague = { name: 'Minh Lê', email: 'minh.ws@example.com', password: 'minh-password-12345' };
    await admin.post('/users', { ...colleague, roleId: roles.data.find((r) => r.isAdmin)!.id });
    const me = await admin.get<{ user: { id: string } }>('/auth/session');
    const minh = await ApiClient.signIn(server.url, colleague.email, colleague.password);
    const contact = await minh.post<{ id: string }>('/contacts', { givenName: 'Lan', familyName: 'Nguyễn' });
    const before = (await admin.get<{ count: number }>('/notifications/unread-count')).count;
    await minh.post('/activities', { type: 'note', contactId: contact.id, body: `Please call her, @[Administrator](${me.user.id})` });
    // Control: Minh kept the defaults, so the admin's mention of Minh does reach Minh.
    const minhBefore = (await minh.get<{ count: number }>('/notifications/unread-count')).count;
    const minhId = (await minh.get<{ user: { id: string } }>('/auth/session')).user.id;
    await admin.post('/activities', { type: 'note', contactId: contact.id, body: `Done, thanks @[Minh Lê](${minhId})` });
    await expect.poll(async () => (await minh.get<{ count: number }>('/notifications/unread-count')).count).toBe(minhBefore + 1);
    expect((await admin.get<{ count: number }>('/notifications/unread-count')).count).toBe(before);

    // Both pages in Vietnamese: translated and without axe violations.
    await admin.patch('/me', { locale: 'vi' });
    await page.goto(`${server.url}/settings/workspace`);
    await hasText(page.getByTestId('settings-tab-workspace'), 'Không gian làm việc');
    await visible(page.getByTestId('workspace-company-name'));
    await expectNoAxeViolations(page, 'settings: workspace (vi)');
    await page.goto(`${server.url}/profile/notifications`);
    await hasText(page.getByTestId('pref-row-mentions'), 'Khi tôi được nhắc đến');
    await expectNoAxeViolations(page, 'profile: notifications (vi)');
  }, JOURNEY_MS);
});
