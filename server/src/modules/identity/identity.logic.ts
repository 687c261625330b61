/** Pure rules of identity and access: no I/O, unit-tested in identity.logic.test.ts. */
import { randomBytes } from 'node:crypto';
import { actions, type Action, type Permissions } from '../../platform/auth/principal.js';
import { API_KEY_PREFIX } from '../../platform/auth/authenticate.js';
import type { FieldError } from '../../platform/http/errors.js';
import { randomToken } from '../../platform/auth/passwords.js';

/** Login throttling (design §6): at most this many failures per window, per account and per IP. */
export const MAX_FAILURES = 10;
export const FAILURE_WINDOW_MS = 15 * 60_000;
/** A password-verified session waiting for its TOTP code lives this long. */
export const MFA_PENDING_MS = 10 * 60_000;

/** Emails are compared case-insensitively: stored and looked up lowercased and trimmed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Seconds until a caller with these recent failures (newest first, at most MAX_FAILURES) may try again,
 * or 0 when it is not throttled. The caller stays blocked until the MAX_FAILURES-th newest failure ages out.
 * Example: ten failures, the oldest of them 5 minutes ago → 600.
 */
export function retryAfterSeconds(recentFailuresNewestFirst: string[], now: number): number {
  if (recentFailuresNewestFirst.length < MAX_FAILURES) return 0;
  const pivot = recentFailuresNewestFirst[MAX_FAILURES - 1]!;
  const until = Date.parse(pivot) + FAILURE_WINDOW_MS;
  return until > now ? Math.max(1, Math.ceil((until - now) / 1000)) : 0;
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
