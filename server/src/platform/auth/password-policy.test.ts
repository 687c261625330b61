import { describe, expect, it } from 'vitest';
import { passwordWeakness } from './password-policy.js';

describe('passwordWeakness', () => {
  it.each([
    ['aaaaaaaaaaaa', 'repeat'],
    ['abcabcabcabc', 'repeat'],
    ['password1234', 'common'],
    ['Password1234', 'common'],
    ['123456789012', 'common'],
    ['qwertyuiop12', 'common'],
    ['abcdefghijkl', 'sequence'],
    ['short', 'short'],
  ])('refuses %s (%s)', async (password, reason) => {
    const weak = await passwordWeakness(password);
    expect(weak?.reason).toBe(reason);
    expect(weak?.message).toMatch(reason === 'short' ? /12 characters/ : new RegExp(`^too easy to guess \\(${reason}\\): `));
  });

  it('accepts the passwords the browser journeys set for their users', async () => {
    expect(await passwordWeakness('vy-password-12345', ['vy.tran@example.com', 'Vy Trần'])).toBeNull();
    expect(await passwordWeakness('admin-password-123', ['admin@example.com', 'Administrator', 'kith', 'admin'])).toBeNull();
  });

  it('refuses a password made of the user\'s own name and email', async () => {
    expect(await passwordWeakness('nguyenvanan', ['an@example.vn', 'Nguyen Van An'])).toMatchObject({ reason: 'short' });
    expect((await passwordWeakness('NguyenVanAn!', ['nguyen.van.an@example.vn', 'Nguyen Van An']))?.reason).toBeDefined();
  });

  it.each([
    ['correct horse battery'],
    ['admin-password-123'],
    ['demo-password-123'],
    ['long enough password'],
    ['a new password 123'],
    ['Tết ở Hà Nội rất lạnh'],
  ])('accepts %s', async (password) => {
    expect(await passwordWeakness(password, ['someone@example.test', 'Administrator', 'kith', 'admin'])).toBeNull();
  });
});

describe('password estimator off the event loop', () => {
  it('scores a long l33t-heavy password (seconds on the main thread before) while timers keep firing', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = Date.now();
    const weak = await passwordWeakness('aB3$'.repeat(50));
    clearInterval(timer);
    expect(weak?.reason).toBeDefined(); // a repeated pattern, or guessable if it took too long
    // The loop was free: about one tick per 10 ms elapsed (a blocked loop would show ~0).
    expect(ticks).toBeGreaterThanOrEqual(Math.floor((Date.now() - started) / 40));
  });
});
