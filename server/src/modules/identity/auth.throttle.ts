/**
 * Sign-in throttling (issue 12, finding 4). Every attempt is counted before the password is checked, by one
 * statement per counter that is also the check (throttle.repository.ts), on three counters:
 * - account + IP: progressive delays (5 free, then 1 s doubling to 15 min) — slows a guesser without
 *   touching the owner, who signs in from another address;
 * - IP: the same delays after 50 attempts over every account (password spraying);
 * - account: never delays; past ACCOUNT_CAP failures a password alone is refused unless it comes from a
 *   known device (kith_device cookie of an earlier successful sign-in) or with a valid TOTP code.
 * A successful sign-in takes its attempt back, so the counters hold failures (and attempts in flight).
 */
import type { Executor } from '../../platform/db/db.js';
import { AppError } from '../../platform/http/errors.js';
import { ACCOUNT_CAP, ACCOUNT_IP_RULE, ACCOUNT_RULE, IP_RULE, throttleKeys, waitText } from './identity.logic.js';
import { countAttempt, msUntilAllowed, purgeThrottle, resetCounter, uncountAttempt } from './throttle.repository.js';

export type ThrottleKeys = ReturnType<typeof throttleKeys>;

function tooMany(ms: number): AppError {
  return new AppError('too_many_attempts', `Too many failed sign-in attempts; try again in ${waitText(ms)}`, undefined, {
    'Retry-After': String(Math.max(1, Math.ceil(ms / 1000))),
  });
}

/** The answer once the account's cap is passed, whatever the password: it must not tell a guesser anything. */
export function accountCapped(): AppError {
  return new AppError(
    'too_many_attempts',
    'Too many failed sign-in attempts on this account: sign in from a device you have used before, or enter your two-factor code with your password',
    [{ path: 'code', message: 'required: too many failed sign-in attempts on this account' }],
  );
}

/**
 * Counts one sign-in attempt on the three counters, refusing it (429 with Retry-After) while the IP or the
 * account-and-IP pair is inside its delay. Returns whether the account is past its cap.
 */
export async function countSignInAttempt(db: Executor, email: string, ip: string, now = Date.now()): Promise<{ keys: ThrottleKeys; capped: boolean }> {
  const keys = throttleKeys(email, ip);
  if ((await countAttempt(db, keys.ip, IP_RULE, now)) === null) throw tooMany(await msUntilAllowed(db, keys.ip, now));
  if ((await countAttempt(db, keys.accountIp, ACCOUNT_IP_RULE, now)) === null) {
    await uncountAttempt(db, keys.ip); // refused before it was tried: not a failure
    throw tooMany(await msUntilAllowed(db, keys.accountIp, now));
  }
  const onAccount = (await countAttempt(db, keys.account, ACCOUNT_RULE, now)) ?? 0;
  return { keys, capped: onAccount > ACCOUNT_CAP };
}

/** The password (or code) was right: forget this pair's delays and take the attempt back from the others. */
export async function attemptSucceeded(db: Executor, keys: ThrottleKeys): Promise<void> {
  await resetCounter(db, keys.accountIp);
  await uncountAttempt(db, keys.ip);
  await uncountAttempt(db, keys.account);
}

export const IDENTITY_PURGE_JOB = 'identity.purge-sign-in-state';

/** Hourly: counters idle for a day (every rule has forgotten them by then) and devices unused for a year. */
export function purgeSignInState(db: Executor, now = Date.now()): Promise<{ counters: number; devices: number }> {
  return purgeThrottle(db, now - 86_400_000, new Date(now - 365 * 86_400_000).toISOString());
}
