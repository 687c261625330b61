/**
 * Issue 16 items 4 and 5 (SQLite): an agent sets herself away from the tickets list (Vietnamese) and a new ticket
 * skips her; an administrator (English) adds a rule on company, customer tier and language that sets the priority,
 * sees a looping rule refused on its field, adds a VIP SLA policy, and brings the agent back in the Agents tab.
 * axe on each page. Screenshots go to /tmp/kith-tickets-routing-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordData } from '../../contracts/records';
import { ApiClient } from '../support/api';
import { chooseOption, signInWithCookie } from '../support/app';
import { expectNoAxeViolations } from '../support/axe';
import { chromiumPath, count, hasText, hidden, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, startServer, type KithServer } from '../support/server';

(chromiumPath() !== null ? describe : describe.skip)('ticket routing journey [sqlite]', () => {
  const b = useBrowser({ viewport: { width: 1440, height: 900 } });
  let server: KithServer;
  let admin: ApiClient;
  let teamId = '';
  let companyId = '';
  const lan = { email: 'lan@routing.example', password: 'agent-password-123' };

  beforeAll(async () => {
    server = await startServer('sqlite');
    admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
    teamId = (await admin.post<{ id: string }>('/teams', { name: 'VIP desk' })).id;
    const roles = await admin.get<{ data: { id: string; isAdmin: boolean }[] }>('/roles');
    const roleId = roles.data.find((r) => r.isAdmin)!.id;
    await admin.post('/users', { email: lan.email, name: 'Lan Nguyễn', roleId, teamId, locale: 'vi', password: lan.password });
    await admin.post('/users', { email: 'minh@routing.example', name: 'Minh Phạm', roleId, teamId, locale: 'vi', password: lan.password });
    companyId = (await admin.post<{ id: string }>('/companies', { name: 'Sao Mai Logistics', custom: { customer_tier: 'vip' } })).id;
    await admin.post('/ticket-assignment-rules', { name: 'Everything', teamId, method: 'fewest_open' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('an agent sets herself away on the tickets list; a new ticket goes to her colleague', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, lan.email, lan.password, '/tickets');
    const control = page.getByTestId('agent-status');
    await visible(control);
    await hasText(control, 'Trạng thái của tôi');
    await expectNoAxeViolations(page, 'tickets list with the agent status');
    await control.getByText('Vắng mặt', { exact: true }).click();
    await hasText(control, 'Phiếu mới sẽ bỏ qua bạn');
    const me = await ApiClient.signIn(server.url, lan.email, lan.password);
    await expect.poll(async () => (await me.get<{ status: string }>('/ticket-agents/me')).status).toBe('away');
    const t = await admin.post<RecordData>('/tickets', { values: { subject: 'Cannot print invoices', company: companyId } });
    expect(t.values).toMatchObject({ customer_tier: 'vip', assignment: "rule 'Everything' → team VIP desk → Minh Phạm (fewest open)" });
    await page.screenshot({ path: '/tmp/kith-tickets-routing-status.png' });
  }, JOURNEY_MS);

  it('adds a rule on company, tier and language that sets the priority; a loop is refused; a VIP policy; the agent back', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/settings/service-desk?tab=rules');
    await visible(page.getByTestId('rule-card'));
    await page.getByTestId('rule-new').click();
    await page.getByTestId('rule-name').fill('VIP Vietnamese');
    await chooseOption(page, page.getByTestId('rule-tier'), 'VIP');
    await page.keyboard.press('Escape');
    await chooseOption(page, page.getByTestId('rule-language'), 'Vietnamese');
    await page.keyboard.press('Escape');
    await page.getByTestId('rule-company').fill('Sao Mai');
    await chooseOption(page, page.getByTestId('rule-company'), 'Sao Mai Logistics');
    await hasText(page.getByTestId('rule-companies'), 'Sao Mai Logistics');
    await chooseOption(page, page.getByTestId('rule-set-priority'), 'Urgent');
    await chooseOption(page, page.getByTestId('rule-team'), 'VIP desk');
    await expectNoAxeViolations(page, 'rule form with the new conditions');
    await page.getByTestId('rule-save').click();
    await hidden(page.getByTestId('rule-form'));
    const card = page.getByTestId('rule-card').filter({ hasText: 'VIP Vietnamese' });
    for (const chip of ['Customer tier: VIP', 'Requester language: Vietnamese', 'Companies: Sao Mai Logistics', 'Sets priority: Urgent']) await hasText(card.getByTestId('rule-conditions'), chip);
    const rules = await admin.get<{ data: { name: string; conditions: object; setPriority: string | null }[] }>('/ticket-assignment-rules');
    expect(rules.data.find((r) => r.name === 'VIP Vietnamese')).toMatchObject({ conditions: { customerTier: ['vip'], language: ['vi'], company: [companyId] }, setPriority: 'urgent' });

    // Urgent back to normal would hand tickets between the two rules forever: refused on its field.
    await page.getByTestId('rule-new').click();
    await page.getByTestId('rule-name').fill('Calm down');
    await chooseOption(page, page.getByTestId('rule-set-priority'), 'Normal');
    await chooseOption(page, page.getByTestId('rule-team'), 'VIP desk');
    await page.getByTestId('rule-save').click();
    await hasText(page.getByTestId('rule-form'), "rule 'Calm down' makes a loop");
    await expectNoAxeViolations(page, 'rule form with the loop error');
    await page.keyboard.press('Escape');
    await hidden(page.getByTestId('rule-form'));
    await count(page.getByTestId('rule-card'), 2);

    await page.getByTestId('desk-tab-sla').click();
    await visible(page.getByTestId('sla-new'));
    await page.getByTestId('sla-new').click();
    await page.getByTestId('sla-name').fill('VIP');
    await chooseOption(page, page.getByTestId('sla-tier'), 'VIP');
    await page.getByTestId('sla-save').click();
    await hidden(page.getByTestId('sla-form'));
    await hasText(page.locator('[data-testid="sla-card"][data-name="VIP"]').getByTestId('sla-tier-badge'), 'Customer tier: VIP');
    const policies = await admin.get<{ data: { name: string; customerTier: string | null }[] }>('/ticket-sla-policies');
    expect(policies.data.find((p) => p.name === 'VIP')?.customerTier).toBe('vip');

    await page.getByTestId('desk-tab-agents').click();
    const row = page.locator('[data-testid="agent-row"][data-name="Lan Nguyễn"]');
    await hasText(row, 'Not assigned now');
    await expectNoAxeViolations(page, 'service desk agents');
    await chooseOption(page, row.getByTestId('agent-status-select'), 'Available');
    await hasText(row, 'Can be assigned');
    await page.screenshot({ path: '/tmp/kith-tickets-routing-agents.png' });
  }, JOURNEY_MS);
});
