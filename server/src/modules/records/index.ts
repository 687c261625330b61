/**
 * The records module: the HTTP face of the records platform (platform/records) — record types, custom objects'
 * records, their export and import — and the registration of the standard objects the engine may point
 * relations at (contacts, companies). See README.md.
 */
import type { AppContext, KithModule } from '../../platform/context.js';
import { attachPermissionList, engineConfig, fresh, registerRelationTarget } from '../../platform/records/index.js';
import { recordRoutes } from './records.routes.js';
import { typeRoutes } from './types.routes.js';
import { transferRoutes } from './records.transfer.js';
import { fileRoutes } from './records.files.js';
import { addObjectsToOpenApi } from './records.openapi.js';
import { loadRecordsDemo } from './records.demo.js';

/** Contacts and companies as relation targets: their tables, title columns and permission modules. */
function registerStandardTargets(): void {
  registerRelationTarget({
    name: 'contacts', table: 'contacts', titleColumn: 'display_name', permissionModule: 'contacts',
    labels: { en: { singular: 'Contact', plural: 'Contacts' }, vi: { singular: 'Liên hệ', plural: 'Liên hệ' } },
  });
  registerRelationTarget({
    name: 'companies', table: 'companies', titleColumn: 'name', permissionModule: 'companies',
    labels: { en: { singular: 'Company', plural: 'Companies' }, vi: { singular: 'Công ty', plural: 'Công ty' } },
  });
}

/** What every entry point (routes, start, and `kith demo`, which runs neither) needs before the engine is used. */
function prepareEngine(ctx: AppContext): void {
  engineConfig.region = ctx.config.defaultRegion;
  registerStandardTargets();
  attachPermissionList(ctx.permissionModules);
}

export const module: KithModule = {
  name: 'records',
  async routes(app, ctx) {
    prepareEngine(ctx);
    // Load once so the role editor lists the custom objects from the first request on.
    await fresh(ctx.database.db);
    recordRoutes(app, ctx);
    typeRoutes(app, ctx);
    await transferRoutes(app, ctx);
    await fileRoutes(app, ctx);
  },
  openapi: (doc, ctx) => addObjectsToOpenApi(doc, ctx),
  demo(ctx) {
    prepareEngine(ctx);
    return loadRecordsDemo(ctx);
  },
  start: prepareEngine,
};
