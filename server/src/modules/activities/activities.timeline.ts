/**
 * The timeline extension point. A source returns one record's items older than a keyset position,
 * newest first; the timeline asks every source for `limit` items, merges them by (occurredAt, id)
 * descending and cuts the page, so each source needs only an index on (record, time, id).
 *
 *   registerTimelineSource('tickets', {
 *     types: ['ticket'],
 *     async fetch(executor, principal, { entity, id, before, limit, types }) { … return items; },
 *   });
 */
import type { TimelineItem } from '../../../../contracts/activities.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/db.js';
import type { Before } from './activities.repository.js';

/** A contact, a company, or an engine record (`recordType` names its object: `deals`, `vehicles`…). */
export type TimelineEntity = 'contact' | 'company' | 'record';

export interface TimelineFetch {
  entity: TimelineEntity;
  id: string;
  /** For `record`: the object's API name. */
  recordType?: string | undefined;
  /** Only items strictly older than this (occurredAt, id) position; null for the first page. */
  before: Before | null;
  limit: number;
  /** Requested item types, or null for all. A source may ignore types it does not produce. */
  types: string[] | null;
}

export interface TimelineSource {
  /** Item types this source produces; it is skipped when a type filter excludes all of them. */
  types: string[];
  /** Entities it has items for (default contact and company; an engine record's timeline asks only sources naming `record`). */
  entities?: TimelineEntity[];
  /**
   * Items of the record older than `before`, newest first, at most `limit`. The caller has already
   * checked that the principal may read the record; a source applies its own finer rules if any.
   */
  fetch(executor: Executor, principal: Principal, q: TimelineFetch): Promise<TimelineItem[]>;
}

const sources = new Map<string, TimelineSource>();

/** Adds (or replaces) a source by name. Call at module import or in `start`. */
export function registerTimelineSource(name: string, source: TimelineSource): void {
  sources.set(name, source);
}

export function unregisterTimelineSource(name: string): void {
  sources.delete(name);
}

/** Every item type some source produces (for the filter UI). */
export function timelineTypes(): string[] {
  return [...new Set([...sources.values()].flatMap((s) => s.types))];
}

/** Newest first: occurredAt descending, then id descending (ISO UTC text and UUIDv7 sort as text). */
export function compareDesc(a: { occurredAt: string; id: string }, b: { occurredAt: string; id: string }): number {
  if (a.occurredAt !== b.occurredAt) return a.occurredAt < b.occurredAt ? 1 : -1;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

function isBefore(item: { occurredAt: string; id: string }, before: Before | null): boolean {
  return !before || compareDesc(item, before) > 0;
}

/** One merged page: `limit + 1` items ask for one more than a page, so the caller knows if more exist. */
export async function fetchTimeline(
  executor: Executor,
  principal: Principal,
  q: { entity: TimelineEntity; id: string; recordType?: string | undefined; before: Before | null; limit: number; types: string[] | null },
): Promise<TimelineItem[]> {
  const wanted = [...sources.entries()].filter(
    ([, s]) => (s.entities ?? ['contact', 'company']).includes(q.entity) && (!q.types || s.types.some((t) => q.types!.includes(t))),
  );
  const batches = await Promise.all(
    wanted.map(([, s]) => s.fetch(executor, principal, { ...q, types: q.types ? s.types.filter((t) => q.types!.includes(t)) : null })),
  );
  // Sources are trusted to filter, but a misbehaving one must not break paging: re-check position and type.
  const merged = batches
    .flat()
    .filter((i) => isBefore(i, q.before) && (!q.types || q.types.includes(i.type)))
    .sort(compareDesc);
  return merged.slice(0, q.limit);
}
