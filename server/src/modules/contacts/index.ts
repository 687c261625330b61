/**
 * The contacts module: contacts, companies, custom fields, lists, search, saved views.
 * Other modules import only this file (see CUSTOMERS.md for the agreed service API).
 */
import type { KithModule } from '../../platform/context.js';
import './contacts.tables.js';
import { contactsMigrations } from './contacts.migrations.js';
import { contactRoutes } from './contacts.routes.js';
import { companyRoutes } from './companies.routes.js';
import { miscRoutes } from './misc.routes.js';
import { contactsConfig } from './settings.service.js';
import { loadDemo } from './contacts.demo.js';
import { classificationsOf, registerFieldClassifications } from '../../platform/records/masking.js';
import { listDefs as defsOf } from './custom-fields.repository.js';

// Contacts' and companies' custom fields are classified here; every read path masks through platform/records/masking.ts.
registerFieldClassifications('contact', async (ex) => classificationsOf(await defsOf(ex, 'contact')));
registerFieldClassifications('company', async (ex) => classificationsOf(await defsOf(ex, 'company')));

export { normaliseText, normalisePhone, normaliseEmail, contactSearchText, companySearchText } from './contacts.logic.js';
export { listDefs } from './custom-fields.repository.js';
export { contactsService } from './contacts.service.js';
export { companiesService } from './companies.service.js';
export { customFieldsService, applyCustomValues } from './custom-fields.service.js';
export { listDefs as listCustomFields } from './custom-fields.repository.js';
export type { CustomFieldDef } from './custom-fields.logic.js';
export { applyScope, scopeCondition } from './contacts.policy.js';
export { assertLinkable, isLinkable } from './contacts.relations.js';
export { presentContact, presentCompany } from './contacts.presenter.js';
export { getStages, getStages as getLifecycleStages } from './settings.service.js';
export { listsService } from './lists.service.js';
export type { ContactRow, ContactView } from './contacts.repository.js';
export type { CompanyRow, CompanyView } from './companies.repository.js';
// For the imports module: batch writes and the pieces of row building it shares with the service.
export { contactsBulkRepository } from './contacts.bulk.js';
export { companiesExport, type ExportableCompany } from './companies.export.js';
export { contactDerived, familyFirstKey, withOnePrimary, cleanTags } from './contacts.logic.js';
export { checkCustomValue } from './custom-fields.logic.js';
export type { ContactValues } from './contacts.repository.js';
export type { CompanyValues } from './companies.repository.js';

/** Finds contact ids by exact normalised email / E.164 phone / external id (live contacts only). */
import { contactsService as svc } from './contacts.service.js';
export const findByEmail = svc.findByEmail;
export const findByPhone = svc.findByPhone;
export const findByExternalId = svc.findByExternalId;

export const module: KithModule = {
  name: 'contacts',
  migrations: contactsMigrations,
  permissions: [
    { key: 'contacts', label: { en: 'Contacts', vi: 'Liên hệ' }, scoped: true },
    { key: 'companies', label: { en: 'Companies', vi: 'Công ty' }, scoped: true },
  ],
  start(ctx) {
    contactsConfig.defaultRegion = ctx.config.defaultRegion;
  },
  routes(app, ctx) {
    contactsConfig.defaultRegion = ctx.config.defaultRegion;
    contactRoutes(app, ctx);
    companyRoutes(app, ctx);
    miscRoutes(app, ctx);
  },
  demo: (ctx) => loadDemo(ctx),
};
