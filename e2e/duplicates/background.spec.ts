/**
 * Issue 14 item 6, in Chromium against the built server: a contact entered twice (once without diacritics, the
 * phone written two ways) and a company entered twice (legal form and "www." differ) are found by the server's
 * worker on its own; the duplicates page lists them without anyone asking for a scan, people with a confident
 * score, companies in their own tab (kept in the URL) with both records linked and a note that companies cannot be
 * merged yet; "Not a duplicate" hides the company pair.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api';
import { signInWithCookie } from '../support/app';
import { expectNoAxeViolations } from '../support/axe';
import { atPath, chromiumPath, count, hasText, useBrowser, visible, JOURNEY_MS, WAIT_MS } from '../support/browser';
import { ADMIN, startServer, type KithServer } from '../support/server';

type Pair = { a: { id: string }; b: { id: string }; score: number };

(chromiumPath() ? describe : describe.skip)('duplicates found in the background journey', () => {
  const b = useBrowser();
  let server: KithServer;
  let admin: ApiClient;

  beforeAll(async () => {
    server = await startServer('sqlite');
    admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** Polls the API (as a user coming back to the page later would see) until the worker stored the pair. */
  async function storedPair(url: string, x: string, y: string): Promise<Pair> {
    const until = Date.now() + WAIT_MS;
    for (;;) {
      const found = (await admin.get<{ data: Pair[] }>(url)).data.find((p) => [p.a.id, p.b.id].sort().join() === [x, y].sort().join());
      if (found) return found;
      if (Date.now() > until) throw new Error(`no pair ${x}/${y} at ${url}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('lists people and companies entered twice without a scan; companies in their tab, linked, dismissable', async () => {
    const khai = await admin.createContact({ givenName: 'Thị Minh Khai', familyName: 'Nguyễn', phones: [{ number: '0912 345 678' }] });
    const khai2 = await admin.createContact({ givenName: 'Thi Minh Khai', familyName: 'Nguyen', phones: [{ number: '+84 912 345 678' }] });
    const acme = await admin.post<{ id: string }>('/companies', { name: 'Công ty TNHH Acme Việt Nam', domain: 'acme.vn' });
    const acme2 = await admin.post<{ id: string }>('/companies', { name: 'ACME Vietnam Co., Ltd', domain: 'www.acme.vn' });
    expect((await storedPair('/duplicates?limit=200', khai.id, khai2.id)).score).toBeGreaterThanOrEqual(0.9);
    await storedPair('/duplicates/companies?limit=200', acme.id, acme2.id);

    const page = b.page();
    const scans: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/v1/duplicates/scan') scans.push(r.url());
    });
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/duplicates');
    const person = page.getByTestId('duplicate-pair').filter({ hasText: 'Nguyễn Thị Minh Khai' });
    await visible(person);
    await hasText(person.getByTestId('duplicate-score'), /9\d%|100%/);
    await hasText(person, 'Same phone');

    await page.getByTestId('duplicates-tab-companies').click();
    await atPath(page, /^\/duplicates\?tab=companies$/);
    await visible(page.getByTestId('company-merge-unavailable'));
    const company = page.getByTestId('company-duplicate-pair').filter({ hasText: 'ACME Vietnam Co., Ltd' });
    await visible(company);
    await hasText(company, 'Same website');
    await visible(company.getByRole('link', { name: 'Công ty TNHH Acme Việt Nam' }));
    expect(await company.getByRole('link', { name: 'ACME Vietnam Co., Ltd' }).getAttribute('href')).toBe(`/companies/${acme2.id}`);
    await expectNoAxeViolations(page, 'duplicates, companies tab');

    // The tab lives in the URL: a reload (or a shared link) opens it again.
    await page.reload();
    await visible(page.getByTestId('company-duplicate-pair').filter({ hasText: 'ACME Vietnam Co., Ltd' }));
    await page.getByTestId('company-duplicate-pair').filter({ hasText: 'ACME Vietnam Co., Ltd' }).getByTestId('duplicate-dismiss').click();
    await count(page.getByTestId('company-duplicate-pair').filter({ hasText: 'ACME Vietnam Co., Ltd' }), 0);
    expect((await admin.get<{ data: Pair[] }>('/duplicates/companies?limit=200')).data).toHaveLength(0);
    expect(scans).toEqual([]);
  }, JOURNEY_MS);
});
