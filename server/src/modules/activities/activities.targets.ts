/**
 * Activities on engine records (a deal, a ticket, a custom object's record) by (record type, record id), and the
 * `record-events` timeline source that merges a record's field events into its timeline. The type is checked against
 * the records registry (unknown → 400 naming `recordType`); a missing or out-of-scope record answers 404 like a
 * missing one. Contacts and companies keep their own columns (contact_id, company_id).
 */
import type { TimelineItem } from '../../../../contracts/activities.js';
import type { RecordEvent } from '../../../../contracts/records.js';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { canAccessRecord, scopeOf, type Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/db.js';
import { invalid, notFound } from '../../platform/http/errors.js';
import { fresh, presentEvent, recordsRepository, scopeWhere, type ObjectDefinition } from '../../platform/records/index.js';
import type { Before } from './activities.repository.js';
import { registerTimelineSource } from './activities.timeline.js';

export interface EngineRecord { def: ObjectDefinition; owner_id: string | null; team_id: string | null; deleted_at: string | null }

/** The definition of an engine object by API name, or 400 naming `recordType`. */
export async function engineType(ex: Executor, type: string): Promise<ObjectDefinition> {
  const def = (await fresh(ex)).get(type);
  if (!def) throw invalid('recordType', `unknown record type "${type}" (contacts and companies use contactId / companyId)`);
  return def;
}

/**
 * The record the principal may read (its object's read grant and scope), else 404 as if it did not exist.
 * `live` also refuses a record in the recycle bin (adding to it); reading its timeline works in the bin too.
 */
export async function engineRecord(ex: Executor, p: Principal, type: string, id: string, live: boolean): Promise<EngineRecord> {
  const def = await engineType(ex, type);
  const row = await recordsRepository.get(ex, def, id);
  if (!row || (live && row.deleted_at) || !canAccessRecord(p, def.permissionModule, { ownerId: row.owner_id, teamId: row.team_id })) {
    throw notFound(def.labels.en.singular.toLowerCase());
  }
  return { def, owner_id: row.owner_id, team_id: row.team_id, deleted_at: row.deleted_at };
}

/** Whether the principal may read the record (for one activity's visibility): false for an unknown type or id. */
export async function canSeeEngineRecord(ex: Executor, p: Principal, type: string, id: string): Promise<boolean> {
  const def = (await fresh(ex)).get(type);
  if (!def) return false;
  const row = await recordsRepository.get(ex, def, id);
  return !!row && canAccessRecord(p, def.permissionModule, { ownerId: row.owner_id, teamId: row.team_id });
}

/**
 * SQL over `activities as a` keeping the activities the principal may see by their record: those on no engine
 * record, and those whose record is readable (per object: all → every one; own/team → an EXISTS on its table with
 * the object's scope; no read → none; an unknown type → none). The record governs: owning such an activity is not
 * enough when its record is out of sight.
 */
export async function recordVisibleWhere(ex: Executor, p: Principal): Promise<RawBuilder<SqlBool>> {
  const parts: RawBuilder<SqlBool>[] = [sql<SqlBool>`a.record_type is null`];
  for (const def of (await fresh(ex)).values()) {
    const scope = scopeOf(p, def.permissionModule);
    if (scope === null) continue;
    parts.push(scope === 'all'
      ? sql<SqlBool>`a.record_type = ${def.name}`
      : sql<SqlBool>`(a.record_type = ${def.name} and exists (select 1 from ${sql.table(def.table)} as r where r.id = a.record_id and ${scopeWhere(p, def.permissionModule, 'r')}))`);
  }
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

const EVENT_TITLES: Record<string, string> = { created: 'Created', deleted: 'Moved to the recycle bin', restored: 'Restored' };

/** A record event as a timeline item: `updated` → `field_change` (old → new per field, masked ones without values); else `record_event`. */
export function eventItem(e: RecordEvent): TimelineItem {
  const actor = e.actorId ? { id: e.actorId, name: e.actorLabel ?? '' } : null;
  const base = { id: e.id, source: 'record', occurredAt: e.at, actor, activity: null, link: null };
  if (e.type !== 'updated') return { ...base, type: 'record_event', title: EVENT_TITLES[e.type] ?? e.type, changes: null, data: { event: e.type } };
  const changes = Object.entries(e.changes).map(([field, c]) => ({
    field, before: c.old ?? null, after: c.new ?? null, ...(e.masked.includes(field) ? { masked: true } : {}),
  }));
  return { ...base, type: 'field_change', title: `Changed ${changes.map((c) => c.field).join(', ')}`, changes, data: null };
}

/**
 * A record's events older than `before`, newest first by (at, id) — the merged stream's order (the events' own
 * endpoint pages by id alone). The (type_name, record_id, id) index narrows to the record; its events are few.
 */
export async function recordEventItems(ex: Executor, p: Principal, def: ObjectDefinition, id: string, before: Before | null, limit: number, types: string[] | null): Promise<TimelineItem[]> {
  let q = ex.selectFrom('record_events').selectAll().where('type_name', '=', def.name).where('record_id', '=', id);
  if (types && !types.includes('record_event')) q = q.where('kind', '=', 'updated');
  if (types && !types.includes('field_change')) q = q.where('kind', '<>', 'updated');
  if (before) q = q.where((eb) => eb(eb.refTuple('at', 'id'), '<', eb.tuple(before.occurredAt, before.id)));
  const rows = await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => eventItem(presentEvent(def, r, p)));
}

registerTimelineSource('record-events', {
  types: ['field_change', 'record_event'],
  entities: ['record'],
  async fetch(ex, p, q) {
    if (!q.recordType) return [];
    const def = (await fresh(ex)).get(q.recordType);
    return def ? recordEventItems(ex, p, def, q.id, q.before, q.limit, q.types) : [];
  },
});
