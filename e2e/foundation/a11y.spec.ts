/**
 * Issue 14 items 8 and 9: every page passes axe (WCAG 2.1 A and AA) in English and Vietnamese at 1440 and 390 px,
 * with a quiet browser console (no errors, warnings or refused API calls on pages the user may open); a user
 * lacking a permission gets "You don't have access" naming the administrators, not "page not found". SQLite only:
 * what is checked here is the web app, the same on either database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RecordData } from '../../contracts/records';
import { ApiClient } from '../support/api';
import { signInWithCookie } from '../support/app';
import { axeViolations, formatViolations } from '../support/axe';
import { atPath, chromiumPath, count, hasText, pickUpCard, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { watchConsole } from '../support/console';
import { ADMIN, startServer, type KithServer } from '../support/server';

const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const REP = { email: 'a11y.rep@example.com', password: 'a11y-rep-password-7', name: 'Lê Thu Hà' };
const MANAGER = { email: 'a11y.manager@example.com', password: 'a11y-manager-password-7', name: 'Henry Walker' };

interface Target {
  name: string;
  path: string;
  /** A test id that shows once the page has its data (default: the page title). */
  ready?: string;
}

/** Waits until the page has rendered its data: its marker (not one left by the previous page) is visible and no loader is left. */
async function settle(page: Page, ready: string): Promise<void> {
  await visible(page.locator(`[data-testid="${ready}"]:not([data-a11y-seen])`));
  await count(page.getByTestId('loading'), 0);
}

/**
 * Opens `path` inside the running app as a click on a link would (history.pushState + popstate, which React Router
 * follows): a full load per page would parse the whole app again, 48 times. The first page of a test loads for real.
 */
async function open(page: Page, baseUrl: string, path: string, first: boolean): Promise<void> {
  if (first || !page.url().startsWith(baseUrl)) {
    await page.goto(baseUrl + path);
    return;
  }
  await page.evaluate((to) => {
    // The previous page's markers are marked, so that settle() waits for the new page's own.
    for (const el of document.querySelectorAll('[data-testid]')) el.setAttribute('data-a11y-seen', '');
    // The state React Router's own history writes (an index and a key), so it treats this as its own entry.
    const idx = ((window.history.state as { idx?: number } | null)?.idx ?? 0) + 1;
    window.history.pushState({ usr: null, key: `a11y${idx}`, idx }, '', to);
    window.dispatchEvent(new PopStateEvent('popstate', { state: window.history.state }));
  }, path);
}

/** The phone layout hides the sidebar with a CSS transition: measure once it has left the screen (or come back). */
async function sidebarSettled(page: Page, phone: boolean): Promise<void> {
  const sidebar = page.getByTestId('sidebar');
  if (!(await sidebar.count())) return;
  await expect
    .poll(async () => {
      const box = await sidebar.boundingBox();
      return phone ? !box || box.x + box.width <= 0 : box?.x === 0;
    })
    .toBe(true);
}

/** Opens each target, runs axe at both widths and gathers every violation and console line (one failure lists all). */
async function audit(page: Page, baseUrl: string, targets: Target[], lang: string): Promise<string[]> {
  const noise = watchConsole(page);
  const problems: string[] = [];
  for (const [i, target] of targets.entries()) {
    await page.setViewportSize(WIDE);
    await open(page, baseUrl, target.path, i === 0);
    await settle(page, target.ready ?? 'page-title').catch((e: Error) => {
      throw new Error(`${target.name} (${target.path}) did not settle: ${e.message}`);
    });
    for (const [label, size] of [['1440', WIDE], ['390', PHONE]] as const) {
      await page.setViewportSize(size);
      await sidebarSettled(page, size === PHONE);
      const found = await axeViolations(page);
      if (found.length) problems.push(`${target.name} [${lang}, ${label} px] ${target.path}\n${formatViolations(found)}`);
    }
    const heard = noise.take();
    if (heard.length) problems.push(`${target.name} [${lang}] ${target.path} console:\n  ${heard.join('\n  ')}`);
  }
  return problems;
}

