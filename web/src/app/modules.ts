/**
 * Every web module, in sidebar order of importance. Add a module here and nowhere else: its routes,
 * sidebar links, settings sections and palette actions come from its `WebModule` (see registry.ts).
 */
import type { WebModule } from './registry';
import { homeModule } from '../modules/home';
import { identityModule } from '../modules/identity';
import { auditModule } from '../modules/audit';
import { contactsModule } from '../modules/contacts';
import { contactRecordModule } from '../modules/contacts/record';
import { duplicatesModule } from '../modules/duplicates';
import { importsModule } from '../modules/imports';
import { recordsModule } from '../modules/records';
import { leadsModule } from '../modules/leads';
import { dealsModule } from '../modules/deals';
import { tasksModule } from '../modules/tasks';
import { helpModule } from '../modules/help';
import { forecastModule } from '../modules/forecast';
import { workspaceModule } from '../modules/workspace';
import { ticketsModule } from '../modules/tickets';
import { productsModule } from '../modules/products';
import { quotesModule } from '../modules/quotes';
import { ordersModule } from '../modules/orders';
import { invoicesModule } from '../modules/invoices';

export const modules: WebModule[] = [homeModule, identityModule, auditModule, contactsModule, contactRecordModule, duplicatesModule, importsModule, recordsModule, leadsModule, dealsModule, tasksModule, forecastModule, helpModule, workspaceModule, ticketsModule, productsModule, quotesModule, ordersModule, invoicesModule];
