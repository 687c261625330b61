/**
 * Module `quotes`: quotes as a standard object of the records engine (`/api/v1/quotes`) with lines and exact totals
 * (platform/documents), creation from a deal, large-discount approval, versions, PDF, sending by email with a
 * one-time public accept/decline link. See README.md.
 */
import type { KithModule } from '../../platform/context.js';
import './quotes.tables.js';
import './quotes.definition.js';
import { quotesMigrations } from './quotes.migrations.js';
import { quotesRoutes } from './quotes.routes.js';
import { EXPIRE_JOB, expireQuotes } from './quotes.expire.js';
import { loadQuotesDemo } from './quotes.demo.js';

export { quotesDefinition } from './quotes.definition.js';
export { createFromDeal as createQuoteFromDeal, visibleQuote, copyQuoteLines } from './quotes.service.js';
export { quotesRepository } from './quotes.repository.js';

export const module: KithModule = {
  name: 'quotes',
  migrations: quotesMigrations,
  permissions: [{ key: 'quotes', label: { en: 'Quotes', vi: 'Báo giá' }, scoped: true }],
  routes: quotesRoutes,
  demo: loadQuotesDemo,
  async start(ctx) {
    ctx.services.jobs.register(EXPIRE_JOB, () => expireQuotes(ctx.database.db));
    await ctx.services.jobs.schedule(EXPIRE_JOB, '15 0 * * *', EXPIRE_JOB, {});
  },
};
