import type { KithModule } from '../platform/context.js';
import { module as identity } from './identity/index.js';
import { module as contacts } from './contacts/index.js';
import { module as activities } from './activities/index.js';
import { module as duplicates } from './duplicates/index.js';
import { module as privacy } from './privacy/index.js';
import { module as notifications } from './notifications/index.js';
import { module as audit } from './audit/index.js';
import { module as imports } from './imports/index.js';
import { module as records } from './records/index.js';
import { module as tasks } from './tasks/index.js';
import { module as deals } from './deals/index.js';
import { module as leads } from './leads/index.js';
import { module as forecast } from './forecast/index.js';
import { module as help } from './help/index.js';
import { module as workspace } from './workspace/index.js';
import { module as tickets } from './tickets/index.js';
import { module as invoices } from './invoices/index.js';
import { module as orders } from './orders/index.js';
import { module as warranties } from './warranties/index.js';
import { module as products } from './products/index.js';
import { module as quotes } from './quotes/index.js';
import { module as contracts } from './contracts/index.js';

/** Every module, in start-up order. Add a module here and nowhere else. */
export const modules: KithModule[] = [identity, contacts, activities, duplicates, privacy, notifications, audit, imports, records, tasks, deals, leads, forecast, help, workspace, tickets, products, quotes, contracts, invoices, orders, warranties];
