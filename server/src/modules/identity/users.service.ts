/** Administration of users: list, read, create, update (role, team, activation, password reset). */
import type { CreateUserBody, UpdateUserBody, User, UserListQuery } from '../../../../contracts/identity.js';
import type { Page } from '../../../../contracts/common.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/db.js';
import { isUniqueViolation } from '../../platform/db/dialect.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { emitEvent } from '../../platform/events/outbox.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import { assertStrongPassword } from '../../platform/auth/password-policy.js';
import type { UsersTable } from '../../platform/db/platform.tables.js';
import { AppError, conflict, invalid, notFound } from '../../platform/http/errors.js';
import { assertVersion } from '../../platform/http/etag.js';
import { newId, nowIso } from '../../platform/ids.js';
import type { Updateable } from 'kysely';
import { workspaceSettings } from '../workspace/index.js';
import { normalizeEmail } from './identity.logic.js';
import { presentUser } from './identity.presenter.js';
import { findRole } from './roles.repository.js';
import { deleteUserSessions } from './sessions.repository.js';
import { forgetDevices } from './throttle.repository.js';
import { findTeam } from './teams.repository.js';
import { countActiveAdmins, findUser, findUserByEmail, insertUser, listUsers, updateUser } from './users.repository.js';
import { principalsChanged } from '../../platform/auth/principal-cache.js';

export async function listUserPage(ctx: AppContext, q: UserListQuery): Promise<Page<User>> {
  const page = await listUsers(ctx.database, {
    limit: q.limit, cursor: q.cursor, q: q.q, teamId: q.teamId, roleId: q.roleId,
    active: q.active === undefined ? undefined : q.active === 'true',
  });
  return { data: page.data.map(presentUser), nextCursor: page.nextCursor };
}

export async function getUser(ctx: AppContext, id: string): Promise<User> {
  const row = await findUser(ctx.database.db, id);
  if (!row) throw notFound('user');
  return presentUser(row);
}

async function assertRoleAndTeam(db: Executor, roleId: string | undefined, teamId: string | null | undefined): Promise<void> {
  if (roleId !== undefined && !(await findRole(db, roleId))) throw invalid('roleId', 'no such role');
  if (teamId && !(await findTeam(db, teamId))) throw invalid('teamId', 'no such team');
}

/** Throws 409 (rolling back the transaction) when no active administrator would remain. */
export async function assertAdminRemains(trx: Executor): Promise<void> {
  if ((await countActiveAdmins(trx)) === 0) {
    throw conflict('This change would leave no active administrator; make someone else an administrator first');
  }
}

const duplicateEmail = () => new AppError('duplicate', 'email: a user with this email already exists', [{ path: 'email', message: 'already exists' }]);

/** Creates a user (HTTP, CLI, demo and first-run setup all come here). */
export async function createUser(ctx: AppContext, actor: Actor | null, body: CreateUserBody): Promise<User> {
  const db = ctx.database.db;
  const email = normalizeEmail(body.email);
  await assertRoleAndTeam(db, body.roleId, body.teamId);
  await assertStrongPassword('password', body.password, [email, body.name]);
  if (await findUserByEmail(db, email)) throw duplicateEmail();
  const id = newId();
  const now = nowIso();
  const passwordHash = await hashPassword(body.password);
  // Without a language of their own, a new user starts in the workspace's default one (Settings › Workspace).
  const locale = body.locale ?? (await workspaceSettings(db)).defaultLanguage;
  try {
    return await db.transaction().execute(async (trx) => {
      await insertUser(trx, {
        id, email, name: body.name, password_hash: passwordHash, role_id: body.roleId, team_id: body.teamId ?? null,
        locale, created_at: now, updated_at: now, created_by: actor?.id ?? null, updated_by: actor?.id ?? null,
      });
      const user = presentUser((await findUser(trx, id))!);
      await appendAudit(trx, { actor, action: 'create', entity: 'user', entityId: id, after: user });
      await emitEvent(trx, { type: 'user.created', entity: 'user', entityId: id, actorId: actor?.id ?? null, data: { id } });
      return user;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateEmail();
    throw err;
  }
}

export async function updateUserById(ctx: AppContext, actor: Actor, id: string, body: UpdateUserBody, expected: number | undefined): Promise<User> {
  const db = ctx.database.db;
  const current = await findUser(db, id);
  if (!current) throw notFound('user');
  assertVersion(expected, current.version);
  await assertRoleAndTeam(db, body.roleId, body.teamId);
  const patch: Updateable<UsersTable> = {};
  if (body.email !== undefined && normalizeEmail(body.email) !== current.email) {
    const email = normalizeEmail(body.email);
    if (await findUserByEmail(db, email)) throw duplicateEmail();
    patch.email = email;
  }
  if (body.name !== undefined && body.name !== current.name) patch.name = body.name;
  if (body.roleId !== undefined && body.roleId !== current.role_id) patch.role_id = body.roleId;
  if (body.teamId !== undefined && body.teamId !== current.team_id) patch.team_id = body.teamId;
  if (body.locale !== undefined && body.locale !== current.locale) patch.locale = body.locale;
  if (body.active !== undefined && (body.active ? 1 : 0) !== current.active) patch.active = body.active ? 1 : 0;
  if (body.password !== undefined) {
    await assertStrongPassword('password', body.password, [patch.email ?? current.email, patch.name ?? current.name]);
    patch.password_hash = await hashPassword(body.password);
  }
  if (Object.keys(patch).length === 0) return presentUser(current);

  const accessChanged = patch.role_id !== undefined || patch.active !== undefined;
  const signOut = patch.active === 0 || patch.password_hash !== undefined;
  try {
    return await db.transaction().execute(async (trx) => {
      if (!(await updateUser(trx, id, current.version, { ...patch, updated_at: nowIso(), updated_by: actor.id }))) {
        throw new AppError('precondition_failed', 'The user changed since you loaded it; reload and try again');
      }
      if (accessChanged) await assertAdminRemains(trx);
      if (signOut) {
        await deleteUserSessions(trx, id);
        await forgetDevices(trx, id); // deactivated or reset: no browser keeps its known-device standing
      }
      const before = presentUser(current);
      const after = presentUser((await findUser(trx, id))!);
      await appendAudit(trx, {
        actor, action: accessChanged ? 'permission_change' : 'update', entity: 'user', entityId: id,
        before, after: patch.password_hash ? { ...after, passwordReset: true } : after,
      });
      await emitEvent(trx, { type: 'user.updated', entity: 'user', entityId: id, actorId: actor.id, data: { id, fields: Object.keys(patch).filter((k) => k !== 'password_hash') } });
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateEmail();
    throw err;
  } finally {
    await principalsChanged(ctx.database.db); // after commit: this node and the others (platform/auth/principal-cache.ts)
  }
}
