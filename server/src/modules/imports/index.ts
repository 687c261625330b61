/**
 * The imports module: import of contacts and companies (CSV any delimiter/encoding, XLSX, vCard 2.1/3.0/4.0;
 * Google, Outlook, HubSpot, Salesforce presets) with cleaning, duplicate matching, resumable batches and revert; and
 * contact export (CSV/XLSX/vCard 4.0). See README.md.
 */
import type { KithModule } from '../../platform/context.js';
import './imports.tables.js';
import './imports.company.tables.js';
import { importsMigrations } from './imports.migrations.js';
import { companyImportMigrations } from './imports.company.migrations.js';
import { importFailuresMigrations } from './imports.failures.migrations.js';
import { importWarningsMigrations } from './imports.warnings.migrations.js';
import { importFollowUpMigrations } from './imports.followups.migrations.js';
import { registerWarningTimeline } from './imports.timeline.js';
import { importRoutes } from './imports.routes.js';
import { runImport } from './imports.runner.js';
import { runRevert } from './imports.revert.js';
import { CLEANUP_JOB, cleanupAbandoned, IMPORT_JOB, REVERT_JOB } from './imports.service.js';
import { exportCommand, importCommand } from './imports.commands.js';

export { runImport } from './imports.runner.js';

export const module: KithModule = {
  name: 'imports',
  migrations: { ...importsMigrations, ...companyImportMigrations, ...importFailuresMigrations, ...importWarningsMigrations, ...importFollowUpMigrations },
  routes: (app, ctx) => importRoutes(app, ctx),
  async start(ctx) {
    registerWarningTimeline();
    // Uploads left at the mapping step for a few days are deleted with their files (daily).
    ctx.services.jobs.register(CLEANUP_JOB, async () => ({ removed: await cleanupAbandoned(ctx) }));
    await ctx.services.jobs.schedule(CLEANUP_JOB, '23 3 * * *', CLEANUP_JOB, {});
    // A crashed node's run is requeued by the job lease and resumes from its checkpoint.
    ctx.services.jobs.register<{ importId: string }>(IMPORT_JOB, async ({ importId }) => {
      const r = await runImport(ctx, importId);
      return { status: r.status, processed: r.processed };
    });
    ctx.services.jobs.register<{ importId: string }>(REVERT_JOB, async ({ importId }) => {
      const r = await runRevert(ctx, importId);
      return { status: r.status };
    });
  },
  commands: { import: importCommand, export: exportCommand },
};
