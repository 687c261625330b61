/** Saved views: private or shared with a team; only the owner or an admin changes one. */
import type { SavedView, ViewInput, ViewPatch } from '../../../../contracts/views.js';
import type { Principal } from '../../platform/auth/principal.js';
import { appendAudit } from '../../platform/audit/audit.js';
import type { Database, Executor } from '../../platform/db/db.js';
import { emitEvent } from '../../platform/events/outbox.js';
import { assertVersion } from '../../platform/http/etag.js';
import { AppError, conflict, invalid, notFound } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { viewsRepository as repo, type ViewRow } from './views.repository.js';

const canEdit = (p: Principal, v: ViewRow) => p.isAdmin || v.owner_id === p.userId;
const canSee = (p: Principal, v: ViewRow) => canEdit(p, v) || (v.visibility === 'team' && v.team_id !== null && p.teamIds.includes(v.team_id));

export function presentView(v: ViewRow, p: Principal): SavedView {
  return {
    id: v.id, entity: v.entity as SavedView['entity'], name: v.name, filters: JSON.parse(v.filters), sort: v.sort,
    columns: JSON.parse(v.columns), visibility: v.visibility as SavedView['visibility'], teamId: v.team_id, ownerId: v.owner_id,
    editable: canEdit(p, v), version: v.version, createdAt: v.created_at, updatedAt: v.updated_at,
  };
}

async function teamFor(db: Executor, p: Principal, visibility: string, teamId: string | null | undefined): Promise<string | null> {
  if (visibility !== 'team') return null;
  const t = teamId ?? p.teamId;
  if (!t) throw invalid('teamId', 'a team view needs a team (you belong to none)');
  if (!p.isAdmin && !p.teamIds.includes(t)) throw new AppError('forbidden', 'teamId: you can share only with your own teams', [{ path: 'teamId', message: 'not your team' }]);
  // An admin may name any team, so it must exist (the foreign key would otherwise answer a 500).
  if (p.isAdmin && !(await repo.teamExists(db, t))) throw invalid('teamId', 'no such team');
  return t;
}

export const viewsService = {
  list: (database: Database, p: Principal, entity?: string) => repo.visible(database.db, p, entity),

  async get(database: Database, p: Principal, id: string): Promise<ViewRow> {
    const v = await repo.find(database.db, id);
    if (!v || !canSee(p, v)) throw notFound('view');
    return v;
  },

  async create(database: Database, p: Principal, input: ViewInput): Promise<ViewRow> {
    const now = nowIso();
    const row = {
      id: newId(), entity: input.entity, name: input.name, filters: JSON.stringify(input.filters), sort: input.sort ?? null,
      columns: JSON.stringify(input.columns), visibility: input.visibility, team_id: await teamFor(database.db, p, input.visibility, input.teamId),
      owner_id: p.userId, created_at: now, updated_at: now,
    };
    await database.db.transaction().execute(async (trx) => {
      await repo.insert(trx, row);
      await appendAudit(trx, { actor: { id: p.userId, label: p.email }, action: 'create', entity: 'saved_view', entityId: row.id, after: row });
      await emitEvent(trx, { type: 'view.created', entity: 'saved_view', entityId: row.id, actorId: p.userId });
    });
    return (await repo.find(database.db, row.id))!;
  },

  async update(database: Database, p: Principal, id: string, patch: ViewPatch, expected?: number): Promise<ViewRow> {
    return database.db.transaction().execute(async (trx) => {
      const v = await repo.find(trx, id);
      if (!v || !canSee(p, v)) throw notFound('view');
      if (!canEdit(p, v)) throw new AppError('forbidden', 'Only the owner of a view (or an admin) can change it');
      assertVersion(expected, v.version);
      const visibility = patch.visibility ?? v.visibility;
      const set: Partial<ViewRow> = { updated_at: nowIso() };
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.filters !== undefined) set.filters = JSON.stringify(patch.filters);
      if (patch.sort !== undefined) set.sort = patch.sort;
      if (patch.columns !== undefined) set.columns = JSON.stringify(patch.columns);
      set.visibility = visibility;
      set.team_id = await teamFor(trx, p, visibility, patch.teamId !== undefined ? patch.teamId : v.team_id);
      if (!(await repo.update(trx, id, v.version, set))) throw conflict('view changed concurrently; retry');
      await appendAudit(trx, { actor: { id: p.userId, label: p.email }, action: 'update', entity: 'saved_view', entityId: id, before: v, after: set });
      await emitEvent(trx, { type: 'view.updated', entity: 'saved_view', entityId: id, actorId: p.userId });
      return (await repo.find(trx, id))!;
    });
  },

  async remove(database: Database, p: Principal, id: string): Promise<void> {
    await database.db.transaction().execute(async (trx) => {
      const v = await repo.find(trx, id);
      if (!v || !canSee(p, v)) throw notFound('view');
      if (!canEdit(p, v)) throw new AppError('forbidden', 'Only the owner of a view (or an admin) can delete it');
      await repo.remove(trx, id);
      await appendAudit(trx, { actor: { id: p.userId, label: p.email }, action: 'delete', entity: 'saved_view', entityId: id, before: v });
      await emitEvent(trx, { type: 'view.deleted', entity: 'saved_view', entityId: id, actorId: p.userId });
    });
  },
};
