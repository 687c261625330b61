import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { actor, client } from './tickets.test-helpers.js';

type Group = { object: string; field: string; records: { id: string }[] };
const ticketsOn = (groups: Group[], field: string) => groups.filter((g) => g.object === 'tickets' && g.field === field).flatMap((g) => g.records.map((r) => r.id));

describeEachDialect('tickets: links to deals and orders', (env) => {
  it('links a ticket to a deal and an order, lists it on their pages, unlinks it; refuses a missing or invisible target naming the field', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const deal = (await admin.post('/deals', { values: { name: 'Máy lọc nước' } })).body;
    const order = (await admin.post('/orders', { values: { subject: 'Đơn máy lọc' } })).body;
    expect(deal.id && order.id).toBeTruthy();
    const t = (await admin.post('/tickets', { values: { subject: 'Máy lọc rò nước', deal: deal.id } })).body;
    expect(t.values.deal).toBe(deal.id);

    const linked = await admin.patch(`/tickets/${t.id}`, { values: { order: order.id } });
    expect(linked.status).toBe(200);
    expect(linked.body.values).toMatchObject({ deal: deal.id, order: order.id });
    // The deal's and the order's pages: their related records list the ticket.
    expect(ticketsOn((await admin.get(`/objects/by-relation/deals/${deal.id}`)).body.data, 'deal')).toEqual([t.id]);
    expect(ticketsOn((await admin.get(`/objects/by-relation/orders/${order.id}`)).body.data, 'order')).toEqual([t.id]);
    // include names the linked records for the workspace.
    const withTitles = (await admin.get(`/tickets/${t.id}?include=deal,order`)).body;
    expect(JSON.stringify(withTitles)).toContain('Máy lọc nước');

    // Bad targets: 400 naming the field.
    expect((await admin.patch(`/tickets/${t.id}`, { values: { deal: 'nope' } })).body.error.fields[0].path).toBe('values.deal');
    expect((await admin.patch(`/tickets/${t.id}`, { values: { order: deal.id } })).body.error.fields[0].path).toBe('values.order');
    // A ticket agent who may not read orders cannot link one (an invisible record answers like a missing one).
    const agent = client(env(), (await actor(env(), { permissions: { tickets: { actions: ['read', 'create', 'update'], scope: 'all' } } })).headers);
    expect((await agent.patch(`/tickets/${t.id}`, { values: { order: order.id } })).body.error.fields[0].path).toBe('values.order');

    // Unlink.
    const unlinked = await admin.patch(`/tickets/${t.id}`, { values: { deal: null, order: null } });
    expect(unlinked.status).toBe(200);
    expect(unlinked.body.values.deal ?? null).toBeNull();
    expect(ticketsOn((await admin.get(`/objects/by-relation/deals/${deal.id}`)).body.data, 'deal')).toEqual([]);
    expect(ticketsOn((await admin.get(`/objects/by-relation/orders/${order.id}`)).body.data, 'order')).toEqual([]);
  });
});
