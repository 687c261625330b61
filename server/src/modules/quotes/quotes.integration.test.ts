import { expect, it } from 'vitest';
import { pdfText } from '../../platform/documents/documents.test-helpers.js';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { startSmtpSink } from '../../platform/testing/smtp-sink.js';
import { expireQuotes } from './quotes.expire.js';
import { actor, client, customer, dealWithLines, put } from './quotes.test-helpers.js';

const rep = { quotes: { actions: ['read', 'create', 'update'], scope: 'all' }, deals: { actions: ['read', 'create', 'update'], scope: 'all' }, contacts: { actions: ['read', 'create'], scope: 'all' }, companies: { actions: ['read', 'create'], scope: 'all' } } as const;
const manager = { quotes: { actions: ['read', 'create', 'update', 'manage'], scope: 'all' } } as const;
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

describeEachDialect('quotes: lines and totals, approval, PDF, send, public link, versions', (env) => {
  it('creates a quote from a deal, prices its lines exactly, names bad input and needs approval above the threshold', async () => {
    const me = await actor(env(), { permissions: rep as never });
    const c = client(env(), me.headers);
    const who = await customer(c);
    const deal = await dealWithLines(env(), me.headers, who);

    // The definition passes the wire schema (the web app's pages read it).
    expect((await c.get('/record-types/quotes')).status).toBe(200);
    const made = await c.post('/quotes/from-deal', { dealId: deal.id, language: 'vi' });
    expect(made.status).toBe(201);
    const quote = (await c.get(`/quotes/${made.body.id}`)).body;
    expect(quote.values).toMatchObject({ status: 'draft', revision: 1, title: 'Lắp máy lọc nước văn phòng', company: who.companyId, contact: who.contactId, currency: 'VND', approval: 'not_needed' });
    expect(quote.values.number).toMatch(/^Q-\d{4}-\d{4}$/);
    // 2 × 4,500,000 − 10 % = 8,100,000; + 300,000.
    expect(quote.values.total).toEqual({ amount: 8_400_000, currency: 'VND' });
    const copied = (await c.get(`/quotes/${made.body.id}/lines`)).body;
    expect(copied.items.map((i: { description: string }) => i.description)).toEqual(['Máy lọc nước RO Kangaroo', 'Công lắp đặt']);
    expect(copied.words.vi).toBe('Tám triệu bốn trăm nghìn đồng');

    // Hand-computed: 3 × 333,333 = 999,999 − 10 % (100,000) = 899,999, VAT 8 % = 72,000; 0.125 × 12,345 = 1,543, VAT 5 % = 77.
    const lines = await put(env(), me.headers, `/quotes/${made.body.id}/lines`, { items: [
      { description: 'Lõi lọc thay thế', quantity: 3, unitPrice: 333_333, discountPercent: 10, taxRate: 8 },
      { description: 'Giờ tư vấn', unit: 'giờ', quantity: 0.125, unitPrice: 12_345, taxRate: 5 },
    ] });
    expect(lines.status).toBe(200);
    expect(lines.body.totals).toEqual({ currency: 'VND', subtotal: 1_001_542, discount: 100_000, net: 901_542, tax: 72_077, total: 973_619,
      taxes: [{ rate: 5, base: 1_543, tax: 77 }, { rate: 8, base: 899_999, tax: 72_000 }] });
    expect((await c.get(`/quotes/${made.body.id}`)).body.values.total).toEqual({ amount: 973_619, currency: 'VND' });

    for (const [item, path] of [
      [{ description: 'x', quantity: -1, unitPrice: 100 }, 'items.0.quantity'],
      [{ description: 'x', quantity: 1, unitPrice: 1.5 }, 'items.0.unitPrice'],
      [{ description: 'x', quantity: 1, unitPrice: 100, discountPercent: 5, discountAmount: 5 }, 'items.0.discountAmount'],
      [{ description: 'x', quantity: 1, unitPrice: 100, productId: 'nope' }, 'items.0.productId'],
    ] as const) {
      const bad = await put(env(), me.headers, `/quotes/${made.body.id}/lines`, { items: [item] });
      expect(bad.status, path).toBe(400);
      expect(bad.body.error.fields[0].path).toBe(path);
    }
    // Nothing was written by the refused calls.
    expect((await c.get(`/quotes/${made.body.id}/lines`)).body.items).toHaveLength(2);

    // 25 % off is above the 20 % threshold: pending approval, cannot be sent, a rep cannot approve, a manager can.
    const big = await put(env(), me.headers, `/quotes/${made.body.id}/lines`, { items: [{ description: 'Máy lọc', quantity: 1, unitPrice: 1_000_000, discountPercent: 25, taxRate: 10 }] });
    expect(big.body).toMatchObject({ status: 'pending_approval', approval: 'pending', approvalThreshold: 20 });
    const refused = await c.post(`/quotes/${made.body.id}/send`, { to: 'x@example.vn' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.fields[0].path).toBe('approval');
    expect((await c.post(`/quotes/${made.body.id}/approve`, {})).status).toBe(403);
    const boss = client(env(), (await actor(env(), { permissions: manager as never })).headers);
    expect((await boss.post(`/quotes/${made.body.id}/approve`, {})).status).toBe(200);
    expect((await c.get(`/quotes/${made.body.id}`)).body.values).toMatchObject({ status: 'draft', approval: 'approved' });
  });

  it('renders the PDF, sends it by email with a one-time link the customer accepts once; revises a sent quote into version 2', async () => {
    const sink = await startSmtpSink();
    env().config.smtpUrl = sink.url;
    try {
      const me = await actor(env(), { permissions: rep as never });
      const c = client(env(), me.headers);
      const who = await customer(c, 'khach@example.vn');
      const deal = await dealWithLines(env(), me.headers, who);
      const id = (await c.post('/quotes/from-deal', { dealId: deal.id, language: 'vi', validUntil: inDays(10) })).body.id as string;

      const res = await env().app.inject({ method: 'GET', url: `/api/v1/quotes/${id}/pdf`, headers: me.headers });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('application/pdf');
      const { text } = await pdfText(res.rawPayload);
      expect(text).toContain('BÁO GIÁ');
      expect(text).toContain('Máy lọc nước RO Kangaroo');
      expect(text).toContain('Tám triệu bốn trăm nghìn đồng');
      expect(text).toContain('Công ty TNHH Ánh Dương');
      const en = await pdfText((await env().app.inject({ method: 'GET', url: `/api/v1/quotes/${id}/pdf?lang=en`, headers: me.headers })).rawPayload);
      expect(en.text).toContain('Eight million four hundred thousand dong');

      const sent = await c.post(`/quotes/${id}/send`, {});
      expect(sent.status).toBe(200);
      expect(sent.body).toMatchObject({ status: 'sent', sentTo: 'khach@example.vn' });
      const [mail] = await sink.waitFor(1);
      expect(mail!.subject).toContain('Báo giá Q-');
      expect(mail!.attachments[0]!.contentType).toBe('application/pdf');
      expect((await pdfText(mail!.attachments[0]!.content)).text).toContain('Máy lọc nước RO Kangaroo');
      const token = /\/q\/([A-Za-z0-9_-]+)/.exec(mail!.text ?? '')![1]!;
      expect(sent.body.link).toContain(token);
      // Only the hash is stored.
      const stored = await env().database.db.selectFrom('quote_links').select('token_hash').where('quote_id', '=', id).execute();
      expect(stored).toHaveLength(1);
      expect(stored[0]!.token_hash).not.toContain(token);

      // A sent quote is read-only.
      expect((await put(env(), me.headers, `/quotes/${id}/lines`, { items: [] })).status).toBe(409);
      expect((await c.patch(`/quotes/${id}`, { values: { notes: 'đổi' } })).status).toBe(409);

      const pub = client(env(), {});
      const view = await pub.get(`/public/quotes/${token}`);
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({ canAnswer: true, status: 'sent', customer: { name: 'Công ty TNHH Ánh Dương' }, words: { vi: 'Tám triệu bốn trăm nghìn đồng' } });
      expect((await pub.post(`/public/quotes/${token}/accept`, { name: '' })).status).toBe(400);
      const accepted = await pub.post(`/public/quotes/${token}/accept`, { name: 'Nguyễn Thị Hương' });
      expect(accepted.status).toBe(200);
      expect((await pub.post(`/public/quotes/${token}/accept`, { name: 'Nguyễn Thị Hương' })).status).toBe(410);
      expect((await pub.post(`/public/quotes/${token}/decline`, { name: 'Ai đó' })).status).toBe(410);
      const after = (await c.get(`/quotes/${id}`)).body.values;
      expect(after).toMatchObject({ status: 'accepted', decided_by_name: 'Nguyễn Thị Hương' });
      expect(after.decided_ip).toBeTruthy();
      expect(after.decided_at).toBeTruthy();
      expect((await pub.get(`/public/quotes/${token}`)).body.canAnswer).toBe(false);

      // Revise another sent quote: the sent one stays (revised, link dead); version 2 has the same number and lines.
      const id2 = (await c.post('/quotes/from-deal', { dealId: deal.id, validUntil: inDays(5) })).body.id as string;
      const sent2 = await c.post(`/quotes/${id2}/send`, { to: 'khach@example.vn', lang: 'en' });
      expect(sent2.status).toBe(200);
      const token2 = sent2.body.link.split('/q/')[1] as string;
      const revised = await c.post(`/quotes/${id2}/revise`, {});
      expect(revised.status).toBe(201);
      const v1 = (await c.get(`/quotes/${id2}`)).body.values;
      const v2 = (await c.get(`/quotes/${revised.body.id}`)).body.values;
      expect(v1.status).toBe('revised');
      expect(v2).toMatchObject({ number: v1.number, revision: 2, status: 'draft', previous: id2, total: v1.total });
      expect((await pub.post(`/public/quotes/${token2}/accept`, { name: 'X' })).status).toBe(410);
      expect((await c.post(`/quotes/${id2}/revise`, {})).status).toBe(409);

      // An expired quote cannot be accepted: 422 naming validUntil; the daily sweep marks it expired.
      const id3 = (await c.post('/quotes/from-deal', { dealId: deal.id, validUntil: inDays(1) })).body.id as string;
      const token3 = (await c.post(`/quotes/${id3}/send`, {})).body.link.split('/q/')[1] as string;
      await env().database.db.updateTable('quotes' as never).set({ valid_until: inDays(-1) } as never).where('id' as never, '=', id3 as never).execute();
      const late = await pub.post(`/public/quotes/${token3}/accept`, { name: 'Trễ hạn' });
      expect(late.status).toBe(422);
      expect(late.body.error.fields[0].path).toBe('validUntil');
      expect(await expireQuotes(env().database.db)).toBeGreaterThanOrEqual(1);
      expect((await c.get(`/quotes/${id3}`)).body.values.status).toBe('expired');
    } finally {
      env().config.smtpUrl = undefined;
      await sink.close();
    }
  });
});
