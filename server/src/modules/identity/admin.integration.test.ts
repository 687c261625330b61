import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { createApiKeyHeader, createRole, createTeam, createUser, signIn } from '../../platform/testing/factories.js';

describeEachDialect('identity: administration', (env) => {
  const db = () => env().database.db;
  const inject = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) =>
    env().app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  async function adminHeaders() {
    const role = await createRole(db(), { isAdmin: true });
    const user = await createUser(db(), { roleId: role.id });
    return { user, role, headers: await signIn(db(), user) };
  }

  it('admin-only routes answer 403 to a signed-in non-admin and 401 to nobody', async () => {
    const user = await createUser(db());
    const headers = await signIn(db(), user);
    for (const [method, url] of [['GET', '/users'], ['POST', '/users'], ['GET', '/teams'], ['PATCH', '/roles/x'], ['GET', '/api-keys'], ['DELETE', '/teams/x']] as const) {
      const res = await inject(method, url, headers, method === 'GET' || method === 'DELETE' ? undefined : {});
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect((await inject(method, url, {})).statusCode, `${method} ${url} anonymous`).toBe(401);
    }
    // …while the permission-module list is open to every signed-in user.
    const modules = await inject('GET', '/permission-modules', headers);
    expect(modules.statusCode).toBe(200);
    expect(modules.json()).toEqual(env().ctx.permissionModules);
  });

  it('rejects mass assignment of unknown fields, naming each field', async () => {
    const { headers, user } = await adminHeaders();
    for (const field of ['role', 'version', 'createdAt', 'ownerId', 'roleId', 'isAdmin']) {
      const res = await inject('PATCH', '/me', headers, { name: 'X', [field]: 'anything' });
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.fields).toContainEqual({ path: field, message: 'unknown field' });
    }
    const res = await inject('PATCH', `/users/${user.id}`, headers, { version: 99, createdAt: '2020-01-01' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['createdAt', 'version']);
    const nested = await inject('POST', '/roles', headers, { name: 'nested', permissions: { contacts: { actions: ['read'], scope: 'all', ownerId: 'me' } } });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().error.fields[0].path).toBe('permissions.contacts.ownerId');
    const me = await db().selectFrom('users').select(['name', 'version']).where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(me.name).not.toBe('X');
    expect(me.version).toBe(1);
  });

  it('updates my profile: name and language', async () => {
    const { headers } = await adminHeaders();
    const res = await inject('PATCH', '/me', headers, { name: 'Trần Văn Minh', locale: 'vi' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Trần Văn Minh', locale: 'vi' });
    expect((await inject('PATCH', '/me', headers, { locale: 'fr' })).json().error.fields[0].path).toBe('locale');
  });

  it('creates, lists (keyset pages), reads and updates users with ETag / If-Match', async () => {
    const { headers } = await adminHeaders();
    const role = await createRole(db());
    const team = await createTeam(db());
    const created = await inject('POST', '/users', headers, { email: 'Hoa.Le@Example.test', name: 'Lê Thị Hoa', roleId: role.id, teamId: team.id, password: 'long enough password' });
    expect(created.statusCode).toBe(201);
    const user = created.json();
    expect(user).toMatchObject({ email: 'hoa.le@example.test', roleName: role.name, teamId: team.id, teamName: team.name, active: true, version: 1 });
    expect(user).not.toHaveProperty('passwordHash');
    expect(created.headers.etag).toBe('"1"');
    expect((await inject('POST', '/users', headers, { email: 'hoa.le@example.test', name: 'Dup', roleId: role.id, password: 'long enough password' })).statusCode).toBe(409);
    expect((await inject('POST', '/users', headers, { email: 'x@example.test', name: 'X', roleId: 'nope', password: 'long enough password' })).json().error.fields[0].path).toBe('roleId');

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: { id: string }[]; nextCursor: string | null } = (await inject('GET', `/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`, headers)).json();
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((u) => u.id));
      cursor = page.nextCursor;
    } while (cursor);
    const total = await db().selectFrom('users').select('id').execute();
    expect(new Set(seen).size).toBe(total.length);
    expect((await inject('GET', '/users?limit=201', headers)).statusCode).toBe(400);
    const search = (await inject('GET', '/users?q=HOA.LE', headers)).json();
    expect(search.data.map((u: { id: string }) => u.id)).toEqual([user.id]);

    const ok = await inject('PATCH', `/users/${user.id}`, { ...headers, 'if-match': '"1"' }, { name: 'Lê Thị Hoa B' });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    const stale = await inject('PATCH', `/users/${user.id}`, { ...headers, 'if-match': '"1"' }, { name: 'Overwrite' });
    expect(stale.statusCode).toBe(412);
    expect((await inject('GET', `/users/${user.id}`, headers)).json().name).toBe('Lê Thị Hoa B');
  });

  it('deactivating a user deletes their sessions and blocks sign-in', async () => {
    const { headers } = await adminHeaders();
    const target = await createUser(db());
    const theirs = await signIn(db(), target);
    const res = await inject('PATCH', `/users/${target.id}`, headers, { active: false });
    expect(res.statusCode).toBe(200);
    expect(res.json().active).toBe(false);
    expect((await inject('GET', '/auth/session', theirs)).statusCode).toBe(401);
    expect(await db().selectFrom('sessions').select('id').where('user_id', '=', target.id).execute()).toHaveLength(0);
    const audit = await db().selectFrom('audit_log').selectAll().where('entity_id', '=', target.id).where('action', '=', 'permission_change').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before!).active).toBe(true);
    expect(JSON.parse(audit.after!).active).toBe(false);
  });

  it('audits a role permission change with before and after; validates module keys', async () => {
    const { headers, user } = await adminHeaders();
    const created = await inject('POST', '/roles', headers, { name: `Auditor ${Date.now()}`, maxClassification: 'confidential' });
    expect(created.statusCode).toBe(201);
    const role = created.json();
    expect(role).toMatchObject({ isAdmin: false, maxClassification: 'confidential', permissions: {}, version: 1 });
    const bogus = await inject('PATCH', `/roles/${role.id}`, headers, { permissions: { bogus: { actions: ['read'], scope: 'all' } } });
    expect(bogus.statusCode).toBe(400);
    expect(bogus.json().error.fields[0].path).toBe('permissions.bogus');
    const badScope = await inject('PATCH', `/roles/${role.id}`, headers, { permissions: {}, maxClassification: 'secret' });
    expect(badScope.json().error.fields[0].path).toBe('maxClassification');

    // A role may keep grants for modules not installed yet (the defaults name contacts, companies, activities).
    await db().updateTable('roles').set({ permissions: JSON.stringify({ later: { actions: ['read'], scope: 'own' } }) }).where('id', '=', role.id).execute();
    const res = await inject('PATCH', `/roles/${role.id}`, { ...headers, 'if-match': '"1"' }, { permissions: { later: { actions: ['update', 'read', 'read'], scope: 'team' } } });
    expect(res.statusCode).toBe(200);
    expect(res.json().permissions).toEqual({ later: { actions: ['read', 'update'], scope: 'team' } });
    expect(res.headers.etag).toBe('"2"');
    const audit = await db().selectFrom('audit_log').selectAll().where('entity', '=', 'role').where('entity_id', '=', role.id).where('action', '=', 'permission_change').executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(user.id);
    expect(JSON.parse(audit.before!).permissions).toEqual({ later: { actions: ['read'], scope: 'own' } });
    expect(JSON.parse(audit.after!).permissions).toEqual({ later: { actions: ['read', 'update'], scope: 'team' } });
    expect((await inject('PATCH', `/roles/${role.id}`, { ...headers, 'if-match': '"1"' }, { description: 'x' })).statusCode).toBe(412);

    const holder = await createUser(db(), { roleId: role.id });
    expect((await inject('DELETE', `/roles/${role.id}`, headers)).statusCode).toBe(409);
    await db().deleteFrom('users').where('id', '=', holder.id).execute();
    expect((await inject('DELETE', `/roles/${role.id}`, headers)).statusCode).toBe(204);
    expect((await inject('GET', `/roles/${role.id}`, headers)).statusCode).toBe(404);
  });

  it('nests teams, rejects cycles on parentId, refuses to delete a team with members', async () => {
    const { headers } = await adminHeaders();
    const post = async (name: string, parentId?: string) => (await inject('POST', '/teams', headers, { name, parentId })).json();
    const stamp = Date.now();
    const a = await post(`A ${stamp}`);
    const b = await post(`B ${stamp}`, a.id);
    const c = await post(`C ${stamp}`, b.id);
    expect(c.parentId).toBe(b.id);
    for (const parentId of [c.id, b.id, a.id]) {
      const res = await inject('PATCH', `/teams/${a.id}`, headers, { parentId });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0].path).toBe('parentId');
    }
    expect((await inject('PATCH', `/teams/${c.id}`, headers, { parentId: a.id })).statusCode).toBe(200);
    expect((await inject('POST', '/teams', headers, { name: `A ${stamp}` })).statusCode).toBe(409);
    const member = await createUser(db(), { teamId: b.id });
    expect((await inject('DELETE', `/teams/${b.id}`, headers)).statusCode).toBe(409);
    await db().updateTable('users').set({ team_id: null }).where('id', '=', member.id).execute();
    expect((await inject('DELETE', `/teams/${b.id}`, { ...headers, 'if-match': '"7"' })).statusCode).toBe(412);
    expect((await inject('DELETE', `/teams/${b.id}`, headers)).statusCode).toBe(204);
  });

  it('API keys: secret shown once, acts as its creator under its role, last use recorded, revoked or expired → 401', async () => {
    const { headers, user } = await adminHeaders();
    const readOnly = await createRole(db(), { permissions: {} });
    const created = await inject('POST', '/api-keys', headers, { name: 'Zapier', roleId: readOnly.id });
    expect(created.statusCode).toBe(201);
    const { apiKey, secret } = created.json();
    expect(secret).toMatch(/^kith_[a-z0-9]{6}_[A-Za-z0-9_-]{40,}$/);
    expect(secret.startsWith(apiKey.prefix + '_')).toBe(true);
    expect(apiKey).toMatchObject({ name: 'Zapier', roleId: readOnly.id, roleName: readOnly.name, userId: user.id, lastUsedAt: null, revokedAt: null });
    const stored = await db().selectFrom('api_keys').selectAll().where('id', '=', apiKey.id).executeTakeFirstOrThrow();
    expect(stored.key_hash).not.toContain(secret.slice(12));

    const bearer = { authorization: `Bearer ${secret}` };
    const session = await inject('GET', '/auth/session', bearer);
    expect(session.statusCode).toBe(200);
    expect(session.json().user).toMatchObject({ id: user.id, roleId: readOnly.id, isAdmin: false });
    expect((await inject('GET', '/users', bearer)).statusCode).toBe(403); // the key's role, not the creator's
    const used = await db().selectFrom('api_keys').select('last_used_at').where('id', '=', apiKey.id).executeTakeFirstOrThrow();
    expect(used.last_used_at).not.toBeNull();
    const list = (await inject('GET', '/api-keys', headers)).json();
    expect(list.data.find((k: { id: string }) => k.id === apiKey.id)).toMatchObject({ id: apiKey.id });
    expect(JSON.stringify(list)).not.toContain(stored.key_hash);

    expect((await inject('DELETE', `/api-keys/${apiKey.id}`, headers)).statusCode).toBe(204);
    expect((await inject('GET', '/auth/session', bearer)).statusCode).toBe(401);

    const expiring = await createApiKeyHeader(db(), user, readOnly.id);
    expect((await inject('GET', '/auth/session', expiring)).statusCode).toBe(200);
    await db().updateTable('api_keys').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('user_id', '=', user.id).where('revoked_at', 'is', null).execute();
    expect((await inject('GET', '/auth/session', expiring)).statusCode).toBe(401);
    const past = await inject('POST', '/api-keys', headers, { name: 'old', roleId: readOnly.id, expiresAt: '2001-01-01T00:00:00Z' });
    expect(past.json().error.fields[0].path).toBe('expiresAt');
  });
});

