/**
 * Module `duplicates`: duplicate contacts and companies found in the background as records change (event listener
 * → queue → refresh job; full rescan nightly and after a scoring change), the form's live check, dismissing pairs,
 * and merging two contacts with every relation moved to the survivor.
 */
import type { KithModule } from '../../platform/context.js';
import { duplicatesMigrations } from './duplicates.migrations.js';
import { duplicatesRoutes } from './duplicates.routes.js';
import { registerDuplicateJobs } from './duplicates.jobs.js';
import { registerDuplicateListeners } from './duplicates.listeners.js';
import { duplicatesRepository } from './duplicates.repository.js';

export { registerContactReference, unregisterContactReference, contactReferences } from './duplicates.references.js';
export { checkDuplicates, mergeContacts, previewMerge } from './duplicates.service.js';
export { rescanAll } from './refresh.service.js';
export { compareNames, scoreContacts, scoreCompanies } from './scoring.logic.js';
export { DUPLICATE_REFRESH_JOB, DUPLICATE_SCAN_JOB } from './duplicates.jobs.js';
/** Forgets a contact's candidate pairs (erase, purge). */
export const forgetDuplicatePairs = duplicatesRepository.deletePairsOf;

export const module: KithModule = {
  name: 'duplicates',
  migrations: duplicatesMigrations,
  routes: duplicatesRoutes,
  async start(ctx) {
    registerDuplicateListeners(ctx);
    await registerDuplicateJobs(ctx);
  },
};
