/**
 * Issue 15 item 5 (tasks), on SQLite and on PostgreSQL: a call due today shows in My day; completing it asks for the
 * outcome, and the call with that outcome appears on the contact's timeline; in the week calendar a task dragged to
 * another day is saved there (PATCH with If-Match). Screenshots go to /tmp/kith-tasks-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordData } from '../../contracts/records';
import { ApiClient } from '../support/api';
import { signInWithCookie } from '../support/app';
import { chromiumPath, hasText, hidden, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, postgresAvailable, startServer, type Dialect, type KithServer } from '../support/server';

for (const dialect of ['sqlite', 'postgres'] as Dialect[]) {
  const available = chromiumPath() !== null && (dialect === 'sqlite' || postgresAvailable());
  (available ? describe : describe.skip)(`tasks my day journey [${dialect}]`, () => {
    const b = useBrowser({ viewport: { width: 1440, height: 900 } });
    let server: KithServer;
    let admin: ApiClient;
    let contactId = '';
    let call = '';
    let todo = '';

    beforeAll(async () => {
      server = await startServer(dialect);
      admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
      contactId = (await admin.post<{ id: string }>('/contacts', { givenName: 'Lan', familyName: 'Nguyễn' })).id;
      const soon = new Date(Date.now() + 10 * 60_000).toISOString();
      call = (await admin.post<RecordData>('/tasks', { values: { title: 'Gọi chị Lan về báo giá', type: 'call', contact: contactId, due_at: soon } })).id;
      todo = (await admin.post<RecordData>('/tasks', { values: { title: 'Soạn hợp đồng', due_at: soon } })).id;
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('shows a task due today, completes a call with its outcome onto the contact timeline', async () => {
      const page = b.page();
      await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/tasks');
      const line = page.locator(`[data-testid="my-task"][data-id="${call}"]`);
      await visible(page.getByTestId('my-today').locator(`[data-testid="my-task"][data-id="${call}"]`));
      await page.screenshot({ path: `/tmp/kith-tasks-my-day-${dialect}.png` });
      await line.getByRole('checkbox').click();
      const outcome = page.getByRole('dialog').getByRole('textbox');
      await visible(outcome);
      await outcome.fill('Đồng ý gặp vào thứ Năm');
      await page.getByRole('dialog').getByRole('button', { name: 'Complete' }).click();
      await hidden(line);
      await expect.poll(async () => (await admin.get<RecordData>(`/tasks/${call}`)).values.status, { timeout: 10_000 }).toBe('done');
      await page.goto(`${server.url}/contacts/${contactId}`);
      await hasText(page.locator('body'), 'Đồng ý gặp vào thứ Năm');
      await page.screenshot({ path: `/tmp/kith-tasks-timeline-${dialect}.png` });
    }, JOURNEY_MS);

    it('drags a task to another day in the week calendar', async () => {
      const page = b.page();
      await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/tasks/calendar?view=week');
      const chip = page.locator(`[data-testid="calendar-task"][data-id="${todo}"]`);
      await visible(chip);
      const from = await chip.evaluate((el) => el.closest('[data-testid="calendar-cell"]')!.getAttribute('data-day'));
      const days = await page.locator('[data-testid="calendar-cell"][data-hour="10"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-day')));
      const target = days.find((d) => d !== from)!;
      await chip.dragTo(page.locator(`[data-testid="calendar-cell"][data-day="${target}"][data-hour="10"]`));
      await visible(page.locator(`[data-testid="calendar-cell"][data-day="${target}"] [data-testid="calendar-task"][data-id="${todo}"]`));
      const local = (iso: string) => page.evaluate((v) => { const d = new Date(v); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} ${d.getHours()}`; }, iso);
      await expect.poll(async () => local((await admin.get<RecordData>(`/tasks/${todo}`)).values.due_at as string), { timeout: 10_000 }).toBe(`${target} 10`);
      await page.screenshot({ path: `/tmp/kith-tasks-calendar-${dialect}.png` });
    }, JOURNEY_MS);
  });
}
