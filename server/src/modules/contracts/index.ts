/**
 * Module `contracts`: contracts as a standard object (`/api/v1/contracts`), from an accepted quote or standalone;
 * signed files; reminders before the end (a task and a notification, once); renewal into a new deal and quote;
 * automatic renewal at the end date (contracts.jobs.ts).
 * See README.md.
 */
import type { KithModule } from '../../platform/context.js';
import './contracts.tables.js';
import './contracts.definition.js';
import { contractsMigrations } from './contracts.migrations.js';
import { contractsRoutes } from './contracts.routes.js';
import { remindEndingContracts } from './contracts.service.js';
import { loadContractsDemo } from './contracts.demo.js';
import { CONTRACT_RENEWAL_JOB, renewAutomaticContracts } from './contracts.jobs.js';

export const CONTRACT_REMINDER_JOB = 'contracts.reminders';
export { contractsDefinition } from './contracts.definition.js';

export const module: KithModule = {
  name: 'contracts',
  migrations: contractsMigrations,
  permissions: [{ key: 'contracts', label: { en: 'Contracts', vi: 'Hợp đồng' }, scoped: true }],
  routes: contractsRoutes,
  demo: loadContractsDemo,
  async start(ctx) {
    ctx.services.jobs.register(CONTRACT_REMINDER_JOB, () => remindEndingContracts(ctx.database.db));
    await ctx.services.jobs.schedule(CONTRACT_REMINDER_JOB, '30 0 * * *', CONTRACT_REMINDER_JOB, {});
    ctx.services.jobs.register(CONTRACT_RENEWAL_JOB, () => renewAutomaticContracts(ctx.database.db));
    await ctx.services.jobs.schedule(CONTRACT_RENEWAL_JOB, '40 0 * * *', CONTRACT_RENEWAL_JOB, {});
  },
};
