import type { AuditEntry, AuditListQuery } from '../../../../contracts/audit.js';
import { resolveAuditData, verifyAudit, type VerifyResult } from '../../platform/audit/audit.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/db.js';
import { fieldClassifications, maskSnapshot } from '../../platform/records/masking.js';
import { invalid } from '../../platform/http/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { withNames } from './audit.names.js';
import { presentAudit } from './audit.presenter.js';
import { listAudit } from './audit.repository.js';

/** ISO text as stored (`toISOString`), so range filters compare like with like. */
const normalise = (t: string | undefined) => (t === undefined ? undefined : new Date(t).toISOString());

/**
 * A page of the log as `p` may read it. Entries' before/after are record snapshots, so their classified
 * custom values go through the platform's one presenter (today only administrators read the log and see
 * every level; a role allowed to read it later gets the masking without another change).
 */
export async function listAuditPage(db: Executor, p: Principal, q: AuditListQuery): Promise<{ data: AuditEntry[]; nextCursor: string | null }> {
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
  const fields = new Map(await Promise.all([...new Set(entries.map((e) => e.entity))].map(async (en) => [en, await fieldClassifications(db, en)] as const)));
  entries.forEach((e, i) => {
    const f = fields.get(e.entity)!;
    e.before = maskSnapshot(p, resolved[2 * i], f);
    e.after = maskSnapshot(p, resolved[2 * i + 1], f);
  });
  return { data: await withNames(db, p, entries), nextCursor: page.nextCursor };
}

/** Recomputes the whole hash chain. */
export const verifyAuditChain = (db: Executor): Promise<VerifyResult> => verifyAudit(db);
