import type { Updateable } from 'kysely';
import type { Activity, ActivityInput, ActivityListQuery, ActivityPatch, TimelineItem } from '../../../../contracts/activities.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/db.js';
import { emitEvent } from '../../platform/events/outbox.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/http/errors.js';
import { assertVersion } from '../../platform/http/etag.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { newId, nowIso } from '../../platform/ids.js';
import { extractMentions, plainText, sanitizeBody } from './activities.logic.js';
import { activityOwnerScope, canAssignTo, canChange, canSeeRecord, ownsInScope } from './activities.policy.js';
import { auditSnapshot, presentActivity } from './activities.presenter.js';
import { activitiesRepository as repo, type ActivityRow } from './activities.repository.js';
import type { ActivitiesTable } from './activities.tables.js';
import { canSeeEngineRecord, engineRecord, recordVisibleWhere } from './activities.targets.js';
import { fetchTimeline, type TimelineEntity } from './activities.timeline.js';

export const actorOf = (p: Principal): Actor => ({ id: p.userId, label: p.name });
const iso = (v: string | null | undefined) => (v ? new Date(v).toISOString() : v);

/** Throws 404 unless the contact/company exists, is live and the principal may read it. */
export async function assertRecordVisible(ex: Executor, p: Principal, entity: 'contact' | 'company', id: string, path?: string) {
  const rec = await repo.recordOwner(ex, entity, id);
  if (!rec || !canSeeRecord(p, entity, rec)) {
    if (path) throw invalid(path, `${entity} not found`);
    throw notFound(entity);
  }
  return rec;
}

/**
 * True when the principal may read this activity (owner in scope, or its contact/company visible).
 * Owning it is not enough without a read grant on activities: lists do not show it then, and a single
 * read must answer the same (authorization matrix).
 */
async function canRead(ex: Executor, p: Principal, a: ActivityRow): Promise<boolean> {
  // On an engine record the record governs: visible exactly when the record is (owning it is not enough).
  if (a.record_type) return !!a.record_id && canSeeEngineRecord(ex, p, a.record_type, a.record_id);
  if (ownsInScope(p, a)) return true;
  for (const [entity, id] of [['contact', a.contact_id], ['company', a.company_id]] as const) {
    if (!id) continue;
    const rec = await repo.recordOwner(ex, entity, id);
    if (rec && canSeeRecord(p, entity, rec)) return true;
  }
  return false;
}

/** A live activity the principal may read, else 404 (existence is not revealed). */
export async function loadReadable(ex: Executor, p: Principal, id: string): Promise<ActivityRow> {
  const a = await repo.get(ex, id);
  if (!a || !(await canRead(ex, p, a))) throw notFound('activity');
  return a;
}

async function loadWritable(ex: Executor, p: Principal, id: string, action: 'update' | 'delete'): Promise<ActivityRow> {
  const a = await loadReadable(ex, p, id);
  if (!canChange(p, a, action)) throw forbidden(`Your role does not allow ${action} on this activity`);
  return a;
}

async function present(ex: Executor, row: ActivityRow): Promise<Activity> {
  return presentActivity(row, await repo.attachmentsOf(ex, [row.id]));
}

/** Notifies users newly mentioned in a body (never the author); returns the stored mention list. */
async function notifyMentions(ctx: Pick<AppContext, 'services'>, trx: Executor, p: Principal, a: { id: string; subject: string | null; body: string | null; contact_id: string | null; company_id: string | null; record_type: string | null; record_id: string | null }, previous: string[]) {
  const ids = extractMentions(a.body);
  const users = await repo.activeUsers(trx, ids);
  const valid = ids.filter((id) => users.some((u) => u.id === id));
  const link = activityLink(a);
  for (const userId of valid) {
    if (previous.includes(userId) || userId === p.userId) continue;
    await ctx.services.notifications.notify(trx, userId, {
      type: 'activity.mention',
      title: `${p.name} mentioned you`,
      body: plainText(a.body, 280) || a.subject || null,
      link,
    });
  }
  return valid;
}

