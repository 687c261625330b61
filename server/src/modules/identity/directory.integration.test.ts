import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { createRole, createTeam, createUser, signIn } from '../../platform/testing/factories.js';

describeEachDialect('colleague directory', (env) => {
  it('lets any signed-in user read active colleagues and teams, names only', async () => {
    const { db } = env().database;
    const team = await createTeam(db, { name: 'Directory team' });
    const role = await createRole(db, { permissions: { contacts: { actions: ['read'], scope: 'own' } } });
    const me = await createUser(db, { roleId: role.id, teamId: team.id, name: 'Reader' });
    const colleague = await createUser(db, { roleId: role.id, teamId: team.id, name: 'Colleague', password: 'correct horse battery' });
    const gone = await createUser(db, { roleId: role.id, name: 'Deactivated' });
    await db.updateTable('users').set({ active: 0 }).where('id', '=', gone.id).execute();

    const res = await env().app.inject({ method: 'GET', url: '/api/v1/directory', headers: await signIn(db, me) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const ids = body.users.map((u: { id: string }) => u.id);
    expect(ids).toContain(colleague.id);
    expect(ids).not.toContain(gone.id);
    expect(body.teams.map((t: { id: string }) => t.id)).toContain(team.id);
    // Names only: no role, password, two-factor or activity fields leave the server.
    const entry = body.users.find((u: { id: string }) => u.id === colleague.id);
    expect(Object.keys(entry).sort()).toEqual(['email', 'id', 'name', 'teamId']);
    expect(res.body).not.toContain('scrypt$');
  });

  it('names the active administrators to any signed-in user, so they know whom to ask for access', async () => {
    const { db } = env().database;
    const adminRole = await createRole(db, { isAdmin: true });
    const readerRole = await createRole(db, { permissions: { contacts: { actions: ['read'], scope: 'own' } } });
    const admin = await createUser(db, { roleId: adminRole.id, name: 'Access Admin' });
    const former = await createUser(db, { roleId: adminRole.id, name: 'Former Admin' });
    await db.updateTable('users').set({ active: 0 }).where('id', '=', former.id).execute();
    const reader = await createUser(db, { roleId: readerRole.id, name: 'Access Reader' });

    const res = await env().app.inject({ method: 'GET', url: '/api/v1/directory/admins', headers: await signIn(db, reader) });
    expect(res.statusCode).toBe(200);
    const ids = res.json().admins.map((u: { id: string }) => u.id);
    expect(ids).toContain(admin.id);
    expect(ids).not.toContain(former.id);
    expect(ids).not.toContain(reader.id);
    expect(Object.keys(res.json().admins[0]).sort()).toEqual(['email', 'id', 'name']);
    expect((await env().app.inject({ method: 'GET', url: '/api/v1/directory/admins' })).statusCode).toBe(401);
  });

  it('refuses anonymous callers', async () => {
    const res = await env().app.inject({ method: 'GET', url: '/api/v1/directory' });
    expect(res.statusCode).toBe(401);
  });
});
