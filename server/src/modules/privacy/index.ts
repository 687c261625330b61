/**
 * Module `privacy`: personal-data export and erasure of a contact, personal data kept out of the
 * append-only audit chain (privacy.vault.ts), and the recycle-bin purge (daily job, `kith purge`).
 */
import type { KithModule } from '../../platform/context.js';
import { privacyMigrations } from './privacy.migrations.js';
import { privacyRoutes } from './privacy.routes.js';
import { purgeRecycleBin } from './privacy.service.js';
import './privacy.vault.js';

export { exportContact, eraseContact, purgeRecycleBin, purgeDays, registerErasureStep, type ErasureStep, type PurgeResult } from './privacy.service.js';
export { registerPersonalEntity, personalDataStore } from './privacy.vault.js';

export const RECYCLE_PURGE_JOB = 'privacy.recycle-purge';

export const module: KithModule = {
  name: 'privacy',
  migrations: privacyMigrations,
  routes: privacyRoutes,
  async start(ctx) {
    ctx.services.jobs.register(RECYCLE_PURGE_JOB, () => purgeRecycleBin(ctx));
    await ctx.services.jobs.schedule(RECYCLE_PURGE_JOB, '15 3 * * *', RECYCLE_PURGE_JOB, {});
  },
  commands: {
    purge: {
      usage: 'purge [--days N]                hard-delete contacts/companies in the recycle bin longer than N days (default: setting recycle.purgeDays, 30)',
      async run(ctx, _words, opts) {
        const days = typeof opts.days === 'string' ? Number(opts.days) : undefined;
        if (days !== undefined && (!Number.isInteger(days) || days < 0)) {
          console.error('--days must be a non-negative integer');
          return 2;
        }
        const r = await purgeRecycleBin(ctx, { days });
        console.log(`purged ${r.contacts} contacts and ${r.companies} companies deleted before ${r.cutoff}${r.skipped ? `; skipped ${r.skipped} still referenced` : ''}`);
        return 0;
      },
    },
  },
};
