/**
 * Issue 15 (deals and pipelines), on SQLite and on PostgreSQL: the board of the default pipeline shows per-stage
 * counts and sums; dragging a deal from Negotiation to Won moves it (the server keeps it, the column counts follow);
 * dragging a deal without an amount to Won opens the small form for exactly that field, and saving it moves the
 * deal; the won deal's page shows its stage bar and the "Schedule the delivery" task the stage created; the board
 * reads in Vietnamese. Screenshots go to /tmp/kith-deals-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Pipeline } from '../../contracts/deals';
import type { RecordData } from '../../contracts/records';
import { ApiClient } from '../support/api';
import { signInWithCookie } from '../support/app';
import { chromiumPath, count, hasText, hidden, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, postgresAvailable, startServer, type Dialect, type KithServer } from '../support/server';

async function drag(page: Page, card: Locator, to: Locator): Promise<void> {
  await card.scrollIntoViewIfNeeded();
  const a = (await card.boundingBox())!;
  await to.scrollIntoViewIfNeeded();
  const z = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + 10);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 20, a.y + 10, { steps: 4 });
  await page.mouse.move(z.x + z.width / 2, z.y + 80, { steps: 14 });
  await page.mouse.up();
}

for (const dialect of ['sqlite', 'postgres'] as Dialect[]) {
  const available = chromiumPath() !== null && (dialect === 'sqlite' || postgresAvailable());
  (available ? describe : describe.skip)(`deals pipeline journey [${dialect}]`, () => {
    const b = useBrowser({ viewport: { width: 1600, height: 900 } });
    let server: KithServer;
    let admin: ApiClient;
    let stage: Record<string, string> = {};
    let lotus = '';
    let sao = '';
    let idle = '';

    beforeAll(async () => {
      server = await startServer(dialect);
      admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
      const pipelines = await admin.get<{ data: Pipeline[] }>('/pipelines');
      stage = Object.fromEntries(pipelines.data[0]!.stages.map((s) => [s.name, s.id]));
      const company = await admin.post<{ id: string }>('/companies', { name: 'Lotus Hotels' });
      lotus = (await admin.post<RecordData>('/deals', { values: { name: 'Lotus fit-out', amount: { amount: 250_000_000, currency: 'VND' }, close_date: '2027-03-31', company: company.id, stage: stage.Negotiation } })).id;
      sao = (await admin.post<RecordData>('/deals', { values: { name: 'Sao Mai shelving', stage: stage.Qualified } })).id;
      idle = (await admin.post<RecordData>('/deals', { values: { name: 'Idle kiosk', stage: stage.Qualified } })).id;
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('drags a deal from Negotiation to Won, asks for a missing amount, and shows the delivery task on the deal page', async () => {
      const page = b.page();
      await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/deals');
      const column = (id: string) => page.locator(`[data-testid="deal-column"][data-stage="${id}"]`);
      const card = (id: string) => page.locator(`[data-testid="deal-card"][data-id="${id}"]`);
      await visible(card(lotus));
      await hasText(column(stage.Negotiation!).getByTestId('deal-column-totals'), /250[.,]000[.,]000/);
      await hasText(column(stage.Qualified!).getByTestId('deal-no-next-step'), 'No next step');
      await page.screenshot({ path: `/tmp/kith-deals-board-${dialect}.png` });

      await drag(page, card(lotus), column(stage.Won!));
      await visible(column(stage.Won!).locator(`[data-testid="deal-card"][data-id="${lotus}"]`));
      await hasText(column(stage.Won!).getByTestId('deal-column-count'), /^1 deal/);
      await expect.poll(async () => (await admin.get<RecordData>(`/deals/${lotus}`)).values.status, { timeout: 10_000 }).toBe('won');

      // Won needs an amount: the form asks for exactly that field, then the move goes through.
      await drag(page, card(sao), column(stage.Won!));
      const form = page.getByTestId('required-fields-form');
      await visible(form.getByTestId('required-fields-submit'));
      await count(form.locator('[data-testid^="field-input-"]'), 1);
      await form.getByTestId('field-input-amount').fill('40000000');
      await page.screenshot({ path: `/tmp/kith-deals-required-${dialect}.png` });
      await form.getByTestId('required-fields-submit').click();
      await hidden(form.getByTestId('required-fields-submit'));
      await visible(column(stage.Won!).locator(`[data-testid="deal-card"][data-id="${sao}"]`));
      const saved = await admin.get<RecordData>(`/deals/${sao}`);
      expect(saved.values).toMatchObject({ status: 'won', amount: { amount: 40_000_000, currency: 'VND' } });

      // The deal page: stage bar on Won, the delivery task the stage created, stage history.
      await card(lotus).getByTestId('deal-card-link').click();
      await visible(page.getByTestId('stage-bar'));
      await hasText(page.locator('[data-testid="stage-bar-stage"][aria-current="step"]'), 'Won');
      await hasText(page.getByTestId('related-records'), 'Schedule the delivery');
      await hasText(page.getByTestId('deal-stage-history'), /Entered Won/);
      await hidden(page.getByTestId('deal-no-next-step'));
      await page.screenshot({ path: `/tmp/kith-deals-page-${dialect}.png` });
      // A deal without an open task is flagged on its page too.
      await page.goto(`${server.url}/deals/${idle}`);
      await hasText(page.getByTestId('deal-no-next-step'), 'No next step');
    }, JOURNEY_MS);

    it('reads the board in Vietnamese', async () => {
      const page = b.page();
      await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/deals');
      await page.getByTestId('user-menu').click();
      await page.getByTestId('language-vi').click();
      await hasText(page.getByTestId('page-title'), 'Cơ hội');
      await hasText(page.locator(`[data-testid="deal-card"][data-id="${lotus}"]`), /250\.000\.000/);
      await hasText(page.locator(`[data-testid="deal-column"][data-stage="${stage.Won}"]`).getByTestId('deal-column-title'), 'Đã mua');
      await page.screenshot({ path: `/tmp/kith-deals-board-vi-${dialect}.png` });
      await page.getByTestId('user-menu').click();
      await page.getByTestId('language-en').click();
      await hasText(page.getByTestId('page-title'), 'Deals');
    }, JOURNEY_MS);
  });
}
