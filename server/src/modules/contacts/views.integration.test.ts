import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { createTeam } from '../../platform/testing/factories.js';
import { actor, client, grant } from './contacts.test-helpers.js';

describeEachDialect('saved views', (env) => {
  it('private and team views: list mine + my team shared; only the owner or an admin edits', async () => {
    const db = env().database.db;
    const team = await createTeam(db);
    const other = await createTeam(db);
    const owner = await actor(env(), { permissions: grant('own'), teamId: team.id });
    const mate = await actor(env(), { permissions: grant('own'), teamId: team.id });
    const stranger = await actor(env(), { permissions: grant('own'), teamId: other.id });
    const admin = await actor(env(), { admin: true });
    const o = client(env(), owner.headers);
    const filters = [{ field: 'lifecycleStage', op: 'is', value: 'lead' }];
    const priv = await o.post('/views', { entity: 'contact', name: 'My leads', filters, sort: '-updatedAt', columns: ['displayName', 'email'] });
    expect(priv.status).toBe(201);
    expect(priv.body).toMatchObject({ visibility: 'private', teamId: null, ownerId: owner.id, editable: true, filters, columns: ['displayName', 'email'] });
    const shared = await o.post('/views', { entity: 'contact', name: 'Team leads', filters, visibility: 'team' });
    expect(shared.body.teamId).toBe(team.id);
    expect((await o.post('/views', { entity: 'contact', name: 'x', visibility: 'team', teamId: other.id })).status).toBe(403);
    expect((await o.post('/views', { entity: 'contact', name: 'x', filters: [{ field: 'a', op: 'bogus' }] })).body.error.fields[0].path).toBe('filters.0.op');

    const m = client(env(), mate.headers);
    expect((await m.get('/views?entity=contact')).body.data.map((v: { id: string; editable: boolean }) => [v.id, v.editable])).toEqual([[shared.body.id, false]]);
    expect((await m.patch(`/views/${shared.body.id}`, { name: 'hijack' })).status).toBe(403);
    expect((await m.del(`/views/${shared.body.id}`)).status).toBe(403);
    expect((await m.get(`/views/${priv.body.id}`)).status).toBe(404);
    const s = client(env(), stranger.headers);
    expect((await s.get('/views')).body.data).toEqual([]);
    expect((await s.patch(`/views/${shared.body.id}`, { name: 'x' })).status).toBe(404);

    const renamed = await o.patch(`/views/${shared.body.id}`, { name: 'Hot leads' }, { 'if-match': '"1"' });
    expect(renamed.body).toMatchObject({ name: 'Hot leads', version: 2 });
    expect((await o.patch(`/views/${shared.body.id}`, { name: 'x' }, { 'if-match': '"1"' })).status).toBe(412);
    expect((await client(env(), admin.headers).patch(`/views/${priv.body.id}`, { visibility: 'private' })).status).toBe(200);
    expect((await o.patch(`/views/${shared.body.id}`, { visibility: 'private' })).body.teamId).toBeNull();
    expect((await m.get('/views')).body.data).toEqual([]);
    expect((await o.del(`/views/${priv.body.id}`)).status).toBe(204);
    expect((await o.get('/views')).body.data.map((v: { name: string }) => v.name)).toEqual(['Hot leads']);
  });
});
