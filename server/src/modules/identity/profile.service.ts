/** The signed-in user's own profile: name, language, password, two-factor. */
import type { ChangePasswordBody, SessionUser, TotpSetupResponse, UpdateMeBody } from '../../../../contracts/identity.js';
import type { AppContext } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit/audit.js';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.js';
import { assertStrongPassword } from '../../platform/auth/password-policy.js';
import type { Principal } from '../../platform/auth/principal.js';
import { AppError, conflict, forbidden, invalid } from '../../platform/http/errors.js';
import { nowIso } from '../../platform/ids.js';
import { sessionUserOf } from './auth.service.js';
import { newTotpSecret, totpStep } from './identity.totp.js';
import { deleteUserSessions } from './sessions.repository.js';
import { consumeTotpStep, updateUser } from './users.repository.js';
import { principalsChanged } from '../../platform/auth/principal-cache.js';

const actorOf = (p: Principal) => ({ id: p.userId, label: p.email });

/** Credentials change only from a signed-in browser: an API key must not take over its owner's account. */
function requireSession(p: Principal): void {
  if (p.kind !== 'user') throw forbidden('Password and two-factor settings cannot be changed with an API key');
}

async function loadSelf(ctx: AppContext, p: Principal) {
  const user = await ctx.database.db.selectFrom('users').selectAll().where('id', '=', p.userId).executeTakeFirst();
  if (!user) throw new AppError('unauthenticated', 'Sign in first');
  return user;
}

async function applyChange(ctx: AppContext, p: Principal, version: number, patch: Parameters<typeof updateUser>[3], audit: { action: string; before?: unknown; after?: unknown }, after?: (trx: Parameters<typeof updateUser>[0]) => Promise<void>) {
  await ctx.database.db.transaction().execute(async (trx) => {
    if (!(await updateUser(trx, p.userId, version, { ...patch, updated_at: nowIso(), updated_by: p.userId }))) {
      throw new AppError('precondition_failed', 'Your profile changed meanwhile; reload and try again');
    }
    await appendAudit(trx, { actor: actorOf(p), entity: 'user', entityId: p.userId, ...audit });
    await after?.(trx);
  });
  await principalsChanged(ctx.database.db); // after commit: this node and the others (platform/auth/principal-cache.ts)
}

export async function updateMe(ctx: AppContext, p: Principal, body: UpdateMeBody): Promise<SessionUser> {
  const user = await loadSelf(ctx, p);
  const patch: { name?: string; locale?: string } = {};
  if (body.name !== undefined && body.name !== user.name) patch.name = body.name;
  if (body.locale !== undefined && body.locale !== user.locale) patch.locale = body.locale;
  if (Object.keys(patch).length) {
    const before = { name: user.name, locale: user.locale };
    await applyChange(ctx, p, user.version, patch, { action: 'update', before, after: { ...before, ...patch } });
  }
  return sessionUserOf(ctx.database.db, p.userId, p.roleId);
}

/** Changes the password and signs out every other session (a stolen session dies with the old password). */
export async function changePassword(ctx: AppContext, p: Principal, body: ChangePasswordBody): Promise<void> {
  requireSession(p);
  const user = await loadSelf(ctx, p);
  if (!(await verifyPassword(body.currentPassword, user.password_hash))) throw invalid('currentPassword', 'is not your current password');
  await assertStrongPassword('newPassword', body.newPassword, [user.email, user.name]);
  const hash = await hashPassword(body.newPassword);
  await applyChange(ctx, p, user.version, { password_hash: hash }, { action: 'password_change' }, async (trx) => {
    await deleteUserSessions(trx, p.userId, p.sessionId);
  });
}

/** Stores a new secret (not yet active): enabling needs a code from it, so a mis-scanned QR cannot lock anyone out. */
export async function setupTotp(ctx: AppContext, p: Principal): Promise<TotpSetupResponse> {
  requireSession(p);
  const user = await loadSelf(ctx, p);
  if (user.totp_enabled === 1) throw conflict('Two-factor sign-in is already on; turn it off first');
  const setup = await newTotpSecret(user.email);
  await applyChange(ctx, p, user.version, { totp_secret: setup.secret, totp_last_step: null }, { action: 'totp_setup' });
  return setup;
}

export async function enableTotp(ctx: AppContext, p: Principal, code: string): Promise<SessionUser> {
  requireSession(p);
  const user = await loadSelf(ctx, p);
  if (user.totp_enabled === 1) throw conflict('Two-factor sign-in is already on');
  if (!user.totp_secret) throw conflict('Start with POST /me/totp/setup');
  const step = totpStep(user.totp_secret, code);
  if (step === null) throw invalid('code', 'not valid; check the time on your phone and try again');
  // The code that turns two-factor on is spent: it cannot then sign anybody in.
  if (!(await consumeTotpStep(ctx.database.db, p.userId, step))) throw invalid('code', 'already used; wait for the next code');
  await applyChange(ctx, p, user.version, { totp_enabled: 1 }, { action: 'totp_enable', before: { totpEnabled: false }, after: { totpEnabled: true } });
  return sessionUserOf(ctx.database.db, p.userId, p.roleId);
}

export async function disableTotp(ctx: AppContext, p: Principal, password: string): Promise<SessionUser> {
  requireSession(p);
  const user = await loadSelf(ctx, p);
  if (!(await verifyPassword(password, user.password_hash))) throw invalid('password', 'is not your current password');
  await applyChange(ctx, p, user.version, { totp_enabled: 0, totp_secret: null }, {
    action: 'totp_disable', before: { totpEnabled: user.totp_enabled === 1 }, after: { totpEnabled: false },
  });
  return sessionUserOf(ctx.database.db, p.userId, p.roleId);
}
