/**
 * Invoices, credit notes and payments: standard objects of the records engine (`/api/v1/invoices`,
 * `/api/v1/payments`) with lines, numbering by series, allocations, overdue reminders and the accounting journal.
 * See README.md.
 */
import type { KithModule } from '../../platform/context.js';
import { invoicesMigrations } from './invoices.migrations.js';
import './invoices.tables.js';
import './invoices.definition.js';
import { invoicesRoutes } from './invoices.routes.js';
import { OVERDUE_JOB, REMINDER_JOB, overdueSweep, sendReminder, type ReminderPayload } from './invoices.jobs.js';

export { invoicesDefinition, paymentsDefinition } from './invoices.definition.js';
export { invoicesService } from './invoices.service.js';
export { paymentsService } from './payments.service.js';
export { lineFigures, documentFigures, documentNumber, addDays, today } from './invoices.logic.js';
export { nextDocumentNumber } from './invoices.service.js';

export const module: KithModule = {
  name: 'invoices',
  migrations: invoicesMigrations,
  permissions: [{ key: 'invoices', label: { en: 'Invoices and payments', vi: 'Hoá đơn và thanh toán' }, scoped: true }],
  routes: invoicesRoutes,
  async start(ctx) {
    ctx.services.jobs.register(OVERDUE_JOB, async () => { await overdueSweep(ctx); });
    ctx.services.jobs.register<ReminderPayload>(REMINDER_JOB, async (payload) => { await sendReminder(ctx, payload); });
    await ctx.services.jobs.schedule(OVERDUE_JOB, '10 1 * * *', OVERDUE_JOB, {});
  },
};
