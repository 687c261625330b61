/**
 * Issue 16 (service desk), mail settings on SQLite: an admin opens Settings › Service desk, edits the Vietnamese
 * default acknowledgement (starting from the built-in text), sees a mail without a sender that came in through the
 * SMTP listener in the quarantine, reads it and turns it into a ticket for the customer's address, then adds an IMAP
 * mailbox whose server does not answer and sees the failed connection test. axe on each tab.
 */
import net from 'node:net';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundMail, MailTemplate } from '../../contracts/ticket-messages';
import { ApiClient } from '../support/api';
import { signInWithCookie } from '../support/app';
import { expectNoAxeViolations } from '../support/axe';
import { atPath, chromiumPath, hasText, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, startServer, type KithServer } from '../support/server';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); });
  });
}

(chromiumPath() !== null ? describe : describe.skip)('service desk mail settings journey [sqlite]', () => {
  const b = useBrowser({ viewport: { width: 1440, height: 900 } });
  let server: KithServer;
  let admin: ApiClient;
  let quarantined: InboundMail;

  beforeAll(async () => {
    const smtpPort = await freePort();
    // The server inherits this process's environment: its SMTP listener takes mail on a loopback port.
    process.env.KITH_SMTP_LISTEN_PORT = String(smtpPort);
    try {
      server = await startServer('sqlite');
    } finally {
      delete process.env.KITH_SMTP_LISTEN_PORT;
    }
    admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
    // A mail with no From header: the listener keeps it in the quarantine.
    const raw = ['To: support@kith.test', 'Subject: Xin xuất lại hoá đơn tháng 11', 'Message-ID: <journey-no-from@sao-mai.vn>', 'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', 'Nhờ bên bạn xuất lại hoá đơn giúp tôi.', ''].join('\r\n');
    await nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true })
      .sendMail({ envelope: { from: 'hang.tran@sao-mai.vn', to: ['support@kith.test'] }, raw });
    // Stored before the listener's 250, processed right after: wait for its quarantine.
    for (let i = 0; i < 100 && !quarantined; i++) {
      quarantined = (await admin.get<{ data: InboundMail[] }>('/tickets-inbound?status=quarantined')).data[0]!;
      if (!quarantined) await new Promise((r) => setTimeout(r, 200));
    }
    if (!quarantined) throw new Error('the mail sent to the SMTP listener did not reach the quarantine');
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('edits an acknowledgement, turns a quarantined mail into a ticket, and sees a mailbox that cannot connect', async () => {
    const page = b.page();
    await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/settings/service-desk?tab=templates');

    // Acknowledgements: the default rows show the built-in text; editing starts from it.
    const viRow = page.locator('[data-testid="template-row"][data-team="default"][data-language="vi"]');
    await hasText(viRow, 'Built-in text');
    await expectNoAxeViolations(page, 'service desk, acknowledgements');
    await viRow.getByTestId('template-edit').click();
    const subject = page.getByTestId('template-subject');
    await visible(subject);
    await expect.poll(() => subject.inputValue()).toContain('{{subject}}');
    await subject.fill('Đã nhận yêu cầu {{number}}: {{subject}}');
    await page.getByTestId('template-save').click();
    await hasText(viRow, 'Custom');
    await hasText(viRow, 'Đã nhận yêu cầu {{number}}: {{subject}}');
    const saved = await admin.get<{ data: MailTemplate[] }>('/ticket-mail-templates');
    expect(saved.data.find((x) => x.teamId === null && x.language === 'vi')?.subject).toBe('Đã nhận yêu cầu {{number}}: {{subject}}');

    // Quarantine: the mail without sender, read, then a ticket for the customer's address.
    await page.getByTestId('desk-tab-quarantine').click();
    const row = page.getByTestId('quarantine-row').filter({ hasText: 'Xin xuất lại hoá đơn tháng 11' });
    await hasText(row, 'missing From address');
    await expectNoAxeViolations(page, 'service desk, quarantine');
    await row.getByRole('button', { name: /View/ }).click();
    await hasText(page.getByTestId('quarantine-text'), 'Nhờ bên bạn xuất lại hoá đơn giúp tôi.');
    await expectNoAxeViolations(page, 'service desk, quarantined mail');
    await page.getByTestId('quarantine-email').fill('hang.tran@sao-mai.vn');
    await page.getByTestId('quarantine-create').click();
    const done = page.getByTestId('quarantine-done');
    await hasText(done, 'Open the ticket');
    const mail = (await admin.get<{ data: InboundMail[] }>('/tickets-inbound?status=ticket')).data.find((m) => m.id === quarantined.id)!;
    expect(mail.ticketId).toBeTruthy();
    await done.getByRole('link').click();
    await atPath(page, new RegExp(`^/tickets/${mail.ticketId}$`));
    await hasText(page.locator('main'), 'Xin xuất lại hoá đơn tháng 11');

    // Mailboxes: empty at first; a mailbox whose server does not answer shows the failed test.
    await page.goto(`${server.url}/settings/service-desk?tab=mailboxes`);
    await visible(page.getByTestId('mailbox-new'));
    await expectNoAxeViolations(page, 'service desk, mailboxes (empty)');
    await page.getByTestId('mailbox-new').click();
    await page.getByTestId('mailbox-name').fill('Hỗ trợ');
    await page.getByTestId('mailbox-host').fill('127.0.0.1');
    await page.getByTestId('mailbox-port').fill('1');
    await page.getByTestId('mailbox-username').fill('support@sao-mai.vn');
    await page.getByTestId('mailbox-password').fill('mật-khẩu');
    await expectNoAxeViolations(page, 'service desk, mailbox form');
    await page.getByTestId('mailbox-save').click();
    const card = page.getByTestId('mailbox-card').filter({ hasText: 'Hỗ trợ' });
    await hasText(card, '127.0.0.1:1');
    await card.getByRole('button', { name: /^Test connection/ }).click();
    await hasText(card.getByTestId('mailbox-result'), 'Connection failed');
    await hasText(card.getByTestId('mailbox-error'), /ECONNREFUSED|connect/i);
    expect(JSON.stringify(await admin.get('/ticket-mailboxes'))).not.toContain('mật-khẩu');
    await expectNoAxeViolations(page, 'service desk, mailbox with an error');
  }, JOURNEY_MS);
});
