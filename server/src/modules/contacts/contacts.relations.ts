/**
 * The one check every writer of a relation calls (contact → company, company → parent, relation custom
 * fields; bulk updates, merges and imports go through the same services or this file). A target that does
 * not exist, is deleted, or lies outside the writer's visibility scope is refused with the SAME error —
 * status, code, message and field — so a relation cannot be used to learn that an invisible record exists.
 *
 *   await assertLinkable(trx, p, 'company', input.companyId, 'companyId'); // 400 "companyId: no such company"
 */
import type { Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/db.js';
import { invalid } from '../../platform/http/errors.js';
import { canSeeLinked } from './contacts.policy.js';
import { contactsRepository } from './contacts.repository.js';

export type LinkEntity = 'contact' | 'company';
const moduleOf = { contact: 'contacts', company: 'companies' } as const;
const tableOf = { contact: 'contacts', company: 'companies' } as const;

/** Is the target live and visible to `p`? Missing, deleted and invisible are one answer: false. */
export async function isLinkable(db: Executor, p: Principal, entity: LinkEntity, id: string): Promise<boolean> {
  const row = await contactsRepository.linkTarget(db, tableOf[entity], id);
  return !!row && !row.deleted_at && canSeeLinked(p, moduleOf[entity], row);
}

/** Throws 400 `validation_failed` naming `path` ("no such company") unless the target is linkable by `p`. */
export async function assertLinkable(db: Executor, p: Principal, entity: LinkEntity, id: string, path: string): Promise<void> {
  if (!(await isLinkable(db, p, entity, id))) throw invalid(path, `no such ${entity}`);
}
