/**
 * Issue 14 items 11 and 12, in Chromium against the built server loaded with `kith demo`:
 * - the user guide's screenshots are taken here, at 1440 px, and written to docs/guide/img (so they never go stale);
 *   among them the company page whose timeline rolls up its contacts' activities, each labelled with the contact;
 * - the question mark in the header lists the guide's pages in the user's language and opens one, rendered from
 *   Markdown with its screenshot and links that stay in the app — in English (the administrator) and in Vietnamese
 *   (a demo user whose language is Vietnamese); an empty state's "How to …" link opens its page.
 * SQLite only: what it proves does not depend on the database.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineItem } from '../../contracts/activities';
import { ApiClient } from '../support/api';
import { signInWithCookie } from '../support/app';
import { atPath, chromiumPath, count, hasText, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, ROOT, startServer, type KithServer } from '../support/server';

const IMG = path.join(ROOT, 'docs', 'guide', 'img');
const LAN = { email: 'lan.nguyen@example.com', password: 'demo-password-123' };
const GOOGLE_CSV = [
  'First Name,Middle Name,Last Name,Organization Name,Organization Title,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Notes',
  'Thảo,,Phạm,Công ty Sao Mai,Kế toán,* myContacts,* Work,thao.pham@saomai.vn,Mobile,0912 345 678,Gọi lại vào thứ Hai',
  'Jane,,Doe,Acme Inc,Engineer,* myContacts,* Home,jane.doe@acme.test,Mobile,+1 415 555 0132,',
].join('\r\n') + '\r\n';

/** The shell's fixed parts at 1440 px (AppLayout): the header's height and the sidebar's width. */
const HEADER = 56;
const SIDEBAR = 232;

/**
 * Writes docs/guide/img/<name>.png, small enough for the repository: the whole window's top (`'window'`), the page's
 * content without header and sidebar (`'content'`), or an element brought just below the header; at most `maxHeight`
 * pixels high.
 */
async function shot(page: Page, name: string, target: 'window' | 'content' | Locator, maxHeight = 620): Promise<void> {
  let clip = { x: 0, y: 0, width: 1440, height: maxHeight };
  if (target === 'content') clip = { x: SIDEBAR, y: HEADER, width: 1440 - SIDEBAR, height: maxHeight };
  else if (target !== 'window') {
    await target.evaluate((el, top) => { el.scrollIntoView({ block: 'start' }); window.scrollBy(0, -top); }, HEADER + 16);
    const box = (await target.boundingBox())!;
    clip = { x: Math.max(0, box.x - 8), y: Math.max(HEADER, box.y - 8), width: Math.min(box.width + 16, 1440), height: Math.min(box.height + 16, maxHeight) };
  }
  // Fonts and images loaded; animations are disabled for the capture.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const file = path.join(IMG, `${name}.png`);
  await page.screenshot({ path: file, clip, animations: 'disabled', caret: 'hide' });
  expect(fs.statSync(file).size, `${name}.png size`).toBeLessThan(150 * 1024);
}

