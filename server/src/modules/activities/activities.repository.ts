import { sql, type ExpressionBuilder, type RawBuilder, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Executor } from '../../platform/db/db.js';
import type { DB } from '../../platform/db/schema.js';
import type { ActivitiesTable, AttachmentsTable } from './activities.tables.js';
import './activities.tables.js';

export type ActivityRow = Selectable<ActivitiesTable> & { owner_name: string | null };
export type AttachmentRow = Selectable<AttachmentsTable>;

/** Keyset position (occurred_at, id) of the last item of a page. */
export interface Before { occurredAt: string; id: string }

/** Owner restriction computed by the policy: null = no restriction. */
export interface OwnerScope { userId: string; teamIds: string[] }

function withOwner(ex: Executor) {
  return ex
    .selectFrom('activities as a')
    .leftJoin('users as u', 'u.id', 'a.owner_id')
    .selectAll('a')
    .select('u.name as owner_name');
}

export function ownerScopeWhere(scope: OwnerScope) {
  return (eb: ExpressionBuilder<DB & { a: ActivitiesTable }, 'a'>) =>
    scope.teamIds.length
      ? eb.or([eb('a.owner_id', '=', scope.userId), eb('a.team_id', 'in', scope.teamIds)])
      : eb('a.owner_id', '=', scope.userId);
}

/**
 * Keyset "older than (at, id)" as one row-value comparison, so both databases seek the
 * (contact_id|company_id, occurred_at, id) index instead of filtering an OR over the record's rows.
 */
function olderThan(at: string, id: string) {
  return (eb: ExpressionBuilder<DB & { a: ActivitiesTable }, 'a'>) => eb(eb.refTuple('a.occurred_at', 'a.id'), '<', eb.tuple(at, id));
}