/** The page an activity is on (notifications link there). */
export function activityLink(a: { contact_id: string | null; company_id: string | null; record_type: string | null; record_id: string | null }): string | null {
  if (a.contact_id) return `/contacts/${a.contact_id}`;
  if (a.company_id) return `/companies/${a.company_id}`;
  return a.record_type && a.record_id ? `/objects/${a.record_type}/${a.record_id}` : null;
}

function checkTaskTimes(type: string, row: { due_at: string | null; remind_at: string | null }) {
  if (row.remind_at && type !== 'task') throw invalid('remindAt', 'only tasks have reminders');
  if (row.remind_at && row.due_at && row.remind_at > row.due_at) throw invalid('remindAt', 'must not be after dueAt');
}

export const activitiesService = {
  async create(ctx: AppContext, p: Principal, input: ActivityInput): Promise<Activity> {
    return ctx.database.db.transaction().execute((trx) => activitiesService.createIn(ctx, trx, p, input));
  },

  /** Creates an activity inside the caller's transaction (a task completed with an outcome logs its call there). */
  async createIn(ctx: Pick<AppContext, 'services'>, trx: Executor, p: Principal, input: ActivityInput): Promise<Activity> {
    if (input.contactId) await assertRecordVisible(trx, p, 'contact', input.contactId, 'contactId');
    if (input.companyId) await assertRecordVisible(trx, p, 'company', input.companyId, 'companyId');
    if (input.recordType && input.recordId) {
      if (input.contactId || input.companyId) throw invalid('recordType', 'an activity is on a contact/company or on a record, not both');
      await engineRecord(trx, p, input.recordType, input.recordId, true);
    }
    const ownerId = input.ownerId ?? p.userId;
    const owner = await repo.userTeam(trx, ownerId);
    if (!owner) throw invalid('ownerId', 'user not found');
    if (!canAssignTo(p, owner)) throw invalid('ownerId', 'you cannot assign activities to this user');
    const now = nowIso();
    const id = newId();
    const row: Omit<ActivitiesTable, 'version' | 'mentions'> & { mentions: string } = {
      id, type: input.type, subject: input.subject ?? null, body: input.body ? sanitizeBody(input.body) : null,
      contact_id: input.contactId ?? null, company_id: input.companyId ?? null,
      record_type: input.recordType ?? null, record_id: input.recordType ? (input.recordId ?? null) : null, owner_id: ownerId, team_id: owner.team_id,
      occurred_at: iso(input.occurredAt) ?? now, duration_seconds: input.durationSeconds ?? null,
      direction: input.direction ?? null, outcome: input.outcome ?? null, due_at: iso(input.dueAt) ?? null,
      remind_at: iso(input.remindAt) ?? null, reminded_at: null, completed_at: null, location: input.location ?? null,
      email_from: input.emailFrom ?? null, email_to: input.emailTo ? JSON.stringify(input.emailTo) : null, mentions: '[]',
      created_at: now, updated_at: now, created_by: p.userId, updated_by: p.userId, deleted_at: null,
    };
    checkTaskTimes(row.type, row);
    row.mentions = JSON.stringify(await notifyMentions(ctx, trx, p, row, []));
    await repo.insert(trx, row);
    const activity = await present(trx, (await repo.get(trx, id))!);
    await appendAudit(trx, { actor: actorOf(p), action: 'create', entity: 'activity', entityId: id, after: auditSnapshot(activity) });
    await emitEvent(trx, { type: 'activity.created', entity: 'activity', entityId: id, actorId: p.userId, data: eventData(activity) });
    return activity;
  },

  async get(ex: Executor, p: Principal, id: string): Promise<Activity> {
    return present(ex, await loadReadable(ex, p, id));
  },

  async update(ctx: AppContext, p: Principal, id: string, patch: ActivityPatch, expected?: number): Promise<Activity> {
    return ctx.database.db.transaction().execute(async (trx) => {
      const current = await loadWritable(trx, p, id, 'update');
      assertVersion(expected, Number(current.version));
      const before = await present(trx, current);
      const set: Updateable<ActivitiesTable> = { updated_at: nowIso(), updated_by: p.userId };
      if (current.record_type && (patch.contactId || patch.companyId)) throw invalid('contactId', 'an activity on a record cannot move to a contact or company');
      if (patch.contactId !== undefined && patch.contactId !== current.contact_id) {
        if (patch.contactId) await assertRecordVisible(trx, p, 'contact', patch.contactId, 'contactId');
        set.contact_id = patch.contactId;
      }
      if (patch.companyId !== undefined && patch.companyId !== current.company_id) {
        if (patch.companyId) await assertRecordVisible(trx, p, 'company', patch.companyId, 'companyId');
        set.company_id = patch.companyId;
      }
      const contactAfter = set.contact_id !== undefined ? set.contact_id : current.contact_id;
      const companyAfter = set.company_id !== undefined ? set.company_id : current.company_id;
      if (!contactAfter && !companyAfter && !current.record_id) {
        throw invalid('contactId', 'an activity belongs to a contact or a company');
      }
      if (patch.ownerId !== undefined) {
        const owner = await repo.userTeam(trx, patch.ownerId ?? p.userId);
        if (!owner) throw invalid('ownerId', 'user not found');
        if (!canAssignTo(p, owner)) throw invalid('ownerId', 'you cannot assign activities to this user');
        set.owner_id = owner.id;
        set.team_id = owner.team_id;
      }
      if (patch.subject !== undefined) set.subject = patch.subject;
      if (patch.body !== undefined) set.body = patch.body ? sanitizeBody(patch.body) : null;
      if (patch.occurredAt !== undefined) set.occurred_at = iso(patch.occurredAt)!;
      if (patch.durationSeconds !== undefined) set.duration_seconds = patch.durationSeconds;
      if (patch.direction !== undefined) set.direction = patch.direction;
      if (patch.outcome !== undefined) set.outcome = patch.outcome;
      if (patch.dueAt !== undefined) set.due_at = iso(patch.dueAt) ?? null;
      if (patch.remindAt !== undefined) {
        set.remind_at = iso(patch.remindAt) ?? null;
        set.reminded_at = null;
      }
      if (patch.location !== undefined) set.location = patch.location;
      if (patch.emailFrom !== undefined) set.email_from = patch.emailFrom;
      if (patch.emailTo !== undefined) set.email_to = patch.emailTo ? JSON.stringify(patch.emailTo) : null;
      checkTaskTimes(current.type, { due_at: set.due_at !== undefined ? set.due_at : current.due_at, remind_at: set.remind_at !== undefined ? set.remind_at : current.remind_at });
      if (set.body !== undefined) {
        const merged = { ...current, ...set };
        set.mentions = JSON.stringify(await notifyMentions(ctx, trx, p, merged, before.mentions));
      }
      if (!(await repo.update(trx, id, Number(current.version), set))) {
        throw new AppError('precondition_failed', 'The activity changed while you were saving it; reload and try again');
      }
      const after = await present(trx, (await repo.get(trx, id))!);
      await appendAudit(trx, { actor: actorOf(p), action: 'update', entity: 'activity', entityId: id, before: auditSnapshot(before), after: auditSnapshot(after) });
      await emitEvent(trx, { type: 'activity.updated', entity: 'activity', entityId: id, actorId: p.userId, data: eventData(after) });
      return after;
    });
  },

  /** Marks a task done (or reopens it with completed=false). */
  async complete(ctx: AppContext, p: Principal, id: string, completed: boolean): Promise<Activity> {
    return ctx.database.db.transaction().execute(async (trx) => {
      const current = await loadWritable(trx, p, id, 'update');
      if (current.type !== 'task') throw new AppError('unprocessable', 'Only tasks can be completed');
      const at = completed ? (current.completed_at ?? nowIso()) : null;
      const ok = await repo.update(trx, id, Number(current.version), { completed_at: at, updated_at: nowIso(), updated_by: p.userId });
      if (!ok) throw new AppError('precondition_failed', 'The task changed while you were saving it; reload and try again');
      const after = await present(trx, (await repo.get(trx, id))!);
      await appendAudit(trx, { actor: actorOf(p), action: 'update', entity: 'activity', entityId: id, before: { completedAt: current.completed_at }, after: { completedAt: at } });
      await emitEvent(trx, { type: completed ? 'activity.completed' : 'activity.reopened', entity: 'activity', entityId: id, actorId: p.userId, data: eventData(after) });
      return after;
    });
  },

  /** Soft delete (the row stays for the recycle bin and merges; it leaves every list and timeline). */
  async remove(ctx: AppContext, p: Principal, id: string): Promise<void> {
    await ctx.database.db.transaction().execute(async (trx) => {
      const current = await loadWritable(trx, p, id, 'delete');
      const before = await present(trx, current);
      await repo.update(trx, id, Number(current.version), { deleted_at: nowIso(), updated_at: nowIso(), updated_by: p.userId });
      await appendAudit(trx, { actor: actorOf(p), action: 'delete', entity: 'activity', entityId: id, before: auditSnapshot(before) });
      await emitEvent(trx, { type: 'activity.deleted', entity: 'activity', entityId: id, actorId: p.userId, data: eventData(before) });
    });
  },

  async list(ex: Executor, p: Principal, q: ActivityListQuery) {
    let ownerScope = activityOwnerScope(p);
    // A record's activities are visible to whoever may read the record (its timeline).
    if (q.contactId) {
      await assertRecordVisible(ex, p, 'contact', q.contactId);
      ownerScope = null;
    } else if (q.companyId) {
      await assertRecordVisible(ex, p, 'company', q.companyId);
      ownerScope = null;
    } else if (q.recordType || q.recordId) {
      if (!q.recordType) throw invalid('recordType', 'required with recordId');
      if (!q.recordId) throw invalid('recordId', 'required with recordType');
      await engineRecord(ex, p, q.recordType, q.recordId, false);
      ownerScope = null;
    }
    if (ownerScope === 'none') return { data: [], nextCursor: null };
    // Without a record filter, activities on engine records show only where their record is visible.
    const recordScope = q.contactId || q.companyId || q.recordType ? undefined : await recordVisibleWhere(ex, p);
    const types = q.types ? splitTypes(q.types) : undefined;
    const after = decodeCursor(q.cursor, 2) as [string, string] | undefined;
    const rows = await repo.list(ex, {
      contactId: q.contactId, companyId: q.companyId, types,
      record: q.recordType && q.recordId ? { type: q.recordType, id: q.recordId } : undefined, ownerId: q.ownerId, status: q.status,
      dueBefore: iso(q.dueBefore) ?? undefined, ownerScope, recordScope, after, limit: q.limit,
    });
    const page = toPage(rows, q.limit, (r) => (q.status === 'open' ? [r.due_at ?? '9999-12-31T23:59:59.999Z', r.id] : [r.occurred_at, r.id]));
    const atts = await repo.attachmentsOf(ex, page.data.map((r) => r.id));
    return { data: page.data.map((r) => presentActivity(r, atts)), nextCursor: page.nextCursor };
  },

  /** A record's merged timeline page (all sources), newest first. */
  async timeline(ex: Executor, p: Principal, entity: TimelineEntity, id: string, q: { limit: number; cursor?: string | undefined; types?: string | undefined; recordType?: string | undefined }) {
    const c = decodeCursor(q.cursor, 2) as [string, string] | undefined;
    if (entity === 'record') {
      if (!q.recordType) throw invalid('recordType', 'required');
      if (!id) throw invalid('recordId', 'required');
      await engineRecord(ex, p, q.recordType, id, false);
    } else await assertRecordVisible(ex, p, entity, id);
    const before = c ? { occurredAt: String(c[0]), id: String(c[1]) } : null;
    const items = await fetchTimeline(ex, p, { entity, id, recordType: q.recordType, before, limit: q.limit + 1, types: q.types ? splitTypes(q.types) : null });
    return toPage<TimelineItem>(items, q.limit, (i) => [i.occurredAt, i.id]);
  },
};

export function splitTypes(types: string): string[] {
  const list = types.split(',').map((t) => t.trim()).filter(Boolean);
  if (!list.length || list.some((t) => !/^[a-z][a-z0-9_]{0,39}$/.test(t))) throw invalid('types', 'comma-separated item types, e.g. note,call');
  return list;
}

/** Event payloads carry ids and kinds, not personal content (events outlive erasure in consumers). */
function eventData(a: Activity) {
  return { id: a.id, type: a.type, contactId: a.contactId, companyId: a.companyId, recordType: a.recordType, recordId: a.recordId, ownerId: a.ownerId, dueAt: a.dueAt, completedAt: a.completedAt };
}
