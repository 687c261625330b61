import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../db/db.js';
import { newId, nowIso } from '../ids.js';

export interface Actor {
  id: string | null;
  label: string;
}

export interface AuditEntry {
  actor: Actor | null;
  /** create | update | delete | restore | merge | export | login | login_failed | logout | permission_change | … */
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/** The fields a hash covers, in a fixed order, so verification recomputes exactly what was written. */
export function auditHash(row: {
  seq: number; id: string; at: string; actor_id: string | null; actor_label: string | null; action: string;
  entity: string; entity_id: string | null; before: string | null; after: string | null; ip: string | null; prev_hash: string;
}): string {
  const canonical = JSON.stringify([
    row.seq, row.id, row.at, row.actor_id, row.actor_label, row.action, row.entity, row.entity_id,
    row.before, row.after, row.ip, row.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Optional store for the personal part of entries' before/after (installed by modules/privacy): `store`
 * runs inside the writing transaction and returns what the chain keeps (e.g. a reference instead of a
 * name), so erasing a person later does not need to edit the append-only chain. `resolve` turns stored
 * before/after values back into full ones for readers (timeline, audit viewer), as far as they still exist.
 */
export interface AuditDataStore {
  store(trx: Executor, entry: AuditEntry): Promise<AuditEntry>;
  resolve(ex: Executor, values: unknown[]): Promise<unknown[]>;
}
let dataStore: AuditDataStore | null = null;
export function setAuditDataStore(store: AuditDataStore | null): void {
  dataStore = store;
}
/** Parsed before/after values of audit rows with their personal parts resolved (see AuditDataStore). */
export async function resolveAuditData(ex: Executor, values: unknown[]): Promise<unknown[]> {
  return dataStore ? dataStore.resolve(ex, values) : values;
}

/**
 * Appends one entry to the hash chain. Call it inside the transaction that makes the change, so the
 * change and its audit row commit together. Updating audit_head first takes its row lock, which
 * serialises appenders across PostgreSQL nodes (SQLite has one writer anyway).
 */
export async function appendAudit(trx: Executor, original: AuditEntry): Promise<void> {
  const entry = dataStore ? await dataStore.store(trx, original) : original;
  const head = await trx
    .updateTable('audit_head')
    .set({ seq: sql`seq + 1` })
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const row = {
    seq: head.seq,
    id: newId(),
    at: nowIso(),
    actor_id: entry.actor?.id ?? null,
    actor_label: entry.actor?.label ?? null,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId ?? null,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
    ip: entry.ip ?? null,
    prev_hash: head.hash,
  };
  const hash = auditHash(row);
  await trx.insertInto('audit_log').values({ ...row, hash }).execute();
  await trx.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** First sequence number whose hash or link does not match, when not ok. */
  brokenAt?: number;
  reason?: string;
}

/** Walks the whole chain in order and recomputes every hash; detects edited, removed or inserted rows. */
export async function verifyAudit(db: Executor, batch = 5000): Promise<VerifyResult> {
  let prev = '0'.repeat(64);
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(batch).execute();
    for (const r of rows) {
      if (r.seq !== expectedSeq) return { ok: false, checked, brokenAt: expectedSeq, reason: 'missing entry' };
      if (r.prev_hash !== prev) return { ok: false, checked, brokenAt: r.seq, reason: 'link to previous entry broken' };
      if (auditHash(r) !== r.hash) return { ok: false, checked, brokenAt: r.seq, reason: 'entry content changed' };
      prev = r.hash;
      expectedSeq++;
      checked++;
    }
    if (rows.length < batch) break;
  }
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  if (head && (head.seq !== checked || head.hash !== prev)) {
    return { ok: false, checked, brokenAt: checked + 1, reason: 'chain head does not match the last entry (entries removed at the end?)' };
  }
  return { ok: true, checked };
}
