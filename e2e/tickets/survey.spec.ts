/**
 * Issue 16 (service desk), the satisfaction journey on SQLite and PostgreSQL: a customer submits the public support
 * form (/support, Vietnamese); the rules assign the ticket (the explanation shows on the ticket); a colleague opening
 * the ticket and the agent starting a reply are pushed to each other's page (presence socket); the agent (English)
 * links the customer's order (the order's page then lists the ticket), replies with a file attached in the composer
 * (the mail in the loopback SMTP sink carries it), then replies and sets the ticket solved; the survey mail's link
 * (score 4) opens /survey/:token without a session, the customer adds a comment; the score shows on the ticket and in
 * the agent's stats. axe on the workspace and on the survey page in Vietnamese and English. Screenshots go to
 * /tmp/kith-tickets-survey-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordData } from '../../contracts/records';
import { startSmtpSink, type SmtpSink } from '../../server/src/platform/testing/smtp-sink';
import { ApiClient } from '../support/api';
import { chooseOption, signInWithCookie } from '../support/app';
import { expectNoAxeViolations } from '../support/axe';
import { chromiumPath, count, hasText, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, postgresAvailable, startServer, type Dialect, type KithServer } from '../support/server';

const CUSTOMER = 'hang.survey@sao-mai.vn';

for (const dialect of ['sqlite', 'postgres'] as Dialect[]) {
  const available = chromiumPath() !== null && (dialect === 'sqlite' || postgresAvailable());
  (available ? describe : describe.skip)(`satisfaction survey journey [${dialect}]`, () => {
    const b = useBrowser({ viewport: { width: 1440, height: 900 } });
    let server: KithServer;
    let sink: SmtpSink;
    let admin: ApiClient;
    const agents: Record<string, string> = {};
    const lan = { email: 'lan@survey.example', password: 'agent-password-123' };
    let orderId = '';
    let orderTitle = '';

    beforeAll(async () => {
      sink = await startSmtpSink();
      const before = process.env.SMTP_URL;
      process.env.SMTP_URL = sink.url;
      try {
        server = await startServer(dialect);
      } finally {
        if (before === undefined) delete process.env.SMTP_URL; else process.env.SMTP_URL = before;
      }
      admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
      const team = await admin.post<{ id: string }>('/teams', { name: 'Hanoi support' });
      const roles = await admin.get<{ data: { id: string; isAdmin: boolean }[] }>('/roles');
      const roleId = roles.data.find((r) => r.isAdmin)!.id;
      agents.Minh = (await admin.post<{ id: string }>('/users', { email: 'minh@survey.example', name: 'Minh', roleId, teamId: team.id, locale: 'en', password: lan.password })).id;
      agents.Lan = (await admin.post<{ id: string }>('/users', { email: lan.email, name: 'Lan', roleId, teamId: team.id, locale: 'en', password: lan.password })).id;
      // Minh already holds an open ticket: Lan has the fewest.
      await admin.post('/tickets', { values: { subject: 'Earlier request', agent: agents.Minh, status: 'open' } });
      await admin.post('/ticket-assignment-rules', { name: 'Web requests', teamId: team.id, method: 'fewest_open', conditions: { channel: ['web_form'] } });
      const order = await admin.post<RecordData>('/orders', { values: { subject: 'Máy lọc nước văn phòng' } });
      orderId = order.id;
      orderTitle = order.title; // its number, ORD-…
    });
    afterAll(async () => {
      await server?.stop();
      await sink?.close();
    });

    const toCustomer = () => sink.messages.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === CUSTOMER);
    const mailTo = async (pred: (text: string) => boolean) => {
      await expect.poll(() => toCustomer().some((m) => pred(m.text ?? '')), { timeout: 30_000, interval: 250 }).toBe(true);
      return toCustomer().find((m) => pred(m.text ?? ''))!;
    };

    it('form → auto-assigned → reply with a file → solved → survey answered 4 with a comment → score on the ticket and in the stats', async () => {
      // The customer's request through the public form, in Vietnamese.
      const form = b.page();
      await form.goto(`${server.url}/support`);
      await visible(form.getByTestId('language-switch'));
      await form.getByTestId('language-switch-vi').click();
      await hasText(form.getByRole('heading', { level: 1 }), 'Liên hệ hỗ trợ');
      await form.getByLabel('Họ tên').fill('Trần Thị Hằng');
      await form.getByLabel('Email').fill(CUSTOMER);
      await form.getByLabel('Tiêu đề').fill('Máy lọc nước rò rỉ');
      await form.getByLabel('Chúng tôi có thể giúp gì cho bạn?').fill('Máy lọc nước mới lắp bị rò rỉ ở van, nhờ kiểm tra giúp.');
      await form.getByRole('button', { name: 'Gửi yêu cầu' }).click();
      const sent = form.getByTestId('support-sent');
      await hasText(sent, /Yêu cầu #\d+ của bạn đã được tiếp nhận/);
      const number = (await sent.textContent())!.match(/#\d+/)![0];
      const ticket = (await admin.get<{ data: RecordData[] }>(`/tickets?q=${encodeURIComponent(number)}`)).data[0]!;
      expect(ticket.values).toMatchObject({ channel: 'web_form', language: 'vi', agent: agents.Lan });

      // The agent opens the ticket: the assignment is explained.
      const page = await b.newPage();
      await signInWithCookie(page, server.url, lan.email, lan.password, `/tickets/${ticket.id}`);
      await hasText(page.getByTestId('ticket-assignment'), "rule 'Web requests' → team Hanoi support → Lan (fewest open)");
      await hasText(page.getByTestId('field-number'), number);

      // A colleague opens the same ticket in another browser: each sees the other, pushed by the presence socket (well
      // within the 10 s of the HTTP heartbeat that stands in only while a socket is down).
      const colleague = await b.newPage();
      await signInWithCookie(colleague, server.url, 'minh@survey.example', lan.password, `/tickets/${ticket.id}`);
      await hasText(page.getByTestId('ticket-presence'), 'Minh is viewing this ticket', 8000);

      // Links the customer's order with the picker.
      const orderPicker = page.getByTestId('ticket-link-order');
      await orderPicker.click();
      await orderPicker.fill('Máy lọc');
      await page.getByRole('option', { name: orderTitle }).click();
      await hasText(page.getByTestId('ticket-link-order-open'), orderTitle);
      await expect.poll(async () => (await admin.get<RecordData>(`/tickets/${ticket.id}`)).values.order).toBe(orderId);

      // Replies with a file attached in the composer: the mail carries it.
      const body = page.getByTestId('composer-body');
      await body.fill('Chào chị Hằng, em gửi hướng dẫn thay van đính kèm.');
      await hasText(colleague.getByTestId('ticket-presence'), 'Lan is replying', 8000);
      await page.locator('[data-testid="composer-dropzone"] input[type="file"]').setInputFiles({ name: 'hướng dẫn.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 van') });
      await hasText(page.getByTestId('composer-file'), 'hướng dẫn.pdf');
      await expectNoAxeViolations(page, 'ticket workspace with a file in the composer');
      await page.getByTestId('composer-send').click();
      await count(page.getByTestId('ticket-message'), 2); // the acknowledgement and the reply
      await hasText(page.getByTestId('message-attachment'), 'hướng dẫn.pdf');
      await count(page.getByTestId('composer-file'), 0);
      const replyMail = await mailTo((t) => t.includes('hướng dẫn thay van'));
      expect(replyMail.attachments.map((a) => a.filename)).toEqual(['hướng dẫn.pdf']);
      expect(replyMail.attachments[0]!.content.toString()).toBe('%PDF-1.4 van');

      // Solves it with a last reply.
      await body.fill('Kỹ thuật viên đã thay van. Phiếu được đóng lại, cảm ơn chị.');
      await chooseOption(page, page.getByTestId('composer-status'), 'Then set solved');
      await hasText(page.getByTestId('composer-send'), 'Send and set solved');
      await page.getByTestId('composer-send').click();
      await count(page.getByTestId('ticket-message'), 3);
      await hasText(page.getByTestId('field-status'), 'Solved');

      // The survey mail (in the ticket's language): its "4" link opens the page without a session.
      const survey = await mailTo((t) => /\/survey\/[^\s?]+\?score=4/.test(t));
      const link = (survey.text ?? '').match(/https?:\/\/\S+\/survey\/[^\s?]+\?score=4/)![0];
      const customer = await b.newPage(); // no session
      await customer.goto(link);
      await hasText(customer.getByTestId('survey-thanks'), 'Đánh giá của bạn (4 trên 5) đã được ghi nhận');
      await expectNoAxeViolations(customer, 'survey page, Vietnamese');
      await customer.getByLabel('Bạn có muốn nói thêm điều gì không? (không bắt buộc)').fill('Kỹ thuật viên đến nhanh, nhưng phải gọi hai lần.');
      await customer.getByRole('button', { name: 'Cập nhật câu trả lời' }).click();
      await expect.poll(async () => (await admin.get<RecordData>(`/tickets/${ticket.id}`)).values.satisfaction_comment).toBe('Kỹ thuật viên đến nhanh, nhưng phải gọi hai lần.');
      await customer.screenshot({ path: '/tmp/kith-tickets-survey-vi.png' });
      await customer.getByTestId('language-switch-en').click();
      await hasText(customer.getByRole('heading', { level: 1 }), 'How did we do?');
      await hasText(customer.getByTestId('survey-thanks'), 'Your rating (4 of 5) has been recorded');
      await expectNoAxeViolations(customer, 'survey page, English');

      // The score on the ticket and in the agent's stats.
      await page.reload();
      await hasText(page.getByTestId('field-satisfaction_comment'), 'phải gọi hai lần');
      await visible(page.getByTestId('field-satisfaction').locator('[aria-label="4"]'));
      await hasText(page.getByTestId('agent-stats'), 'Lan at a glance');
      await hasText(page.getByTestId('agent-stats-solved'), '1 ticket solved');
      await hasText(page.getByTestId('agent-stats-satisfaction'), 'Satisfaction 4 of 5 (1 answer)');
      await expectNoAxeViolations(page, 'solved ticket with its score');
      await page.screenshot({ path: '/tmp/kith-tickets-survey-ticket.png', fullPage: true });
      const stats = await admin.get<{ data: { agentId: string; satisfactionAverage: number | null; satisfactionCount: number }[] }>('/tickets/stats/agents');
      expect(stats.data.find((s) => s.agentId === agents.Lan)).toMatchObject({ satisfactionAverage: 4, satisfactionCount: 1 });

      // The linked order's page lists the ticket among its related records.
      await page.getByTestId('ticket-link-order-open').click();
      await hasText(page.getByTestId('related-records'), 'Máy lọc nước rò rỉ');
    }, JOURNEY_MS);
  });
}
