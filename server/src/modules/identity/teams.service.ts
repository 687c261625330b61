/** Teams (departments), nestable through parentId. */
import type { Updateable } from 'kysely';
import type { CreateTeamBody, Team, UpdateTeamBody } from '../../../../contracts/identity.js';
import type { Page } from '../../../../contracts/common.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/db.js';
import { isUniqueViolation } from '../../platform/db/dialect.js';
import type { TeamsTable } from '../../platform/db/platform.tables.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { emitEvent } from '../../platform/events/outbox.js';
import { AppError, conflict, invalid, notFound } from '../../platform/http/errors.js';
import { assertVersion } from '../../platform/http/etag.js';
import { newId, nowIso } from '../../platform/ids.js';
import { createsCycle } from './identity.logic.js';
import { presentTeam } from './identity.presenter.js';
import { deleteTeam, findTeam, findTeamByName, insertTeam, listTeams, teamParents, updateTeam } from './teams.repository.js';
import { countUsers } from './users.repository.js';
import { principalsChanged } from '../../platform/auth/principal-cache.js';

const duplicateName = () => new AppError('duplicate', 'name: a team with this name already exists', [{ path: 'name', message: 'already exists' }]);
const stale = () => new AppError('precondition_failed', 'The team changed since you loaded it; reload and try again');

export async function listTeamPage(ctx: AppContext, q: { limit: number; cursor?: string | undefined }): Promise<Page<Team>> {
  const page = await listTeams(ctx.database.db, q);
  return { data: page.data.map(presentTeam), nextCursor: page.nextCursor };
}

export async function getTeam(ctx: AppContext, id: string): Promise<Team> {
  const row = await findTeam(ctx.database.db, id);
  if (!row) throw notFound('team');
  return presentTeam(row);
}

async function assertParent(db: Executor, parentId: string | null | undefined): Promise<void> {
  if (parentId && !(await findTeam(db, parentId))) throw invalid('parentId', 'no such team');
}

export async function createTeam(ctx: AppContext, actor: Actor | null, body: CreateTeamBody): Promise<Team> {
  const db = ctx.database.db;
  await assertParent(db, body.parentId);
  if (await findTeamByName(db, body.name)) throw duplicateName();
  const id = newId();
  const now = nowIso();
  try {
    return await db.transaction().execute(async (trx) => {
      await insertTeam(trx, {
        id, name: body.name, parent_id: body.parentId ?? null, created_at: now, updated_at: now,
        created_by: actor?.id ?? null, updated_by: actor?.id ?? null,
      });
      const team = presentTeam((await findTeam(trx, id))!);
      await appendAudit(trx, { actor, action: 'create', entity: 'team', entityId: id, after: team });
      await emitEvent(trx, { type: 'team.created', entity: 'team', entityId: id, actorId: actor?.id ?? null, data: { id } });
      return team;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName();
    throw err;
  } finally {
    await principalsChanged(ctx.database.db); // after commit: this node and the others (platform/auth/principal-cache.ts)
  }
}

export async function updateTeamById(ctx: AppContext, actor: Actor, id: string, body: UpdateTeamBody, expected: number | undefined): Promise<Team> {
  const db = ctx.database.db;
  const current = await findTeam(db, id);
  if (!current) throw notFound('team');
  assertVersion(expected, current.version);
  const patch: Updateable<TeamsTable> = {};
  if (body.name !== undefined && body.name !== current.name) {
    if (await findTeamByName(db, body.name)) throw duplicateName();
    patch.name = body.name;
  }
  if (body.parentId !== undefined && body.parentId !== current.parent_id) {
    await assertParent(db, body.parentId);
    if (createsCycle(id, body.parentId, await teamParents(db))) {
      throw invalid('parentId', 'a team cannot be nested under itself or one of its sub-teams');
    }
    patch.parent_id = body.parentId;
  }
  if (Object.keys(patch).length === 0) return presentTeam(current);
  try {
    return await db.transaction().execute(async (trx) => {
      if (!(await updateTeam(trx, id, current.version, { ...patch, updated_at: nowIso(), updated_by: actor.id }))) throw stale();
      const after = presentTeam((await findTeam(trx, id))!);
      await appendAudit(trx, { actor, action: 'update', entity: 'team', entityId: id, before: presentTeam(current), after });
      await emitEvent(trx, { type: 'team.updated', entity: 'team', entityId: id, actorId: actor.id, data: { id } });
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName();
    throw err;
  } finally {
    await principalsChanged(ctx.database.db); // after commit: this node and the others (platform/auth/principal-cache.ts)
  }
}

/** Deletes a team that has no members; its sub-teams move to the top level (parent_id ON DELETE SET NULL). */
export async function deleteTeamById(ctx: AppContext, actor: Actor, id: string, expected: number | undefined): Promise<void> {
  const db = ctx.database.db;
  const current = await findTeam(db, id);
  if (!current) throw notFound('team');
  assertVersion(expected, current.version);
  const members = await countUsers(db, { teamId: id });
  if (members > 0) throw conflict(`The team still has ${members} member(s); move them to another team first`);
  await db.transaction().execute(async (trx) => {
    if ((await countUsers(trx, { teamId: id })) > 0) throw conflict('The team still has members; move them to another team first');
    if (!(await deleteTeam(trx, id, current.version))) throw stale();
    await appendAudit(trx, { actor, action: 'delete', entity: 'team', entityId: id, before: presentTeam(current) });
    await emitEvent(trx, { type: 'team.deleted', entity: 'team', entityId: id, actorId: actor.id, data: { id } });
  });
  await principalsChanged(ctx.database.db); // after commit: this node and the others (platform/auth/principal-cache.ts)
}
