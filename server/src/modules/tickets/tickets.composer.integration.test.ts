import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { startSmtpSink, type SmtpSink } from '../../platform/testing/smtp-sink.js';
import { actor, byRequester, client, submit } from './tickets.test-helpers.js';

let sink: SmtpSink;
beforeAll(async () => { sink = await startSmtpSink(); });
afterAll(async () => { await sink.close(); });

const b64 = (b: Buffer) => b.toString('base64');

describeEachDialect('tickets: composer attachments', (env) => {
  it("a reply's files leave as mail attachments and download from the thread; a note's are kept, never mailed; over the limit is a 413 naming the file", async () => {
    env().config.smtpUrl = sink.url;
    const agent = await actor(env(), { admin: true, name: 'Phạm Lan' });
    const api = client(env(), agent.headers);
    const drain = async () => { for (let i = 0; i < 10 && (await env().ctx.services.events.runOnce()) + (await env().ctx.services.jobs.runOnce()) > 0; i++); };
    expect((await submit(env(), { name: 'Vũ Nam', email: 'nam.composer@example.vn', subject: 'Cần hoá đơn', description: 'Gửi giúp hoá đơn', language: 'vi' })).status).toBe(201);
    const contact = (await api.get(`/contacts?q=${encodeURIComponent('nam.composer@example.vn')}`)).body.data[0];
    const ticket = (await api.get(byRequester(contact.id))).body.data[0];
    await drain();
    const toNam = () => sink.messages.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === 'nam.composer@example.vn');
    const before = toNam().length; // the acknowledgement

    const pdf = Buffer.from('%PDF-1.4 hoá đơn tháng 11');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const reply = await api.post(`/tickets/${ticket.id}/messages`, {
      kind: 'reply', body: 'Chào anh Nam, hoá đơn đính kèm.',
      attachments: [{ filename: 'hoá đơn 11.pdf', contentType: 'application/pdf', contentBase64: b64(pdf) }, { filename: 'ảnh.png', contentType: 'image/png', contentBase64: b64(png) }],
    });
    expect(reply.status).toBe(201);
    expect(reply.body.attachments.map((a: { filename: string; size: number }) => [a.filename, a.size])).toEqual([['hoá đơn 11.pdf', pdf.length], ['ảnh.png', png.length]]);
    await drain();
    const mails = await sink.waitFor(sink.messages.length - toNam().length + before + 1);
    const out = mails.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === 'nam.composer@example.vn').at(-1)!;
    expect(out.messageId).toBe(reply.body.messageId);
    expect(out.attachments.map((a) => [a.filename, a.contentType])).toEqual([['hoá đơn 11.pdf', 'application/pdf'], ['ảnh.png', 'image/png']]);
    expect(out.attachments[0]!.content.equals(pdf)).toBe(true);
    expect(out.attachments[1]!.content.equals(png)).toBe(true);
    expect((await api.get(`/tickets/${ticket.id}/messages`)).body.data.find((m: { id: string }) => m.id === reply.body.id).mailStatus).toBe('sent');

    // A note's file is kept on the thread and downloads, but nothing is mailed.
    const mailed = toNam().length;
    const note = await api.post(`/tickets/${ticket.id}/messages`, { kind: 'note', body: 'Bản nội bộ', attachments: [{ filename: 'nội bộ.txt', contentBase64: b64(Buffer.from('chỉ nội bộ')) }] });
    expect(note.status).toBe(201);
    await drain();
    expect(toNam()).toHaveLength(mailed);
    const thread = (await api.get(`/tickets/${ticket.id}/messages`)).body.data;
    const noteFile = thread.find((m: { id: string }) => m.id === note.body.id).attachments[0];
    const dl = await env().app.inject({ method: 'GET', url: noteFile.url, headers: agent.headers });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.toString()).toBe('chỉ nội bộ');
    expect(dl.headers['content-disposition']).toContain('attachment;');

    // Over the per-file limit (lowered here): 413 naming the file, nothing stored.
    const db = env().database.db;
    const now = new Date().toISOString();
    await db.insertInto('settings').values({ key: 'attachments.maxBytes', value: '16', updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: '16', updated_at: now })).execute();
    try {
      const big = await api.post(`/tickets/${ticket.id}/messages`, { kind: 'reply', body: 'x', attachments: [{ filename: 'a.txt', contentBase64: b64(Buffer.from('small')) }, { filename: 'big.bin', contentBase64: b64(Buffer.alloc(17)) }] });
      expect(big.status).toBe(413);
      expect(big.body.error.fields[0].path).toBe('attachments.1');
      expect((await api.get(`/tickets/${ticket.id}/messages`)).body.data).toHaveLength(thread.length);
    } finally {
      await db.deleteFrom('settings').where('key', '=', 'attachments.maxBytes').execute();
    }
    // More than 10 files: 400 naming attachments.
    const many = Array.from({ length: 11 }, (_, i) => ({ filename: `f${i}.txt`, contentBase64: b64(Buffer.from('x')) }));
    expect((await api.post(`/tickets/${ticket.id}/messages`, { kind: 'note', body: 'x', attachments: many })).body.error.fields[0].path).toBe('attachments');
  });
});
