import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { loadRecordsDemo } from './records.demo.js';
import { actor, client } from './records.test-helpers.js';

describeEachDialect('records demo', (env) => {
  it('kith demo adds Vehicles with 12 records once, linked to contacts', async () => {
    const a = await actor(env(), { admin: true });
    const c = client(env(), a.headers);
    for (let i = 0; i < 3; i++) expect((await c.post('/contacts', { givenName: `Demo ${i}` })).status).toBe(201);
    expect(await loadRecordsDemo(env().ctx)).toBe('custom objects: Vehicles with 12 records (Settings › Objects)');
    const list = await c.get('/objects/vehicles?limit=200&include=owner_contact');
    expect(list.body.data).toHaveLength(12);
    expect(list.body.data.filter((r: { included: { owner_contact: unknown } }) => r.included.owner_contact !== null)).toHaveLength(3);
    expect(await loadRecordsDemo(env().ctx)).toBe('custom objects: none added, the database already has some');
  });
});
