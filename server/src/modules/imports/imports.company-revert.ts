/** Revert of a company import's updates: each company gets its full earlier row back. */
import type { Executor } from '../../platform/db/db.js';
import { contactsService } from '../contacts/index.js';
import { companyImportRepository as crepo, type StoredCompany } from './imports.company-repository.js';
import type { ImportChangesTable } from './imports.tables.js';

/** Restores the `before` rows of these changes; contacts of a company whose name comes back get their search text again. */
export async function restoreCompanies(trx: Executor, changes: Pick<ImportChangesTable, 'before'>[]): Promise<number> {
  let n = 0;
  for (const c of changes) {
    const before = JSON.parse(c.before!) as StoredCompany;
    if ((await crepo.restore(trx, before)).renamed) await contactsService.refreshCompanyName(trx, before.id, before.name);
    n++;
  }
  return n;
}
