import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { createTeam } from '../../platform/testing/factories.js';
import { actor, client, grant, type Actor } from './contacts.test-helpers.js';

/**
 * Role × scope matrix. Two teams; team A has a sub-team A1. Each person owns one contact and one company
 * whose search text shares the marker "zorblax", so list and search can be compared with what each scope may see.
 */
describeEachDialect('visibility scopes', (env) => {
  const people: Record<string, Actor> = {};
  const contactOf: Record<string, string> = {};
  const companyOf: Record<string, string> = {};
  beforeAll(async () => {
    const db = env().database.db;
    const teamA = await createTeam(db);
    const teamA1 = await createTeam(db, { parentId: teamA.id });
    const teamB = await createTeam(db);
    people.ownA = await actor(env(), { permissions: grant('own'), teamId: teamA.id });
    people.teamA = await actor(env(), { permissions: grant('team'), teamId: teamA.id });
    people.a1 = await actor(env(), { permissions: grant('own'), teamId: teamA1.id });
    people.b = await actor(env(), { permissions: grant('own'), teamId: teamB.id });
    people.all = await actor(env(), { permissions: grant('all'), teamId: teamB.id });
    people.none = await actor(env(), { permissions: {}, teamId: teamA.id });
    for (const name of ['ownA', 'teamA', 'a1', 'b', 'all']) {
      const api = client(env(), people[name]!.headers);
      const c = await api.post('/contacts', { givenName: `Zorblax ${name}` });
      expect(c.status).toBe(201);
      contactOf[name] = c.body.id;
      companyOf[name] = (await api.post('/companies', { name: `Zorblax Co ${name}` })).body.id;
    }
  });

  // Who sees whose records: own → self; team (A, incl. sub-team A1) → A, A1 members' records; all → everyone.
  const visible: Record<string, string[]> = {
    ownA: ['ownA'],
    teamA: ['ownA', 'teamA', 'a1'],
    a1: ['a1'],
    b: ['b'],
    all: ['ownA', 'teamA', 'a1', 'b', 'all'],
  };
  const owners = ['ownA', 'teamA', 'a1', 'b', 'all'];

  it.each(Object.keys(visible))('%s: list and search return exactly the records in scope', async (who) => {
    const api = client(env(), people[who]!.headers);
    const expectIds = visible[who]!.map((o) => contactOf[o]).sort();
    const list = await api.get('/contacts?limit=200&q=zorblax');
    expect(list.body.data.map((r: { id: string }) => r.id).sort()).toEqual(expectIds);
    expect(list.body.total).toBe(expectIds.length);
    expect((await api.get('/contacts/count?q=zorblax')).body).toEqual({ total: expectIds.length, totalCapped: false });
    const companies = await api.get('/companies?limit=200&q=zorblax');
    expect(companies.body.data.map((r: { id: string }) => r.id).sort()).toEqual(visible[who]!.map((o) => companyOf[o]).sort());
    expect((await api.get('/companies/count?q=zorblax')).body).toEqual({ total: visible[who]!.length, totalCapped: false });
    const search = await api.get('/search?q=zorblax&limit=50');
    expect(search.body.data.filter((r: { type: string }) => r.type === 'contact').map((r: { id: string }) => r.id).sort()).toEqual(expectIds);
    const short = await api.get('/search?q=zo&limit=50');
    expect(short.body.data.filter((r: { type: string }) => r.type === 'contact').map((r: { id: string }) => r.id).sort()).toEqual(expectIds);
  });

  it.each(Object.keys(visible).flatMap((who) => owners.map((owner) => [who, owner] as const)))(
    '%s on the record of %s: get, update, delete succeed only in scope (404 otherwise)',
    async (who, owner) => {
      const api = client(env(), people[who]!.headers);
      const inScope = visible[who]!.includes(owner);
      const id = contactOf[owner]!;
      const get = await api.get(`/contacts/${id}`);
      expect(get.status).toBe(inScope ? 200 : 404);
      const upd = await api.patch(`/contacts/${id}`, { jobTitle: `set by ${who}` });
      expect(upd.status).toBe(inScope ? 200 : 404);
      const cget = await api.get(`/companies/${companyOf[owner]}`);
      expect(cget.status).toBe(inScope ? 200 : 404);
      expect((await api.patch(`/companies/${companyOf[owner]}`, { industry: who })).status).toBe(inScope ? 200 : 404);
      if (!inScope) {
        expect((await api.del(`/contacts/${id}`)).status).toBe(404);
        expect((await api.post('/contacts/bulk', { ids: [id], action: 'add_tag', value: 'x' })).status).toBe(404);
        const row = await env().database.db.selectFrom('contacts').select(['deleted_at', 'job_title']).where('id', '=', id).executeTakeFirstOrThrow();
        expect(row.deleted_at).toBeNull();
        expect(row.job_title).not.toBe(`set by ${who}`);
      }
    },
  );

  it('delete and restore respect scope', async () => {
    const api = client(env(), people.teamA!.headers);
    expect((await api.del(`/contacts/${contactOf.a1}`)).status).toBe(204);
    expect((await client(env(), people.b!.headers).post(`/contacts/${contactOf.a1}/restore`, {})).status).toBe(404);
    const bin = await client(env(), people.b!.headers).get('/contacts/deleted');
    expect(bin.body.data.map((r: { id: string }) => r.id)).not.toContain(contactOf.a1);
    expect((await api.get('/contacts/deleted')).body.data.map((r: { id: string }) => r.id)).toContain(contactOf.a1);
    expect((await api.post(`/contacts/${contactOf.a1}/restore`, {})).status).toBe(200);
  });

  it('a role without the module gets 403; search returns nothing', async () => {
    const api = client(env(), people.none!.headers);
    expect((await api.get('/contacts')).status).toBe(403);
    expect((await api.get(`/contacts/${contactOf.ownA}`)).status).toBe(403);
    expect((await api.post('/contacts', { givenName: 'x' })).status).toBe(403);
    expect((await api.get('/search?q=zorblax')).body.data).toEqual([]);
  });

  it('read-only roles cannot write', async () => {
    const ro = await actor(env(), { permissions: grant('all', ['read']) });
    const api = client(env(), ro.headers);
    expect((await api.get(`/contacts/${contactOf.b}`)).status).toBe(200);
    expect((await api.patch(`/contacts/${contactOf.b}`, { jobTitle: 'x' })).status).toBe(403);
    expect((await api.del(`/contacts/${contactOf.b}`)).status).toBe(403);
  });

  it('no write moves a record out of the writer scope', async () => {
    const own = client(env(), people.ownA!.headers);
    const res = await own.patch(`/contacts/${contactOf.ownA}`, { ownerId: people.b!.id });
    expect(res.status).toBe(403);
    expect(res.body.error.fields[0].path).toBe('ownerId');
    expect((await own.post('/contacts', { givenName: 'x', ownerId: people.b!.id })).status).toBe(403);
    // team scope may hand a record to a teammate in a sub-team
    const team = client(env(), people.teamA!.headers);
    expect((await team.patch(`/contacts/${contactOf.teamA}`, { ownerId: people.a1!.id })).status).toBe(200);
    expect((await team.patch(`/contacts/${contactOf.teamA}`, { ownerId: people.b!.id })).status).toBe(403);
  });
});
