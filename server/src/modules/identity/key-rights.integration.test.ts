import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { PRINCIPALS_CHANNEL } from '../../platform/auth/principal-cache.js';
import { openDatabase } from '../../platform/db/db.js';
import { createSubscriber } from '../../platform/events/pubsub.js';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { createApiKeyHeader, createRole, createUser, signIn } from '../../platform/testing/factories.js';

// Issue 12, finding 3: a key's rights are at most its owner's current rights, on every request and every node.
describeEachDialect('identity: API keys never outlive their owner\'s rights', (env) => {
  const db = () => env().database.db;
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Record<string, string>, payload?: object) =>
    env().app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  const writer = { contacts: { actions: ['read' as const, 'create' as const, 'update' as const], scope: 'all' as const } };
  const reader = { contacts: { actions: ['read' as const], scope: 'all' as const } };
  const contact = (n: number) => ({ givenName: `Key ${n}`, familyName: 'Rights' });
  async function admin() {
    return signIn(db(), await createUser(db(), { roleId: (await createRole(db(), { isAdmin: true })).id }));
  }

  it('an administrator\'s admin key loses admin rights the moment its owner is demoted, and dies with deactivation', async () => {
    const adminHeaders = await admin();
    const adminRole = await createRole(db(), { isAdmin: true, maxClassification: 'restricted' });
    const owner = await createUser(db(), { roleId: adminRole.id });
    const key = await createApiKeyHeader(db(), owner, adminRole.id);
    expect((await call('GET', '/users?limit=1', key)).statusCode).toBe(200); // warm the principal cache
    expect((await call('POST', '/contacts', key, contact(1))).statusCode).toBe(201);

    const readerRole = await createRole(db(), { permissions: reader });
    const current = (await call('GET', `/users/${owner.id}`, adminHeaders)).json();
    const demote = await call('PATCH', `/users/${owner.id}`, { ...adminHeaders, 'if-match': `"${current.version}"` }, { roleId: readerRole.id });
    expect(demote.statusCode).toBe(200);

    expect((await call('GET', '/users?limit=1', key)).statusCode).toBe(403);
    expect((await call('POST', '/contacts', key, contact(2))).statusCode).toBe(403);
    expect((await call('GET', '/contacts?limit=1', key)).statusCode).toBe(200);
    const session = (await call('GET', '/auth/session', key)).json();
    expect(session.user).toMatchObject({ isAdmin: false, permissions: reader, maxClassification: 'internal' });

    const again = (await call('GET', `/users/${owner.id}`, adminHeaders)).json();
    const off = await call('PATCH', `/users/${owner.id}`, { ...adminHeaders, 'if-match': `"${again.version}"` }, { active: false });
    expect(off.statusCode).toBe(200);
    expect((await call('GET', '/contacts?limit=1', key)).statusCode).toBe(401);
  });

  it('a key acts with the intersection of its role and its owner\'s role, and follows edits of either role', async () => {
    const adminHeaders = await admin();
    const ownerRole = await createRole(db(), { permissions: writer });
    const keyRole = await createRole(db(), { permissions: { contacts: { actions: ['read', 'create', 'delete'], scope: 'all' } } });
    const owner = await createUser(db(), { roleId: ownerRole.id });
    const key = await createApiKeyHeader(db(), owner, keyRole.id);
    expect((await call('POST', '/contacts', key, contact(3))).statusCode).toBe(201); // create: in both roles
    const both = (await call('GET', '/auth/session', key)).json().user.permissions;
    expect(both).toEqual({ contacts: { actions: ['read', 'create'], scope: 'all' } }); // delete: only the key's; update: only the owner's

    // The owner's role is narrowed: the key follows on its next request (its cached principal is dropped).
    const role = (await call('GET', `/roles/${ownerRole.id}`, adminHeaders)).json();
    const narrowed = await call('PATCH', `/roles/${ownerRole.id}`, { ...adminHeaders, 'if-match': `"${role.version}"` }, { permissions: reader });
    expect(narrowed.statusCode).toBe(200);
    expect((await call('POST', '/contacts', key, contact(4))).statusCode).toBe(403);
    expect((await call('GET', '/contacts?limit=1', key)).statusCode).toBe(200);
  });

  it('another node\'s identity write reaches this node\'s cache by NOTIFY, well before the cache TTL', async (t) => {
    if (env().dialect !== 'postgres') t.skip(); // SQLite runs one node
    const role = await createRole(db(), { permissions: reader });
    const owner = await createUser(db(), { roleId: role.id });
    const key = await createApiKeyHeader(db(), owner, role.id);
    expect((await call('GET', '/contacts?limit=1', key)).statusCode).toBe(200); // cached on this node

    // "Node B": its own pool on the same database. Its write is invisible to this process's write watch;
    // only its NOTIFY (what principalsChanged sends after commit) can tell this node.
    const nodeB = openDatabase({ databaseUrl: env().config.databaseUrl, dataDir: env().config.dataDir });
    try {
      await nodeB.db.withoutPlugins().updateTable('users').set({ active: 0 }).where('id', '=', owner.id).execute();
      expect((await call('GET', '/contacts?limit=1', key)).statusCode).toBe(200); // still cached: nobody said
      const told = Date.now();
      await sql`select pg_notify(${PRINCIPALS_CHANNEL}, '{}')`.execute(nodeB.db);
      let status = 200;
      while (status === 200 && Date.now() - told < 1_500) {
        await new Promise((r) => setTimeout(r, 20));
        status = (await call('GET', '/contacts?limit=1', key)).statusCode;
      }
      expect(status).toBe(401);
      expect(Date.now() - told).toBeLessThan(1_500); // the TTL is 2 s
    } finally {
      await nodeB.close();
    }
  });

  it('identity services announce their changes to the other nodes', async (t) => {
    if (env().dialect !== 'postgres') t.skip();
    const adminHeaders = await admin();
    const role = await createRole(db(), { permissions: reader });
    const heard: unknown[] = [];
    const listener = createSubscriber(env().database);
    try {
      await listener.on(PRINCIPALS_CHANNEL, (m) => heard.push(m));
      const current = (await call('GET', `/roles/${role.id}`, adminHeaders)).json();
      expect((await call('PATCH', `/roles/${role.id}`, { ...adminHeaders, 'if-match': `"${current.version}"` }, { permissions: {} })).statusCode).toBe(200);
      const until = Date.now() + 2_000;
      while (!heard.length && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(heard.length).toBeGreaterThan(0);
    } finally {
      await listener.close();
    }
  });
});
