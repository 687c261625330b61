import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { startSmtpSink, type SmtpSink } from '../../platform/testing/smtp-sink.js';
import { actor, client, customer } from './orders.test-helpers.js';

let sink: SmtpSink;
beforeAll(async () => { sink = await startSmtpSink(); });
afterAll(async () => { await sink.close(); });

describeEachDialect('orders: from an accepted quote', (env) => {
  it('a sent quote is refused; once the customer accepts through the link, the order takes its lines; once', async () => {
    env().config.smtpUrl = sink.url;
    const a = await actor(env(), { admin: true });
    const c = client(env(), a.headers);
    const who = await customer(c, 'Quote');
    const quote = await c.post('/quotes', { values: { title: 'Máy lọc nước cho văn phòng', company: who.companyId, contact: who.contactId, currency: 'VND', valid_until: '2099-12-31' } });
    expect(quote.status).toBe(201);
    expect((await c.put(`/quotes/${quote.body.id}/lines`, { items: [{ description: 'Máy lọc nước RO', quantity: 2, unitPrice: 4_500_000, discountPercent: 10, taxRate: 10 }] })).status, 'lines').toBe(200);
    const sent = await c.post(`/quotes/${quote.body.id}/send`, {});
    expect(sent.status, sent.text).toBe(200);
    const refused = await c.post(`/quotes/${quote.body.id}/order`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.fields[0].path).toBe('values.status');
    const token = /\/q\/([A-Za-z0-9_-]+)/.exec(String(sent.body.link))![1]!;
    const accepted = await env().app.inject({ method: 'POST', url: `/api/v1/public/quotes/${token}/accept`, payload: { name: 'Trần Minh' } });
    expect(accepted.statusCode).toBe(200);
    const order = await c.post(`/quotes/${quote.body.id}/order`, {});
    expect(order.status).toBe(201);
    expect(order.body.values).toMatchObject({ quote: quote.body.id, company: who.companyId, status: 'confirmed', total: { amount: 8_910_000, currency: 'VND' } });
    expect((await c.get(`/orders/${order.body.id}/lines`)).body.lines).toEqual([expect.objectContaining({ description: 'Máy lọc nước RO', quantity: 2, net: 8_100_000 })]);
    expect((await c.post(`/quotes/${quote.body.id}/order`, {})).body.error.fields[0].path).toBe('quote');
  });
});