describeEachDialect('identity: the last administrator', (env) => {
  const db = () => env().database.db;
  it('refuses to demote, deactivate or un-admin the only active administrator', async () => {
    const adminRole = await createRole(db(), { isAdmin: true });
    const plain = await createRole(db());
    const admin = await createUser(db(), { roleId: adminRole.id });
    const headers = await signIn(db(), admin);
    const patch = (url: string, payload: object) => env().app.inject({ method: 'PATCH', url: `/api/v1${url}`, headers, payload });
    expect((await patch(`/users/${admin.id}`, { roleId: plain.id })).statusCode).toBe(409);
    expect((await patch(`/users/${admin.id}`, { active: false })).statusCode).toBe(409);
    expect((await patch(`/roles/${adminRole.id}`, { isAdmin: false })).statusCode).toBe(409);
    const row = await db().selectFrom('users').innerJoin('roles', 'roles.id', 'users.role_id').select(['users.active', 'roles.is_admin', 'users.role_id']).where('users.id', '=', admin.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ active: 1, is_admin: 1, role_id: adminRole.id });
    // With a second administrator, the first may step down.
    await createUser(db(), { roleId: adminRole.id });
    expect((await patch(`/users/${admin.id}`, { roleId: plain.id })).statusCode).toBe(200);
  });
});
