/**
 * Issue 16 (service desk), on SQLite: a customer submits the public support form (/support, no session) in
 * Vietnamese and gets a ticket number; the ticket was assigned by the rules — a keyword rule picks the team, the
 * agent with the fewest open tickets gets it — and an agent sees it in the tickets list and on its page with the
 * explanation and the SLA. Screenshots go to /tmp/kith-tickets-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordData } from '../../contracts/records';
import { ApiClient } from '../support/api';
import { signInWithCookie } from '../support/app';
import { expectNoAxeViolations } from '../support/axe';
import { atPath, chromiumPath, hasText, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, startServer, type KithServer } from '../support/server';

(chromiumPath() !== null ? describe : describe.skip)('support request journey [sqlite]', () => {
  const b = useBrowser({ viewport: { width: 1440, height: 900 } });
  let server: KithServer;
  let admin: ApiClient;
  const agents: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServer('sqlite');
    admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
    const team = await admin.post<{ id: string }>('/teams', { name: 'Hanoi support' });
    const roles = await admin.get<{ data: { id: string; isAdmin: boolean }[] }>('/roles');
    const roleId = roles.data.find((r) => r.isAdmin)!.id;
    for (const name of ['Minh', 'Lan']) {
      const u = await admin.post<{ id: string }>('/users', { email: `${name.toLowerCase()}@support.example`, name, roleId, teamId: team.id, locale: 'vi', password: 'agent-password-123' });
      agents[name] = u.id;
    }
    // Minh already holds an open ticket: Lan has the fewest.
    await admin.post('/tickets', { values: { subject: 'Earlier request', agent: agents.Minh, status: 'open' } });
    await admin.post('/ticket-assignment-rules', { name: 'Billing', teamId: team.id, method: 'fewest_open', conditions: { keywords: ['hoá đơn', 'invoice'] } });
    await admin.post('/ticket-calendars', { name: 'Giờ làm việc Hà Nội', timeZone: 'Asia/Ho_Chi_Minh', hours: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' })), isDefault: true });
    await admin.post('/ticket-sla-policies', { name: 'Standard', firstResponseMinutes: 240, resolutionMinutes: 2880 });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('submits the public form in Vietnamese, then sees the ticket auto-assigned with its explanation', async () => {
    const page = b.page();
    await page.goto(`${server.url}/support`);
    await visible(page.getByTestId('language-switch'));
    await page.getByTestId('language-switch-vi').click();
    await hasText(page.getByRole('heading', { level: 1 }), 'Liên hệ hỗ trợ');
    await expectNoAxeViolations(page, 'support form');
    // Nothing filled: the required fields say so, nothing is sent.
    await page.getByRole('button', { name: 'Gửi yêu cầu' }).click();
    await visible(page.getByText('Bắt buộc').first());
    await page.getByLabel('Họ tên').fill('Trần Thị Hằng');
    await page.getByLabel('Email').fill('hang.tran@sao-mai.vn');
    await page.getByLabel('Tiêu đề').fill('Hoá đơn tháng 11 sai số tiền');
    await page.getByLabel('Chúng tôi có thể giúp gì cho bạn?').fill('Hoá đơn VAT tháng 11 ghi sai tổng tiền, nhờ kiểm tra giúp.');
    await page.getByRole('button', { name: 'Gửi yêu cầu' }).click();
    const sent = page.getByTestId('support-sent');
    await hasText(sent, /Yêu cầu #\d+ của bạn đã được tiếp nhận/);
    await page.screenshot({ path: '/tmp/kith-tickets-support-vi.png' });
    const number = (await sent.textContent())!.match(/#\d+/)![0];

    const found = await admin.get<{ data: RecordData[] }>(`/tickets?q=${encodeURIComponent(number)}`);
    expect(found.data).toHaveLength(1);
    expect(found.data[0]!.values).toMatchObject({ channel: 'web_form', language: 'vi', agent: agents.Lan, status: 'new' });

    const agentPage = b.page();
    await signInWithCookie(agentPage, server.url, ADMIN.email, ADMIN.password, '/tickets');
    await agentPage.getByTestId('list-search').fill(number);
    const row = agentPage.getByTestId('record-row').filter({ hasText: 'Hoá đơn tháng 11 sai số tiền' });
    await visible(row);
    await row.getByTestId('row-title').click();
    await atPath(agentPage, /^\/tickets\/[^/]+$/);
    await hasText(agentPage.getByTestId('ticket-assignment'), "rule 'Billing' → team Hanoi support → Lan (fewest open)");
    await hasText(agentPage.getByTestId('ticket-team'), 'Hanoi support');
    await visible(agentPage.getByTestId('ticket-sla-badge').first());
    await hasText(agentPage.getByTestId('field-number'), number);
    await expectNoAxeViolations(agentPage, 'ticket page');
    await agentPage.screenshot({ path: '/tmp/kith-tickets-ticket.png' });
  }, JOURNEY_MS);
});
