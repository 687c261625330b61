/** Revert of a company import's updates: each company gets its full earlier row back. */
import type { Executor } from '../../platform/db/db.js';
import { companyImportRepository as crepo, type StoredCompany } from './imports.company-repository.js';
import type { ImportChangesTable } from './imports.tables.js';

/** Restores the `before` rows of these changes (contacts' search text holds no company name: nothing else to redo). */
export async function restoreCompanies(trx: Executor, changes: Pick<ImportChangesTable, 'before'>[]): Promise<number> {
  let n = 0;
  for (const c of changes) {
    const before = JSON.parse(c.before!) as StoredCompany;
    await crepo.restore(trx, before);
    n++;
  }
  return n;
}
