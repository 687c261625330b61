import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
// eslint-disable-next-line no-restricted-imports -- the quotes module's factories (a customer, a deal with lines) are this suite's fixtures
import { actor, client, customer, dealWithLines } from '../quotes/quotes.test-helpers.js';
import { nextTerm, renewAutomaticContracts } from './contracts.jobs.js';
import { remindEndingContracts } from './contracts.service.js';

const grants = {
  quotes: { actions: ['read', 'create', 'update'], scope: 'all' }, contracts: { actions: ['read', 'create', 'update'], scope: 'all' },
  deals: { actions: ['read', 'create', 'update'], scope: 'all' }, contacts: { actions: ['read', 'create'], scope: 'all' }, companies: { actions: ['read', 'create'], scope: 'all' },
} as const;
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

describeEachDialect('contracts: from an accepted quote, files, reminders once, renewal, automatic renewal', (env) => {
  it('makes a contract from an accepted quote only, keeps its signed files, and renews it into a deal and a quote', async () => {
    const me = await actor(env(), { permissions: grants as never });
    const c = client(env(), me.headers);
    const who = await customer(c);
    const deal = await dealWithLines(env(), me.headers, who);
    const quoteId = (await c.post('/quotes/from-deal', { dealId: deal.id })).body.id as string;
    expect((await c.get('/record-types/contracts')).status).toBe(200);

    const early = await c.post(`/quotes/${quoteId}/contract`, {});
    expect(early.status).toBe(409);
    // The accept link is tested in the quotes suite; here the quote is accepted directly.
    await sql`update quotes set status = 'accepted' where id = ${quoteId}`.execute(env().database.db);
    const made = await c.post(`/quotes/${quoteId}/contract`, { startDate: '2027-01-01', renewal: 'automatic' });
    expect(made.status).toBe(201);
    const contract = (await c.get(`/contracts/${made.body.id}`)).body.values;
    expect(contract).toMatchObject({
      status: 'active', quote: quoteId, company: who.companyId, contact: who.contactId, deal: deal.id, start_date: '2027-01-01', end_date: '2028-01-01',
      value: { amount: 8_400_000, currency: 'VND' }, renewal: 'automatic',
    });
    const bad = await c.patch(`/contracts/${made.body.id}`, { values: { end_date: '2026-01-01' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('values.end_date');

    const pdf = Buffer.from('%PDF-1.4\n% signed\n%%EOF\n');
    const up = await c.post(`/contracts/${made.body.id}/files`, { filename: 'hop-dong-da-ky.pdf', contentType: 'application/pdf', data: pdf.toString('base64') });
    expect(up.status).toBe(201);
    const fake = await c.post(`/contracts/${made.body.id}/files`, { filename: 'x.pdf', contentType: 'application/pdf', data: Buffer.from('<script>').toString('base64') });
    expect(fake.status).toBe(415);
    expect(fake.body.error.fields[0].path).toBe('data');
    expect((await c.get(`/contracts/${made.body.id}/files`)).body.data).toEqual([expect.objectContaining({ filename: 'hop-dong-da-ky.pdf', size: pdf.length })]);
    const down = await env().app.inject({ method: 'GET', url: `/api/v1/contracts/${made.body.id}/files/${up.body.id}`, headers: me.headers });
    expect(down.rawPayload.equals(pdf)).toBe(true);
    expect(down.headers['content-disposition']).toContain('attachment');

    const renewed = await c.post(`/contracts/${made.body.id}/renew`, {});
    expect(renewed.status).toBe(201);
    const newDeal = (await c.get(`/deals/${renewed.body.dealId}`)).body.values;
    expect(newDeal).toMatchObject({ status: 'open', company: who.companyId, amount: { amount: 8_400_000, currency: 'VND' } });
    expect(newDeal.name).toContain('Lắp máy lọc nước văn phòng');
    const newQuote = (await c.get(`/quotes/${renewed.body.quoteId}`)).body.values;
    expect(newQuote).toMatchObject({ status: 'draft', deal: renewed.body.dealId, total: { amount: 8_400_000, currency: 'VND' } });
    expect((await c.get(`/contracts/${made.body.id}`)).body.values).toMatchObject({ status: 'renewed', renewal_deal: renewed.body.dealId });
    expect((await c.post(`/contracts/${made.body.id}/renew`, {})).status).toBe(409);
  });

  it('reminds the owner once before the end: a task through the tasks definition and a notification', async () => {
    const me = await actor(env(), { permissions: grants as never });
    const c = client(env(), me.headers);
    const ending = await c.post('/contracts', { values: { title: 'Bảo trì hệ thống lọc nước 2026', status: 'active', start_date: inDays(-355), end_date: inDays(10), reminder_days: 30 } });
    expect(ending.status).toBe(201);
    const later = await c.post('/contracts', { values: { title: 'Hợp đồng dài hạn', status: 'active', start_date: inDays(-10), end_date: inDays(100), reminder_days: 30 } });
    expect(later.status).toBe(201);
    const db = env().database.db;
    const first = await remindEndingContracts(db);
    expect(first).toBeGreaterThanOrEqual(1);
    expect(await remindEndingContracts(db)).toBe(0);
    const tasks = (await sql<{ title: string; assignee: string; source_key: string }>`select title, assignee, source_key from tasks where source_key like ${'contract-end:%'} and deleted_at is null`.execute(db)).rows;
    expect(tasks.filter((t) => t.source_key.startsWith(`contract-end:${ending.body.id}:`))).toEqual([expect.objectContaining({ assignee: me.id, title: expect.stringContaining('Bảo trì hệ thống lọc nước 2026') })]);
    expect(tasks.some((t) => t.source_key.includes(later.body.id))).toBe(false);
    const notes = (await sql<{ type: string }>`select type from notifications where user_id = ${me.id}`.execute(db)).rows;
    expect(notes.filter((n) => n.type === 'contract.ending')).toHaveLength(1);
  });

  it('extends an automatic contract at its end date by a term of the same length, exactly once under retries and two runners', async () => {
    expect(nextTerm('2026-01-01', '2026-12-31')).toEqual({ start: '2027-01-01', end: '2027-12-31' });
    const me = await actor(env(), { permissions: grants as never });
    const c = client(env(), me.headers);
    const create = (title: string, renewal: string, start: string, end: string) => c.post('/contracts', { values: { title, status: 'active', renewal, start_date: start, end_date: end } });
    const auto = await create('Bảo trì tự động', 'automatic', inDays(-99), inDays(0)); // a 100-day term ending today
    const manual = await create('Bảo trì thủ công', 'manual', inDays(-99), inDays(0));
    const later = await create('Chưa đến hạn', 'automatic', inDays(-10), inDays(5));
    expect([auto.status, manual.status, later.status]).toEqual([201, 201, 201]);
    const db = env().database.db;

    // Two runners at once, then a retry: one extension.
    const runs = await Promise.all([renewAutomaticContracts(db), renewAutomaticContracts(db)]);
    expect(await renewAutomaticContracts(db)).toBe(0);
    expect(runs[0]! + runs[1]!).toBeGreaterThanOrEqual(1);
    const got = (id: string) => c.get(`/contracts/${id}`).then((r) => r.body.values as Record<string, unknown>);
    expect(await got(auto.body.id)).toMatchObject({ status: 'active', start_date: inDays(1), end_date: inDays(100) });
    expect(await got(manual.body.id)).toMatchObject({ start_date: inDays(-99), end_date: inDays(0) });
    expect(await got(later.body.id)).toMatchObject({ end_date: inDays(5) });
    const renewedHere = (await sql<{ n: number }>`select count(*) as n from record_events where type_name = 'contracts' and record_id = ${auto.body.id} and actor_id = 'system-contract-renewals'`.execute(db)).rows;
    expect(Number(renewedHere[0]!.n)).toBe(1);
    const audit = (await sql<{ n: number }>`select count(*) as n from audit_log where entity_id = ${auto.body.id} and actor_id = 'system-contract-renewals'`.execute(db)).rows;
    expect(Number(audit[0]!.n)).toBe(1);
    const notes = (await sql<{ type: string; title: string }>`select type, title from notifications where user_id = ${me.id} and type = 'contract.renewed'`.execute(db)).rows;
    expect(notes).toEqual([expect.objectContaining({ title: expect.stringContaining(inDays(100)) })]);
    // The manual one still renews by hand into a deal.
    expect((await c.post(`/contracts/${manual.body.id}/renew`, {})).status).toBe(201);
  });
});
