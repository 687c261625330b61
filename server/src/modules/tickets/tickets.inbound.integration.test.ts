import iconv from 'iconv-lite';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { startSmtpSink, type SmtpSink } from '../../platform/testing/smtp-sink.js';
import { startInboundListener, type InboundListener } from './tickets.inbound.listener.js';
import { inboundService } from './tickets.inbound.service.js';
import { actor, byRequester, client } from './tickets.test-helpers.js';

let sink: SmtpSink;
beforeAll(async () => { sink = await startSmtpSink(); });
afterAll(async () => { await sink.close(); });

/** windows-1258 writes Vietnamese tone marks as combining characters after the (possibly hatted) vowel. */
function cp1258(s: string): Buffer {
  const text = s.normalize('NFD').replace(/([A-Za-z])([\u0300-\u036f]+)/g, (_, b: string, marks: string) => {
    const shape = [...marks].filter((c) => '\u0302\u0306\u031b'.includes(c)).join('');
    return (b + shape).normalize('NFC') + [...marks].filter((c) => !'\u0302\u0306\u031b'.includes(c)).join('');
  });
  return iconv.encode(text, 'windows-1258');
}
const rawMail = (headers: string, body: Buffer | string) => Buffer.concat([Buffer.from(headers.trim().replace(/\n/g, '\r\n') + '\r\n\r\n'), Buffer.from(body)]);

