import { expect, it } from 'vitest';
import { createRole, createUser, signIn } from '../../platform/testing/factories.js';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { actor, client, createDeal, put, salesPipeline, vnd } from './deals.test-helpers.js';

interface Item { id: string; type: string; title: string; link: string; data: { dealId: string; kind: string; stage: string } }

describeEachDialect('deals: on contact and company timelines', (env) => {
  it("shows each stage a company's or contact's deals entered, in the reader's language and deals scope", async () => {
    const adminActor = await actor(env(), { admin: true });
    const admin = client(env(), adminActor.headers);
    // A Vietnamese seller who sees only their own deals.
    const db = env().database.db;
    const role = await createRole(db, { permissions: { deals: { actions: ['read', 'create', 'update'], scope: 'own' }, contacts: { actions: ['read'], scope: 'all' }, companies: { actions: ['read'], scope: 'all' } } });
    const sellerUser = await createUser(db, { roleId: role.id, locale: 'vi' });
    const seller = { id: sellerUser.id, headers: await signIn(db, sellerUser) };
    const { stage } = await salesPipeline(admin);
    const company = (await admin.post('/companies', { name: 'Khách sạn Sen Vàng' })).body;
    const contact = (await admin.post('/contacts', { givenName: 'Hoa', familyName: 'Lê' })).body;
    const roleOnly = (await admin.post('/contacts', { givenName: 'Bình', familyName: 'Phạm' })).body;
    const deal = await createDeal(admin, { name: 'Rèm phòng họp', amount: vnd(80_000_000), company: company.id, contact: contact.id });
    await admin.patch(`/deals/${deal.id}`, { values: { stage: stage.Won } });
    await admin.patch(`/deals/${deal.id}`, { values: { stage: stage.Shipping } });
    expect((await put(env(), adminActor.headers, `/deals/${deal.id}/contacts`, { contacts: [{ contactId: roleOnly.id, role: 'Kế toán' }] })).status).toBe(200);
    // The seller's own deal on the same company.
    const theirs = await createDeal(client(env(), seller.headers), { name: 'Bàn ghế sảnh', company: company.id });

    const timeline = async (headers: Record<string, string>, path: string) => (await client(env(), headers).get(`${path}/timeline?types=deal`)).body.data as Item[];
    const onCompany = await timeline(adminActor.headers, `/companies/${company.id}`);
    expect(onCompany.map((i) => i.title)).toEqual([
      'Deal opened: Bàn ghế sảnh (Prospect)', 'Deal Rèm phòng họp moved to Shipping', 'Deal won: Rèm phòng họp (Won)', 'Deal opened: Rèm phòng họp (Prospect)',
    ]);
    expect(onCompany[1]).toMatchObject({ type: 'deal', link: `/deals/${deal.id}`, data: { dealId: deal.id, kind: 'moved', stage: 'Shipping', amount: vnd(80_000_000) } });
    // The contact's timeline: the primary contact's and a contact with a role see the deal; the seller's deal is not theirs.
    expect((await timeline(adminActor.headers, `/contacts/${contact.id}`)).map((i) => i.data.kind)).toEqual(['moved', 'won', 'opened']);
    expect(await timeline(adminActor.headers, `/contacts/${roleOnly.id}`)).toHaveLength(3);
    // An own-scope reader sees only their own deal's events, in Vietnamese.
    const mine = await timeline(seller.headers, `/companies/${company.id}`);
    expect(mine.map((i) => i.title)).toEqual(['Mở cơ hội: Bàn ghế sảnh (Tiềm năng)']);
    expect(mine[0]!.data).toMatchObject({ dealId: theirs.id, amount: null });
    // A deleted deal leaves the timeline.
    await admin.del(`/deals/${deal.id}`);
    expect(await timeline(adminActor.headers, `/contacts/${contact.id}`)).toEqual([]);
  });
});
