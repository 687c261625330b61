/** Sign-in, two-factor completion, sign-out and the current session. */
import type { SessionUser } from '../../../../contracts/identity.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/db.js';
import { appendAudit } from '../../platform/audit/audit.js';
import { hashPassword, randomToken, sha256, verifyPassword } from '../../platform/auth/passwords.js';
import type { Principal } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/http/errors.js';
import { nowIso } from '../../platform/ids.js';
import { MFA_PENDING_MS, normalizeEmail } from './identity.logic.js';
import { presentSessionUser } from './identity.presenter.js';
import { totpStep } from './identity.totp.js';
import { findRole } from './roles.repository.js';
import { deleteSession, deleteUserSessions, findSession, insertSession, recordAttempt } from './sessions.repository.js';
import { consumeTotpStep, findUserByEmail, setLastLogin, type UserRow } from './users.repository.js';
import { principalsChanged } from '../../platform/auth/principal-cache.js';
import { accountCapped, attemptSucceeded, countSignInAttempt, type ThrottleKeys } from './auth.throttle.js';
import { forgetDevices, isKnownDevice, rememberDevice } from './throttle.repository.js';

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
  /** The kith_device cookie, when the browser has one. */
  deviceToken?: string | undefined;
}

/** A session just created: the cookie value (never stored) and the CSRF token the browser echoes. */
export interface IssuedSession {
  token: string;
  csrfToken: string;
  expiresAt: string;
}

export type LoginOutcome =
  | { mfaRequired: false; session: IssuedSession; user: SessionUser; deviceToken: string }
  | { mfaRequired: true; session: IssuedSession };

const BAD_CREDENTIALS = 'Email or password is incorrect';
const BAD_CODE = () => new AppError('unauthenticated', 'The two-factor code is not valid', [{ path: 'code', message: 'not valid' }]);
const DEVICE_TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

// Verifying against a real hash when the account does not exist keeps response times from revealing which emails exist.
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hashPassword('not-a-real-password'));

async function recordFailure(ctx: AppContext, email: string, user: UserRow | undefined, client: ClientInfo, reason: string) {
  await ctx.database.db.transaction().execute(async (trx) => {
    await recordAttempt(trx, email, client.ip, false);
    await appendAudit(trx, {
      actor: { id: null, label: email }, action: 'login_failed', entity: 'user', entityId: user?.id ?? null,
      after: { email, reason }, ip: client.ip,
    });
  });
}

async function issueSession(db: Executor, userId: string, client: ClientInfo, expiresAt: string, mfaPending: boolean): Promise<IssuedSession> {
  const token = randomToken();
  const csrfToken = randomToken(16);
  const now = nowIso();
  await insertSession(db, {
    id: sha256(token), user_id: userId, csrf_token: csrfToken, mfa_pending: mfaPending ? 1 : 0,
    created_at: now, last_seen_at: now, expires_at: expiresAt, ip: client.ip, user_agent: client.userAgent,
  });
  return { token, csrfToken, expiresAt };
}

/** A valid TOTP code of a step not used before (the update that records the step is the check). */
async function codeAccepted(db: Executor, user: UserRow, code: string): Promise<boolean> {
  const step = totpStep(user.totp_secret, code);
  return step !== null && (await consumeTotpStep(db, user.id, step));
}

/**
 * Completes a sign-in: a fresh full session (never the pending one: no fixation), the browser remembered as
 * a known device, throttle counters released, last login and audit.
 */
async function signIn(ctx: AppContext, user: UserRow, client: ClientInfo, viaMfa: boolean, keys: ThrottleKeys): Promise<LoginOutcome> {
  const expiresAt = new Date(Date.now() + ctx.config.sessionAbsoluteHours * 3_600_000).toISOString();
  const deviceToken = client.deviceToken && DEVICE_TOKEN_RE.test(client.deviceToken) ? client.deviceToken : randomToken();
  const session = await ctx.database.db.transaction().execute(async (trx) => {
    await attemptSucceeded(trx, keys);
    await rememberDevice(trx, sha256(deviceToken), user.id);
    await recordAttempt(trx, user.email, client.ip, true);
    const issued = await issueSession(trx, user.id, client, expiresAt, false);
    await setLastLogin(trx, user.id, nowIso());
    await appendAudit(trx, {
      actor: { id: user.id, label: user.email }, action: 'login', entity: 'user', entityId: user.id,
      after: { mfa: viaMfa, userAgent: client.userAgent }, ip: client.ip,
    });
    return issued;
  });
  return { mfaRequired: false, session, user: await sessionUserOf(ctx.database.db, user.id), deviceToken };
}

