/**
 * Issue 2 §7, on SQLite and on PostgreSQL: the first administrator signs in, creates a team, a role
 * (contacts: read only, own records) and a user through Settings; that user signs in and sees only what
 * the role allows; they switch to Vietnamese and it sticks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from '../support/api';
import { chooseOption, openUserMenu, signInThroughUi, signInWithCookie, signOutThroughUi } from '../support/app';
import { atPath, chromiumPath, count, hasText, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, postgresAvailable, startServer, type Dialect, type KithServer } from '../support/server';

const TEAM = 'Field Sales';
const ROLE = 'Contact viewer';
const USER = { name: 'Vy Trần', email: 'vy.tran@example.com', password: 'vy-password-12345' };
// Seeded through the API: one the user owns, one the admin owns (must stay invisible to the user).
const MINE = { givenName: 'Uma', familyName: 'Visible' };
const HIDDEN = { givenName: 'Olivia', familyName: 'Hidden' };

for (const dialect of ['sqlite', 'postgres'] as Dialect[]) {
  const available = chromiumPath() !== null && (dialect === 'sqlite' || postgresAvailable());
  (available ? describe : describe.skip)(`admin journey [${dialect}]`, () => {
    const b = useBrowser();
    let server: KithServer;

    beforeAll(async () => {
      server = await startServer(dialect);
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('the first admin signs in and creates a team, a role and a user through Settings', async () => {
      const page = b.page();
      await signInThroughUi(page, server.url, ADMIN.email, ADMIN.password);
      await visible(page.getByTestId('nav-settings'));

      // Team
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('settings-tab-teams').click();
      await atPath(page, /^\/settings\/teams$/);
      await page.getByTestId('teams-create').click();
      await page.getByTestId('team-name').fill(TEAM);
      await page.getByTestId('team-submit').click();
      await visible(page.locator(`[data-testid="team-row"][data-name="${TEAM}"]`));

      // Role: contacts read only, own records
      await page.getByTestId('settings-tab-roles').click();
      await page.getByTestId('roles-create').click();
      await atPath(page, /^\/settings\/roles\/new$/);
      await page.getByTestId('role-name').fill(ROLE);
      await page.getByTestId('perm-contacts-read').check();
      await chooseOption(page, page.getByTestId('perm-contacts-scope'), 'Own');
      await page.getByTestId('role-submit').click();
      await atPath(page, /^\/settings\/roles$/);
      await visible(page.locator(`[data-testid="role-row"][data-name="${ROLE}"]`));

      // User with that role and team
      await page.getByTestId('settings-tab-users').click();
      await page.getByTestId('users-create').click();
      await page.getByTestId('user-name').fill(USER.name);
      await page.getByTestId('user-email').fill(USER.email);
      await chooseOption(page, page.getByTestId('user-role'), ROLE);
      await chooseOption(page, page.getByTestId('user-team'), TEAM);
      await page.getByTestId('user-password').fill(USER.password);
      await page.getByTestId('user-submit').click();
      const row = page.locator(`[data-testid="user-row"][data-email="${USER.email}"]`);
      await visible(row);
      await hasText(row, ROLE);

      // What the UI saved is what the server enforces.
      const admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
      const roles = await admin.get<{ data: { name: string; permissions: Record<string, unknown> }[] }>('/roles?limit=200');
      const role = roles.data.find((r) => r.name === ROLE);
      expect(role?.permissions).toEqual({ contacts: { actions: ['read'], scope: 'own' } });

      await signOutThroughUi(page);
    }, JOURNEY_MS);

    it('the new user sees only what the role allows', async () => {
      const admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
      const user = await admin.findUser(USER.email);
      await admin.createContact({ ...MINE, ownerId: user.id });
      const hidden = await admin.createContact(HIDDEN);

      const page = b.page();
      await signInThroughUi(page, server.url, USER.email, USER.password);
      await visible(page.getByTestId('nav-contacts'));
      await count(page.getByTestId('nav-settings'), 0);

      await page.getByTestId('nav-contacts').click();
      await atPath(page, /^\/contacts/);
      const rows = page.getByTestId('list-row');
      await visible(rows.filter({ hasText: 'Uma' }));
      await count(rows, 1);
      await count(page.getByText('Olivia'), 0);
      // Creating is not offered…
      await count(page.getByTestId('record-create'), 0);
      // …and the server refuses it, and will not show the other owner's record either.
      const asUser = await ApiClient.signIn(server.url, USER.email, USER.password);
      await expect(asUser.createContact({ givenName: 'Not', familyName: 'Allowed' })).rejects.toMatchObject({ status: 403 });
      const direct = await asUser.get(`/contacts/${hidden.id}`).catch((e: unknown) => e);
      expect(direct).toBeInstanceOf(ApiError);
      expect([403, 404]).toContain((direct as ApiError).status);

      // Settings is not reachable by typing its address: the page says so and names whom to ask.
      await page.goto(`${server.url}/settings/users`);
      await hasText(page.getByTestId('page-title'), "You don't have access");
      await hasText(page.getByTestId('no-access-admins'), ADMIN.email);
      await count(page.getByTestId('users-table'), 0);
      await count(page.getByTestId('settings-tab-users'), 0);
    }, JOURNEY_MS);

    it('the user switches to Vietnamese from the user menu and it persists after reload', async () => {
      const page = b.page();
      await signInWithCookie(page, server.url, USER.email, USER.password);
      await hasText(page.getByTestId('nav-contacts'), 'Contacts');

      await openUserMenu(page);
      await page.getByTestId('language-vi').click();
      await hasText(page.getByTestId('nav-contacts'), 'Liên hệ');
      await hasText(page.getByTestId('nav-home'), 'Trang chủ');
      expect(await page.locator('html').getAttribute('lang')).toBe('vi');

      await page.reload();
      await hasText(page.getByTestId('nav-contacts'), 'Liên hệ');
      await openUserMenu(page);
      await hasText(page.getByTestId('sign-out'), 'Đăng xuất');

      // Saved on the server: a sign-in from another browser opens in Vietnamese.
      const asUser = await ApiClient.signIn(server.url, USER.email, USER.password);
      expect(asUser.user.locale).toBe('vi');
      const other = await b.newPage();
      await signInThroughUi(other, server.url, USER.email, USER.password);
      await hasText(other.getByTestId('nav-contacts'), 'Liên hệ');
    }, JOURNEY_MS);
  });
}
