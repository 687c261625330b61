import * as OTPAuth from 'otpauth';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { createApiKeyHeader, createRole, createUser, signIn } from '../../platform/testing/factories.js';
import { sha256 } from '../../platform/auth/passwords.js';

const PASSWORD = 'correct horse battery';

describeEachDialect('identity: sign-in and sessions', (env) => {
  const db = () => env().database.db;
  const login = (email: string, password: string, remoteAddress = '127.0.0.1') =>
    env().app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress });
  const cookieOf = (res: { cookies: { name: string; value: string }[] }) => {
    const c = res.cookies.find((x) => x.name === 'kith_session');
    if (!c) throw new Error('no session cookie');
    return `kith_session=${c.value}`;
  };
  const sessionOf = (headers: Record<string, string>) => env().app.inject({ method: 'GET', url: '/api/v1/auth/session', headers });

  it('signs in with the right password: httpOnly Lax cookie, hashed session row, expiry, audit', async (t) => {
    const user = await createUser(db(), { password: PASSWORD, email: `Ok-${t.task.id}@Example.test`, name: 'Nguyễn Văn A' });
    const res = await login(`  ${user.email.toUpperCase()} `, PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ mfaRequired: false, user: { id: user.id, email: user.email, name: 'Nguyễn Văn A', totpEnabled: false, isAdmin: false } });
    const cookie = res.cookies.find((c) => c.name === 'kith_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    const row = await db().selectFrom('sessions').selectAll().where('id', '=', sha256(cookie.value)).executeTakeFirstOrThrow();
    expect(row.csrf_token).toBe(body.csrfToken);
    const hours = (Date.parse(row.expires_at) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(env().config.sessionAbsoluteHours - 0.1);
    expect(hours).toBeLessThanOrEqual(env().config.sessionAbsoluteHours);
    const session = await sessionOf({ cookie: cookieOf(res) });
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ user: { id: user.id }, csrfToken: body.csrfToken });
    const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'login').where('entity_id', '=', user.id).execute();
    expect(audit).toHaveLength(1);
    const stored = await db().selectFrom('users').select('last_login_at').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(stored.last_login_at).not.toBeNull();
  });

  it('refuses a wrong password or unknown email with the same generic 401, and audits login_failed', async () => {
    const user = await createUser(db(), { password: PASSWORD });
    const wrong = await login(user.email, 'guess-XYZ-123');
    const unknown = await login('nobody@example.test', PASSWORD);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error).toEqual(unknown.json().error);
    expect(wrong.json().error.code).toBe('unauthenticated');
    expect(wrong.cookies.find((c) => c.name === 'kith_session')).toBeUndefined();
    const failed = await db().selectFrom('audit_log').selectAll().where('action', '=', 'login_failed').where('entity_id', '=', user.id).execute();
    expect(failed).toHaveLength(1);
    expect(failed[0]!.after).not.toContain('guess-XYZ-123'); // the attempted password is never stored
    expect(JSON.parse(failed[0]!.after!)).toMatchObject({ email: user.email, reason: 'wrong password' });
  });

  it('refuses an inactive user even with the right password', async () => {
    const user = await createUser(db(), { password: PASSWORD });
    await db().updateTable('users').set({ active: 0 }).where('id', '=', user.id).execute();
    expect((await login(user.email, PASSWORD)).statusCode).toBe(401);
  });

  it('runs the whole TOTP flow: setup, enable, sign in with a code, disable', async () => {
    const user = await createUser(db(), { password: PASSWORD });
    const headers = await signIn(db(), user);
    const setup = await env().app.inject({ method: 'POST', url: '/api/v1/me/totp/setup', headers });
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl, qrDataUrl } = setup.json();
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Kith:/);
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
    const badCode = (c: string) => String((Number(c) + 500_000) % 1_000_000).padStart(6, '0');

    // Not active until enabled; a wrong code does not enable it.
    expect((await login(user.email, PASSWORD)).json().mfaRequired).toBe(false);
    const wrongEnable = await env().app.inject({ method: 'POST', url: '/api/v1/me/totp/enable', headers, payload: { code: badCode(totp.generate()) } });
    expect(wrongEnable.statusCode).toBe(400);
    expect(wrongEnable.json().error.fields[0].path).toBe('code');
    const enabledAt = Date.now();
    const enableCode = totp.generate({ timestamp: enabledAt });
    const enable = await env().app.inject({ method: 'POST', url: '/api/v1/me/totp/enable', headers, payload: { code: enableCode } });
    expect(enable.statusCode).toBe(200);
    expect(enable.json().totpEnabled).toBe(true);

    const first = await login(user.email, PASSWORD);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ mfaRequired: true });
    const pending = cookieOf(first);
    const stillPending = await sessionOf({ cookie: pending });
    expect(stillPending.statusCode).toBe(401);
    expect(stillPending.json().error.code).toBe('mfa_required');

    const wrong = await env().app.inject({ method: 'POST', url: '/api/v1/auth/mfa', headers: { cookie: pending }, payload: { code: badCode(totp.generate()) } });
    expect(wrong.statusCode).toBe(401);
    // The code that enabled two-factor is spent (replay): the next step's code (accepted for clock drift) signs in.
    const spent = await env().app.inject({ method: 'POST', url: '/api/v1/auth/mfa', headers: { cookie: pending }, payload: { code: enableCode } });
    expect(spent.statusCode).toBe(401);
    const done = await env().app.inject({ method: 'POST', url: '/api/v1/auth/mfa', headers: { cookie: pending }, payload: { code: totp.generate({ timestamp: enabledAt + 30_000 }) } });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ mfaRequired: false, user: { id: user.id, totpEnabled: true } });
    const full = cookieOf(done);
    expect(full).not.toBe(pending); // a new session id after the second factor
    expect((await sessionOf({ cookie: pending })).statusCode).toBe(401);
    expect((await sessionOf({ cookie: full })).statusCode).toBe(200);

    const wrongPassword = await env().app.inject({ method: 'POST', url: '/api/v1/me/totp/disable', headers, payload: { password: 'not my password' } });
    expect(wrongPassword.statusCode).toBe(400);
    const disable = await env().app.inject({ method: 'POST', url: '/api/v1/me/totp/disable', headers, payload: { password: PASSWORD } });
    expect(disable.statusCode).toBe(200);
    expect(disable.json().totpEnabled).toBe(false);
    expect((await login(user.email, PASSWORD)).json().mfaRequired).toBe(false);
  });

  it('logout ends this session; logout-all ends every session of the user', async () => {
    const user = await createUser(db(), { password: PASSWORD });
    const other = await createUser(db());
    const a = await signIn(db(), user);
    const b = await signIn(db(), user);
    const c = await signIn(db(), user);
    const bystander = await signIn(db(), other);
    const out = await env().app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: c });
    expect(out.statusCode).toBe(204);
    expect((await sessionOf(c)).statusCode).toBe(401);
    expect((await sessionOf(a)).statusCode).toBe(200);
    const all = await env().app.inject({ method: 'POST', url: '/api/v1/auth/logout-all', headers: a });
    expect(all.statusCode).toBe(204);
    expect((await sessionOf(a)).statusCode).toBe(401);
    expect((await sessionOf(b)).statusCode).toBe(401);
    expect((await sessionOf(bystander)).statusCode).toBe(200);
    const left = await db().selectFrom('sessions').select('id').where('user_id', '=', user.id).execute();
    expect(left).toHaveLength(0);
  });

  it('probe answers the session when signed in and null (not 401) when signed out or after logout', async () => {
    const user = await createUser(db(), { password: PASSWORD });
    const probe = (headers: Record<string, string> = {}) => env().app.inject({ method: 'GET', url: '/api/v1/auth/probe', headers });
    const anonymous = await probe();
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({ session: null });
    const h = await signIn(db(), user);
    const signedIn = await probe(h);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().session).toMatchObject({ user: { id: user.id } });
    expect(signedIn.json().session.csrfToken).toBe((await sessionOf(h)).json().csrfToken);
    await env().app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: h });
    const after = await probe(h);
    expect(after.statusCode).toBe(200);
    expect(after.json()).toEqual({ session: null });
  });

  it('changing the password signs out the other sessions but keeps this one', async () => {
    const user = await createUser(db(), { password: PASSWORD });
    const mine = await signIn(db(), user);
    const other = await signIn(db(), user);
    const bad = await env().app.inject({ method: 'POST', url: '/api/v1/me/password', headers: mine, payload: { currentPassword: 'nope nope nope', newPassword: 'a new password 123' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('currentPassword');
    const short = await env().app.inject({ method: 'POST', url: '/api/v1/me/password', headers: mine, payload: { currentPassword: PASSWORD, newPassword: 'short' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields[0].path).toBe('newPassword');
    const ok = await env().app.inject({ method: 'POST', url: '/api/v1/me/password', headers: mine, payload: { currentPassword: PASSWORD, newPassword: 'a new password 123' } });
    expect(ok.statusCode).toBe(204);
    expect((await sessionOf(mine)).statusCode).toBe(200);
    expect((await sessionOf(other)).statusCode).toBe(401);
    expect((await login(user.email, 'a new password 123')).statusCode).toBe(200);
    const audit = await db().selectFrom('audit_log').select(['before', 'after']).where('entity_id', '=', user.id).execute();
    for (const a of audit) expect(`${a.before}${a.after}`).not.toMatch(/scrypt\$/);
  });

  it('expires a session after the idle limit and after the absolute limit', async () => {
    const user = await createUser(db());
    const idle = await signIn(db(), user);
    const absolute = await signIn(db(), user);
    expect((await sessionOf(idle)).statusCode).toBe(200);
    const idleToken = idle.cookie!.split('=')[1]!;
    const absToken = absolute.cookie!.split('=')[1]!;
    const stale = new Date(Date.now() - (env().config.sessionIdleMinutes + 1) * 60_000).toISOString();
    await db().updateTable('sessions').set({ last_seen_at: stale }).where('id', '=', sha256(idleToken)).execute();
    await db().updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', sha256(absToken)).execute();
    expect((await sessionOf(idle)).statusCode).toBe(401);
    expect((await sessionOf(absolute)).statusCode).toBe(401);
    const rows = await db().selectFrom('sessions').select('id').where('id', 'in', [sha256(idleToken), sha256(absToken)]).execute();
    expect(rows).toHaveLength(0);
  });

  it('requires the CSRF token for cookie writes but not for API keys', async () => {
    const role = await createRole(db(), { isAdmin: true });
    const admin = await createUser(db(), { roleId: role.id });
    const { cookie, 'x-csrf-token': csrf } = await signIn(db(), admin);
    const payload = { name: `csrf-team-${Date.now()}` };
    const missing = await env().app.inject({ method: 'POST', url: '/api/v1/teams', headers: { cookie }, payload });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe('csrf_failed');
    const wrong = await env().app.inject({ method: 'POST', url: '/api/v1/teams', headers: { cookie, 'x-csrf-token': 'forged' }, payload });
    expect(wrong.statusCode).toBe(403);
    expect((await env().app.inject({ method: 'POST', url: '/api/v1/teams', headers: { cookie, 'x-csrf-token': csrf! }, payload })).statusCode).toBe(201);
    const key = await createApiKeyHeader(db(), admin, role.id);
    const viaKey = await env().app.inject({ method: 'POST', url: '/api/v1/teams', headers: key, payload: { name: `${payload.name}-key` } });
    expect(viaKey.statusCode).toBe(201);
  });
});