const run = chromiumPath() !== null;
(run ? describe : describe.skip)('accessibility and access journey [sqlite]', () => {
  const b = useBrowser({ viewport: WIDE });
  let server: KithServer;
  let admin: ApiClient;
  let targets: Target[] = [];
  let managersContact = '';
  let toyota = '';
  let vinfast = '';

  beforeAll(async () => {
    server = await startServer('sqlite');
    admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
    // A contact with a company, a tagged second one (a duplicate candidate), and the demo object "Vehicles".
    const company = await admin.post<{ id: string }>('/companies', { name: 'Công ty Cổ phần Sao Mai' });
    const an = await admin.createContact({
      givenName: 'Văn An', familyName: 'Nguyễn', emails: [{ address: 'an.nguyen@example.vn' }], phones: [{ number: '+84912345678' }],
      companyId: company.id, tags: ['vip'], lifecycleStage: 'customer',
    });
    await admin.createContact({ givenName: 'Van An', familyName: 'Nguyen', emails: [{ address: 'an.nguyen@example.vn' }] });
    await admin.createContact({ givenName: 'Henry', familyName: 'Walker', lifecycleStage: 'lead' });
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
        { key: 'owner_contact', type: 'relation', labels: { en: 'Owner', vi: 'Chủ xe' }, relation: { target: 'contacts' } },
      ],
    });
    const vehicle = await admin.post<RecordData>('/objects/vehicles', { values: { name: 'VinFast VF8', status: 'service', owner_contact: an.id } });
    toyota = (await admin.post<RecordData>('/objects/vehicles', { values: { name: 'Toyota Vios', status: 'new' } })).id;
    vinfast = vehicle.id;
    const roles = await admin.get<{ data: { id: string; name: string }[] }>('/roles?limit=200');
    const rep = roles.data.find((r) => r.name === 'Sales rep');
    const manager = roles.data.find((r) => r.name === 'Manager');
    if (!rep || !manager) throw new Error('no Sales rep or Manager role');
    await admin.post('/users', { ...REP, roleId: rep.id, locale: 'en' });
    const boss = await admin.post<{ id: string }>('/users', { ...MANAGER, roleId: manager.id, locale: 'en' });
    managersContact = (await admin.createContact({ givenName: 'Thu', familyName: 'Trần', ownerId: boss.id })).id;
    targets = [
      { name: 'home', path: '/' },
      { name: 'contacts list', path: '/contacts', ready: 'page-title' },
      { name: 'contacts kanban', path: '/contacts?view=kanban', ready: 'kanban-board' },
      { name: 'contact record', path: `/contacts/${an.id}` },
      { name: 'companies list', path: '/companies' },
      { name: 'company record', path: `/companies/${company.id}` },
      { name: 'duplicates', path: '/duplicates' },
      { name: 'recycle bin', path: '/recycle-bin' },
      { name: 'imports', path: '/imports' },
      { name: 'new import', path: '/imports/new' },
      { name: 'profile', path: '/profile' },
      { name: 'vehicles list', path: '/objects/vehicles' },
      { name: 'vehicles kanban', path: '/objects/vehicles?view=kanban', ready: 'kanban-board' },
      { name: 'vehicle record', path: `/objects/vehicles/${vehicle.id}` },
      { name: 'settings: users', path: '/settings/users' },
      { name: 'settings: teams', path: '/settings/teams' },
      { name: 'settings: roles', path: '/settings/roles' },
      { name: 'settings: api keys', path: '/settings/api-keys' },
      { name: 'settings: objects', path: '/settings/objects' },
      { name: 'settings: vehicle fields', path: '/settings/objects/vehicles' },
      { name: 'settings: custom fields', path: '/settings/custom-fields' },
      { name: 'settings: lifecycle stages', path: '/settings/lifecycle-stages' },
      { name: 'settings: audit log', path: '/settings/audit' },
      { name: 'page not found', path: '/no-such-page' },
    ];
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('the sign-in page: no violations in either language at either width, and no 401 from the session probe', async () => {
    const problems: string[] = [];
    for (const locale of ['en-US', 'vi-VN']) {
      const page = await b.newPage();
      await page.context().setExtraHTTPHeaders({ 'accept-language': locale });
      await page.addInitScript((l) => localStorage.setItem('kith.locale', l), locale.slice(0, 2));
      problems.push(...(await audit(page, server.url, [{ name: 'sign-in', path: '/sign-in', ready: 'signin-email' }], locale.slice(0, 2))));
    }
    expect(problems.join('\n')).toBe('');
  }, JOURNEY_MS);

  for (const locale of ['en', 'vi'] as const) {
    it(`every page as an administrator in ${locale === 'en' ? 'English' : 'Vietnamese'}: 0 axe violations at 1440 and 390 px, a quiet console`, async () => {
      await admin.patch('/me', { locale });
      const page = b.page();
      await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password);
      await hasText(page.getByTestId('nav-contacts'), locale === 'en' ? 'Contacts' : 'Liên hệ');
      const problems = await audit(page, server.url, targets, locale);
      expect(problems.join('\n')).toBe('');
    }, JOURNEY_MS);
  }

  it('a sales rep: pages they may open are quiet; Settings says "You don\'t have access" and names the administrators', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, REP.email, REP.password);
    const problems = await audit(page, server.url, [
      { name: 'home (rep)', path: '/' },
      { name: 'contacts (rep)', path: '/contacts' },
      { name: 'no access: settings (rep)', path: '/settings/users', ready: 'no-access' },
      // The recycle bin needs the delete right, which a sales rep has not: the page says so (AccessGate).
      { name: 'no access: recycle bin (rep)', path: '/recycle-bin', ready: 'no-access' },
    ], 'en');
    expect(problems.join('\n')).toBe('');
    await page.goto(`${server.url}/settings/audit`);
    await hasText(page.getByTestId('page-title'), "You don't have access");
    await hasText(page.getByTestId('no-access-admins'), ADMIN.email);
    await count(page.getByTestId('settings-tab-users'), 0);
  }, JOURNEY_MS);

  it('a manager: their contact\'s page (owner picker, mentions) and deleting it leave the console quiet', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, MANAGER.email, MANAGER.password);
    const problems = await audit(page, server.url, [{ name: 'contact record (manager)', path: `/contacts/${managersContact}` }], 'en');
    expect(problems.join('\n')).toBe('');
    const noise = watchConsole(page);
    await page.getByTestId('record-actions').click();
    await page.getByTestId('record-delete').click();
    await page.getByTestId('confirm-ok').click();
    await atPath(page, /^\/contacts$/);
    // Their only contact is gone: the list answers with its empty state.
    await visible(page.getByTestId('empty-state'));
    await count(page.getByTestId('loading'), 0);
    expect(noise.take()).toEqual([]);
  }, JOURNEY_MS);

  it('kanban cards are links that drag: Space and arrows move one from the keyboard, the mouse drags one by its name, Enter opens one', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/objects/vehicles?view=kanban');
    const column = (value: string) => page.locator(`[data-testid="kanban-column"][data-value="${value}"]`);
    const cardLink = (id: string) => page.locator(`a:has([data-testid="kanban-card"][data-id="${id}"])`);
    const statusOf = async (id: string) => (await admin.get<RecordData>(`/objects/vehicles/${id}`)).values.status;
    await visible(column('new').locator(`[data-testid="kanban-card"][data-id="${toyota}"]`));

    // Keyboard: focus the card (a link), Space picks it up, an arrow moves it a column to the right, Space drops it.
    await pickUpCard(page, toyota);
    await page.keyboard.press('ArrowRight');
    await visible(page.locator('[data-testid="kanban-column"][data-value="service"][data-over]'));
    await page.keyboard.press('Space');
    await visible(column('service').locator(`[data-testid="kanban-card"][data-id="${toyota}"]`));
    await expect.poll(() => statusOf(toyota), { timeout: 10_000 }).toBe('service');

    // Mouse: the drag starts on the card's name (no nested link swallows it) and drops on the first column.
    const name = column('service').locator(`[data-testid="kanban-card"][data-id="${vinfast}"] p`).first();
    const a = (await name.boundingBox())!;
    const z = (await column('new').boundingBox())!;
    await page.mouse.move(a.x + 10, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(a.x + 30, a.y + a.height / 2, { steps: 4 });
    await page.mouse.move(z.x + z.width / 2, z.y + 80, { steps: 12 });
    await page.mouse.up();
    await visible(column('new').locator(`[data-testid="kanban-card"][data-id="${vinfast}"]`));
    await expect.poll(() => statusOf(vinfast), { timeout: 10_000 }).toBe('new');
    expect(page.url()).toContain('view=kanban');

    // Enter on a card opens its record, as on any link.
    await cardLink(toyota).focus();
    await page.keyboard.press('Enter');
    await atPath(page, new RegExp(`^/objects/vehicles/${toyota}$`));
    await hasText(page.getByTestId('page-title'), 'Toyota Vios');
  }, JOURNEY_MS);
});