export const activitiesRepository = {
  async insert(trx: Executor, row: Omit<ActivitiesTable, 'version' | 'mentions'> & { mentions: string }): Promise<void> {
    await trx.insertInto('activities').values(row).execute();
  },

  /** One live activity with its owner's name, or undefined. */
  async get(ex: Executor, id: string): Promise<ActivityRow | undefined> {
    return withOwner(ex).where('a.id', '=', id).where('a.deleted_at', 'is', null).executeTakeFirst();
  },

  /** Updates a row and bumps its version; returns false when the version moved under us. */
  async update(trx: Executor, id: string, version: number, set: Updateable<ActivitiesTable>): Promise<boolean> {
    const res = await trx
      .updateTable('activities')
      .set({ ...set, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },

  /**
   * A page of activities: newest first by (occurred_at, id); or, for open tasks, soonest due first
   * by (due_at, id). Filters are combined with AND; `ownerScope` restricts to visible owners.
   */
  async list(
    ex: Executor,
    q: {
      contactId?: string; companyId?: string; record?: { type: string; id: string }; types?: string[]; ownerId?: string; status?: 'open' | 'done';
      dueBefore?: string; ownerScope: OwnerScope | null; recordScope?: RawBuilder<SqlBool> | undefined; after?: [string, string]; limit: number;
    },
  ): Promise<ActivityRow[]> {
    let qb = withOwner(ex).where('a.deleted_at', 'is', null);
    if (q.contactId) qb = qb.where('a.contact_id', '=', q.contactId);
    if (q.companyId) qb = qb.where('a.company_id', '=', q.companyId);
    if (q.record) qb = qb.where('a.record_type', '=', q.record.type).where('a.record_id', '=', q.record.id);
    if (q.types?.length) qb = qb.where('a.type', 'in', q.types);
    if (q.ownerId) qb = qb.where('a.owner_id', '=', q.ownerId);
    if (q.status === 'open') qb = qb.where('a.type', '=', 'task').where('a.completed_at', 'is', null);
    if (q.status === 'done') qb = qb.where('a.type', '=', 'task').where('a.completed_at', 'is not', null);
    if (q.dueBefore) qb = qb.where('a.due_at', '<', q.dueBefore);
    if (q.ownerScope) qb = qb.where(ownerScopeWhere(q.ownerScope));
    if (q.recordScope) qb = qb.where(q.recordScope);
    if (q.status === 'open') {
      // Tasks without a due date sort last: coalesce to a far-future sentinel.
      const due = sql<string>`coalesce(a.due_at, '9999-12-31T23:59:59.999Z')`;
      if (q.after) qb = qb.where((eb) => eb.or([eb(due, '>', q.after![0]), eb.and([eb(due, '=', q.after![0]), eb('a.id', '>', q.after![1])])]));
      return qb.orderBy(due).orderBy('a.id').limit(q.limit + 1).execute();
    }
    if (q.after) {
      const [at, id] = q.after;
      qb = qb.where(olderThan(at, id));
    }
    return qb.orderBy('a.occurred_at', 'desc').orderBy('a.id', 'desc').limit(q.limit + 1).execute();
  },

  /** Timeline source query: one record's activities before a keyset position, newest first. */
  async forTimeline(ex: Executor, q: { column: 'contact_id' | 'company_id' | { recordType: string }; id: string; types: string[] | null; before: Before | null; limit: number }) {
    const col = q.column;
    let qb = (typeof col === 'string' ? withOwner(ex).where(`a.${col}`, '=', q.id) : withOwner(ex).where('a.record_type', '=', col.recordType).where('a.record_id', '=', q.id))
      .where('a.deleted_at', 'is', null);
    if (q.types) qb = qb.where('a.type', 'in', q.types);
    if (q.before) qb = qb.where(olderThan(q.before.occurredAt, q.before.id));
    return qb.orderBy('a.occurred_at', 'desc').orderBy('a.id', 'desc').limit(q.limit).execute();
  },

  /**
   * A company's roll-up: activities of its live contacts that are not on the company itself (those are in
   * `forTimeline`), before a keyset position, newest first, each with its contact's name. `contactScope` keeps
   * only contacts the reader may see (null = all); the contacts' `company_id` index and each contact's
   * (contact_id, occurred_at, id) index serve it.
   */
  async companyContactsForTimeline(ex: Executor, q: { companyId: string; contactScope: OwnerScope | null; types: string[] | null; before: Before | null; limit: number }) {
    let qb = withOwner(ex)
      .innerJoin('contacts as c', 'c.id', 'a.contact_id')
      .select(['c.display_name as contact_name'])
      .where('c.company_id', '=', q.companyId)
      .where('c.deleted_at', 'is', null)
      .where('a.deleted_at', 'is', null)
      .where((eb) => eb.or([eb('a.company_id', 'is', null), eb('a.company_id', '<>', q.companyId)]));
    const scope = q.contactScope;
    if (scope) {
      qb = qb.where((eb) => (scope.teamIds.length
        ? eb.or([eb('c.owner_id', '=', scope.userId), eb('c.team_id', 'in', scope.teamIds)])
        : eb('c.owner_id', '=', scope.userId)));
    }
    if (q.types) qb = qb.where('a.type', 'in', q.types);
    if (q.before) qb = qb.where(olderThan(q.before.occurredAt, q.before.id));
    return qb.orderBy('a.occurred_at', 'desc').orderBy('a.id', 'desc').limit(q.limit).execute();
  },

  /** Names, owners and teams of live contacts (the contact label of a company's timeline items). */
  async contactsByIds(ex: Executor, ids: string[]) {
    if (!ids.length) return [];
    return ex.selectFrom('contacts').select(['id', 'display_name', 'owner_id', 'team_id'])
      .where('id', 'in', [...new Set(ids)]).where('deleted_at', 'is', null).execute();
  },

  /** Live, active users among the ids (mention targets). */
  async activeUsers(ex: Executor, ids: string[]): Promise<{ id: string; name: string }[]> {
    if (!ids.length) return [];
    return ex.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).where('active', '=', 1).execute();
  },

  async userTeam(ex: Executor, userId: string): Promise<{ id: string; team_id: string | null } | undefined> {
    return ex.selectFrom('users').select(['id', 'team_id']).where('id', '=', userId).executeTakeFirst();
  },

  /** Owner/team of a contact or company, for visibility checks; undefined when missing or deleted. */
  async recordOwner(ex: Executor, entity: 'contact' | 'company', id: string) {
    const table = entity === 'contact' ? 'contacts' : 'companies';
    return ex
      .selectFrom(table)
      .select(['id', 'owner_id', 'team_id'])
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
  },

  /** Tasks whose reminder time has come and that were not reminded yet. */
  async dueReminders(ex: Executor, now: string, limit: number): Promise<Selectable<ActivitiesTable>[]> {
    return ex
      .selectFrom('activities')
      .selectAll()
      .where('remind_at', '<=', now)
      .where('reminded_at', 'is', null)
      .where('completed_at', 'is', null)
      .where('deleted_at', 'is', null)
      .where('type', '=', 'task')
      .orderBy('remind_at')
      .limit(limit)
      .execute();
  },

  async markReminded(trx: Executor, id: string, at: string): Promise<boolean> {
    const res = await trx.updateTable('activities').set({ reminded_at: at }).where('id', '=', id).where('reminded_at', 'is', null).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },

  // ───────── attachments ─────────

  async insertAttachment(trx: Executor, row: AttachmentsTable): Promise<void> {
    await trx.insertInto('attachments').values(row).execute();
  },

  async attachment(ex: Executor, activityId: string, id: string): Promise<AttachmentRow | undefined> {
    return ex.selectFrom('attachments').selectAll().where('id', '=', id).where('activity_id', '=', activityId).executeTakeFirst();
  },

  /** Attachments of many activities in one query (no N+1), oldest first. */
  async attachmentsOf(ex: Executor, activityIds: string[]): Promise<AttachmentRow[]> {
    if (!activityIds.length) return [];
    return ex.selectFrom('attachments').selectAll().where('activity_id', 'in', activityIds).orderBy('created_at').orderBy('id').execute();
  },

  async deleteAttachment(trx: Executor, id: string): Promise<void> {
    await trx.deleteFrom('attachments').where('id', '=', id).execute();
  },

  /** Every activity id of an engine record, deleted ones included (its purge). */
  async idsOfRecord(ex: Executor, type: string, id: string): Promise<string[]> {
    const rows = await ex.selectFrom('activities').select('id').where('record_type', '=', type).where('record_id', '=', id).execute();
    return rows.map((r) => r.id);
  },

  /** Every activity id of a contact or company, deleted ones included (merge, erase, purge). */
  async idsOf(ex: Executor, column: 'contact_id' | 'company_id', id: string): Promise<string[]> {
    const rows = await ex.selectFrom('activities').select('id').where(column, '=', id).execute();
    return rows.map((r) => r.id);
  },
};
