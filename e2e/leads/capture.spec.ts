/**
 * Issue 15 (leads), on SQLite and on PostgreSQL: a lead posted to the public endpoint (no session, with UTM data and
 * a Referer) is found in the leads list by search; its page shows the score the rules gave it and its next task;
 * Convert lists the existing contact with the same email ("use this one"), converting with a deal reuses that
 * contact (no new one), the lead shows Converted with links, and the link opens the created deal; moved to Won from
 * its stage bar, the deal gets its delivery task and the "New task" notification arrives in the bell without a
 * reload (websocket). Screenshots go to /tmp/kith-leads-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordData } from '../../contracts/records';
import { ApiClient } from '../support/api';
import { chooseOption, openUserMenu, signInWithCookie } from '../support/app';
import { expectNoAxeViolations } from '../support/axe';
import { atPath, chromiumPath, count, hasText, hidden, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, postgresAvailable, startServer, type Dialect, type KithServer } from '../support/server';

for (const dialect of ['sqlite', 'postgres'] as Dialect[]) {
  const available = chromiumPath() !== null && (dialect === 'sqlite' || postgresAvailable());
  (available ? describe : describe.skip)(`leads capture journey [${dialect}]`, () => {
    const b = useBrowser({ viewport: { width: 1440, height: 900 } });
    let server: KithServer;
    let admin: ApiClient;
    let contactId = '';

    beforeAll(async () => {
      server = await startServer(dialect);
      admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
      await admin.post('/lead-scoring-rules', { field: 'email', operator: 'is_set', points: 10 });
      await admin.post('/lead-scoring-rules', { field: 'product_interest', operator: 'eq', value: 'CRM Enterprise', points: 25 });
      contactId = (await admin.post<{ id: string }>('/contacts', { givenName: 'Quang', familyName: 'Võ', emails: [{ address: 'quang.vo@anphat.vn' }] })).id;
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('captures a web lead, finds it, converts it reusing the existing contact, and opens the deal', async () => {
      // The web form's POST: no cookie, no CSRF token.
      const res = await fetch(`${server.url}/api/v1/public/leads`, {
        method: 'POST', headers: { 'content-type': 'application/json', referer: 'https://anphat.example/lien-he' },
        body: JSON.stringify({ name: 'Võ Minh Quang', email: 'quang.vo@anphat.vn', company: 'An Phát', productInterest: 'CRM Enterprise', utm_source: 'google', utm_campaign: 'tet-2027' }),
      });
      expect(res.status).toBe(201);

      const page = b.page();
      await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/leads');
      await page.getByTestId('list-search').fill('vo minh quang');
      const row = page.getByTestId('record-row').filter({ hasText: 'Võ Minh Quang' });
      await visible(row);
      await row.getByTestId('row-title').click();
      await atPath(page, /^\/leads\/[^/]+$/);
      const leadId = new URL(page.url()).pathname.split('/').pop()!;
      await hasText(page.getByTestId('lead-score'), '35');
      await visible(page.getByTestId('lead-no-task'));
      await expectNoAxeViolations(page, 'lead page');
      await hasText(page.getByTestId('field-utm_campaign'), 'tet-2027');
      await hasText(page.getByTestId('field-referrer'), 'anphat.example');

      await page.getByTestId('lead-convert').click();
      const use = page.getByTestId(`convert-use-${contactId}`);
      await visible(use);
      await expectNoAxeViolations(page, 'convert dialog');
      await use.check();
      await page.getByTestId('convert-deal-name').fill('An Phát — CRM Enterprise');
      await page.getByTestId('convert-deal-amount').fill('90000000');
      await page.screenshot({ path: `/tmp/kith-leads-convert-${dialect}.png` });
      await page.getByTestId('convert-submit').click();
      await hidden(page.getByTestId('convert-submit'));
      await visible(page.getByTestId('lead-converted'));

      const lead = await admin.get<RecordData>(`/leads/${leadId}`);
      expect(lead.values).toMatchObject({ status: 'converted', contact: contactId });
      // No second contact was made: the only one is the reused one.
      const contacts = await admin.get<{ data: { id: string }[] }>('/contacts?limit=200');
      expect(contacts.data.map((c) => c.id)).toEqual([contactId]);

      await page.getByTestId('lead-open-deal').click();
      await atPath(page, new RegExp(`/${String(lead.values.deal)}$`));
      await hasText(page.getByTestId('page-title'), 'An Phát — CRM Enterprise');
      await page.screenshot({ path: `/tmp/kith-leads-deal-${dialect}.png` });
      const deal = await admin.get<RecordData>(`/deals/${String(lead.values.deal)}`);
      expect(deal.values).toMatchObject({ lead: leadId, contact: contactId, amount: { amount: 90_000_000, currency: 'VND' } });

      // Won from the stage bar: the delivery task appears, and its notification reaches the bell without a reload.
      const bellCount = page.getByTestId('notification-count');
      const unread = async () => Number(((await bellCount.count()) ? await bellCount.first().textContent() : '')?.replace(/\D/g, '') || 0);
      const before = (await admin.get<{ data: { readAt: string | null }[] }>('/notifications')).data.filter((n) => !n.readAt).length;
      await expect.poll(unread, { timeout: 20_000 }).toBe(before);
      await page.getByRole('button', { name: 'Move to Won' }).click();
      await hasText(page.locator('[data-testid="stage-bar-stage"][aria-current="step"]'), 'Won');
      await expect.poll(unread, { timeout: 20_000 }).toBe(before + 1);
      await hasText(page.getByTestId('related-records'), 'Schedule the delivery');
      await hasText(page.getByTestId('deal-next-step'), 'Schedule the delivery');
      const titles = (await admin.get<{ data: { title: string; readAt: string | null }[] }>('/notifications')).data.filter((n) => !n.readAt).map((n) => n.title);
      expect(titles).toContain('New task: Schedule the delivery');
      await page.screenshot({ path: `/tmp/kith-leads-won-notification-${dialect}.png` });
    }, JOURNEY_MS);

    it('manages scoring and assignment rules in Settings, in Vietnamese', async () => {
      const page = b.page();
      await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/settings/lead-scoring');
      await count(page.getByTestId('scoring-row'), 2);
      await expectNoAxeViolations(page, 'lead scoring settings');
      await openUserMenu(page);
      await page.getByTestId('language-vi').click();
      await hasText(page.getByTestId('page-title'), 'Chấm điểm khách hàng tiềm năng');
      await chooseOption(page, page.getByTestId('scoring-field'), 'Nguồn');
      await chooseOption(page, page.getByTestId('scoring-value'), 'Biểu mẫu web');
      await page.getByTestId('scoring-points').fill('15');
      await page.getByTestId('scoring-add').click();
      await count(page.getByTestId('scoring-row'), 3);
      await page.getByTestId('scoring-rescore').click();
      await expect.poll(async () => (await admin.get<{ data: RecordData[] }>('/leads')).data[0]?.values.score, { timeout: 10_000 }).toBe(50);
      await page.screenshot({ path: `/tmp/kith-leads-scoring-vi-${dialect}.png` });

      await page.goto(`${server.url}/settings/lead-assignment`);
      await hasText(page.getByTestId('page-title'), 'Phân công khách hàng tiềm năng');
      await expectNoAxeViolations(page, 'lead assignment settings');
      await page.getByTestId('assignment-name').fill('Khách web Hà Nội');
      await chooseOption(page, page.getByTestId('assignment-sources'), 'Biểu mẫu web');
      await page.getByTestId('assignment-regions').fill('Hà Nội, Hải Phòng');
      await page.locator('label').filter({ hasText: /^Người dùng$/ }).click();
      await chooseOption(page, page.getByTestId('assignment-target'), ADMIN.name);
      await page.getByTestId('assignment-add').click();
      await hasText(page.getByTestId('assignment-row'), 'Khách web Hà Nội');
      await page.screenshot({ path: `/tmp/kith-leads-assignment-vi-${dialect}.png` });
      const rules = await admin.get<{ data: { name: string; conditions: { region: string[] }; userId: string }[] }>('/lead-assignment-rules');
      expect(rules.data).toEqual([expect.objectContaining({ name: 'Khách web Hà Nội', conditions: { source: ['web_form'], region: ['Hà Nội', 'Hải Phòng'], product_interest: [] }, userId: admin.user.id })]);
      await openUserMenu(page);
      await page.getByTestId('language-en').click();
    }, JOURNEY_MS);
  });
}
