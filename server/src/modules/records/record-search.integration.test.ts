/**
 * The engine's cross-object search behind the command palette (issue 13: deals, leads, tasks and custom objects in one
 * request, each caller's scope applied) and `GET /record-search/refs`, which the home's recent records ask instead of
 * one GET per record (issue 14 item 8: a record deleted meanwhile is left out, not a 404 in the console).
 */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { actor, client, vehicleInput } from './records.test-helpers.js';

describeEachDialect('records: global search and record refs', (env) => {
  it('one search finds deals, leads, tasks and custom objects; a sales rep finds only what their scope shows', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    expect((await admin.post('/record-types', vehicleInput())).status).toBe(201);
    const deal = await admin.post('/deals', { values: { name: 'Quasar fleet renewal' } });
    const lead = await admin.post('/leads', { values: { name: 'Quasar Trần' } });
    const task = await admin.post('/tasks', { values: { title: 'Call Quasar about the fleet' } });
    const car = await admin.post('/objects/vehicles', { values: { name: 'Quasar Đông Á' } });
    for (const r of [deal, lead, task, car]) expect(r.status, JSON.stringify(r.body)).toBe(201);

    const found = (await admin.get('/record-search?q=QUASAR')).body.data as { object: string; id: string; title: string }[];
    expect(found).toEqual(expect.arrayContaining([
      { object: 'deals', id: deal.body.id, title: 'Quasar fleet renewal' },
      { object: 'leads', id: lead.body.id, title: 'Quasar Trần' },
      { object: 'tasks', id: task.body.id, title: 'Call Quasar about the fleet' },
      { object: 'vehicles', id: car.body.id, title: 'Quasar Đông Á' },
    ]));
    expect(found).toHaveLength(4);
    // Accents ignored: "dong a" finds "Đông Á".
    expect((await admin.get('/record-search?q=quasar%20dong%20a')).body.data).toEqual([{ object: 'vehicles', id: car.body.id, title: 'Quasar Đông Á' }]);

    // A rep who may read their own deals and nothing else: the admin's records stay hidden, their own deal is found.
    const rep = client(env(), (await actor(env(), { permissions: { deals: { actions: ['read', 'create'], scope: 'own' } } })).headers);
    const mine = await rep.post('/deals', { values: { name: 'Quasar small order' } });
    expect(mine.status).toBe(201);
    expect((await rep.get('/record-search?q=quasar')).body.data).toEqual([{ object: 'deals', id: mine.body.id, title: 'Quasar small order' }]);
  });

  it('record refs: titles of the visible live records asked for; deleted, hidden and unknown ones left out; bad refs a 400 naming refs', async () => {
    const admin = client(env(), (await actor(env(), { admin: true })).headers);
    const contact = await admin.post('/contacts', { givenName: 'Henry', familyName: 'Walker' });
    const company = await admin.post('/companies', { name: 'Sao Mai Trading' });
    const deal = await admin.post('/deals', { values: { name: 'Renewal 2027' } });
    const gone = await admin.post('/deals', { values: { name: 'Gone deal' } });
    for (const r of [contact, company, deal, gone]) expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((await admin.del(`/deals/${gone.body.id}`)).status).toBe(204);

    const refs = [`contacts:${contact.body.id}`, `companies:${company.body.id}`, `deals:${deal.body.id}`, `deals:${gone.body.id}`, `no_such_object:${deal.body.id}`];
    const res = await admin.get(`/record-search/refs?refs=${refs.join(',')}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(expect.arrayContaining([
      { object: 'contacts', id: contact.body.id, title: 'Henry Walker', label: { en: 'Contact', vi: 'Liên hệ' } },
      { object: 'companies', id: company.body.id, title: 'Sao Mai Trading', label: { en: 'Company', vi: 'Công ty' } },
      { object: 'deals', id: deal.body.id, title: 'Renewal 2027', label: { en: 'Deal', vi: 'Cơ hội' } },
    ]));
    expect(res.body.data).toHaveLength(3);

    // A rep with their own contacts only: the admin's contact is left out, the deal too (no grant on deals).
    const rep = client(env(), (await actor(env(), { permissions: { contacts: { actions: ['read'], scope: 'own' } } })).headers);
    expect((await rep.get(`/record-search/refs?refs=contacts:${contact.body.id},deals:${deal.body.id}`)).body.data).toEqual([]);

    for (const bad of ['contacts', 'contacts:short', `Contacts:${contact.body.id}`, Array.from({ length: 21 }, () => `deals:${deal.body.id}`).join(',')]) {
      const r = await admin.get(`/record-search/refs?refs=${encodeURIComponent(bad)}`);
      expect(r.status, bad).toBe(400);
      expect(r.body.error.fields[0].path).toBe('refs');
    }
  });
});
