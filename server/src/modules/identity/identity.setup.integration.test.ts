import { afterEach, expect, it, vi } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { verifyPassword } from '../../platform/auth/passwords.js';
import { createRole, createTeam, createUser } from '../../platform/testing/factories.js';
import { apikeyCommand, userCommand } from './identity.commands.js';
import { DEMO_PASSWORD, loadDemo } from './identity.demo.js';
import { ensureFirstAdmin } from './identity.setup.js';

describeEachDialect('identity: first admin, demo data, CLI', (env) => {
  const db = () => env().database.db;
  afterEach(() => vi.restoreAllMocks());

  it('creates the default roles and a first admin with a generated password printed once', async () => {
    const printed: string[] = [];
    const result = await ensureFirstAdmin(env().ctx, (t) => printed.push(t));
    expect(result.created).toBe(true);
    if (!result.created) return;
    expect(result.email).toBe('admin@localhost');
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain(result.generatedPassword!);
    expect(printed[0]).toMatch(/^┌─+┐/);
    const admin = await db().selectFrom('users').innerJoin('roles', 'roles.id', 'users.role_id')
      .select(['users.password_hash', 'roles.name', 'roles.is_admin', 'roles.max_classification']).where('users.email', '=', 'admin@localhost').executeTakeFirstOrThrow();
    expect(admin).toMatchObject({ name: 'Administrator', is_admin: 1, max_classification: 'restricted' });
    expect(await verifyPassword(result.generatedPassword!, admin.password_hash)).toBe(true);
    const roles = await db().selectFrom('roles').select(['name', 'permissions']).where('name', 'in', ['Manager', 'Sales rep']).orderBy('name').execute();
    expect(JSON.parse(roles[0]!.permissions).contacts).toEqual({ actions: ['read', 'create', 'update', 'delete', 'export'], scope: 'team' });
    expect(JSON.parse(roles[1]!.permissions).companies).toEqual({ actions: ['read', 'create', 'update'], scope: 'own' });
    // A second start changes nothing and prints nothing.
    expect(await ensureFirstAdmin(env().ctx, (t) => printed.push(t))).toEqual({ created: false });
    expect(printed).toHaveLength(1);
  });

  it('loads demo teams and users idempotently; demo users can sign in', async () => {
    expect(await loadDemo(env().ctx)).toBe(`teams and users: 5 teams and 8 users added (sign in as lan.nguyen@example.com with password ${DEMO_PASSWORD})`);
    expect(await loadDemo(env().ctx)).toBe('teams and users: the demo ones are already there, left as they are');
    const teams = await db().selectFrom('teams').select(['name', 'parent_id', 'id']).execute();
    const sales = teams.find((t) => t.name === 'Sales')!;
    expect(teams.filter((t) => t.parent_id === sales.id).map((t) => t.name).sort()).toEqual(['Sales North', 'Sales South']);
    const users = await db().selectFrom('users').select(['email', 'name']).where('email', 'like', '%@example.com').execute();
    expect(users).toHaveLength(8);
    expect(users.map((u) => u.name)).toContain('Nguyễn Thị Lan');
    const res = await env().app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'minh.tran@example.com', password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ name: 'Trần Văn Minh', roleName: 'Sales rep', locale: 'vi' });
  });

  it('kith user create / apikey create: print JSON, generate a password, fail clearly on bad input', async () => {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
    const role = await createRole(db(), { name: `CLI role ${Date.now()}` });
    const team = await createTeam(db(), { name: `CLI team ${Date.now()}` });
    const ctx = env().ctx;

    expect(await userCommand.run(ctx, ['create'], { email: 'cli@example.test', name: 'Cli User', role: role.name, team: team.name })).toBe(0);
    const printed = JSON.parse(out[0]!);
    expect(printed).toMatchObject({ email: 'cli@example.test', roleId: role.id, teamName: team.name, active: true });
    const password = /^password: (\S+)/.exec(out[1]!)![1]!;
    const row = await db().selectFrom('users').select('password_hash').where('id', '=', printed.id).executeTakeFirstOrThrow();
    expect(await verifyPassword(password, row.password_hash)).toBe(true);

    expect(await userCommand.run(ctx, ['create'], { email: 'x@example.test', name: 'X', role: 'No such role' })).toBe(2);
    expect(err.at(-1)).toContain('no role named "No such role"');
    expect(await userCommand.run(ctx, ['create'], { email: 'x@example.test', name: 'X', role: role.id, password: 'short' })).toBe(2);
    expect(err.at(-1)).toContain('--password');
    expect(await userCommand.run(ctx, ['create'], { email: 'cli@example.test', name: 'Again', role: role.id, password: 'long enough password' })).toBe(1);
    expect(err.at(-1)).toContain('already exists');
    expect(await userCommand.run(ctx, ['create'], { name: 'No email', role: role.id })).toBe(2);

    out.length = 0;
    const owner = await createUser(db(), { roleId: role.id });
    expect(await apikeyCommand.run(ctx, ['create'], { user: owner.email, name: 'ci' })).toBe(0);
    const { apiKey, secret } = JSON.parse(out[0]!);
    expect(apiKey).toMatchObject({ userId: owner.id, roleId: role.id, name: 'ci' });
    const session = await env().app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { authorization: `Bearer ${secret}` } });
    expect(session.json().user.id).toBe(owner.id);
    expect(await apikeyCommand.run(ctx, ['create'], { user: 'ghost@example.test', name: 'ci' })).toBe(2);
    expect(await apikeyCommand.run(ctx, ['list'], {})).toBe(2);
  });
});
