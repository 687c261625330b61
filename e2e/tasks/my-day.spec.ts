/**
 * Issue 15 item 5 (tasks), on SQLite and on PostgreSQL: a call due today shows in My day; completing it asks for the
 * outcome, and the call with that outcome appears on the contact's timeline, the task in words (type, status,
 * outcome); the week calendar shows times in the workspace's zone (Asia/Ho_Chi_Minh, whatever the browser's): a task
 * dragged to another day and hour is saved there (PATCH with If-Match); by keyboard, its "Move to…" button takes a date and a time; with my own zone
 * (Europe/Paris) the calendar shows the task at Paris time. Screenshots go to /tmp/kith-tasks-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordData } from '../../contracts/records';
import { ApiClient } from '../support/api';
import { signInWithCookie } from '../support/app';
import { expectNoAxeViolations } from '../support/axe';
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
      // The task itself on the timeline, in words (the tasks module's view): type, status, when done, outcome; no raw keys.
      const task = page.locator('[data-testid="timeline-item"][data-type="task_record"]').filter({ hasText: 'Gọi chị Lan về báo giá' });
      await hasText(task, 'Outcome: Đồng ý gặp vào thứ Năm');
      await hasText(task, /^Task.*Call.*Done.*Done \d/);
      expect(await task.textContent()).not.toMatch(/status:|taskType|completedAt|\d{4}-\d{2}-\d{2}T/);
      await expectNoAxeViolations(page, 'contact timeline with a task');
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
      const due = async () => (await admin.get<RecordData>(`/tasks/${todo}`)).values.due_at as string;
      // 10:00 in Ho Chi Minh City (UTC+7, no daylight saving) is 03:00 UTC that day.
      await expect.poll(due, { timeout: 10_000 }).toBe(`${target}T03:00:00.000Z`);
      await page.screenshot({ path: `/tmp/kith-tasks-calendar-${dialect}.png` });

      // By keyboard: the task's "Move to…" button, a date and a time, Enter.
      await page.locator(`[data-testid="calendar-cell"][data-day="${target}"][data-hour="10"] [data-testid="calendar-task-move"]`).focus();
      await page.keyboard.press('Enter');
      const date = page.getByTestId('calendar-move-date');
      await visible(date);
      await expect.poll(() => date.inputValue()).toBe(target);
      await page.getByTestId('calendar-move-time').fill('15:30');
      await expectNoAxeViolations(page, 'calendar Move to… dialog');
      await page.getByTestId('calendar-move-time').press('Enter');
      await hidden(date);
      await expect.poll(due, { timeout: 10_000 }).toBe(`${target}T08:30:00.000Z`);
      await visible(page.locator(`[data-testid="calendar-cell"][data-day="${target}"][data-hour="15"] [data-testid="calendar-task"][data-id="${todo}"]`));

      // My own zone: Europe/Paris (UTC+1 in winter) shows the same task at 09:30.
      await page.getByTestId('calendar-zone').fill('Europe/Paris');
      await page.getByRole('option', { name: 'Europe/Paris', exact: true }).click();
      await visible(page.locator(`[data-testid="calendar-cell"][data-day="${target}"][data-hour="9"] [data-testid="calendar-task"][data-id="${todo}"]`));
      await hasText(page.locator(`[data-testid="calendar-task"][data-id="${todo}"]`), '09:30');
      await page.screenshot({ path: `/tmp/kith-tasks-calendar-paris-${dialect}.png` });
    }, JOURNEY_MS);
  });
}