(chromiumPath() ? describe : describe.skip)('user guide journey', () => {
  const b = useBrowser({ viewport: { width: 1440, height: 900 } });
  let server: KithServer;
  let admin: ApiClient;

  beforeAll(async () => {
    server = await startServer('sqlite');
    // `kith demo` against the running server's database, as an administrator would. It exits once done (it took a
    // minute more while the password checker's idle worker held the process). The running server writes too (its
    // outbox, background jobs): a step that found SQLite busy past its timeout is run again — each step is idempotent.
    const env: NodeJS.ProcessEnv = { ...process.env, KITH_DATA_DIR: server.dataDir, LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    let said = '';
    for (let attempt = 1; ; attempt++) {
      const demo = spawnSync(process.execPath, [path.join(ROOT, 'dist/server/main.js'), 'demo'], { cwd: server.dataDir, env, encoding: 'utf8', timeout: 45_000 });
      said += demo.stdout;
      if (demo.status === 0) break;
      if (attempt === 3 || !/database is locked/.test(demo.stderr + demo.stdout)) expect.fail(`kith demo failed (${demo.status}): ${demo.stderr}${demo.stdout}`);
    }
    expect(said).toMatch(/activities: \d+ notes, calls, meetings, emails and tasks added to 300 demo contacts/);
    admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
    fs.mkdirSync(IMG, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('takes the guide\'s screenshots at 1440 px; a company\'s timeline shows its contacts\' activities by name', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/');
    await visible(page.getByTestId('page-title'));
    await shot(page, 'home', 'window', 560);

    await page.goto(`${server.url}/contacts`);
    await visible(page.getByText('Nguyễn', { exact: false }).first());
    await shot(page, 'contacts-list', 'content', 520);

    // A company whose timeline rolls up several of its people's activities.
    const companies = await admin.get<{ data: { id: string; name: string }[] }>('/companies?limit=20');
    let companyId = '';
    let rolled: TimelineItem[] = [];
    for (const c of companies.data) {
      const tl = await admin.get<{ data: TimelineItem[] }>(`/companies/${c.id}/timeline?limit=25`);
      rolled = tl.data.filter((i) => i.contact);
      if (new Set(rolled.map((i) => i.contact!.id)).size >= 2) {
        companyId = c.id;
        break;
      }
    }
    expect(companyId, 'a demo company with activities of two of its contacts').not.toBe('');
    await page.goto(`${server.url}/companies/${companyId}`);
    const labels = page.getByTestId('timeline-item-contact');
    await visible(labels.first());
    await hasText(page.getByTestId('timeline'), rolled[0]!.contact!.name);
    await shot(page, 'company-timeline', page.getByTestId('timeline'), 600);
    await labels.first().click();
    await atPath(page, /^\/contacts\/[^/]+$/);

    // The import wizard's mapping of a Google Contacts file (the import is left unfinished).
    await page.goto(`${server.url}/imports/new`);
    await page.locator('[data-testid="import-dropzone"] input[type="file"]').setInputFiles({
      name: 'google-contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOGLE_CSV, 'utf8'),
    });
    await hasText(page.getByTestId('import-preset-detected'), 'Google Contacts');
    await hasText(page.getByTestId('import-preview'), 'Thảo');
    await shot(page, 'import-mapping', 'content', 600);

    // Two entries of one person (accents missing, same phone) on the duplicates page.
    await admin.post('/contacts', { givenName: 'Minh', familyName: 'Lê', phones: [{ number: '0903 123 456' }], emails: [{ address: 'minh.le@saomai.vn' }] });
    await admin.post('/contacts', { givenName: 'Minh', familyName: 'Le', phones: [{ number: '0903 123 456' }] });
    await admin.post('/duplicates/scan', {}).catch(() => undefined);
    await page.goto(`${server.url}/duplicates`);
    await visible(page.getByTestId('duplicate-pair').first());
    await shot(page, 'duplicates', 'content', 460);

    await page.goto(`${server.url}/settings/objects`);
    await visible(page.locator('[data-testid="object-row"][data-name="vehicles"]'));
    await shot(page, 'objects', 'content', 420);

    const roles = await admin.get<{ data: { id: string; name: string }[] }>('/roles?limit=200');
    await page.goto(`${server.url}/settings/roles/${roles.data.find((r) => r.name === 'Sales rep')!.id}`);
    await shot(page, 'role-editor', page.getByTestId('permission-matrix'), 560);

    await page.goto(`${server.url}/settings/audit`);
    await visible(page.getByTestId('audit-table'));
    await shot(page, 'audit-log', 'content', 560);
  }, 180_000);

  it('opens the guide from the header in English: a page with its screenshot, links that stay in the app; an empty list links its page', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/contacts');
    await page.getByTestId('help-menu').click();
    const panel = page.getByTestId('help-menu-panel');
    await hasText(panel, 'Get started with Kith');
    await count(panel.locator('[data-testid^="help-page-"]'), 8);
    await page.getByTestId('help-page-import-contacts').click();
    await atPath(page, /^\/help\/import-contacts$/);
    await hasText(page.getByTestId('page-title'), 'Import your contacts from Google');
    const body = page.getByTestId('guide-body');
    await hasText(body, 'Revert import');
    // The screenshot loads (served to signed-in users) and nothing unsafe came through.
    const img = body.locator('img').first();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    expect(await img.getAttribute('src')).toBe('/api/v1/help/img/import-mapping.png');
    expect(await body.locator('script, [onclick], [onerror]').count()).toBe(0);
    // A link to another page navigates inside the app (no reload: the header stays mounted).
    await page.evaluate(() => ((window as unknown as { kithMarker: number }).kithMarker = 1));
    await body.getByRole('link', { name: 'Export your contacts to Excel' }).click();
    await atPath(page, /^\/help\/export-contacts$/);
    await hasText(page.getByTestId('page-title'), 'Export your contacts to Excel');
    expect(await page.evaluate(() => (window as unknown as { kithMarker?: number }).kithMarker)).toBe(1);
    await page.getByTestId('guide-back').click();
    await atPath(page, /^\/help$/);
    await count(page.locator('[data-testid^="guide-card-"]'), 8);

    // A new colleague who sees only their own contacts has an empty list: it says how to import them.
    const role = await admin.post<{ id: string }>('/roles', { name: 'Own contacts', permissions: { contacts: { actions: ['read', 'create'], scope: 'own' } } });
    await admin.post('/users', { email: 'new.rep@example.com', name: 'New Rep', roleId: role.id, locale: 'en', password: 'new-rep-password-123' });
    const rep = await b.newPage();
    await signInWithCookie(rep, server.url, 'new.rep@example.com', 'new-rep-password-123', '/contacts');
    const howTo = rep.getByTestId('help-link-import-contacts');
    await hasText(howTo, 'How to import your contacts');
    await howTo.click();
    await hasText(rep.getByTestId('page-title'), 'Import your contacts from Google');
  }, JOURNEY_MS);

  it('opens the guide in Vietnamese for a Vietnamese user, and from an empty state\'s "How to" link', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, LAN.email, LAN.password, '/');
    await page.getByTestId('help-menu').click();
    const panel = page.getByTestId('help-menu-panel');
    await hasText(panel, 'Bắt đầu với Kith');
    await page.getByTestId('help-page-contacts-and-companies').click();
    await atPath(page, /^\/help\/contacts-and-companies$/);
    await hasText(page.getByTestId('page-title'), 'Thêm liên hệ và ghi lại cuộc gọi đầu tiên');
    const img = page.getByTestId('guide-body').locator('img[src="/api/v1/help/img/company-timeline.png"]');
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    // An empty state's "How to" link: the timeline of a contact with no history yet.
    const api = await ApiClient.signIn(server.url, LAN.email, LAN.password);
    const fresh = await api.post<{ id: string }>('/contacts', { givenName: 'Hà', familyName: 'Vũ' });
    await page.goto(`${server.url}/contacts/${fresh.id}`);
    const howTo = page.getByTestId('help-link-contacts-and-companies');
    await hasText(howTo, 'Cách thêm liên hệ và ghi lại cuộc gọi');
    await howTo.click();
    await atPath(page, /^\/help\/contacts-and-companies$/);
    await hasText(page.getByTestId('page-title'), 'Thêm liên hệ và ghi lại cuộc gọi đầu tiên');
  }, JOURNEY_MS);
});
