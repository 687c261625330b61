/**
 * Leads: captured from the UI, the API and the public web-form endpoint, scored and assigned by rules, converted
 * into a contact + company + deal. Leads are a standard object of the records engine (`/api/v1/leads`). See README.md.
 */
import type { KithModule } from '../../platform/context.js';
import { leadsMigrations } from './leads.migrations.js';
import { leadsRoutes } from './leads.routes.js';
import { loadLeadsDemo } from './leads.demo.js';
import './leads.tables.js';
import './leads.definition.js';
import './leads.timeline.js';

export { leadsDefinition } from './leads.definition.js';

export const module: KithModule = {
  name: 'leads',
  migrations: leadsMigrations,
  permissions: [{ key: 'leads', label: { en: 'Leads', vi: 'Khách hàng tiềm năng' }, scoped: true }],
  routes: leadsRoutes,
  demo: loadLeadsDemo,
};
