/**
 * Issue 12, findings 4-6, on SQLite and on PostgreSQL: a weak new password is refused with its reason in the
 * user's language; after a distributed guessing attack on an account (failures from 21 loopback addresses),
 * its owner on a new browser is asked for the two-factor code with the password, and gets in with it.
 */
import http from 'node:http';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api';
import { signInWithCookie } from '../support/app';
import { atPath, chromiumPath, hasText, useBrowser, visible, JOURNEY_MS } from '../support/browser';
import { ADMIN, postgresAvailable, startServer, type Dialect, type KithServer } from '../support/server';

const HA = { name: 'Lê Thu Hà', email: 'ha.le@example.com', password: 'lantern orbit marble' };
const BINH = { name: 'Phạm Văn Bình', email: 'binh.pham@example.com', password: 'kettle puffin granite' };

/** A sign-in attempt from another loopback address (127.0.0.x): what a guesser with many IPs looks like. */
function loginFrom(baseUrl: string, localAddress: string, email: string, password: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ email, password });
    const req = http.request(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

for (const dialect of ['sqlite', 'postgres'] as Dialect[]) {
  const available = chromiumPath() !== null && (dialect === 'sqlite' || postgresAvailable());
  (available ? describe : describe.skip)(`security journey [${dialect}]`, () => {
    const b = useBrowser();
    let server: KithServer;
    let admin: ApiClient;
    let roleId: string;

    beforeAll(async () => {
      server = await startServer(dialect);
      admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
      const roles = await admin.get<{ data: { id: string; name: string }[] }>('/roles?limit=200');
      roleId = roles.data.find((r) => r.name === 'Sales rep')!.id;
      await admin.post('/users', { ...HA, roleId, locale: 'vi' });
      await admin.post('/users', { ...BINH, roleId, locale: 'en' });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('a weak new password is refused with its reason, in English and in Vietnamese', async () => {
      const page = b.page();
      await signInWithCookie(page, server.url, ADMIN.email, ADMIN.password, '/profile');
      await page.getByTestId('profile-current-password').fill(ADMIN.password);
      await page.getByTestId('profile-new-password').fill('password1234');
      await page.getByTestId('profile-confirm-password').fill('password1234');
      await page.getByTestId('profile-change-password').click();
      await visible(page.getByText('Too easy to guess: this is, or is close to, a commonly used password.'));

      const vi = await b.newPage();
      await signInWithCookie(vi, server.url, HA.email, HA.password, '/profile');
      await vi.getByTestId('profile-current-password').fill(HA.password);
      await vi.getByTestId('profile-new-password').fill('aaaaaaaaaaaa');
      await vi.getByTestId('profile-confirm-password').fill('aaaaaaaaaaaa');
      await vi.getByTestId('profile-change-password').click();
      await visible(vi.getByText('Quá dễ đoán: ký tự hoặc mẫu lặp lại. Hãy thử vài từ không liên quan đến nhau.'));
      // Nothing changed: the old password still signs in.
      await expect(ApiClient.signIn(server.url, HA.email, HA.password)).resolves.toBeDefined();
    }, JOURNEY_MS);

    it('after a distributed guessing attack, a new browser gets in with the password and the two-factor code', async () => {
      // Bình turns two-factor on (through the API, as the profile page does).
      const binh = await ApiClient.signIn(server.url, BINH.email, BINH.password);
      const { secret } = await binh.post<{ secret: string }>('/me/totp/setup');
      const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
      const enabledAt = Date.now();
      await binh.post('/me/totp/enable', { code: totp.generate({ timestamp: enabledAt }) });

      // 21 wrong passwords, each from its own address: no per-address delay starts, the account cap does.
      const statuses: number[] = [];
      for (let i = 2; i <= 22; i++) statuses.push(await loginFrom(server.url, `127.0.0.${i}`, BINH.email, `guess-${i}-xyz`));
      expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
      expect(statuses[20]).toBe(429);

      const page = b.page();
      await page.goto(`${server.url}/`);
      await atPath(page, /^\/sign-in/);
      await page.getByTestId('signin-email').fill(BINH.email);
      await page.getByTestId('signin-password').fill(BINH.password);
      await page.getByTestId('signin-submit').click();
      await hasText(page.getByTestId('signin-error'), 'Sign in from a device you have used before, or enter your two-factor code with your password.');
      await page.getByTestId('signin-code-with-password').fill(totp.generate({ timestamp: enabledAt + 30_000 }));
      await page.getByTestId('signin-submit').click();
      await atPath(page, /^\/$/);
      await visible(page.getByTestId('user-menu'));
    }, JOURNEY_MS);
  });
}