describeEachDialect('tickets: mail in and out through SMTP', (env) => {
  let listener: InboundListener;
  const send = (mail: SendMailOptions) => nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true }).sendMail(mail);
  const settle = async () => {
    await listener.idle();
    for (let i = 0; i < 10; i++) {
      const n = (await env().ctx.services.events.runOnce()) + (await env().ctx.services.jobs.runOnce());
      if (!n) break;
    }
  };
  beforeAll(async () => {
    env().config.smtpUrl = sink.url;
    env().config.mailFrom = 'Hỗ trợ Kith <support@kith.test>';
    listener = await startInboundListener(env().ctx, { port: 0, maxBytes: 200_000 });
  });
  afterAll(async () => { await listener.close(); });

  it('a mail becomes a ticket with its requester, is acknowledged; the agent reply threads; the answer joins the ticket trimmed', async () => {
    const agent = await actor(env(), { admin: true, name: 'Ngô Bảo' });
    const admin = client(env(), agent.headers);
    sink.messages.length = 0;
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const first = await send({
      from: 'Phạm Thu Lan <lan.inbound@example.vn>', to: 'support@kith.test', subject: 'Không đăng nhập được',
      text: 'Chào bạn,\nTôi không đăng nhập được từ sáng nay.', html: '<p>Chào bạn,<br>Tôi không đăng nhập được từ sáng nay.</p><img src="cid:shot@lan">',
      attachments: [{ filename: 'ảnh chụp.png', content: png, contentType: 'image/png' }, { filename: 'inline.png', content: png, cid: 'shot@lan' }],
    });
    await settle();
    const contact = (await admin.get(`/contacts?q=${encodeURIComponent('lan.inbound@example.vn')}`)).body.data[0];
    expect(contact).toMatchObject({ familyName: 'Phạm', givenName: 'Thu Lan' });
    const [ticket] = (await admin.get(byRequester(contact.id))).body.data;
    expect(ticket.values).toMatchObject({ subject: 'Không đăng nhập được', channel: 'email', language: 'vi', requester: contact.id });
    const [inbound] = (await admin.get(`/tickets/${ticket.id}/messages`)).body.data;
    expect(inbound).toMatchObject({ direction: 'in', kind: 'reply', contactId: contact.id, messageId: first.messageId, fromAddress: 'lan.inbound@example.vn' });
    expect(inbound.bodyText).toBe('Chào bạn,\nTôi không đăng nhập được từ sáng nay.');
    expect(inbound.attachments.map((a: { filename: string; contentId: string | null }) => [a.filename, a.contentId]).sort()).toEqual([['inline.png', 'shot@lan'], ['ảnh chụp.png', null]]);
    const file = await env().app.inject({ method: 'GET', url: inbound.attachments.find((a: { contentId: string | null }) => a.contentId).url, headers: agent.headers });
    expect(file.rawPayload.equals(png)).toBe(true);

    // The acknowledgement (default Vietnamese text) arrived, threaded on the customer's mail, marked automatic.
    const [ack] = await sink.waitFor(1);
    expect(ack!.to).toMatchObject({ value: [{ address: 'lan.inbound@example.vn' }] });
    expect(ack!.subject).toBe(`[${ticket.values.number}] Chúng tôi đã nhận yêu cầu của bạn: Không đăng nhập được`);
    expect(ack!.text).toContain(ticket.values.number);
    expect(ack!.inReplyTo).toBe(first.messageId);
    expect(ack!.headers.get('auto-submitted')).toBe('auto-replied');

    // The agent's reply leaves with In-Reply-To the customer's mail and the ticket's tagged subject.
    const reply = await admin.post(`/tickets/${ticket.id}/messages`, { kind: 'reply', body: 'Chào chị Lan, chị thử đặt lại mật khẩu nhé.', status: 'waiting_on_customer' });
    expect(reply.status).toBe(201);
    await settle();
    const out = (await sink.waitFor(2))[1]!;
    expect(out.subject).toBe(`[${ticket.values.number}] Không đăng nhập được`);
    expect(out.messageId).toBe(reply.body.messageId);
    expect(out.inReplyTo).toBe(first.messageId);
    expect(out.references).toContain(first.messageId);
    expect(out.text).toContain('chị thử đặt lại mật khẩu');
    expect(out.text).toContain(`Mã phiếu hỗ trợ ${ticket.values.number}`);
    expect((await admin.get(`/tickets/${ticket.id}/messages`)).body.data.find((m: { id: string }) => m.id === reply.body.id).mailStatus).toBe('sent');

    // The customer's answer threads by In-Reply-To, is trimmed of the quoted history, and reopens the ticket.
    await send({
      from: 'lan.inbound@example.vn', to: 'support@kith.test', subject: `Re: [${ticket.values.number}] Không đăng nhập được`, inReplyTo: out.messageId, references: [first.messageId!, out.messageId!],
      text: `Được rồi, cảm ơn!\n\nVào Th 2, 7 thg 12, 2026 lúc 10:00 Hỗ trợ Kith <support@kith.test> đã viết:\n> Chào chị Lan, chị thử đặt lại mật khẩu nhé.\n`,
    });
    // A reply from another client that kept only the tag in the subject threads too.
    await send({ from: 'lan.inbound@example.vn', to: 'support@kith.test', subject: `RE: [${ticket.values.number}] thêm thông tin`, text: 'Máy tôi dùng Windows 11.\n\n-----Original Message-----\nFrom: support' });
    // Someone else quoting the number opens a ticket of their own.
    await send({ from: 'stranger.tag@example.vn', to: 'support@kith.test', subject: `Re: [${ticket.values.number}] let me in`, text: 'Please add me.' });
    await settle();
    expect((await admin.get(byRequester(contact.id))).body.data).toHaveLength(1);
    const stranger = (await admin.get(`/contacts?q=${encodeURIComponent('stranger.tag@example.vn')}`)).body.data[0];
    expect((await admin.get(byRequester(stranger.id))).body.data[0].values.subject).toBe('Re: let me in');
    const msgs = (await admin.get(`/tickets/${ticket.id}/messages`)).body.data.filter((m: { direction: string }) => m.direction === 'in');
    expect(msgs.map((m: { bodyText: string }) => m.bodyText)).toEqual(['Chào bạn,\nTôi không đăng nhập được từ sáng nay.', 'Được rồi, cảm ơn!', 'Máy tôi dùng Windows 11.']);
    expect(msgs[1].fullText).toContain('> Chào chị Lan');
    expect((await admin.get(`/tickets/${ticket.id}`)).body.values.status).toBe('open');
    // The conversation shows on the requester's timeline.
    const timeline = (await admin.get(`/contacts/${contact.id}/timeline?types=ticket_message`)).body.data;
    expect(timeline.length).toBeGreaterThanOrEqual(4);
    expect(timeline[0]).toMatchObject({ type: 'ticket_message', link: `/tickets/${ticket.id}`, data: { number: ticket.values.number, direction: 'in' } });
    // Neither answer was acknowledged again: the ack and the agent's reply, and the stranger's acknowledgement.
    expect(sink.messages.map((m) => (Array.isArray(m.to) ? '' : m.to?.value[0]?.address))).toEqual(['lan.inbound@example.vn', 'lan.inbound@example.vn', 'stranger.tag@example.vn']);
  });

  it('auto-replies, bounces and loops are kept but never ticketed nor answered; no From → quarantine; too large → 552; windows-1258 and unknown charsets readable', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    sink.messages.length = 0;
    const before = (await admin.get('/tickets?limit=200')).body.data.length;
    await send({ from: 'vacation.bot@example.vn', to: 'support@kith.test', subject: 'Out of office', text: 'I am away.', headers: { 'Auto-Submitted': 'auto-replied' } });
    await send({ from: 'list@example.vn', to: 'support@kith.test', subject: 'Newsletter', text: 'News', headers: { Precedence: 'bulk' } });
    await send({ from: 'someone@example.vn', to: 'support@kith.test', subject: 'Auto', text: 'x', headers: { 'X-Autoreply': 'yes' } });
    await send({ from: 'MAILER-DAEMON@mx.example.vn', to: 'support@kith.test', subject: 'Undelivered Mail Returned to Sender', text: 'bounce' });
    const quarantined = await send({ envelope: { from: 'ghost@example.vn', to: ['support@kith.test'] }, raw: rawMail('To: support@kith.test\nSubject: Who am I\nMessage-ID: <nofrom-1@example.vn>', 'No sender here') });
    expect(quarantined.accepted).toEqual(['support@kith.test']);
    await expect(send({ from: 'big@example.vn', to: 'support@kith.test', subject: 'Huge', text: 'x'.repeat(300_000) })).rejects.toMatchObject({ responseCode: 552 });
    await settle();
    expect((await admin.get('/tickets?limit=200')).body.data.length).toBe(before);
    expect(sink.messages).toHaveLength(0);
    const ignored = (await admin.get('/tickets-inbound?status=ignored')).body.data;
    expect(ignored.map((m: { reason: string }) => m.reason).sort()).toEqual([
      'auto-reply (Auto-Submitted: auto-replied)', 'auto-reply (X-Autoreply)', 'bounce (from mailer-daemon)', 'bulk mail (Precedence: bulk)',
    ]);
    const q = (await admin.get('/tickets-inbound?status=quarantined')).body.data;
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({ reason: 'missing From address', subject: 'Who am I', status: 'quarantined' });
    const retried = await admin.post(`/tickets-inbound/${q[0].id}/retry`, {});
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('quarantined');
    const raw = await env().app.inject({ method: 'GET', url: `/api/v1/tickets-inbound/${q[0].id}/raw`, headers: (await actor(env(), { admin: true })).headers });
    expect(raw.body).toContain('No sender here');
    expect((await admin.post(`/tickets-inbound/${ignored[0].id}/retry`, {})).status).toBe(409);
    // A user without tickets manage cannot see the quarantine.
    const reader = client(env(), (await actor(env(), { permissions: { tickets: { actions: ['read'], scope: 'all' } } })).headers);
    expect((await reader.get('/tickets-inbound?status=quarantined')).status).toBe(403);

    // Our own outgoing Message-ID coming back is a loop.
    const t = await admin.post('/tickets', { values: { subject: 'Loop test' } });
    const ours = await admin.post(`/tickets/${t.body.id}/messages`, { kind: 'reply', body: 'x' });
    await send({ envelope: { from: 'x@example.vn', to: ['support@kith.test'] }, raw: rawMail(`From: x@example.vn\nTo: support@kith.test\nSubject: Loop\nMessage-ID: ${ours.body.messageId ?? '<none@x>'}`, 'echo') });

    const text = 'Chào anh, hoá đơn tháng này bị sai số tiền. Đà Nẵng, phương án xử lý?';
    await send({ envelope: { from: 'vn1258@example.vn', to: ['support@kith.test'] }, raw: rawMail('From: =?windows-1258?Q?Nguy=EA=F1n_V=E2n_A?= <vn1258@example.vn>\nTo: support@kith.test\nSubject: =?windows-1258?Q?Ho=E1_=F0=F5n?=\nMIME-Version: 1.0\nContent-Type: text/plain; charset=windows-1258\nContent-Transfer-Encoding: 8bit', cp1258(text)) });
    await send({ envelope: { from: 'vni@example.vn', to: ['support@kith.test'] }, raw: rawMail('From: vni@example.vn\nTo: support@kith.test\nSubject: VNI\nMIME-Version: 1.0\nContent-Type: text/plain; charset=x-vni\nContent-Transfer-Encoding: 8bit', Buffer.from([0x56, 0x69, 0x65, 0xe4, 0x74, 0x20, 0x4e, 0x61, 0x6d])) });
    await settle();
    expect((await admin.get('/tickets-inbound?status=ignored')).body.data.map((m: { reason: string }) => m.reason)).toContain('loop: our own Message-ID came back');
    const c1258 = (await admin.get(`/contacts?q=${encodeURIComponent('vn1258@example.vn')}`)).body.data[0];
    const [t1258] = (await admin.get(byRequester(c1258.id))).body.data;
    expect(t1258.values.description).toBe(text);
    expect(t1258.values.language).toBe('vi');
    const cvni = (await admin.get(`/contacts?q=${encodeURIComponent('vni@example.vn')}`)).body.data[0];
    const [tvni] = (await admin.get(byRequester(cvni.id))).body.data;
    expect(tvni.values.description).toBe('Vieät Nam');
  });

  it('mail stored but not processed before a restart is processed at start; an HTML-only mail keeps readable text and sanitised HTML', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const id = await inboundService.store(env().database, rawMail('From: Trịnh Nam <nam.restart@example.vn>\nTo: support@kith.test\nSubject: After the crash\nMessage-ID: <restart-1@example.vn>\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8',
      '<p>Xin chào,</p><p>Tôi cần <b>hỗ trợ</b><script>alert(1)</script></p><img src="http://tracker.test/p.gif">'));
    expect((await admin.get('/tickets-inbound?status=stored')).body.data.map((m: { id: string }) => m.id)).toContain(id);
    expect(await inboundService.processPending(env().ctx)).toBeGreaterThanOrEqual(1);
    const contact = (await admin.get(`/contacts?q=${encodeURIComponent('nam.restart@example.vn')}`)).body.data[0];
    const [ticket] = (await admin.get(byRequester(contact.id))).body.data;
    const [m] = (await admin.get(`/tickets/${ticket.id}/messages`)).body.data;
    expect(m.bodyText).toBe('Xin chào,\nTôi cần hỗ trợ');
    expect(m.bodyHtml).toBe('<p>Xin chào,</p><p>Tôi cần <b>hỗ trợ</b></p>');
    expect((await admin.get('/tickets-inbound?status=stored')).body.data.map((r: { id: string }) => r.id)).not.toContain(id);
  });

  it('an answer to a closed ticket opens a follow-up linked by follow_up_of', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    await inboundService.store(env().database, rawMail('From: Lê Hoa <hoa.closed@example.vn>\nTo: support@kith.test\nSubject: Printer\nMessage-ID: <closed-1@example.vn>', 'The printer is broken'));
    await inboundService.processPending(env().ctx);
    const contact = (await admin.get(`/contacts?q=${encodeURIComponent('hoa.closed@example.vn')}`)).body.data[0];
    const [first] = (await admin.get(byRequester(contact.id))).body.data;
    expect((await admin.patch(`/tickets/${first.id}`, { values: { status: 'closed' } })).status).toBe(200);
    await inboundService.store(env().database, rawMail('From: Lê Hoa <hoa.closed@example.vn>\nTo: support@kith.test\nSubject: Re: Printer\nMessage-ID: <closed-2@example.vn>\nIn-Reply-To: <closed-1@example.vn>', 'Broken again'));
    await inboundService.processPending(env().ctx);
    const all = (await admin.get(byRequester(contact.id))).body.data as { id: string; values: Record<string, unknown> }[];
    expect(all).toHaveLength(2);
    expect(all.find((t) => t.id !== first.id)!.values).toMatchObject({ follow_up_of: first.id, status: 'new' });
  });

  it('an agent reply goes to the address the requester last wrote from', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const c = await admin.post('/contacts', { givenName: 'Vy', familyName: 'Hồ', emails: [{ address: 'vy.work@example.vn', primary: true }, { address: 'vy.home@example.vn' }] });
    expect(c.status).toBe(201);
    await send({ from: 'vy.home@example.vn', to: 'support@kith.test', subject: 'From home', text: 'Hello from my home address' });
    await settle();
    const [ticket] = (await admin.get(byRequester(c.body.id))).body.data;
    sink.messages.length = 0;
    await admin.post(`/tickets/${ticket.id}/messages`, { kind: 'reply', body: 'Got it.' });
    await settle();
    const [out] = await sink.waitFor(1);
    expect(out!.to).toMatchObject({ value: [{ address: 'vy.home@example.vn' }] });
  });
});
