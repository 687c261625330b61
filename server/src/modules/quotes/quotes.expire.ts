/** The daily sweep: a sent quote past its validity date becomes `expired` (its link already refuses answers). */
import type { Executor } from '../../platform/db/db.js';
import { definitionOf, pipeline } from '../../platform/records/index.js';
import { customerLinkPrincipal } from './quotes.documents.js';
import { quotesRepository as repo } from './quotes.repository.js';

export const EXPIRE_JOB = 'quotes.expire';

export async function expireQuotes(db: Executor, today = new Date().toISOString().slice(0, 10)): Promise<number> {
  const { def, defs } = await definitionOf(db, 'quotes');
  const due = await repo.sentBefore(db, today);
  for (const { id } of due) {
    await db.transaction().execute((trx) => pipeline.update(trx, def, defs, { ...customerLinkPrincipal(), name: 'Expiry' }, id, { derived: { status: 'expired' } }));
  }
  return due.length;
}
