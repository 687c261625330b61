/**
 * Deals and pipelines: deals as a standard object of the records engine (`/api/v1/deals`), pipelines with ordered
 * stages (`/api/v1/pipelines`), stage rules, stage history, stage tasks, line items, contacts with roles, quotas and
 * the forecast. See README.md.
 */
import type { KithModule } from '../../platform/context.js';
import { dealsMigrations } from './deals.migrations.js';
import './deals.tables.js';
import './deals.definition.js';
import './deals.timeline.js';
import { dealsRoutes } from './deals.routes.js';
import { loadDealsDemo } from './deals.demo.js';

export { dealsDefinition } from './deals.definition.js';

export const module: KithModule = {
  name: 'deals',
  migrations: dealsMigrations,
  permissions: [{ key: 'deals', label: { en: 'Deals', vi: 'Cơ hội' }, scoped: true }],
  routes: dealsRoutes,
  demo: loadDealsDemo,
};
