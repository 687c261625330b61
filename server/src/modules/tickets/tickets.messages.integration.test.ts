import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { createTeam } from '../../platform/testing/factories.js';
import { startSmtpSink, type SmtpSink } from '../../platform/testing/smtp-sink.js';
import { actor, byRequester, client, submit } from './tickets.test-helpers.js';
import { MAIL_OUT_JOB } from './tickets.messages.service.js';

let sink: SmtpSink;
beforeAll(async () => { sink = await startSmtpSink(); });
afterAll(async () => { await sink.close(); });

describeEachDialect('tickets: conversation (replies, notes, attachments)', (env) => {
  it('a note stays internal; a reply stamps the first response, sets the status and is queued for mail; files download; closed is 409', async () => {
    const db = env().database.db;
    const agent = await actor(env(), { admin: true, name: 'Trần Minh' });
    const admin = client(env(), agent.headers);
    expect((await submit(env(), { name: 'Lê Hoa', email: 'hoa.msg@example.vn', subject: 'Máy in hỏng', description: 'Không in được', language: 'vi' })).status).toBe(201);
    const contact = (await admin.get(`/contacts?q=${encodeURIComponent('hoa.msg@example.vn')}`)).body.data[0];
    const ticket = (await admin.get(byRequester(contact.id))).body.data[0];
    expect((await admin.get(`/tickets/${ticket.id}/messages`)).body.data).toEqual([]);

    // Bad input names the field.
    const empty = await admin.post(`/tickets/${ticket.id}/messages`, { kind: 'reply', body: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields[0].path).toBe('body');
    expect((await admin.post(`/tickets/${ticket.id}/messages`, { kind: 'memo', body: 'x' })).body.error.fields[0].path).toBe('kind');
    expect((await admin.post(`/tickets/${ticket.id}/messages`, { kind: 'note', body: 'x', status: 'solved' })).body.error.fields[0].path).toBe('status');
    expect((await admin.post('/tickets/no-such-ticket/messages', { kind: 'note', body: 'x' })).status).toBe(404);

    const note = await admin.post(`/tickets/${ticket.id}/messages`, { kind: 'note', body: '<p onclick="x()">Khách VIP <script>alert(1)</script><b>gọi lại</b></p>' });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ kind: 'note', direction: 'out', mailStatus: 'none', messageId: null, author: { id: agent.id, name: 'Trần Minh' } });
    expect(note.body.bodyHtml).toBe('<p>Khách VIP <b>gọi lại</b></p>');
    expect(note.body.bodyText).toBe('Khách VIP gọi lại');
    let t = (await admin.get(`/tickets/${ticket.id}`)).body.values;
    expect(t.status).toBe('new');
    expect(t.first_responded_at ?? null).toBeNull();

    const pdf = Buffer.from('%PDF-1.4 invoice');
    const reply = await admin.post(`/tickets/${ticket.id}/messages`, {
      kind: 'reply', body: 'Chào chị Hoa,\nChúng tôi đang kiểm tra.', status: 'waiting_on_customer',
      attachments: [{ filename: 'hướng dẫn.pdf', contentType: 'application/pdf', contentBase64: pdf.toString('base64') }],
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ kind: 'reply', direction: 'out', mailStatus: 'queued', toAddress: 'hoa.msg@example.vn' });
    expect(reply.body.messageId).toMatch(/^<[^@>]+@[^>]+>$/);
    expect(reply.body.bodyHtml).toBe('<p>Chào chị Hoa,<br>Chúng tôi đang kiểm tra.</p>');
    t = (await admin.get(`/tickets/${ticket.id}`)).body.values;
    expect(t.status).toBe('waiting_on_customer');
    expect(t.first_responded_at).toBeTruthy();
    const jobs = await db.selectFrom('jobs').select('payload').where('name', '=', MAIL_OUT_JOB).execute();
    expect(jobs.map((j) => JSON.parse(j.payload).messageId)).toContain(reply.body.id);
    expect(jobs.map((j) => JSON.parse(j.payload).messageId)).not.toContain(note.body.id);

    const att = reply.body.attachments[0];
    expect(att).toMatchObject({ filename: 'hướng dẫn.pdf', contentType: 'application/pdf', size: pdf.length });
    const file = await env().app.inject({ method: 'GET', url: att.url, headers: agent.headers });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    expect(file.headers['content-disposition']).toContain('attachment;');
    expect(file.headers['x-content-type-options']).toBe('nosniff');

    const list = (await admin.get(`/tickets/${ticket.id}/messages`)).body.data;
    expect(list.map((m: { kind: string }) => m.kind)).toEqual(['note', 'reply']);
    expect(list[1].attachments).toHaveLength(1);

    // Someone without tickets access sees nothing; a closed ticket takes no more messages.
    const outsider = client(env(), (await actor(env(), { permissions: { contacts: { actions: ['read'], scope: 'all' } } })).headers);
    expect((await outsider.get(`/tickets/${ticket.id}/messages`)).status).toBe(403);
    expect((await env().app.inject({ method: 'GET', url: att.url, headers: (await actor(env(), { permissions: {} })).headers })).statusCode).toBe(403);
    await admin.patch(`/tickets/${ticket.id}`, { values: { status: 'closed' } });
    expect((await admin.post(`/tickets/${ticket.id}/messages`, { kind: 'note', body: 'late' })).status).toBe(409);
  });

  it('a reply to a ticket whose requester has no email is kept but not mailed', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const t = await admin.post('/tickets', { values: { subject: 'Phone call' } });
    const reply = await admin.post(`/tickets/${t.body.id}/messages`, { kind: 'reply', body: 'Called back.' });
    expect(reply.status).toBe(201);
    expect(reply.body.mailStatus).toBe('skipped');
    expect((await admin.get(`/tickets/${t.body.id}`)).body.values.status).toBe('open');
  });

  it('acknowledges a web-form request with the template of its language (placeholders filled), the built-in text without one; not an agent-created ticket', async () => {
    env().config.smtpUrl = sink.url;
    sink.messages.length = 0;
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const team = await createTeam(env().database.db, { name: 'Billing' });
    const drain = async () => { for (let i = 0; i < 10 && (await env().ctx.services.events.runOnce()) + (await env().ctx.services.jobs.runOnce()) > 0; i++); };
    const bad = await admin.put('/ticket-mail-templates', { teamId: 'nope', language: 'en', subject: 's', body: 'b' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('teamId');
    expect((await admin.put('/ticket-mail-templates', { teamId: null, language: 'xx', subject: 's', body: 'b' })).body.error.fields[0].path).toBe('language');
    const tpl = await admin.put('/ticket-mail-templates', { teamId: null, language: 'en', subject: 'Got it: {{subject}}', body: 'Dear {{name}}, your ticket is {{number}}.' });
    expect(tpl.status).toBe(200);
    expect((await admin.put('/ticket-mail-templates', { teamId: team.id, language: 'vi', subject: 'Đã nhận {{number}}', body: 'Chào {{name}}' })).status).toBe(200);
    expect((await admin.put('/ticket-mail-templates', { teamId: null, language: 'en', subject: 'Got it: {{subject}}', body: 'Dear {{name}}, your ticket is {{number}}.' })).body.id).toBe(tpl.body.id);
    expect((await admin.get('/ticket-mail-templates')).body.data).toHaveLength(2);

    const en = await submit(env(), { name: 'Henry Walker', email: 'henry.ack@example.com', subject: 'Invoice copy', description: 'Please send it again' });
    const vi = await submit(env(), { name: 'Đỗ Hà', email: 'ha.ack@example.vn', subject: 'Xin hoá đơn', description: 'Gửi lại giúp', language: 'vi' });
    await admin.post('/tickets', { values: { subject: 'Logged by an agent', channel: 'email', requester: (await admin.get(`/contacts?q=${encodeURIComponent('henry.ack@example.com')}`)).body.data[0].id } });
    await drain();
    const ours = () => sink.messages.filter((m) => m.to && !Array.isArray(m.to) && ['henry.ack@example.com', 'ha.ack@example.vn'].includes(m.to.value[0]!.address!));
    const mails = ours();
    expect(mails).toHaveLength(2);
    const toEn = mails.find((m) => m.to && !Array.isArray(m.to) && m.to.value[0]!.address === 'henry.ack@example.com')!;
    expect(toEn.subject).toBe(`[${en.body.number}] Got it: Invoice copy`);
    expect(toEn.text?.trim()).toBe(`Dear Henry Walker, your ticket is ${en.body.number}.`);
    const toVi = mails.find((m) => m !== toEn)!;
    expect(toVi.subject).toBe(`[${vi.body.number}] Chúng tôi đã nhận yêu cầu của bạn: Xin hoá đơn`);
    expect(toVi.text).toContain(`mã phiếu ${vi.body.number}`);
    await drain();
    expect(ours()).toHaveLength(2);
  });
});
