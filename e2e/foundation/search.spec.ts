/**
 * Issue 13's global search, in Chromium on SQLite (the route itself is tested on both databases in
 * server/src/modules/records/record-search.integration.test.ts): Ctrl+K finds a word across every object — a deal, a
 * lead, a task and a custom object's record from the engine's one search, a contact and a company from theirs —
 * grouped by object with its label, in English and Vietnamese; the arrows and Enter open a result. The header's
 * popups load on first use (issue 14 item 10): the user menu, the notification panel and the palette still open from
 * a click, and from the keyboard.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ApiClient } from '../support/api';
import { expectNoAxeViolations } from '../support/axe';
import { openPalette, signInWithCookie } from '../support/app';
import { atPath, chromiumPath, count, hasText, hidden, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, startServer, type KithServer } from '../support/server';

/** Presses ArrowDown until the palette's selected action reads `text` (at most `max` times), then Enter. */
async function chooseWithArrows(page: Page, text: string, max = 12): Promise<void> {
  const selected = page.locator('[data-testid="palette"] [data-selected]');
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('ArrowDown');
    if (((await selected.count()) > 0) && (await selected.first().innerText()).includes(text)) {
      await page.keyboard.press('Enter');
      return;
    }
  }
  throw new Error(`no palette action reads "${text}"`);
}

(chromiumPath() ? describe : describe.skip)('global search journey [sqlite]', () => {
  const b = useBrowser({ viewport: { width: 1440, height: 1000 } });
  let server: KithServer;
  let admin: ApiClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServer('sqlite');
    admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
    await admin.post('/record-types', {
      name: 'vehicles', icon: 'car', labels: { en: { singular: 'Vehicle', plural: 'Vehicles' }, vi: { singular: 'Xe', plural: 'Xe cộ' } },
      fields: [{ key: 'name', type: 'text', labels: { en: 'Model', vi: 'Dòng xe' }, required: true }],
    });
    ids.deal = (await admin.post<{ id: string }>('/deals', { values: { name: 'Quasar fleet renewal' } })).id;
    ids.lead = (await admin.post<{ id: string }>('/leads', { values: { name: 'Quasar Trần' } })).id;
    ids.task = (await admin.post<{ id: string }>('/tasks', { values: { title: 'Call Quasar about the fleet' } })).id;
    ids.vehicle = (await admin.post<{ id: string }>('/objects/vehicles', { values: { name: 'Quasar Đông Á' } })).id;
    ids.contact = (await admin.post<{ id: string }>('/contacts', { givenName: 'Quasar', familyName: 'Walker' })).id;
    ids.company = (await admin.post<{ id: string }>('/companies', { name: 'Quasar Logistics' })).id;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('finds one word across deals, leads, tasks, a custom object, contacts and companies, grouped by object; the arrows and Enter open a deal', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/');
    const input = await openPalette(page);
    await input.fill('quasar');
    // Each group is named (role group, its label) and holds its object's records.
    const group = (name: string) => page.getByRole('group', { name, exact: true });
    await hasText(group('Deals'), 'Quasar fleet renewal');
    await hasText(group('Leads'), 'Quasar Trần');
    await hasText(group('Tasks'), 'Call Quasar about the fleet');
    await hasText(group('Vehicles'), 'Quasar Đông Á');
    await hasText(group('Contacts'), 'Quasar Walker');
    await hasText(group('Companies'), 'Quasar Logistics');
    // Each object's icon: the deal's target, the task's checkbox, the vehicle's car.
    await visible(group('Deals').locator('svg.tabler-icon-target').first());
    await visible(group('Tasks').locator('svg.tabler-icon-checkbox').first());
    await visible(group('Vehicles').locator('svg.tabler-icon-car').first());
    // Each engine object's results once: the deals, leads and tasks modules' own providers are not asked as well.
    await count(page.locator('[data-testid="palette"] [data-testid^="palette-result-"]', { hasText: 'Quasar fleet renewal' }), 1);
    await expectNoAxeViolations(page, 'palette with results, en, 1440 px');

    await chooseWithArrows(page, 'Quasar fleet renewal');
    await atPath(page, new RegExp(`^/deals/${ids.deal}$`));
    await hidden(page.getByTestId('palette-input'));

    // Without diacritics, a record of a custom object, opened with a click.
    const again = await openPalette(page);
    await again.fill('dong a');
    await page.getByRole('group', { name: 'Vehicles', exact: true }).getByText('Quasar Đông Á').click();
    await atPath(page, new RegExp(`^/objects/vehicles/${ids.vehicle}$`));
  }, JOURNEY_MS);

  it('in Vietnamese the groups carry the objects\' Vietnamese names', async () => {
    const page = b.page();
    await admin.patch('/me', { locale: 'vi' });
    try {
      await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/');
      await hasText(page.getByTestId('nav-contacts'), 'Liên hệ');
      const input = await openPalette(page);
      await input.fill('quasar');
      await hasText(page.getByRole('group', { name: 'Cơ hội', exact: true }), 'Quasar fleet renewal');
      await hasText(page.getByRole('group', { name: 'Công việc', exact: true }), 'Call Quasar about the fleet');
      await hasText(page.getByRole('group', { name: 'Xe cộ', exact: true }), 'Quasar Đông Á');
      await expectNoAxeViolations(page, 'palette with results, vi, 1440 px');
    } finally {
      await admin.patch('/me', { locale: 'en' });
    }
  }, JOURNEY_MS);

  it('the header\'s popups load on first use and open from the first click or key press', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/');
    // The user menu, first pressed from the keyboard: it opens as it arrives.
    await page.getByTestId('user-menu').focus();
    await page.keyboard.press('Enter');
    await visible(page.getByTestId('menu-profile'));
    await page.keyboard.press('Escape');
    await hidden(page.getByTestId('menu-profile'));
    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-profile').click();
    await atPath(page, /^\/profile$/);

    // The notification bell, first clicked.
    await page.getByTestId('notification-bell').click();
    await visible(page.getByTestId('notification-panel'));
    await page.getByTestId('notification-bell').click();
    await hidden(page.getByTestId('notification-panel'));

    // The palette's button, then Ctrl+K toggles it.
    await page.getByTestId('palette-open').click();
    await visible(page.getByTestId('palette-input'));
    await page.keyboard.press('Escape');
    await hidden(page.getByTestId('palette-input'));
    await openPalette(page);
    await page.keyboard.press('Control+KeyK');
    await hidden(page.getByTestId('palette-input'));
  }, JOURNEY_MS);
});