/**
 * Email + password, and optionally the TOTP code in the same request (required once the account is past its
 * failure cap and the browser is not a known device). Throttling: see auth.throttle.ts.
 */
export async function login(ctx: AppContext, rawEmail: string, password: string, client: ClientInfo, code?: string): Promise<LoginOutcome> {
  const db = ctx.database.db;
  const email = normalizeEmail(rawEmail);
  const { keys, capped } = await countSignInAttempt(db, email, client.ip);
  const user = await findUserByEmail(db, email);
  const passwordOk = await verifyPassword(password, user?.password_hash ?? (await dummy()));
  const valid = user !== undefined && passwordOk && user.active === 1;
  if (capped) {
    const known = user !== undefined && client.deviceToken !== undefined && (await isKnownDevice(db, sha256(client.deviceToken), user.id));
    if (!known) {
      // Only a correct password with a valid code passes; every other case gets the same answer.
      if (valid && code !== undefined && user.totp_enabled === 1 && (await codeAccepted(db, user, code))) return signIn(ctx, user, client, true, keys);
      await recordFailure(ctx, email, user, client, valid ? 'account capped: unknown device' : 'account capped');
      throw accountCapped();
    }
  }
  if (!valid) {
    await recordFailure(ctx, email, user, client, !user ? 'unknown email' : !passwordOk ? 'wrong password' : 'inactive');
    throw new AppError('unauthenticated', BAD_CREDENTIALS);
  }
  if (user.totp_enabled === 1) {
    if (code !== undefined) {
      if (await codeAccepted(db, user, code)) return signIn(ctx, user, client, true, keys);
      await recordFailure(ctx, email, user, client, 'wrong two-factor code');
      throw BAD_CODE();
    }
    await attemptSucceeded(db, keys); // the password was right; the code step counts on its own
    const session = await issueSession(db, user.id, client, new Date(Date.now() + MFA_PENDING_MS).toISOString(), true);
    return { mfaRequired: true, session };
  }
  return signIn(ctx, user, client, false, keys);
}

/** Second step: the pending session's cookie plus a TOTP code. Each code counts as an attempt on the same throttle. */
export async function completeMfa(ctx: AppContext, token: string | undefined, code: string, client: ClientInfo): Promise<LoginOutcome> {
  const db = ctx.database.db;
  const pending = token ? await findSession(db, sha256(token)) : undefined;
  if (!pending || pending.mfa_pending !== 1 || Date.parse(pending.expires_at) < Date.now()) {
    throw new AppError('unauthenticated', 'Sign in with your password first');
  }
  const user = await db.selectFrom('users').selectAll().where('id', '=', pending.user_id).executeTakeFirst();
  if (!user || user.active !== 1) throw new AppError('unauthenticated', 'Sign in with your password first');
  const { keys } = await countSignInAttempt(db, user.email, client.ip);
  if (!(await codeAccepted(db, user, code))) {
    await recordFailure(ctx, user.email, user, client, 'wrong or reused two-factor code');
    throw BAD_CODE();
  }
  await deleteSession(db, pending.id);
  return signIn(ctx, user, client, true, keys);
}

export async function logout(ctx: AppContext, p: Principal, ip: string): Promise<void> {
  if (!p.sessionId) return; // an API key has no session to end
  const sessionId = p.sessionId;
  await ctx.database.db.transaction().execute(async (trx) => {
    await deleteSession(trx, sessionId);
    await appendAudit(trx, { actor: { id: p.userId, label: p.email }, action: 'logout', entity: 'user', entityId: p.userId, ip });
  });
  await principalsChanged(ctx.database.db); // after commit: this node and the others (platform/auth/principal-cache.ts)
}

/** "Sign out everywhere": every session of the user, including this one. */
export async function logoutAll(ctx: AppContext, p: Principal, ip: string): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    const ended = await deleteUserSessions(trx, p.userId);
    await forgetDevices(trx, p.userId); // a lost laptop stops counting as a known device too
    await appendAudit(trx, { actor: { id: p.userId, label: p.email }, action: 'logout_all', entity: 'user', entityId: p.userId, after: { sessions: ended }, ip });
  });
  await principalsChanged(ctx.database.db); // after commit: this node and the others (platform/auth/principal-cache.ts)
}

/** The session user, under the user's own role. */
export async function sessionUserOf(db: Executor, userId: string, roleId?: string): Promise<SessionUser> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  const role = user ? await findRole(db, roleId ?? user.role_id) : undefined;
  if (!user || !role) throw new AppError('unauthenticated', 'Sign in first');
  return presentSessionUser(user, role);
}
