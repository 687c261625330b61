import { sql, type Kysely } from 'kysely';
import type { Executor } from '../../platform/db/db.js';

export interface AuditFilter {
  entity?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  /** ISO time, inclusive. */
  from?: string | undefined;
  /** ISO time, exclusive. */
  to?: string | undefined;
  /** seq of the last row of the previous page. */
  beforeSeq?: number | undefined;
  limit: number;
}

/**
 * Audit entries newest first (seq desc), fetching limit + 1 to detect a next page.
 * A merge updates the survivor (contacts' own `update` entry) and then writes `merge` for it in the same
 * transaction, so the pair sits at consecutive seqs: the `update` is the merge itself and is left out
 * of the list (the chain and /audit/verify still hold it), else every merge shows twice.
 */
export function listAudit(db: Executor, f: AuditFilter) {
  let q = db.selectFrom('audit_log').selectAll();
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.beforeSeq !== undefined) q = q.where('seq', '<', f.beforeSeq);
  q = q.where(sql<boolean>`not (audit_log.action = 'update' and exists (select 1 from audit_log m where m.seq = audit_log.seq + 1
    and m.action = 'merge' and m.entity = audit_log.entity and m.entity_id = audit_log.entity_id))`);
  return q.orderBy('seq', 'desc').limit(f.limit + 1).execute();
}

/** Where an entity type's name lives. */
export interface NameSource {
  table: string;
  column: string;
  /** Key column when not `id`. */
  idColumn?: string;
  /** Columns that, when set, mean the record is gone (recycle bin, erased). */
  goneColumns?: string[];
}

export interface NameRow {
  id: string;
  name: unknown;
  gone: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- table chosen at run time from a fixed list
const dyn = (ex: Executor) => ex as unknown as Kysely<any>;

/** One query: the names of `ids` in `src.table` (rows that no longer exist are simply absent). */
export async function namesOf(ex: Executor, src: NameSource, ids: string[]): Promise<NameRow[]> {
  if (ids.length === 0) return [];
  const gone = src.goneColumns ?? [];
  const key = src.idColumn ?? 'id';
  const rows = (await dyn(ex).selectFrom(src.table).select([`${key} as id`, `${src.column} as name`, ...gone])
    .where(key, 'in', [...new Set(ids)]).execute()) as Record<string, unknown>[];
  return rows.map((r) => ({ id: String(r.id), name: r.name, gone: gone.some((c) => r[c] !== null && r[c] !== undefined) }));
}
