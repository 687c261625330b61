import { expect, it } from 'vitest';
import { describeEachDialect } from '../testing/harness.js';
import { createApiKeyHeader, createRole, createTeam, createUser, signIn } from '../testing/factories.js';
import { principalFromSession, type CachedSession } from './authenticate.js';
import { PRINCIPAL_CACHE_TTL_MS, PrincipalCache } from './principal-cache.js';

// The auth hook caches resolved callers per node; identity writes must still take effect on the next request.
describeEachDialect('principal cache: identity changes take effect at once on this node', (env) => {
  const db = () => env().database.db;
  const get = (url: string, headers: Record<string, string>) => env().app.inject({ method: 'GET', url: `/api/v1${url}`, headers });
  const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) =>
    env().app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  const reader = { contacts: { actions: ['read' as const], scope: 'all' as const } };
  async function admin() {
    const role = await createRole(db(), { isAdmin: true });
    return signIn(db(), await createUser(db(), { roleId: role.id }));
  }

  it('a role permission change applies to the next request of a signed-in user and of an API key', async () => {
    const adminHeaders = await admin();
    const role = await createRole(db(), { permissions: reader });
    const user = await createUser(db(), { roleId: role.id });
    const session = await signIn(db(), user);
    const key = await createApiKeyHeader(db(), user, role.id);
    // Warm the cache: both callers are resolved and kept.
    expect((await get('/contacts?limit=1', session)).statusCode).toBe(200);
    expect((await get('/contacts?limit=1', key)).statusCode).toBe(200);

    const revoke = await send('PATCH', `/roles/${role.id}`, adminHeaders, { permissions: {} });
    expect(revoke.statusCode).toBe(200);
    expect((await get('/contacts?limit=1', session)).statusCode).toBe(403);
    expect((await get('/contacts?limit=1', key)).statusCode).toBe(403);

    const grant = await send('PATCH', `/roles/${role.id}`, adminHeaders, { permissions: reader });
    expect(grant.statusCode).toBe(200);
    expect((await get('/contacts?limit=1', session)).statusCode).toBe(200);
  });

  it('a revoked API key is refused at once', async () => {
    const adminHeaders = await admin();
    const role = await createRole(db(), { permissions: reader });
    const created = await send('POST', '/api-keys', adminHeaders, { name: 'integration', roleId: role.id });
    expect(created.statusCode).toBe(201);
    const key = { authorization: `Bearer ${created.json().secret}` };
    expect((await get('/contacts?limit=1', key)).statusCode).toBe(200);
    expect((await get('/contacts?limit=1', key)).statusCode).toBe(200); // served from the cache

    expect((await send('DELETE', `/api-keys/${created.json().apiKey.id}`, adminHeaders)).statusCode).toBe(204);
    const refused = await get('/contacts?limit=1', key);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('unauthenticated');
  });

  it('"sign out everywhere" ends every session of the user at once, including cached ones', async () => {
    const user = await createUser(db(), { roleId: (await createRole(db(), { permissions: reader })).id });
    const laptop = await signIn(db(), user);
    const phone = await signIn(db(), user);
    expect((await get('/auth/session', laptop)).statusCode).toBe(200);
    expect((await get('/auth/session', phone)).statusCode).toBe(200);

    expect((await send('POST', '/auth/logout-all', laptop)).statusCode).toBe(204);
    expect((await get('/auth/session', phone)).statusCode).toBe(401);
    expect((await get('/auth/session', laptop)).statusCode).toBe(401);
  });

  it('deactivating a user and moving teams apply to the next request', async () => {
    const adminHeaders = await admin();
    const role = await createRole(db(), { permissions: reader });
    const parent = await createTeam(db());
    const user = await createUser(db(), { roleId: role.id, teamId: parent.id });
    const session = await signIn(db(), user);
    expect((await get('/auth/session', session)).statusCode).toBe(200);

    // A new sub-team widens the "team" scope of the parent's members: a cached team list must not hide it.
    const cache = new PrincipalCache<CachedSession>();
    const token = session.cookie!.split('=')[1]!;
    const policy = { idleMinutes: 60, absoluteHours: 24 };
    expect((await principalFromSession(db(), token, policy, cache))?.principal.teamIds).toEqual([parent.id]);
    expect(cache.size).toBe(1);
    const child = await send('POST', '/teams', adminHeaders, { name: `child-${Date.now()}`, parentId: parent.id });
    expect(child.statusCode).toBe(201);
    expect(cache.size).toBe(0);
    expect((await principalFromSession(db(), token, policy, cache))?.principal.teamIds).toEqual([parent.id, child.json().id]);

    const off = await send('PATCH', `/users/${user.id}`, adminHeaders, { active: false });
    expect(off.statusCode).toBe(200);
    expect((await get('/auth/session', session)).statusCode).toBe(401);
  });

  it('a write this node is not told about (another node, the CLI) is seen once the cache TTL has passed', async () => {
    const role = await createRole(db(), { permissions: reader });
    const user = await createUser(db(), { roleId: role.id });
    const key = await createApiKeyHeader(db(), user, role.id);
    expect((await get('/contacts?limit=1', key)).statusCode).toBe(200);
    // As another node or the CLI would: this process's write watch (db/write-watch.ts) does not see it.
    await db().withoutPlugins().updateTable('api_keys').set({ revoked_at: new Date().toISOString() }).where('user_id', '=', user.id).execute();
    expect((await get('/contacts?limit=1', key)).statusCode).toBe(200); // still cached: staleness is bounded by the TTL
    await new Promise((r) => setTimeout(r, PRINCIPAL_CACHE_TTL_MS + 100));
    expect((await get('/contacts?limit=1', key)).statusCode).toBe(401);
  });
});
