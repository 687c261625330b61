import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { startSmtpSink, type SmtpSink } from '../../platform/testing/smtp-sink.js';
import { overdueSweep, REMINDER_JOB } from './invoices.jobs.js';
import { actor, client, customer, draft, issued, line, put } from './invoices.test-helpers.js';

let sink: SmtpSink;
beforeAll(async () => { sink = await startSmtpSink(); });
afterAll(async () => { await sink.close(); });

describeEachDialect('invoices: lines, issue, numbering, credit notes', (env) => {
  it('drafts burn no number; totals per line; issued invoices are locked; bad input names the field', async () => {
    const a = await actor(env(), { admin: true });
    const c = client(env(), a.headers);
    const who = await customer(c, 'Draft');
    const id = await draft(env(), c, a.headers, who, [line('Máy in', 3, 33_333, { discountPercent: 10, taxRate: 8 }), line('Giấy A4', 2, 55_000)]);
    const lines = (await c.get(`/invoices/${id}/lines`)).body;
    expect(lines.lines.map((l: { total: number }) => l.total)).toEqual([97_199, 121_000]); // 3 × 33,333 = 99,999 − 10 % (10,000) = 89,999; + 8 % (7,199.92 → 7,200)
    expect(lines).toMatchObject({ subtotal: 199_999, taxTotal: 18_200, total: 218_199, currency: 'VND' });
    const rec = (await c.get(`/invoices/${id}`)).body.values;
    expect(rec).toMatchObject({ status: 'draft', kind: 'invoice', total: { amount: 218_199, currency: 'VND' }, balance: { amount: 218_199, currency: 'VND' } });
    expect(rec.number ?? null).toBeNull();

    const bad = async (l: unknown) => (await put(env(), a.headers, `/invoices/${id}/lines`, { lines: [l] })).body.error.fields[0].path;
    expect(await bad(line('x', -1, 100))).toBe('lines.0.quantity');
    expect(await bad(line('x', 1, 100.5))).toBe('lines.0.unitPrice');
    expect((await c.patch(`/invoices/${id}`, { values: { status: 'paid' } })).body.error.fields[0].path).toBe('values.status');
    const empty = (await c.post('/invoices', { values: { subject: 'Empty', company: who.companyId } })).body.id;
    expect((await c.post(`/invoices/${empty}/issue`, {})).body.error.fields[0].path).toBe('lines');

    const out = await c.post(`/invoices/${id}/issue`, { issueDate: '2026-12-01' });
    expect(out.status).toBe(200);
    expect(out.body.values).toMatchObject({ status: expect.stringMatching(/issued|overdue/), issue_date: '2026-12-01', due_date: '2026-12-31' });
    expect(out.body.values.number).toMatch(/^INV-2026-\d{6}$/);
    expect((await c.post(`/invoices/${id}/issue`, {})).status).toBe(409);
    const locked = await c.patch(`/invoices/${id}`, { values: { payment_terms: 10 } });
    expect(locked.status).toBe(409);
    expect(locked.body.error.fields[0].path).toBe('values.payment_terms');
    expect((await c.patch(`/invoices/${id}`, { values: { notes: 'Giao tại kho' } })).status).toBe(200);
    expect((await put(env(), a.headers, `/invoices/${id}/lines`, { lines: [line('x', 1, 1)] })).status).toBe(409);
    expect((await c.del(`/invoices/${id}`)).status).toBe(409);
    expect((await c.del(`/invoices/${empty}`)).status).toBe(204);
  });

  it('20 concurrent issuers take numbers 1..20 of a series: unique and gapless', async () => {
    const a = await actor(env(), { admin: true });
    const c = client(env(), a.headers);
    const who = await customer(c, 'Series');
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await draft(env(), c, a.headers, who, [line(`Hàng ${i}`, 1, 1000 * (i + 1))]));
    // One issue fails after validation (a draft without lines) and must not burn a number.
    const noLines = (await c.post('/invoices', { values: { subject: 'no lines', company: who.companyId } })).body.id;
    const results = await Promise.all([...ids, noLines].map((id) => c.post(`/invoices/${id}/issue`, { issueDate: '2041-03-01' })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(20);
    const numbers = results.filter((r) => r.status === 200).map((r) => r.body.values.number as string).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `INV-2041-${String(i + 1).padStart(6, '0')}`));
  });

  it('payments allocate over several invoices; balances, statuses, void and over-allocation are refused naming the field', async () => {
    const a = await actor(env(), { admin: true });
    const c = client(env(), a.headers);
    const who = await customer(c, 'Pay');
    const one = await issued(env(), c, a.headers, who, [line('Bàn', 1, 1_000_000)]);
    const two = await issued(env(), c, a.headers, who, [line('Ghế', 2, 250_000)]);
    expect(one.values.total.amount).toBe(1_100_000);
    expect(two.values.total.amount).toBe(550_000);
    const pay = (body: Record<string, unknown>) => c.post('/payments/record', { method: 'bank_transfer', reference: 'VCB 123', currency: 'VND', companyId: who.companyId, ...body });

    const over = await pay({ amount: 2_000_000, allocations: [{ invoiceId: one.id, amount: 1_100_001 }] });
    expect(over.status).toBe(400);
    expect(over.body.error.fields[0].path).toBe('allocations.0.amount');
    const sum = await pay({ amount: 100, allocations: [{ invoiceId: one.id, amount: 60 }, { invoiceId: two.id, amount: 60 }] });
    expect(sum.body.error.fields[0].path).toBe('allocations');
    expect((await pay({ amount: 100, reference: undefined, allocations: [] })).body.error.fields[0].path).toBe('reference');
    expect((await pay({ amount: 100, currency: 'USD', allocations: [{ invoiceId: one.id, amount: 50 }] })).body.error.fields[0].path).toBe('allocations.0.invoiceId');

    const first = await pay({ amount: 1_500_000, allocations: [{ invoiceId: one.id, amount: 1_100_000 }, { invoiceId: two.id, amount: 300_000 }] });
    expect(first.status).toBe(201);
    expect(first.body.values.number).toMatch(/^PAY-\d{4}-\d{6}$/);
    expect(first.body.values).toMatchObject({ allocated: { amount: 1_400_000 }, unallocated: { amount: 100_000 } });
    expect((await c.get(`/invoices/${one.id}`)).body.values).toMatchObject({ status: 'paid', balance: { amount: 0 }, amount_paid: { amount: 1_100_000 } });
    expect((await c.get(`/invoices/${two.id}`)).body.values).toMatchObject({ status: 'partially_paid', balance: { amount: 250_000 } });
    expect((await c.get(`/invoices/${two.id}/allocations`)).body.data).toEqual([expect.objectContaining({ amount: 300_000, paymentNumber: first.body.values.number })]);
    // A paid invoice cannot be voided; a payment cannot drop below what it allocates.
    expect((await c.post(`/invoices/${one.id}/void`, {})).status).toBe(409);
    expect((await c.patch(`/payments/${first.body.id}`, { values: { amount: { amount: 1_000_000, currency: 'VND' } } })).body.error.fields[0].path).toBe('values.amount');

    const three = await issued(env(), c, a.headers, who, [line('Tủ', 1, 200_000)]);
    expect((await c.post(`/invoices/${three.id}/void`, {})).body.values.status).toBe('void');
    const toVoid = await pay({ amount: 10, allocations: [{ invoiceId: three.id, amount: 10 }] });
    expect(toVoid.status).toBe(400);
    expect(toVoid.body.error.fields[0]).toMatchObject({ path: 'allocations.0.invoiceId', message: expect.stringContaining('void') });

    // Deleting the payment gives the invoices their balance back.
    expect((await c.del(`/payments/${first.body.id}`)).status).toBe(204);
    expect((await c.get(`/invoices/${one.id}`)).body.values).toMatchObject({ status: 'issued', balance: { amount: 1_100_000 } });
  });

  it('a full credit note cancels the invoice exactly; a credit above the open balance is a 400', async () => {
    const a = await actor(env(), { admin: true });
    const c = client(env(), a.headers);
    const who = await customer(c, 'Credit');
    const inv = await issued(env(), c, a.headers, who, [line('Máy in', 3, 33_333, { discountPercent: 10, taxRate: 8 }), line('Mực', 7, 12_345, { discountAmount: 1_001, taxRate: 5 })]);
    const tooMuch = await c.post(`/invoices/${inv.id}/credit-note`, { lines: [line('x', 1, 10_000_000)] });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.fields[0].path).toBe('lines');
    const note = await c.post(`/invoices/${inv.id}/credit-note`, { reason: 'Trả hàng' });
    expect(note.status).toBe(201);
    expect(note.body.values).toMatchObject({ kind: 'credit_note', credit_for: inv.id, status: 'issued' });
    expect(note.body.values.number).toMatch(/^CN-\d{4}-\d{6}$/);
    expect(note.body.values.total.amount + inv.values.total.amount).toBe(0);
    const noteLines = (await c.get(`/invoices/${note.body.id}/lines`)).body;
    const invLines = (await c.get(`/invoices/${inv.id}/lines`)).body;
    expect(noteLines.lines.map((l: { total: number }) => -l.total)).toEqual(invLines.lines.map((l: { total: number }) => l.total));
    expect((await c.get(`/invoices/${inv.id}`)).body.values).toMatchObject({ status: 'credited', balance: { amount: 0 }, amount_credited: { amount: inv.values.total.amount } });
  });

  it('the daily sweep marks past-due invoices overdue and emails one reminder per step; the journal lists every document', async () => {
    env().config.smtpUrl = sink.url;
    const db = env().database.db;
    const a = await actor(env(), { admin: true });
    const c = client(env(), a.headers);
    const who = await customer(c, 'Late');
    const inv = await issued(env(), c, a.headers, who, [line('Dịch vụ', 1, 500_000)], '2026-01-02');
    await overdueSweep(env().ctx, '2026-02-10');
    await overdueSweep(env().ctx, '2026-02-10');
    expect((await c.get(`/invoices/${inv.id}`)).body.values.status).toBe('overdue');
    const jobs = await db.selectFrom('jobs').select('unique_key').where('name', '=', REMINDER_JOB).where('unique_key', 'like', `invoice-reminder:${inv.id}:%`).execute();
    expect(jobs.map((j) => j.unique_key)).toEqual([`invoice-reminder:${inv.id}:7`]);
    const before = sink.messages.length;
    await env().ctx.services.jobs.runOnce();
    const mails = await sink.waitFor(before + 1);
    expect(mails.some((m) => String(m.subject).includes(String(inv.values.number)))).toBe(true);

    const pay = await c.post('/payments/record', { method: 'cash', amount: 550_000, currency: 'VND', date: '2026-02-11', companyId: who.companyId, contactId: who.contactId, allocations: [{ invoiceId: inv.id, amount: 550_000 }] });
    expect(pay.status).toBe(201);
    expect((await c.get(`/invoices/${inv.id}`)).body.values.status).toBe('paid');
    const csv = await env().app.inject({ method: 'GET', url: '/api/v1/invoices/journal?from=2026-01-01&to=2026-02-28&format=csv', headers: a.headers });
    expect(csv.statusCode).toBe(200);
    const rows = csv.body.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(rows[0]).toBe('date,type,number,status,customer,currency,net,tax,total,due_date,method,reference,applies_to');
    expect(rows).toContain(`2026-01-02,invoice,${String(inv.values.number)},paid,Công ty Late,VND,500000,50000,550000,2026-02-01,,,`);
    expect(rows).toContain(`2026-02-11,payment,${String(pay.body.values.number)},received,Công ty Late,VND,550000,0,550000,,cash,,${String(inv.values.number)}`);
    const xlsx = await env().app.inject({ method: 'GET', url: '/api/v1/invoices/journal?from=2026-01-01&to=2026-02-28&format=xlsx', headers: a.headers });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await c.get('/invoices/journal?from=2026-02-01&to=2026-01-01')).body.error.fields[0].path).toBe('to');
  });
});

describeEachDialect('invoices: PDF', (env) => {
  it('renders an issued invoice with its Vietnamese lines and the amount in words; a draft is a 409', async () => {
    const { pdfText } = await import('../../platform/documents/documents.test-helpers.js');
    const a = await actor(env(), { admin: true });
    const c = client(env(), a.headers);
    const who = await customer(c, 'Pdf');
    const id = await draft(env(), c, a.headers, who, [line('Máy lọc nước Kangaroo', 1, 1_000_000, { taxRate: 10 }), line('Lõi lọc thay thế', 2, 50_000, { taxRate: 10 })]);
    expect((await env().app.inject({ method: 'GET', url: `/api/v1/invoices/${id}/pdf`, headers: a.headers })).statusCode).toBe(409);
    const inv = (await c.post(`/invoices/${id}/issue`, {})).body;
    const res = await env().app.inject({ method: 'GET', url: `/api/v1/invoices/${id}/pdf?lang=vi`, headers: a.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const { text } = await pdfText(res.rawPayload);
    expect(text).toContain('Máy lọc nước Kangaroo');
    expect(text).toContain(String(inv.values.number));
    expect(text).toContain('Một triệu hai trăm mười nghìn đồng');
  });
});
