/**
 * Revert: notes of a `note` column are deleted, created records are soft-deleted (they stay in the recycle bin), updated records get their
 * full earlier row back. Runs in batches, each one transaction with one audit entry; every step is
 * idempotent, so a revert interrupted midway is simply run again.
 */
import { loadPrincipal } from '../../platform/auth/authenticate.js';
import { appendAudit } from '../../platform/audit/audit.js';
import type { AppContext } from '../../platform/context.js';
import { nowIso } from '../../platform/ids.js';
import { bulk, type ContactRow } from './imports.gateway.js';
import { importsRepository as repo, type ImportRow } from './imports.repository.js';
import { restoreCompanies } from './imports.company-revert.js';
import { deleteNotes } from '../activities/index.js';
import { followUpRepository as followUps } from './imports.followups.repository.js';

const REVERT_BATCH = 1000;

export async function runRevert(ctx: AppContext, importId: string): Promise<ImportRow> {
  const db = ctx.database.db;
  const imp = await repo.find(db, importId);
  if (!imp) throw new Error(`import ${importId} not found`);
  if (imp.status !== 'reverting') return imp;
  const p = imp.created_by ? await loadPrincipal(db, imp.created_by, { kind: 'user' }) : null;
  const actor = { id: p?.userId ?? null, label: p?.email ?? 'system' };
  // A batch's follow-ups first, newest first (each restores the records as the one before it left them), then the import.
  for (const child of (await followUps.children(db, importId)).reverse()) {
    if (child.status === 'reverted') continue;
    await revertChanges(ctx, child.id, actor);
    const at = nowIso();
    await repo.set(db, child.id, { status: 'reverted', reverted_at: at, updated_at: at });
  }
  await revertChanges(ctx, importId, actor);
  const end = nowIso();
  await repo.transition(db, importId, ['reverting'], { status: 'reverted', reverted_at: end, updated_at: end });
  return (await repo.find(db, importId))!;
}

/** Undoes what one import wrote, in batches of REVERT_BATCH changes, each one transaction with its audit entry. */
async function revertChanges(ctx: AppContext, importId: string, actor: { id: string | null; label: string }): Promise<void> {
  const db = ctx.database.db;
  // Notes of the `note` column first (on updated records they would otherwise stay).
  for (const [entity, kind] of [['note', 'created'], ['contact', 'updated'], ['contact', 'created'], ['company', 'updated'], ['company', 'created']] as const) {
    let after = '';
    for (;;) {
      const changes = await repo.changes(db, importId, entity, kind, after, REVERT_BATCH);
      if (!changes.length) break;
      after = changes[changes.length - 1]!.record_id;
      await db.transaction().execute(async (trx) => {
        const now = nowIso();
        let n = 0;
        if (entity === 'note') n = await deleteNotes(trx, changes.map((c) => c.record_id), now, actor.id);
        else if (kind === 'updated' && entity === 'company') n = await restoreCompanies(trx, changes);
        else if (kind === 'updated') {
          for (const c of changes) {
            await bulk.restoreContact(trx, JSON.parse(c.before!) as ContactRow);
            n++;
          }
        } else {
          n = await bulk.softDeleteMany(trx, entity === 'contact' ? 'contacts' : 'companies', changes.map((c) => c.record_id), now, actor.id);
        }
        await appendAudit(trx, {
          actor, action: 'import_revert', entity: 'import', entityId: importId,
          after: { entity, kind: kind === 'updated' ? 'restored' : 'deleted', records: n },
        });
      });
    }
  }
}
