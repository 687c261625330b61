/** The built-in timeline sources: activities, and field changes read from the audit log. */
import { activityTypes, type TimelineItem } from '../../../../contracts/activities.js';
import { resolveAuditData } from '../../platform/audit/audit.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/db.js';
import { fieldClassifications, maskChanges } from '../../platform/records/masking.js';
import { changedKeys } from './activities.logic.js';
import { activitiesRepository as repo, type Before } from './activities.repository.js';
import { activityItem, contactLabels } from './activities.rollup.js';
import { registerTimelineSource, type TimelineEntity } from './activities.timeline.js';

/** Bookkeeping keys that change on every write and say nothing to a reader. */
const IGNORED = [
  'id', 'version', 'updatedAt', 'updated_at', 'updatedBy', 'updated_by', 'createdAt', 'created_at', 'createdBy',
  'created_by', 'searchText', 'search_text', 'name_key', 'nameKey', 'masked', '$personal', '$erased', 'owner', 'company', 'parent',
];

const activityTitle: Record<string, (s: string | null) => string> = {
  note: (s) => s || 'Note',
  call: (s) => s || 'Call',
  meeting: (s) => s || 'Meeting',
  email: (s) => s || 'Email',
  task: (s) => s || 'Task',
};

registerTimelineSource('activities', {
  types: [...activityTypes],
  entities: ['contact', 'company', 'record'],
  async fetch(ex, p, q) {
    if (q.entity === 'record' && !q.recordType) return [];
    const column = q.entity === 'record' ? { recordType: q.recordType! } : q.entity === 'contact' ? 'contact_id' as const : 'company_id' as const;
    const rows = await repo.forTimeline(ex, { column, id: q.id, types: q.types, before: q.before, limit: q.limit });
    const atts = await repo.attachmentsOf(ex, rows.map((r) => r.id));
    // On a company's timeline an activity logged with one of its people says who (when the reader may see them).
    const labels = q.entity === 'company' ? await contactLabels(ex, p, rows) : new Map<string, { id: string; name: string }>();
    return rows.map((r): TimelineItem => activityItem(r, atts, (activityTitle[r.type] ?? ((s: string | null) => s ?? r.type))(r.subject), labels.get(r.id) ?? null));
  },
});

function parse(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
/** Audit entries may hold stored rows (snake_case); the wire speaks camelCase: given_name → givenName. */
const camel = (k: string) => k.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/**
 * Field-change items of a record: its `update` (and `merge`) audit entries, with the changed field names
 * and values. Entries that changed only bookkeeping yield no item, so it reads on until it has `limit`
 * items or the record's entries run out — returning fewer would let older items of other sources
 * overtake them and be skipped by the keyset cursor.
 */
export async function fieldChanges(ex: Executor, p: Principal, entity: TimelineEntity, id: string, before: Before | null, limit: number): Promise<TimelineItem[]> {
  const items: TimelineItem[] = [];
  // Values of classified fields are masked for this reader by the platform's one presenter.
  const fields = await fieldClassifications(ex, entity);
  let pos = before;
  const batch = Math.max(limit * 2, 20);
  for (;;) {
    let qb = ex
      .selectFrom('audit_log as l')
      .leftJoin('users as u', 'u.id', 'l.actor_id')
      .select(['l.id', 'l.at', 'l.actor_id', 'l.actor_label', 'l.action', 'l.before', 'l.after', 'u.name as actor_name'])
      .where('l.entity', '=', entity)
      .where('l.entity_id', '=', id)
      .where('l.action', 'in', ['update', 'merge']);
    if (pos) {
      const { occurredAt, id: lastId } = pos;
      qb = qb.where((eb) => eb.or([eb('l.at', '<', occurredAt), eb.and([eb('l.at', '=', occurredAt), eb('l.id', '<', lastId)])]));
    }
    const rows = await qb.orderBy('l.at', 'desc').orderBy('l.id', 'desc').limit(batch).execute();
    const values = await resolveAuditData(ex, rows.flatMap((r) => [parse(r.before), parse(r.after)]));
    rows.forEach((r, i) => {
      const b = asRecord(values[i * 2]);
      const a = asRecord(values[i * 2 + 1]);
      const keys = r.action === 'merge' ? [] : changedKeys(b, a, IGNORED);
      if (r.action !== 'merge' && !keys.length) return;
      const changes = maskChanges(p, keys.map((k) => ({ field: camel(k), before: b[k] ?? null, after: a[k] ?? null })), fields);
      if (r.action !== 'merge' && !changes.length) return; // e.g. custom values only re-ordered
      items.push({
        id: r.id,
        type: 'field_change',
        source: 'audit',
        occurredAt: r.at,
        title: r.action === 'merge' ? 'Merged with a duplicate' : `Changed ${changes.map((c) => c.field).join(', ')}`,
        actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? r.actor_label ?? '' } : null,
        activity: null,
        changes,
        data: null,
        link: null,
      });
    });
    const last = rows[rows.length - 1];
    if (items.length >= limit || rows.length < batch || !last) return items.slice(0, limit);
    pos = { occurredAt: last.at, id: last.id };
  }
}

registerTimelineSource('audit', {
  types: ['field_change'],
  fetch: (ex, p, q) => fieldChanges(ex, p, q.entity, q.id, q.before, q.limit),
});
