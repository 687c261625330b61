/** The quarantine's actions: read a quarantined mail, turn it into a ticket naming the requester, discard; template defaults. */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { inboundService } from './tickets.inbound.service.js';
import { actor, byRequester, client } from './tickets.test-helpers.js';

const mail = (headers: string[], text: string) => Buffer.from([...headers, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', text, ''].join('\r\n'));

describeEachDialect('tickets: the quarantine', (env) => {
  let admin: ReturnType<typeof client>;
  beforeAll(async () => { admin = client(env(), (await actor(env(), { admin: true })).headers); });

  it('a mail without From is read, then becomes a ticket for the address an admin gives', async () => {
    const r = await inboundService.receive(env().ctx, mail(['To: support@kith.test', 'Subject: Hoá đơn tháng 11', `Message-ID: <q-nofrom-${env().dialect}@example.vn>`], 'Xin gửi lại hoá đơn.'));
    expect(r.status).toBe('quarantined');
    const listed = (await admin.get('/tickets-inbound?status=quarantined')).body.data.find((m: { id: string }) => m.id === r.id);
    expect(listed.reason).toBe('missing From address');

    const parsed = await admin.get(`/tickets-inbound/${r.id}/parsed`);
    expect(parsed.body).toMatchObject({ from: null, subject: 'Hoá đơn tháng 11', text: 'Xin gửi lại hoá đơn.', error: null });
    expect(parsed.body.source).toContain('Subject: Hoá đơn tháng 11');

    const noEmail = await admin.post(`/tickets-inbound/${r.id}/ticket`, {});
    expect(noEmail.status).toBe(400);
    expect(noEmail.body.error.fields[0].path).toBe('email');
    const badEmail = await admin.post(`/tickets-inbound/${r.id}/ticket`, { email: 'not-an-address' });
    expect(badEmail.status).toBe(400);
    expect(JSON.stringify(badEmail.body)).toContain('email');

    const done = await admin.post(`/tickets-inbound/${r.id}/ticket`, { email: `Khanh.Q-${env().dialect}@Example.vn` });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'ticket', fromAddress: `khanh.q-${env().dialect}@example.vn` });
    const contact = (await admin.get(`/contacts?q=${encodeURIComponent(`khanh.q-${env().dialect}@example.vn`)}`)).body.data[0];
    const [ticket] = (await admin.get(byRequester(contact.id))).body.data;
    expect(ticket.id).toBe(done.body.ticketId);
    expect(ticket.values).toMatchObject({ subject: 'Hoá đơn tháng 11', channel: 'email' });
    // Not quarantined any more: a second action is a conflict.
    expect((await admin.post(`/tickets-inbound/${r.id}/ticket`, {})).status).toBe(409);
  });

  it('discard keeps the mail as ignored with who discarded it; templates have their built-in text', async () => {
    const r = await inboundService.receive(env().ctx, mail(['From: not an address', 'Subject: spam', `Message-ID: <q-spam-${env().dialect}@example.vn>`], 'buy now'));
    expect(r.status).toBe('quarantined');
    const discarded = await admin.post(`/tickets-inbound/${r.id}/discard`, {});
    expect(discarded.status).toBe(200);
    expect(discarded.body.status).toBe('ignored');
    expect(discarded.body.reason).toMatch(/^discarded by /);
    expect((await admin.post(`/tickets-inbound/${r.id}/discard`, {})).status).toBe(409);
    expect((await admin.post('/tickets-inbound/nope/discard', {})).status).toBe(404);

    const defaults = await admin.get('/ticket-mail-templates/defaults');
    expect(defaults.body.vi.subject).toContain('{{subject}}');
    expect(defaults.body.placeholders).toEqual(['{{number}}', '{{subject}}', '{{name}}']);

    const agent = client(env(), (await actor(env(), { permissions: { tickets: { actions: ['read', 'create', 'update'], scope: 'all' } } })).headers);
    expect((await agent.post(`/tickets-inbound/${r.id}/discard`, {})).status).toBe(403);
  });
});
