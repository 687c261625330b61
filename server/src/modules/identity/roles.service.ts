/** Roles: per-module actions and scopes, classification ceiling, administrator flag. */
import type { Updateable } from 'kysely';
import type { CreateRoleBody, Permissions, Role, UpdateRoleBody } from '../../../../contracts/identity.js';
import type { Page } from '../../../../contracts/common.js';
import type { AppContext } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db/dialect.js';
import type { RolesTable } from '../../platform/db/platform.tables.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { emitEvent } from '../../platform/events/outbox.js';
import { AppError, conflict, notFound } from '../../platform/http/errors.js';
import { assertVersion } from '../../platform/http/etag.js';
import { newId, nowIso } from '../../platform/ids.js';
import { normalizePermissions } from './identity.logic.js';
import { presentRole } from './identity.presenter.js';
import { countApiKeysWithRole, deleteRole, findRole, findRoleByName, insertRole, listRoles, updateRole } from './roles.repository.js';
import { countUsers } from './users.repository.js';
import { assertAdminRemains } from './users.service.js';
import { principalsChanged } from '../../platform/auth/principal-cache.js';

const duplicateName = () => new AppError('duplicate', 'name: a role with this name already exists', [{ path: 'name', message: 'already exists' }]);
const stale = () => new AppError('precondition_failed', 'The role changed since you loaded it; reload and try again');

function validPermissions(ctx: AppContext, input: Permissions, tolerated?: Permissions): Permissions {
  const known = new Set(ctx.permissionModules.map((m) => m.key));
  const result = normalizePermissions(input, known, new Set(Object.keys(tolerated ?? {})));
  if ('error' in result) throw new AppError('validation_failed', `${result.error.path}: ${result.error.message}`, [result.error]);
  return result.permissions;
}

export async function listRolePage(ctx: AppContext, q: { limit: number; cursor?: string | undefined }): Promise<Page<Role>> {
  const page = await listRoles(ctx.database.db, q);
  return { data: page.data.map(presentRole), nextCursor: page.nextCursor };
}

export async function getRole(ctx: AppContext, id: string): Promise<Role> {
  const row = await findRole(ctx.database.db, id);
  if (!row) throw notFound('role');
  return presentRole(row);
}

export async function createRole(ctx: AppContext, actor: Actor, body: CreateRoleBody): Promise<Role> {
  const db = ctx.database.db;
  const permissions = validPermissions(ctx, body.permissions ?? {});
  if (await findRoleByName(db, body.name)) throw duplicateName();
  const id = newId();
  const now = nowIso();
  try {
    return await db.transaction().execute(async (trx) => {
      await insertRole(trx, {
        id, name: body.name, description: body.description ?? null, is_admin: body.isAdmin ? 1 : 0,
        max_classification: body.maxClassification ?? 'internal', permissions: JSON.stringify(permissions),
        created_at: now, updated_at: now, created_by: actor.id, updated_by: actor.id,
      });
      const role = presentRole((await findRole(trx, id))!);
      await appendAudit(trx, { actor, action: 'create', entity: 'role', entityId: id, after: role });
      await emitEvent(trx, { type: 'role.created', entity: 'role', entityId: id, actorId: actor.id, data: { id } });
      return role;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName();
    throw err;
  }
}

export async function updateRoleById(ctx: AppContext, actor: Actor, id: string, body: UpdateRoleBody, expected: number | undefined): Promise<Role> {
  const db = ctx.database.db;
  const current = await findRole(db, id);
  if (!current) throw notFound('role');
  assertVersion(expected, current.version);
  const before = presentRole(current);
  const patch: Updateable<RolesTable> = {};
  if (body.name !== undefined && body.name !== current.name) {
    if (await findRoleByName(db, body.name)) throw duplicateName();
    patch.name = body.name;
  }
  if (body.description !== undefined && body.description !== current.description) patch.description = body.description;
  if (body.isAdmin !== undefined && (body.isAdmin ? 1 : 0) !== current.is_admin) patch.is_admin = body.isAdmin ? 1 : 0;
  if (body.maxClassification !== undefined && body.maxClassification !== current.max_classification) {
    patch.max_classification = body.maxClassification;
  }
  if (body.permissions !== undefined) {
    const permissions = JSON.stringify(validPermissions(ctx, body.permissions, before.permissions));
    if (permissions !== current.permissions) patch.permissions = permissions;
  }
  if (Object.keys(patch).length === 0) return before;
  const accessChanged = patch.is_admin !== undefined || patch.max_classification !== undefined || patch.permissions !== undefined;
  try {
    return await db.transaction().execute(async (trx) => {
      if (!(await updateRole(trx, id, current.version, { ...patch, updated_at: nowIso(), updated_by: actor.id }))) throw stale();
      if (patch.is_admin === 0) await assertAdminRemains(trx);
      const after = presentRole((await findRole(trx, id))!);
      await appendAudit(trx, { actor, action: accessChanged ? 'permission_change' : 'update', entity: 'role', entityId: id, before, after });
      await emitEvent(trx, { type: 'role.updated', entity: 'role', entityId: id, actorId: actor.id, data: { id } });
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName();
    throw err;
  } finally {
    await principalsChanged(ctx.database.db); // after commit: this node and the others (platform/auth/principal-cache.ts)
  }
}

/** Deletes a role nobody uses: no user holds it and no API key acts under it (revoked keys keep their history). */
export async function deleteRoleById(ctx: AppContext, actor: Actor, id: string, expected: number | undefined): Promise<void> {
  const db = ctx.database.db;
  const current = await findRole(db, id);
  if (!current) throw notFound('role');
  assertVersion(expected, current.version);
  await db.transaction().execute(async (trx) => {
    const users = await countUsers(trx, { roleId: id });
    if (users > 0) throw conflict(`The role is held by ${users} user(s); give them another role first`);
    const keys = await countApiKeysWithRole(trx, id);
    if (keys > 0) throw conflict(`The role is used by ${keys} API key(s), revoked ones included`);
    if (!(await deleteRole(trx, id, current.version))) throw stale();
    await appendAudit(trx, { actor, action: 'delete', entity: 'role', entityId: id, before: presentRole(current) });
    await emitEvent(trx, { type: 'role.deleted', entity: 'role', entityId: id, actorId: actor.id, data: { id } });
  });
  await principalsChanged(ctx.database.db); // after commit: this node and the others (platform/auth/principal-cache.ts)
}
