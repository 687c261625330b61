/**
 * Issue 4 (companies), in Chromium against the built server: from the companies list's "Import" entry,
 * a HubSpot company export through the wizard — the entity preselected, the HubSpot preset and company
 * fields in the mapping, company match keys, validation, the run's counts — then revert.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Company } from '../../contracts/contacts';
import { ApiClient } from '../support/api';
import { signInWithCookie } from '../support/app';
import { atPath, chromiumPath, hasText, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, startServer, type KithServer } from '../support/server';

// HubSpot company export layout. Rows: 2 new companies (one the other's parent), 1 already in Kith (same
// domain, typed with "www." in the form: skipped), 1 in-file duplicate (merged), 1 without a name (fails).
const CSV = [
  'Record ID,Company name,Company Domain Name,Company owner,Phone Number,City,Country/Region,Industry,Number of Employees,Parent Company',
  `7001,Công ty Sao Mai,saomai.vn,${ADMIN.email},028 3822 1234,Hồ Chí Minh,Vietnam,RETAIL,120,`,
  '7002,Sao Mai Hà Nội,https://www.saomai-hn.vn/lien-he,,024 3933 1234,Hà Nội,Vietnam,RETAIL,35,Công ty Sao Mai',
  '7003,Existing Co,existing.example.com,,,,,,,',
  '7004,CÔNG TY SAO MAI,WWW.SAOMAI.VN,,0903 123 456,,,,,',
  '7005,,noname.example.com,,,,,,,',
].join('\r\n') + '\r\n';

async function companiesMatching(api: ApiClient, q: string): Promise<Company[]> {
  return (await api.get<{ data: Company[] }>(`/companies?q=${encodeURIComponent(q)}`)).data;
}

(chromiumPath() ? describe : describe.skip)('company import journey', () => {
  const b = useBrowser();
  let server: KithServer;
  let admin: ApiClient;

  beforeAll(async () => {
    server = await startServer('sqlite');
    admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
    await admin.post('/companies', { name: 'Existing Co', domain: 'www.existing.example.com' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('imports a HubSpot company export from the companies list and reverts it', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/companies');
    await page.getByTestId('list-import').click();
    await atPath(page, /^\/imports\/new\?entity=company$/);
    await expect.poll(() => page.getByTestId('import-entity').locator('input[value="company"]').isChecked()).toBe(true);
    await hasText(page.getByTestId('page-title'), 'Import companies');

    await page.locator('[data-testid="import-dropzone"] input[type="file"]').setInputFiles({
      name: 'hubspot-companies.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8'),
    });
    await atPath(page, /^\/imports\/(?!new)[^/?]+$/);
    const importId = new URL(page.url()).pathname.split('/').pop()!;

    // Mapping: HubSpot is recognised and its columns map to company fields.
    await hasText(page.getByTestId('import-preset-detected'), 'HubSpot');
    await hasText(page.getByTestId('import-preview'), 'Công ty Sao Mai');
    const select = (header: string) => page.locator(`[data-testid="mapping-row"][data-header="${header}"] [data-testid="mapping-select"]`);
    await expect.poll(() => select('Company name').inputValue()).toBe('Company name');
    await expect.poll(() => select('Company Domain Name').inputValue()).toBe('Domain or website');
    await expect.poll(() => select('Parent Company').inputValue()).toBe('Parent company (by name)');
    await expect.poll(() => select('Number of Employees').inputValue()).toBe('Size (employees)');
    await page.getByTestId('import-next').click();

    // Companies match on domain, name and external id.
    await visible(page.getByTestId('match-key-domain'));
    await visible(page.getByTestId('match-key-name'));
    expect(await page.getByTestId('match-key-email').count()).toBe(0);
    await page.getByTestId('import-validate').click();
    await hasText(page.getByTestId('validation-total'), '5');
    await hasText(page.getByTestId('validation-invalid'), '1');
    await hasText(page.getByTestId('validation-errors'), 'a company needs a name');
    await page.getByTestId('import-start').click();

    await hasText(page.getByTestId('import-status'), 'Completed', 30_000);
    await hasText(page.getByTestId('count-created'), '2');
    await hasText(page.getByTestId('count-skipped'), '1');
    await hasText(page.getByTestId('count-merged'), '1');
    await hasText(page.getByTestId('count-failed'), '1');
    await visible(page.getByTestId('import-view-companies'));

    const saoMai = await companiesMatching(admin, 'saomai.vn');
    expect(saoMai.find((c) => c.name === 'Công ty Sao Mai')).toMatchObject({ domain: 'saomai.vn', industry: 'Retail', size: '51-200' });
    expect(saoMai.find((c) => c.name === 'Công ty Sao Mai')!.phones.map((p) => p.number)).toEqual(['+842838221234', '+84903123456']);
    const hn = await companiesMatching(admin, 'Sao Mai Hà Nội');
    expect(hn[0]).toMatchObject({ domain: 'saomai-hn.vn', parent: { name: 'Công ty Sao Mai' } });
    expect(await companiesMatching(admin, 'Existing Co')).toHaveLength(1);

    await page.getByTestId('import-revert').click();
    await page.getByTestId('confirm-ok').click();
    await hasText(page.getByTestId('import-status'), 'Reverted', 30_000);
    expect((await admin.get<{ status: string }>(`/imports/${importId}`)).status).toBe('reverted');
    expect(await companiesMatching(admin, 'Sao Mai')).toHaveLength(0);
    expect(await companiesMatching(admin, 'Existing Co')).toHaveLength(1);
  }, JOURNEY_MS);
});
