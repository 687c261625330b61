import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { createRole, createUser, signIn } from '../../platform/testing/factories.js';
import { ensureFirstAdmin } from './identity.setup.js';

// Issue 12, finding 6: common and patterned passwords are refused wherever a password is set.
describeEachDialect('identity: password policy', (env) => {
  const db = () => env().database.db;
  const call = (method: 'POST' | 'PATCH', url: string, headers: Record<string, string>, payload: object) =>
    env().app.inject({ method, url: `/api/v1${url}`, headers, payload });
  const refusal = (res: { statusCode: number; json(): { error: { code: string; message: string; fields: { path: string; message: string }[] } } }, path: string, reason: string) => {
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('validation_failed');
    expect(error.fields).toEqual([{ path, message: expect.stringMatching(new RegExp(`^too easy to guess \\(${reason}\\): `)) }]);
    expect(error.message).toContain(path);
  };

  it('refuses a weak KITH_ADMIN_PASSWORD at first start with a clear message, and creates nobody', async () => {
    const ctx = (adminPassword: string) => ({ ...env().ctx, config: { ...env().ctx.config, adminEmail: 'boss@example.test', adminPassword } });
    await expect(ensureFirstAdmin(ctx('password1234'), () => undefined)).rejects.toThrow(/^KITH_ADMIN_PASSWORD is too easy to guess \(common\)/);
    await expect(ensureFirstAdmin(ctx('aaaaaaaaaaaa'), () => undefined)).rejects.toThrow(/KITH_ADMIN_PASSWORD is too easy to guess \(repeat\)/);
    await expect(ensureFirstAdmin(ctx('short'), () => undefined)).rejects.toThrow(/at least 12 characters/);
    expect(await db().selectFrom('users').select('id').where('email', '=', 'boss@example.test').executeTakeFirst()).toBeUndefined();
    expect((await ensureFirstAdmin(ctx('tết ở hà nội rất lạnh'), () => undefined)).created).toBe(true);
  });

  it('refuses common and patterned passwords when an administrator creates or resets a user', async () => {
    const admin = await signIn(db(), await createUser(db(), { roleId: (await createRole(db(), { isAdmin: true })).id }));
    const role = await createRole(db());
    const body = (password: string, n: number) => ({ email: `pp-${n}-${Date.now()}@example.test`, name: 'Trần Thị Bình', roleId: role.id, password });
    refusal(await call('POST', '/users', admin, body('aaaaaaaaaaaa', 1)), 'password', 'repeat');
    refusal(await call('POST', '/users', admin, body('password1234', 2)), 'password', 'common');
    refusal(await call('POST', '/users', admin, body('abcdefghijkl', 3)), 'password', 'sequence');
    refusal(await call('POST', '/users', admin, body('tranthibinh1', 4)), 'password', 'personal');
    const created = await call('POST', '/users', admin, body('violet river lantern', 5));
    expect(created.statusCode).toBe(201);
    refusal(await call('PATCH', `/users/${created.json().id}`, admin, { password: 'qwerty123456' }), 'password', 'common');
    expect((await call('PATCH', `/users/${created.json().id}`, admin, { password: 'marble kettle orbit' })).statusCode).toBe(200);
  });

  it('refuses a weak new password on password change, naming newPassword', async () => {
    const user = await createUser(db(), { password: 'correct horse battery' });
    const headers = await signIn(db(), user);
    refusal(await call('POST', '/me/password', headers, { currentPassword: 'correct horse battery', newPassword: 'iloveyou1234' }), 'newPassword', 'common');
    expect((await call('POST', '/me/password', headers, { currentPassword: 'correct horse battery', newPassword: 'granite puffin swims' })).statusCode).toBe(204);
  });
});
