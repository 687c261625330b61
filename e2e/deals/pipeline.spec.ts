/**
 * Issue 15 (deals and pipelines), on SQLite and on PostgreSQL: the board of the default pipeline shows per-stage
 * counts and sums; dragging a deal from Negotiation to Won moves it (the server keeps it, the column counts follow);
 * dragging a deal without an amount to Won opens the small form for exactly that field, and saving it moves the
 * deal; the won deal's page shows its stage bar and the "Schedule the delivery" task the stage created; the board
 * reads in Vietnamese; in Settings › Pipelines an admin sees Won's "Schedule the delivery" template and Warranty's
 * renewal offer 30 days before the warranty end, adds a task to Won (a blank title is refused on the field, in
 * English and Vietnamese), saves it, and the next deal entering Won gets it. Screenshots go to /tmp/kith-deals-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Pipeline } from '../../contracts/deals';
import type { RecordData } from '../../contracts/records';
import { ApiClient } from '../support/api';
import { chooseOption, openUserMenu, signInWithCookie } from '../support/app';
import { expectNoAxeViolations } from '../support/axe';
import { chromiumPath, count, hasText, hidden, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, postgresAvailable, startServer, type Dialect, type KithServer } from '../support/server';

async function dragOnce(page: Page, card: Locator, to: Locator): Promise<void> {
  // The target column in the middle of the board, so the pointer stays away from the edges (dnd-kit scrolls there).
  await to.evaluate((el) => el.scrollIntoView({ block: 'nearest', inline: 'center' }));
  await card.scrollIntoViewIfNeeded();
  // The pointer on the card's top before pressing (Playwright waits until the card is what is under it).
  await card.hover({ position: { x: (await card.boundingBox())!.width / 2, y: 10 } });
  const a = (await card.boundingBox())!;
  const z = (await to.boundingBox())!;
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 20, a.y + 10, { steps: 4 });
  await page.mouse.move(z.x + z.width / 2, z.y + 80, { steps: 14 });
  await page.mouse.up();
}

/**
 * Drags a card onto a column until `landed` says the board took it (a loaded machine can drop a pointer drag on
 * the floor: the card stays and the text under the pointer is selected instead); three tries.
 */
