/**
 * Issue 15 item 6 (forecast), SQLite: deals of the current quarter (one won, one commit, one in the pipeline), the
 * forecast page shows each category's total; an administrator sets their own quota from the table and the attainment
 * follows; a figure opens the deals behind it; the page reads in Vietnamese and has no axe violation. Screenshot in
 * /tmp/kith-forecast.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pipeline } from '../../contracts/deals';
import type { RecordData } from '../../contracts/records';
import { ApiClient } from '../support/api';
import { signInWithCookie } from '../support/app';
import { expectNoAxeViolations } from '../support/axe';
import { chromiumPath, hasText, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, startServer, type KithServer } from '../support/server';

(chromiumPath() !== null ? describe : describe.skip)('sales forecast journey [sqlite]', () => {
  const b = useBrowser({ viewport: { width: 1440, height: 900 } });
  let server: KithServer;
  let admin: ApiClient;
  let wonId = '';

  beforeAll(async () => {
    server = await startServer('sqlite');
    admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
    const stage = Object.fromEntries((await admin.get<{ data: Pipeline[] }>('/pipelines')).data[0]!.stages.map((s) => [s.name, s.id]));
    const now = new Date();
    const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-15`;
    const vnd = (amount: number) => ({ amount, currency: 'VND' });
    wonId = (await admin.post<RecordData>('/deals', { values: { name: 'Hoa Sen bàn ghế', amount: vnd(120_000_000), close_date: day, stage: stage.Won } })).id;
    await admin.post('/deals', { values: { name: 'Mai Linh kệ', amount: vnd(50_000_000), close_date: day, stage: stage.Negotiation, forecast_category: 'commit' } });
    await admin.post('/deals', { values: { name: 'Sao Việt tủ', amount: vnd(30_000_000), close_date: day, stage: stage.Qualified } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('shows the quarter by owner, sets a quota, drills into the won deals, in English and Vietnamese', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/forecast');
    await hasText(page.getByTestId('total-won'), /120[.,]000[.,]000/);
    await hasText(page.getByTestId('total-commit'), /50[.,]000[.,]000/);
    await hasText(page.getByTestId('total-pipeline'), /30[.,]000[.,]000/);
    // The administrator's own row: set a quota of 240,000,000 → 50 % attained.
    const me = (await admin.get<{ user: { id: string } }>('/auth/session')).user.id;
    await page.getByTestId(`set-quota-${me}`).click();
    await page.getByTestId('quota-input').fill('240000000');
    await page.getByTestId('quota-save').click();
    await hasText(page.getByTestId('total-attainment'), /50 %/);
    // The won figure opens the deal behind it.
    await page.locator('[data-testid^="figure-won-"]').first().click();
    await visible(page.getByTestId('forecast-deals'));
    expect(await page.getByTestId('forecast-deals').getByRole('link', { name: 'Hoa Sen bàn ghế' }).getAttribute('href')).toBe(`/deals/${wonId}`);
    await page.keyboard.press('Escape');
    await page.screenshot({ path: '/tmp/kith-forecast.png', fullPage: true });
    await expectNoAxeViolations(page, 'forecast (en)');

    await admin.patch('/me', { locale: 'vi' });
    await page.reload();
    await hasText(page.getByTestId('page-title'), /Dự báo doanh số/);
    await hasText(page.getByTestId('total-won'), /Đã chốt/);
    await expectNoAxeViolations(page, 'forecast (vi)');
  }, JOURNEY_MS);
});
