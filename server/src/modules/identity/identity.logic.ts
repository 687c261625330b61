/** Pure rules of identity and access: no I/O, unit-tested in identity.logic.test.ts. */
import { randomBytes } from 'node:crypto';
import { actions, type Action, type Permissions } from '../../platform/auth/principal.js';
import { API_KEY_PREFIX } from '../../platform/auth/authenticate.js';
import type { FieldError } from '../../platform/http/errors.js';
import { randomToken } from '../../platform/auth/passwords.js';

/**
 * A sign-in throttle counter's rule (see countAttempt in throttle.repository.ts): `free` attempts pass at once,
 * then each counted attempt imposes a delay doubling from `baseDelayMs` to `maxDelayMs`; the counter starts
 * over once it has been idle for `idleResetMs`.
 */
export interface ThrottleRule {
  free: number;
  baseDelayMs: number;
  maxDelayMs: number;
  idleResetMs: number;
}
/** Per account and IP: 5 tries at once, then 1 s, 2 s, 4 s … up to 15 min apart; forgotten after an idle hour. */
export const ACCOUNT_IP_RULE: ThrottleRule = { free: 5, baseDelayMs: 1_000, maxDelayMs: 15 * 60_000, idleResetMs: 60 * 60_000 };
/** Per IP over every account (password spraying): 50 failures, then the same delays. */
export const IP_RULE: ThrottleRule = { free: 50, baseDelayMs: 1_000, maxDelayMs: 15 * 60_000, idleResetMs: 60 * 60_000 };
/** Per account over every IP: counted, never delayed (an attacker must not be able to lock the owner out)… */
export const ACCOUNT_RULE: ThrottleRule = { free: 1_000_000_000, baseDelayMs: 0, maxDelayMs: 0, idleResetMs: 24 * 60 * 60_000 };
/** …but past this many failures a password alone is not enough: it takes a known device or a TOTP code. */
export const ACCOUNT_CAP = 20;

/** The three counters of one sign-in attempt. */
export function throttleKeys(email: string, ip: string): { accountIp: string; ip: string; account: string } {
  return { accountIp: `ai:${email}|${ip}`, ip: `ip:${ip}`, account: `ac:${email}` };
}

/** A wait for people: "12 seconds", "3 minutes". Example: waitText(61_000) → "2 minutes". */
export function waitText(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 60) return `${s} second${s === 1 ? '' : 's'}`;
  const m = Math.ceil(s / 60);
  return `${m} minute${m === 1 ? '' : 's'}`;
}

/** A password-verified session waiting for its TOTP code lives this long. */
export const MFA_PENDING_MS = 10 * 60_000;

/** Emails are compared case-insensitively: stored and looked up lowercased and trimmed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Validates a role's permission map against the known module keys and returns it normalised
 * (actions deduplicated, in canonical order). `tolerated` keys are accepted although unknown: a role may
 * already hold grants for a module that is not installed yet, and re-saving it must not fail.
 */
export function normalizePermissions(
  input: Permissions,
  known: ReadonlySet<string>,
  tolerated: ReadonlySet<string> = new Set(),
): { permissions: Permissions } | { error: FieldError } {
  const out: Permissions = {};
  for (const [key, grant] of Object.entries(input)) {
    if (!known.has(key) && !tolerated.has(key)) {
      return { error: { path: `permissions.${key}`, message: `unknown module "${key}"` } };
    }
    const set = new Set<Action>(grant.actions);
    out[key] = { actions: actions.filter((a) => set.has(a)), scope: grant.scope };
  }
  return { permissions: out };
}

/**
 * True when making `parentId` the parent of `teamId` would create a cycle, i.e. `teamId` is `parentId`
 * itself or one of its ancestors. `parentOf` maps every team id to its parent id (or null).
 */
export function createsCycle(teamId: string, parentId: string | null, parentOf: ReadonlyMap<string, string | null>): boolean {
  const seen = new Set<string>();
  for (let at: string | null | undefined = parentId; at; at = parentOf.get(at)) {
    if (at === teamId) return true;
    if (seen.has(at)) return true; // an existing cycle written by hand: refuse to extend it
    seen.add(at);
  }
  return false;
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A new API key: `kith_<6 chars>_<secret>`; the prefix `kith_<6 chars>` is stored to recognise it. */
export function generateApiKey(): { secret: string; prefix: string } {
  const tag = [...randomBytes(6)].map((b) => ALNUM[b % ALNUM.length]).join('');
  const prefix = `${API_KEY_PREFIX}${tag}`;
  return { prefix, secret: `${prefix}_${randomToken(32)}` };
}
