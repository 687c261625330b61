/**
 * Issue 16 (service desk), the agent workspace on SQLite, in Vietnamese: an agent opens the built-in "Unassigned"
 * view, opens a ticket, sees that a colleague is replying (collision detection), replies with a canned response
 * (placeholders filled), adds an internal note, replies and sets the ticket waiting (the SLA clock, shown until
 * then, pauses), sees the requester's other ticket, moves with k/j; in Settings › Service desk adds a holiday to the
 * calendar, an SLA policy and a canned response (an unknown placeholder refused on its field); filters the list by
 * team, picked and shown by the team's name (the field stores its id). axe on every page.
 * Screenshots go to /tmp/kith-tickets-agent-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordData } from '../../contracts/records';
import { ApiClient } from '../support/api';
import { chooseOption, signInWithCookie } from '../support/app';
import { expectNoAxeViolations } from '../support/axe';
import { atPath, chromiumPath, count, hasText, hidden, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, startServer, type KithServer } from '../support/server';

(chromiumPath() !== null ? describe : describe.skip)('agent workspace journey [sqlite]', () => {
  const b = useBrowser({ viewport: { width: 1440, height: 900 } });
  let server: KithServer;
  let admin: ApiClient;
  let lan: ApiClient;
  let ticketId = '';
  let teamId = '';
  const minh = { email: 'minh@desk.example', password: 'agent-password-123' };

  beforeAll(async () => {
    server = await startServer('sqlite');
    admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
    const team = await admin.post<{ id: string }>('/teams', { name: 'Hỗ trợ Hà Nội' });
    teamId = team.id;
    const roles = await admin.get<{ data: { id: string; isAdmin: boolean }[] }>('/roles');
    const roleId = roles.data.find((r) => r.isAdmin)!.id;
    await admin.post('/users', { email: minh.email, name: 'Minh Phạm', roleId, teamId: team.id, locale: 'vi', password: minh.password });
    await admin.post('/users', { email: 'lan@desk.example', name: 'Lan Nguyễn', roleId, teamId: team.id, locale: 'vi', password: minh.password });
    lan = await ApiClient.signIn(server.url, 'lan@desk.example', minh.password);
    await admin.post('/ticket-calendars', { name: 'Giờ làm việc Hà Nội', timeZone: 'Asia/Ho_Chi_Minh', hours: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' })), isDefault: true });
    await admin.post('/ticket-sla-policies', { name: 'Tiêu chuẩn', firstResponseMinutes: 240, resolutionMinutes: 2880 });
    await admin.post('/ticket-canned-responses', { title: 'Đã tiếp nhận', body: 'Chào {{requester.name}}, phiếu {{ticket.number}} đã được {{agent.name}} tiếp nhận.', language: 'vi' });
    // Two requests from the same customer through the public form (no rule: they stay unassigned).
    for (const subject of ['Không đăng nhập được', 'Đổi địa chỉ xuất hoá đơn']) {
      await fetch(`${server.url}/api/v1/public/tickets`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Trần Thị Hằng', email: 'hang.tran@sao-mai.vn', subject, description: `${subject}, nhờ hỗ trợ.`, language: 'vi' }),
      });
    }
    const found = await admin.get<{ data: RecordData[] }>(`/tickets?q=${encodeURIComponent('Không đăng nhập được')}`);
    ticketId = found.data[0]!.id;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('works a ticket from the Unassigned view: colleague replying, canned reply, note, waiting, SLA clock, requester context', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, minh.email, minh.password, '/tickets');
    await visible(page.getByTestId('record-table'));
    await chooseOption(page, page.getByTestId('view-select'), 'Chưa phân công');
    const row = page.getByTestId('record-row').filter({ hasText: 'Không đăng nhập được' });
    await visible(row);
    await count(page.getByTestId('record-row'), 2);
    await visible(row.getByTestId('sla-cell-sla_due_at'));
    await expectNoAxeViolations(page, 'tickets list, Unassigned view');
    await row.getByTestId('row-title').click();
    await atPath(page, new RegExp(`^/tickets/${ticketId}$`));

    // The SLA clock runs (first response due within 4 hours); the requester's other ticket is beside.
    await hasText(page.getByTestId('ticket-sla-clock'), /Còn .* đến hạn phản hồi đầu/);
    await hasText(page.getByTestId('requester-context'), 'Đổi địa chỉ xuất hoá đơn');
    await hasText(page.getByTestId('requester-link'), 'Trần Thị Hằng');
    await visible(page.getByTestId('conversation-empty'));

    // A colleague starts replying: the page says so (within a heartbeat).
    await lan.request('PUT', `/tickets/${ticketId}/presence`, { state: 'replying' });
    await hasText(page.getByTestId('ticket-presence'), 'Lan Nguyễn đang trả lời');

    // r: reply; a canned response fills its placeholders; Ctrl+Enter sends.
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('r');
    const body = page.getByTestId('composer-body');
    await expect.poll(() => body.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByTestId('canned-open').click();
    await page.getByTestId('canned-item').filter({ hasText: 'Đã tiếp nhận' }).click();
    await expect.poll(() => body.inputValue()).toMatch(/^Chào Trần Thị Hằng, phiếu #\d+ đã được Minh Phạm tiếp nhận\.$/);
    await expectNoAxeViolations(page, 'ticket workspace with a reply');
    await body.press('Control+Enter');
    await count(page.getByTestId('ticket-message'), 1);
    await hasText(page.getByTestId('ticket-message').first(), 'Chào Trần Thị Hằng');

    // n: an internal note.
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('n');
    await expect.poll(() => body.evaluate((el) => el === document.activeElement)).toBe(true);
    await body.fill('Khách dùng SSO của công ty, đã báo nhóm hạ tầng.');
    await page.getByTestId('composer-send').click();
    await count(page.getByTestId('ticket-message'), 2);
    await visible(page.locator('[data-testid="ticket-message"][data-kind="note"]'));

    // Reply and set waiting: the status changes and the SLA pauses (no clock).
    await page.getByTestId('composer-kind').getByText('Trả lời').click();
    await body.fill('Chị vui lòng thử đăng nhập lại sau 15 phút giúp em.');
    await chooseOption(page, page.getByTestId('composer-status'), 'Rồi chuyển sang chờ khách hàng');
    await hasText(page.getByTestId('composer-send'), 'Gửi và chuyển sang chờ khách hàng');
    await page.getByTestId('composer-send').click();
    await count(page.getByTestId('ticket-message'), 3);
    await hasText(page.getByTestId('field-status'), 'Chờ khách hàng');
    await hasText(page.getByTestId('ticket-sla-badge').first(), 'Tạm dừng');
    await hidden(page.getByTestId('ticket-sla-clock'));
    await expectNoAxeViolations(page, 'ticket workspace after replies');
    await page.screenshot({ path: '/tmp/kith-tickets-agent-workspace.png', fullPage: true });

    const saved = await admin.get<{ data: { kind: string }[] }>(`/tickets/${ticketId}/messages`);
    expect(saved.data.map((m) => m.kind)).toEqual(['reply', 'note', 'reply']);

    // k / j: the previous and next ticket of the list (newest first: the other request is above this one).
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('k');
    await hasText(page.getByTestId('page-title'), 'Đổi địa chỉ xuất hoá đơn');
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('j');
    await hasText(page.getByTestId('page-title'), 'Không đăng nhập được');
  }, JOURNEY_MS);

  it('adds a holiday to the calendar, an SLA policy and a canned response in Settings › Service desk', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, minh.email, minh.password, '/settings/service-desk');
    await visible(page.getByTestId('calendar-card'));
    await expectNoAxeViolations(page, 'service desk settings, calendars');
    await page.getByTestId('calendar-edit').click();
    await page.getByTestId('holiday-date').fill('2027-02-06');
    await page.getByTestId('holiday-name').fill('Tết Nguyên Đán');
    await page.getByTestId('holiday-add').click();
    await hasText(page.getByTestId('calendar-holidays'), 'Tết Nguyên Đán');
    await expectNoAxeViolations(page, 'calendar form');
    await page.getByTestId('calendar-save').click();
    await hidden(page.getByTestId('calendar-form'));
    await hasText(page.getByTestId('calendar-card'), '1 ngày nghỉ lễ');
    const calendars = await admin.get<{ data: { holidays: { date: string; name: string }[] }[] }>('/ticket-calendars');
    expect(calendars.data[0]!.holidays).toEqual([{ date: '2027-02-06', name: 'Tết Nguyên Đán' }]);

    await page.getByTestId('desk-tab-sla').click();
    await visible(page.getByTestId('sla-card'));
    await page.getByTestId('sla-new').click();
    await page.getByTestId('sla-name').fill('Khẩn cấp');
    await chooseOption(page, page.getByTestId('sla-priority'), 'Khẩn cấp');
    await page.getByTestId('sla-first-hours').fill('1');
    await page.getByTestId('sla-first-minutes').fill('30');
    await page.getByTestId('sla-resolution-hours').fill('8');
    await page.getByTestId('sla-resolution-minutes').fill('0');
    await page.getByTestId('sla-next-on').click();
    await page.getByTestId('sla-next-hours').fill('1');
    await page.getByTestId('sla-next-minutes').fill('0');
    await page.getByTestId('sla-warn').fill('75');
    await page.getByTestId('sla-save').click();
    await hidden(page.getByTestId('sla-form'));
    const card = page.locator('[data-testid="sla-card"][data-name="Khẩn cấp"]');
    await hasText(card.getByTestId('sla-targets'), 'Phản hồi đầu 1 giờ 30 phút · giải quyết 8 giờ · phản hồi tiếp 1 giờ');
    await expectNoAxeViolations(page, 'service desk settings, SLA policies');
    const policies = await admin.get<{ data: { name: string; priority: string | null; firstResponseMinutes: number; resolutionMinutes: number }[] }>('/ticket-sla-policies');
    expect(policies.data.find((p) => p.name === 'Khẩn cấp')).toMatchObject({ priority: 'urgent', firstResponseMinutes: 90, resolutionMinutes: 480, nextResponseMinutes: 60, warnAtPercent: 75 });

    await page.getByTestId('desk-tab-rules').click();
    await visible(page.getByTestId('rule-new'));
    await expectNoAxeViolations(page, 'service desk settings, assignment rules (empty)');

    // A canned response with an unknown placeholder is refused on its text; corrected, it is listed.
    await page.getByTestId('desk-tab-canned').click();
    await visible(page.getByTestId('canned-card'));
    await page.getByTestId('canned-new').click();
    await page.getByTestId('canned-title').fill('Hoàn tiền');
    await page.getByTestId('canned-body').fill('Chào {{khach.ten}}, tiền đã được hoàn.');
    await page.getByTestId('canned-save').click();
    await hasText(page.getByTestId('canned-form'), 'unknown placeholder {{khach.ten}}');
    await expectNoAxeViolations(page, 'canned response form with an error');
    await page.getByTestId('canned-body').fill('Chào {{requester.name}}, tiền đã được hoàn.');
    await page.getByTestId('canned-save').click();
    await hidden(page.getByTestId('canned-form'));
    await count(page.getByTestId('canned-card'), 2);
    await page.screenshot({ path: '/tmp/kith-tickets-agent-settings.png', fullPage: true });
  }, JOURNEY_MS);

  it('filters the list by team: the filter offers the teams by name and its chip names the team, not its id', async () => {
    await admin.patch(`/tickets/${ticketId}`, { values: { team: teamId } });
    const page = b.page();
    await signInWithCookie(page, server.url, minh.email, minh.password, '/tickets');
    await visible(page.getByTestId('record-table'));
    await page.getByTestId('filter-open').click();
    await page.getByTestId('filter-add').click();
    await chooseOption(page, page.getByTestId('filter-field'), 'Nhóm');
    await chooseOption(page, page.getByTestId('filter-value'), 'Hỗ trợ Hà Nội');
    await expectNoAxeViolations(page, 'tickets filter with the team picker');
    await page.getByTestId('filter-apply').click();
    await hasText(page.getByTestId('filter-chip'), 'Nhóm là Hỗ trợ Hà Nội');
    await count(page.getByTestId('record-row'), 1);
    await hasText(page.getByTestId('record-row'), 'Không đăng nhập được');
    expect(await page.getByTestId('filter-chip').textContent()).not.toContain(teamId);
  }, JOURNEY_MS);
});