async function drag(page: Page, card: Locator, to: Locator, landed: () => Promise<boolean>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await dragOnce(page, card, to);
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      if (await landed()) return;
      await page.waitForTimeout(200);
    }
    if (attempt === 3) throw new Error('the board did not take the dragged card after 3 tries');
    await page.evaluate(() => window.getSelection()?.removeAllRanges());
  }
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

      await drag(page, card(lotus), column(stage.Won!), () => column(stage.Won!).locator(`[data-testid="deal-card"][data-id="${lotus}"]`).isVisible());
      await visible(column(stage.Won!).locator(`[data-testid="deal-card"][data-id="${lotus}"]`));
      await hasText(column(stage.Won!).getByTestId('deal-column-count'), /^1 deal/);
      await expect.poll(async () => (await admin.get<RecordData>(`/deals/${lotus}`)).values.status, { timeout: 10_000 }).toBe('won');

      // Won needs an amount: the form asks for exactly that field, then the move goes through.
      const form = page.getByTestId('required-fields-form');
      await drag(page, card(sao), column(stage.Won!), () => form.getByTestId('required-fields-submit').isVisible());
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
      await hasText(page.getByTestId('deal-next-step'), /Next step .*Schedule the delivery/);
      await page.screenshot({ path: `/tmp/kith-deals-page-${dialect}.png` });
      // A deal without an open task is flagged on its page too.
      await page.goto(`${server.url}/deals/${idle}`);
      await hasText(page.getByTestId('deal-no-next-step'), 'No next step');
      // The list: a "Next step" column with the time, or the flag.
      await page.goto(`${server.url}/deals/list`);
      const row = (id: string) => page.locator(`[data-testid="record-row"][data-id="${id}"]`);
      await visible(page.getByTestId('col-next_step_at'));
      await hasText(row(idle).getByTestId('deal-no-next-step'), 'No next step');
      await hidden(row(lotus).getByTestId('deal-no-next-step'));
      await hasText(row(lotus), /\d{1,2}:\d{2}/);
      // Leads too: a lead being worked without an open task is flagged in the list.
      const lead = await admin.post<RecordData>('/leads', { values: { name: 'Phạm Thu Hà', email: 'ha.pham@example.vn' } });
      await page.goto(`${server.url}/leads`);
      await hasText(page.locator(`[data-testid="record-row"][data-id="${lead.id}"]`).getByTestId('lead-no-next-step'), 'No next step');
      await page.screenshot({ path: `/tmp/kith-deals-leads-list-${dialect}.png` });
    }, JOURNEY_MS);

    it('reads the board in Vietnamese', async () => {
      const page = b.page();
      await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/deals');
      await openUserMenu(page);
      await page.getByTestId('language-vi').click();
      await hasText(page.getByTestId('page-title'), 'Cơ hội');
      await hasText(page.locator(`[data-testid="deal-card"][data-id="${lotus}"]`), /250\.000\.000/);
      await hasText(page.locator(`[data-testid="deal-column"][data-stage="${stage.Won}"]`).getByTestId('deal-column-title'), 'Đã mua');
      await page.screenshot({ path: `/tmp/kith-deals-board-vi-${dialect}.png` });
      await openUserMenu(page);
      await page.getByTestId('language-en').click();
      await hasText(page.getByTestId('page-title'), 'Deals');
    }, JOURNEY_MS);

    it('edits the tasks a stage creates in Settings › Pipelines, and a deal entering the stage gets them', async () => {
      const page = b.page();
      await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/settings/pipelines');
      await page.getByTestId('pipeline-card').first().getByRole('button', { name: 'Edit pipeline' }).click();
      const form = page.getByTestId('pipeline-form');
      const rows = form.getByTestId('pipeline-stage-row');
      await count(rows, 9);
      // Warranty (8th): the renewal offer 30 days before the warranty ends, for the deal's owner.
      await rows.nth(7).getByTestId('stage-tasks-toggle').click();
      const warranty = form.getByTestId('stage-tasks-editor').filter({ hasText: 'Warranty' });
      await expect.poll(() => warranty.getByTestId('stage-task-title-en').inputValue()).toBe('Send a renewal offer');
      await expect.poll(() => warranty.getByTestId('stage-task-days').inputValue()).toBe('-30');
      await expect.poll(() => warranty.getByTestId('stage-task-from').inputValue()).toBe('The warranty end');
      await hasText(warranty, 'The deal’s owner');
      await rows.nth(7).getByTestId('stage-tasks-toggle').click();
      await hidden(warranty);

      // Won (5th): the delivery, then a new call the day after, whose blank title is refused first.
      const wonToggle = rows.nth(4).getByTestId('stage-tasks-toggle');
      await hasText(wonToggle, '1 task');
      await wonToggle.click();
      const won = form.getByTestId('stage-tasks-editor');
      await expect.poll(() => won.getByTestId('stage-task-title-en').first().inputValue()).toBe('Schedule the delivery');
      await won.getByTestId('stage-task-add').click();
      const added = won.getByTestId('stage-task-row').nth(1);
      await added.getByTestId('stage-task-title-en').fill('Thank-you call');
      await form.getByTestId('pipeline-save').click();
      await hasText(added, 'Enter the title');
      await expectNoAxeViolations(page, 'pipeline form with a stage\'s tasks');
      await added.getByTestId('stage-task-title-vi').fill('Gọi cảm ơn khách hàng');
      await chooseOption(page, added.getByTestId('stage-task-type'), 'Call');
      await added.getByTestId('stage-task-days').fill('2');
      await page.screenshot({ path: `/tmp/kith-deals-stage-tasks-${dialect}.png` });
      await form.getByTestId('pipeline-save').click();
      await hidden(form);
      const saved = (await admin.get<{ data: Pipeline[] }>('/pipelines')).data[0]!.stages.find((x) => x.id === stage.Won)!;
      expect(saved.tasks).toEqual([
        expect.objectContaining({ title: { en: 'Schedule the delivery', vi: 'Lên lịch giao hàng' }, dueInDays: 1 }),
        { title: { en: 'Thank-you call', vi: 'Gọi cảm ơn khách hàng' }, type: 'call', dueInDays: 2, from: 'entered', assignee: 'owner' },
      ]);

      // The next deal entering Won gets both tasks.
      const next = await admin.post<RecordData>('/deals', { values: { name: 'Hồng Hà chairs', amount: { amount: 15_000_000, currency: 'VND' }, stage: stage.Qualified } });
      await admin.patch(`/deals/${next.id}`, { values: { stage: stage.Won } }, next.version);
      await page.goto(`${server.url}/deals/${next.id}`);
      await hasText(page.getByTestId('related-records'), 'Schedule the delivery');
      await hasText(page.getByTestId('related-records'), 'Thank-you call');

      // In Vietnamese (the admin's language, set through the API) the editor speaks Vietnamese and refuses a blank title.
      await admin.patch('/me', { locale: 'vi' });
      await page.goto(`${server.url}/settings/pipelines`);
      await page.getByTestId('pipeline-card').first().getByRole('button', { name: 'Sửa quy trình' }).click();
      await form.getByTestId('pipeline-stage-row').nth(5).getByTestId('stage-tasks-toggle').click();
      const shipping = form.getByTestId('stage-tasks-editor');
      await hasText(shipping, 'Công việc tạo khi cơ hội vào Giao hàng');
      await expect.poll(() => shipping.getByTestId('stage-task-title-vi').inputValue()).toBe('Gọi hỏi thăm mức độ hài lòng');
      await expect.poll(() => shipping.getByTestId('stage-task-days').inputValue()).toBe('7');
      await shipping.getByTestId('stage-task-title-vi').fill('');
      await form.getByTestId('pipeline-save').click();
      await hasText(shipping, 'Nhập tiêu đề');
      await page.screenshot({ path: `/tmp/kith-deals-stage-tasks-vi-${dialect}.png` });
      await form.getByRole('button', { name: 'Huỷ' }).click();
      await hidden(form);
      await admin.patch('/me', { locale: 'en' });
    }, JOURNEY_MS);
  });
}
