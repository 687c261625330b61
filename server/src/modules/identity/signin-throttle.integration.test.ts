import * as OTPAuth from 'otpauth';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/harness.js';
import { createRole, createUser } from '../../platform/testing/factories.js';
import { ACCOUNT_CAP, IP_RULE } from './identity.logic.js';

// Issue 12, findings 4 and 5: sign-in throttling that counts atomically and cannot be used to lock an owner
// out, and TOTP codes that work once.
const PASSWORD = 'correct horse battery';
let ipSeq = 0;
const freshIp = () => `10.7.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;
type Res = { statusCode: number; headers: Record<string, unknown>; cookies: { name: string; value: string }[]; json(): { error?: { code: string; fields?: { path: string }[] }; mfaRequired?: boolean } };

describeEachDialect('identity: sign-in throttling and TOTP replay', (env) => {
  const db = () => env().database.db;
  const login = (email: string, password: string, ip: string, o: { device?: string; code?: string; cookie?: string } = {}): Promise<Res> => {
    const cookies = [o.device ? `kith_device=${o.device}` : null, o.cookie ?? null].filter(Boolean).join('; ');
    return env().app.inject({
      method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip,
      payload: { email, password, ...(o.code ? { code: o.code } : {}) },
      ...(cookies ? { headers: { cookie: cookies } } : {}),
    }) as unknown as Promise<Res>;
  };
  const cookie = (res: Res, name: string) => res.cookies.find((c) => c.name === name)?.value;
  const totpOf = (secret: string) => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });

  it('60 parallel wrong passwords from one IP: the count is the check, so only the free attempts get through', async () => {
    const user = await createUser(db(), { password: PASSWORD });
    const ip = freshIp();
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 60 }, () => login(user.email, 'not the password', ip)));
    const seconds = (Date.now() - started) / 1000;
    const statuses = results.map((r) => r.statusCode);
    const refused = results.filter((r) => r.statusCode === 429);
    const checked = statuses.filter((s) => s === 401).length;
    // 5 free attempts + the one that starts the 1 s delay; on a slow machine, one more per doubled delay that
    // elapsed during the burst (1 s, 2 s, 4 s …). Counted after checking, 60 would all have been checked.
    expect(checked).toBeGreaterThanOrEqual(6);
    expect(checked).toBeLessThanOrEqual(6 + Math.ceil(Math.log2(1 + seconds)));
    expect(refused.length).toBe(60 - checked);
    for (const r of refused) {
      expect(r.json().error?.code).toBe('too_many_attempts');
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    // Nothing is locked for the owner, who signs in from elsewhere.
    expect((await login(user.email, PASSWORD, freshIp())).statusCode).toBe(200);
  });

  it('delays double per account and IP; the right password after the delay passes and clears them', async () => {
    const user = await createUser(db(), { password: PASSWORD });
    const ip = freshIp();
    const key = `ai:${user.email}|${ip}`;
    for (let i = 0; i < 6; i++) expect((await login(user.email, 'not the password', ip)).statusCode).toBe(401);
    const delayOf = async () => Number((await db().selectFrom('login_throttle').select('delay_ms').where('key', '=', key).executeTakeFirstOrThrow()).delay_ms);
    expect(await delayOf()).toBe(1_000);
    // Inside the delay (stretched to a minute, so a slow machine cannot outlast it) even the right password
    // waits: it is not checked.
    await db().updateTable('login_throttle').set({ next_at: Date.now() + 60_000 }).where('key', '=', key).execute();
    const early = await login(user.email, PASSWORD, ip);
    expect(early.statusCode).toBe(429);
    expect(Number(early.headers['retry-after'])).toBeGreaterThan(55);
    expect(Number(early.headers['retry-after'])).toBeLessThanOrEqual(60);
    const passTime = () => db().updateTable('login_throttle').set({ next_at: Date.now() - 1 }).where('key', '=', key).execute();
    await passTime();
    expect((await login(user.email, 'not the password', ip)).statusCode).toBe(401);
    expect(await delayOf()).toBe(2_000);
    await passTime();
    expect((await login(user.email, PASSWORD, ip)).statusCode).toBe(200);
    expect(await db().selectFrom('login_throttle').select('key').where('key', '=', key).executeTakeFirst()).toBeUndefined();
  });

  it('an attacker on other IPs cannot lock the administrator out of a known device', async () => {
    const admin = await createUser(db(), { password: PASSWORD, roleId: (await createRole(db(), { isAdmin: true })).id });
    const office = freshIp();
    const first = await login(admin.email, PASSWORD, office);
    expect(first.statusCode).toBe(200);
    const device = cookie(first, 'kith_device');
    expect(device).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // A distributed guesser: a new IP per attempt, so no per-IP delay ever starts.
    for (let i = 0; i < ACCOUNT_CAP; i++) expect((await login(admin.email, `guess-${i}-xyz`, freshIp())).statusCode).toBe(401);
    const capped = await login(admin.email, 'guess-last-xyz', freshIp());
    expect(capped.statusCode).toBe(429);
    // Past the cap the guesser learns nothing: the right password from an unknown browser gets the same answer.
    const lucky = await login(admin.email, PASSWORD, freshIp());
    expect(lucky.statusCode).toBe(429);
    expect(lucky.json()).toEqual(capped.json());
    expect(capped.json().error?.fields?.[0]?.path).toBe('code');
    expect(cookie(lucky, 'kith_session')).toBeUndefined();
    // The administrator's browser still works, from the office or from anywhere else.
    expect((await login(admin.email, PASSWORD, office, { device })).statusCode).toBe(200);
    expect((await login(admin.email, PASSWORD, freshIp(), { device })).statusCode).toBe(200);
    // A device cookie of another account does not help.
    const other = await createUser(db(), { password: PASSWORD });
    const otherDevice = cookie(await login(other.email, PASSWORD, freshIp()), 'kith_device');
    expect((await login(admin.email, PASSWORD, freshIp(), { device: otherDevice! })).statusCode).toBe(429);
  });

  it('past the cap, a correct password with a valid second factor passes from an unknown device', async () => {
    const secret = new OTPAuth.Secret({ size: 20 }).base32;
    const user = await createUser(db(), { password: PASSWORD });
    await db().updateTable('users').set({ totp_secret: secret, totp_enabled: 1 }).where('id', '=', user.id).execute();
    await db().insertInto('login_throttle').values({ key: `ac:${user.email}`, count: ACCOUNT_CAP + 5, delay_ms: 0, next_at: Date.now(), last_at: Date.now() }).execute();
    const totp = totpOf(secret);
    expect((await login(user.email, PASSWORD, freshIp())).statusCode).toBe(429); // no pending session handed out
    expect((await login(user.email, 'not the password', freshIp(), { code: totp.generate() })).statusCode).toBe(429);
    const ok = await login(user.email, PASSWORD, freshIp(), { code: totp.generate() });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().mfaRequired).toBe(false);
  });

  it('an IP spraying one password over many accounts is delayed after the free attempts', async () => {
    const ip = freshIp();
    const victim = await createUser(db(), { password: PASSWORD });
    // Simulate the earlier spray on the IP counter (the statement is the one every attempt runs).
    await db().insertInto('login_throttle').values({ key: `ip:${ip}`, count: IP_RULE.free, delay_ms: 0, next_at: Date.now(), last_at: Date.now() }).execute();
    expect((await login(`spray-a@example.test`, 'Summer2026!!', ip)).statusCode).toBe(401);
    const row = await db().selectFrom('login_throttle').selectAll().where('key', '=', `ip:${ip}`).executeTakeFirstOrThrow();
    expect(Number(row.delay_ms)).toBe(IP_RULE.baseDelayMs); // the first delay starts
    // Within it (stretched so a slow machine cannot outlast it), the address is refused even for a right password.
    await db().updateTable('login_throttle').set({ next_at: Date.now() + 60_000 }).where('key', '=', `ip:${ip}`).execute();
    expect((await login(victim.email, PASSWORD, ip)).statusCode).toBe(429);
    expect((await login(victim.email, PASSWORD, freshIp())).statusCode).toBe(200);
  });

  it('a TOTP code signs in once: replayed (in sequence or in parallel) it is refused', async () => {
    const secret = new OTPAuth.Secret({ size: 20 }).base32;
    const user = await createUser(db(), { password: PASSWORD });
    await db().updateTable('users').set({ totp_secret: secret, totp_enabled: 1 }).where('id', '=', user.id).execute();
    const totp = totpOf(secret);
    const now = Date.now();
    const code = totp.generate({ timestamp: now });
    expect((await login(user.email, PASSWORD, freshIp(), { code })).statusCode).toBe(200);
    const replay = await login(user.email, PASSWORD, freshIp(), { code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error?.fields?.[0]?.path).toBe('code');
    // An older step is refused too once a later one was used.
    const later = totp.generate({ timestamp: now + 30_000 });
    const pendings = await Promise.all([login(user.email, PASSWORD, freshIp()), login(user.email, PASSWORD, freshIp())]);
    const mfa = (res: Res, c: string) => env().app.inject({
      method: 'POST', url: '/api/v1/auth/mfa', remoteAddress: freshIp(), headers: { cookie: `kith_session=${cookie(res, 'kith_session')}` }, payload: { code: c },
    });
    const both = await Promise.all(pendings.map((p) => mfa(p as Res, later)));
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 401]);
    expect((await mfa(pendings[0] as Res, code)).statusCode).toBe(401);
  });
});
