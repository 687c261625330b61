/**
 * Warranties: a standard object of the records engine (`/api/v1/warranties`) created at delivery by the orders
 * module, claims that open service-desk tickets, renewal tasks 30 days before the end. See README.md.
 */
import type { KithModule } from '../../platform/context.js';
import { today } from '../invoices/index.js';
import './warranties.tables.js';
import './warranties.definition.js';
import { warrantiesMigrations } from './warranties.migrations.js';
import { warrantiesRoutes } from './warranties.routes.js';
import { warrantiesService } from './warranties.service.js';

export { warrantiesDefinition } from './warranties.definition.js';
export { warrantiesService, type DeliveredItem } from './warranties.service.js';

export const WARRANTY_SWEEP_JOB = 'warranties.sweep';

export const module: KithModule = {
  name: 'warranties',
  migrations: warrantiesMigrations,
  permissions: [{ key: 'warranties', label: { en: 'Warranties', vi: 'Bảo hành' }, scoped: true }],
  routes: warrantiesRoutes,
  async start(ctx) {
    ctx.services.jobs.register(WARRANTY_SWEEP_JOB, async () => { await warrantiesService.sweep(ctx, today()); });
    await ctx.services.jobs.schedule(WARRANTY_SWEEP_JOB, '20 1 * * *', WARRANTY_SWEEP_JOB, {});
  },
};
