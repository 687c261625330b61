/**
 * Issue 14 item 7, on SQLite and on PostgreSQL: an administrator opens the audit log, filters it by a
 * person and an action from pickers, sees the actions in words and the record's name linked to its page;
 * the filters live in the URL, so reloading (or sharing) the link shows the same view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api';
import { chooseOption, signInWithCookie } from '../support/app';
import { atPath, chromiumPath, count, hasText, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, postgresAvailable, startServer, type Dialect, type KithServer } from '../support/server';

const OTHER = { name: 'Vy Trần', email: 'vy.audit@example.com', password: 'vy-password-12345' };

for (const dialect of ['sqlite', 'postgres'] as Dialect[]) {
  const available = chromiumPath() !== null && (dialect === 'sqlite' || postgresAvailable());
  (available ? describe : describe.skip)(`audit journey [${dialect}]`, () => {
    const b = useBrowser();
    let server: KithServer;
    let contactId: string;

    beforeAll(async () => {
      server = await startServer(dialect);
      const admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
      contactId = (await admin.post<{ id: string }>('/contacts', { givenName: 'Henry', familyName: 'Walker' })).id;
      await admin.post('/companies', { name: 'Sao Mai Trading' });
      const roles = await admin.get<{ data: { id: string; isAdmin: boolean }[] }>('/roles?limit=200');
      const adminRole = roles.data.find((r) => r.isAdmin)!;
      await admin.post('/users', { ...OTHER, roleId: adminRole.id });
      const other = await ApiClient.signIn(server.url, OTHER.email, OTHER.password);
      await other.post('/contacts', { givenName: 'Olivia', familyName: 'Other' });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('filters by a person and an action, shows words and a linked record name, and keeps the view in the URL', async () => {
      const page = b.page();
      await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/settings/audit');
      await visible(page.getByTestId('audit-table'));

      await chooseOption(page, page.getByTestId('audit-filter-actor'), `${ADMIN.name} (${ADMIN.email})`);
      await chooseOption(page, page.getByTestId('audit-filter-action'), 'created');
      await expect.poll(() => new URL(page.url()).searchParams.get('action')).toBe('create');
      const rows = page.getByTestId('audit-row');
      // The admin created a contact, a company and a user (the other user's contact is filtered out).
      await count(rows, 3);
      await hasText(rows.filter({ hasText: 'User' }).getByTestId('audit-record-link'), OTHER.name);
      await hasText(rows.filter({ hasText: 'Contact' }).getByTestId('audit-action'), 'created');
      const link = rows.filter({ hasText: 'Contact' }).getByTestId('audit-record-link');
      await hasText(link, 'Henry Walker');
      expect(await page.getByText('Olivia Other').count()).toBe(0);

      // The filtered view survives a reload (shared link).
      await page.reload();
      await count(page.getByTestId('audit-row'), 3);

      await link.click();
      await atPath(page, new RegExp(`^/contacts/${contactId}$`));
    }, JOURNEY_MS);
  });
}
