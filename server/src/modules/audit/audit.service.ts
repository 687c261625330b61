import type { AuditEntry, AuditListQuery } from '../../../../contracts/audit.js';
import { resolveAuditData, verifyAudit, type VerifyResult } from '../../platform/audit/audit.js';
import type { Executor } from '../../platform/db/db.js';
import { invalid } from '../../platform/http/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { presentAudit } from './audit.presenter.js';
import { listAudit } from './audit.repository.js';

/** ISO text as stored (`toISOString`), so range filters compare like with like. */
const normalise = (t: string | undefined) => (t === undefined ? undefined : new Date(t).toISOString());

export async function listAuditPage(db: Executor, q: AuditListQuery): Promise<{ data: AuditEntry[]; nextCursor: string | null }> {
  const cursor = decodeCursor(q.cursor, 1);
  if (cursor && !Number.isInteger(cursor[0])) throw invalid('cursor', 'invalid cursor');
  const rows = await listAudit(db, {
    entity: q.entity, entityId: q.entityId, actorId: q.actorId, action: q.action,
    from: normalise(q.from), to: normalise(q.to), beforeSeq: cursor?.[0] as number | undefined, limit: q.limit,
  });
  const page = toPage(rows, q.limit, (r) => [r.seq]);
  // Personal parts of before/after live outside the chain (erasable); show them while they exist.
  const entries = page.data.map(presentAudit);
  const resolved = await resolveAuditData(db, entries.flatMap((e) => [e.before, e.after]));
  entries.forEach((e, i) => {
    e.before = resolved[2 * i];
    e.after = resolved[2 * i + 1];
  });
  return { data: entries, nextCursor: page.nextCursor };
}

/** Recomputes the whole hash chain. */
export const verifyAuditChain = (db: Executor): Promise<VerifyResult> => verifyAudit(db);
