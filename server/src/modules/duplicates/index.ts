/**
 * Module `duplicates`: duplicate-contact detection (form check, scored pairs, nightly scan), dismissing
 * pairs, and merging two contacts with every relation moved to the survivor.
 */
import type { KithModule } from '../../platform/context.js';
import { duplicatesMigrations } from './duplicates.migrations.js';
import { duplicatesRoutes } from './duplicates.routes.js';
import { scanDuplicates } from './duplicates.service.js';
import { duplicatesRepository } from './duplicates.repository.js';

export { registerContactReference, unregisterContactReference, contactReferences } from './duplicates.references.js';
export { checkDuplicates, scanDuplicates, mergeContacts, previewMerge } from './duplicates.service.js';
export { nameKey, nameSimilarity } from './duplicates.logic.js';
/** Forgets a contact's candidate pairs (erase, purge). */
export const forgetDuplicatePairs = duplicatesRepository.deletePairsOf;

export const DUPLICATE_SCAN_JOB = 'duplicates.scan';

export const module: KithModule = {
  name: 'duplicates',
  migrations: duplicatesMigrations,
  routes: duplicatesRoutes,
  async start(ctx) {
    ctx.services.jobs.register(DUPLICATE_SCAN_JOB, () => scanDuplicates(ctx));
    await ctx.services.jobs.schedule(DUPLICATE_SCAN_JOB, '30 2 * * *', DUPLICATE_SCAN_JOB, {});
  },
};
