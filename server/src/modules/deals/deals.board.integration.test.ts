import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { actor, client, q, createDeal, put, salesPipeline, vnd } from './deals.test-helpers.js';

interface Column { stage: { id: string; name: string }; count: number; totals: { currency: string; sum: number; weighted: number }[]; cards: { id: string; name: string; rotting: boolean; noNextStep: boolean; nextStepAt: string | null; company: { title: string } | null; ownerName: string | null }[]; nextCursor: string | null }

describeEachDialect('deals: board, line items and contacts', (env) => {
  it('sums counts, amounts and weighted amounts per stage and currency as computed by hand, within the caller scope', async () => {
    const adminActor = await actor(env(), { admin: true });
    const admin = client(env(), adminActor.headers);
    const sellerActor = await actor(env(), { permissions: { deals: { actions: ['read', 'create', 'update'], scope: 'own' } } });
    const seller = client(env(), sellerActor.headers);
    const { pipeline, stage } = await salesPipeline(admin);
    // Admin's deals: Prospect 10 % (3 000 000 + 7 000 000 VND, one without amount), Proposal 50 % (4 000 000 VND + 100 USD).
    await createDeal(admin, { name: 'A', amount: vnd(3_000_000) });
    await createDeal(admin, { name: 'B', amount: vnd(7_000_000) });
    await createDeal(admin, { name: 'C' });
    await createDeal(admin, { name: 'D', amount: vnd(4_000_000), stage: stage.Proposal });
    await createDeal(admin, { name: 'E', amount: { amount: 10_000, currency: 'USD' }, stage: stage.Proposal });
    // The seller's own deal: Negotiation 75 % of 1 000 001 VND.
    await createDeal(seller, { name: 'S', amount: vnd(1_000_001), close_date: '2027-03-01', stage: stage.Negotiation });

    const all = await admin.get(`/deals/board?pipeline=${pipeline.id}`);
    expect(all.status).toBe(200);
    const col = (b: { columns: Column[] }, name: string) => b.columns.find((c) => c.stage.name === name)!;
    expect(all.body.columns).toHaveLength(9);
    expect(col(all.body, 'Prospect')).toMatchObject({ count: 3, totals: [{ currency: 'VND', sum: 10_000_000, weighted: 1_000_000 }] });
    const proposal = col(all.body, 'Proposal');
    expect(proposal.count).toBe(2);
    expect(proposal.totals.sort((a, b) => a.currency.localeCompare(b.currency))).toEqual([{ currency: 'USD', sum: 10_000, weighted: 5_000 }, { currency: 'VND', sum: 4_000_000, weighted: 2_000_000 }]);
    expect(col(all.body, 'Negotiation')).toMatchObject({ count: 1, totals: [{ currency: 'VND', sum: 1_000_001, weighted: 750_001 }] });
    expect(col(all.body, 'Won')).toMatchObject({ count: 0, totals: [], cards: [] });
    expect(all.body.totals.sort((a: { currency: string }, b: { currency: string }) => a.currency.localeCompare(b.currency)))
      .toEqual([{ currency: 'USD', sum: 10_000, weighted: 5_000 }, { currency: 'VND', sum: 15_000_001, weighted: 3_750_001 }]);

    // Scoped like the list: the seller sees only their deal, in counts and sums too.
    const mine = await seller.get(`/deals/board?pipeline=${pipeline.id}`);
    expect(mine.body.columns.reduce((n: number, c: Column) => n + c.count, 0)).toBe(1);
    expect(col(mine.body, 'Negotiation').cards.map((c) => c.name)).toEqual(['S']);
    expect(mine.body.totals).toEqual([{ currency: 'VND', sum: 1_000_001, weighted: 750_001 }]);
    // Filters and search like the list; no pipeline → the default one.
    const filtered = await admin.get(`/deals/board?filter=${q([{ field: 'name', op: 'eq', value: 'B' }])}`);
    expect(col(filtered.body, 'Prospect')).toMatchObject({ count: 1, totals: [{ currency: 'VND', sum: 7_000_000, weighted: 700_000 }] });
    expect(col((await admin.get('/deals/board?q=S')).body, 'Negotiation').count).toBe(1);

    expect((await admin.get('/deals/board?pipeline=nope')).body.error.fields[0].path).toBe('pipeline');
    const other = await admin.post('/pipelines', { name: 'Other', stages: [{ name: 'X', probability: 5 }] });
    expect((await admin.get(`/deals/board?pipeline=${pipeline.id}&stage=${other.body.stages[0].id}`)).body.error.fields[0].path).toBe('stage');
    expect((await seller.get('/deals/board?filter=oops')).status).toBe(400);
  });

  it('cards show rotting, next step, company and owner; one column pages with a cursor', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const { pipeline, stage } = await salesPipeline(admin);
    const company = await admin.post('/companies', { name: 'Lotus Hotels' });
    expect(company.status).toBe(201);
    const fresh = await createDeal(admin, { name: 'Fresh', stage: stage.Qualified, company: company.body.id });
    const old = await createDeal(admin, { name: 'Old', stage: stage.Qualified });
    await sql`update deals set stage_entered_at = ${new Date(Date.now() - 20 * 86_400_000).toISOString()} where id = ${old.id}`.execute(env().database.db);
    const prospect = await createDeal(admin, { name: 'With task' });
    const board = (await admin.get(`/deals/board?pipeline=${pipeline.id}`)).body as { columns: Column[] };
    const qualified = board.columns.find((c) => c.stage.id === stage.Qualified)!;
    const card = (id: string) => board.columns.flatMap((c) => c.cards).find((c) => c.id === id)!;
    expect(qualified.cards.map((c) => c.name)).toEqual(['Old', 'Fresh']);
    expect(card(old.id)).toMatchObject({ rotting: true, noNextStep: true, nextStepAt: null });
    expect(card(fresh.id)).toMatchObject({ rotting: false, noNextStep: true, company: { title: 'Lotus Hotels' }, ownerName: 'Test User' });
    // Prospect's template task is the next step.
    expect(card(prospect.id).noNextStep).toBe(false);
    expect(card(prospect.id).nextStepAt).toMatch(/^\d{4}-/);

    for (let i = 0; i < 3; i++) await createDeal(admin, { name: `Q${i}`, stage: stage.Qualified });
    const first = await admin.get(`/deals/board?pipeline=${pipeline.id}&limit=2`);
    const col = first.body.columns.find((c: Column) => c.stage.id === stage.Qualified) as Column;
    expect(col.count).toBe(5);
    expect(col.cards.map((c) => c.name)).toEqual(['Q2', 'Q1']);
    const seen = [...col.cards.map((c) => c.name)];
    let cursor = col.nextCursor;
    while (cursor) {
      const more = await admin.get(`/deals/board?pipeline=${pipeline.id}&stage=${stage.Qualified}&limit=2&cursor=${encodeURIComponent(cursor)}`);
      expect(more.status, JSON.stringify(more.body)).toBe(200);
      expect(more.body.columns).toHaveLength(1);
      seen.push(...more.body.columns[0].cards.map((c: { name: string }) => c.name));
      cursor = more.body.columns[0].nextCursor;
    }
    expect(seen).toEqual(['Q2', 'Q1', 'Q0', 'Old', 'Fresh']);
    // A cursor of another column is refused.
    expect((await admin.get(`/deals/board?pipeline=${pipeline.id}&stage=${stage.Prospect}&limit=2&cursor=${encodeURIComponent(col.nextCursor!)}`)).status).toBe(400);
  });

  it('line items total in integer minor units and may set the amount; contacts carry roles; bad input names the field', async () => {
    const a = await actor(env(), { admin: true });
    const admin = client(env(), a.headers);
    const deal = await createDeal(admin, { name: 'Fit-out' });
    const items = [
      { description: 'Chairs', quantity: 3, unitPrice: 1_500_000, discountPercent: 10 },
      { description: 'Desk', quantity: 1, unitPrice: 999_999 },
      { description: 'Cable', quantity: 2.5, unitPrice: 3, discountPercent: 0 },
    ];
    const res = await put(env(), a.headers, `/deals/${deal.id}/line-items`, { items, setAmount: true });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // 3 × 1 500 000 × 90 % = 4 050 000; 999 999; 2.5 × 3 = 7.5 → 8.
    expect(res.body.items.map((i: { total: number }) => i.total)).toEqual([4_050_000, 999_999, 8]);
    expect(res.body).toMatchObject({ total: 5_050_007, currency: 'VND' });
    expect((await admin.get(`/deals/${deal.id}`)).body.values.amount).toEqual(vnd(5_050_007));
    expect((await admin.get(`/deals/${deal.id}/line-items`)).body.items).toHaveLength(3);
    const bad = async (body: unknown, path: string) => {
      const r = await put(env(), a.headers, `/deals/${deal.id}/line-items`, body);
      expect(r.status).toBe(400);
      expect(r.body.error.fields.map((f: { path: string }) => f.path)).toContain(path);
    };
    await bad({ items: [{ description: 'x', quantity: 0, unitPrice: 1 }] }, 'items.0.quantity');
    await bad({ items: [{ description: 'x', quantity: 1, unitPrice: -1 }] }, 'items.0.unitPrice');
    await bad({ items: [{ description: 'x', quantity: 1, unitPrice: 1.5 }] }, 'items.0.unitPrice');
    await bad({ items: [{ description: 'x', quantity: 1, unitPrice: 1, discountPercent: 101 }] }, 'items.0.discountPercent');
    expect((await put(env(), a.headers, `/deals/${deal.id}/line-items`, { items: [] }, { 'If-Match': '"1"' })).status).toBe(412);

    const contact = await admin.post('/contacts', { givenName: 'An', familyName: 'Nguyễn' });
    expect(contact.status, contact.text).toBe(201);
    const set = await put(env(), a.headers, `/deals/${deal.id}/contacts`, { contacts: [{ contactId: contact.body.id, role: 'Decision maker' }] });
    expect(set.status).toBe(200);
    expect(set.body.data).toEqual([{ contactId: contact.body.id, name: expect.stringContaining('An'), role: 'Decision maker' }]);
    const unknown = await put(env(), a.headers, `/deals/${deal.id}/contacts`, { contacts: [{ contactId: 'nope' }] });
    expect(unknown.body.error.fields[0].path).toBe('contacts.0.contactId');
    const twice = await put(env(), a.headers, `/deals/${deal.id}/contacts`, { contacts: [{ contactId: contact.body.id }, { contactId: contact.body.id }] });
    expect(twice.body.error.fields[0].path).toBe('contacts.1.contactId');

    // Another user without the deal in scope sees neither.
    const other = await actor(env(), { permissions: { deals: { actions: ['read', 'update'], scope: 'own' } } });
    expect((await client(env(), other.headers).get(`/deals/${deal.id}/line-items`)).status).toBe(404);
    expect((await put(env(), other.headers, `/deals/${deal.id}/contacts`, { contacts: [] })).status).toBe(404);
  });
});
