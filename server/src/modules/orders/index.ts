/**
 * Orders: a standard object of the records engine (`/api/v1/orders`) with lines, stock reservations through the
 * products module, partial shipments, invoicing through the invoices module, the deal's stage following the order,
 * and warranties at delivery. See README.md.
 */
import type { KithModule } from '../../platform/context.js';
import { ordersMigrations } from './orders.migrations.js';
import './orders.tables.js';
import './orders.definition.js';
import { ordersRoutes } from './orders.routes.js';
import { loadOrdersDemo } from './orders.demo.js';
import { addIntakeToOpenApi } from './orders.openapi.js';

export { ordersDefinition } from './orders.definition.js';
export { ordersService } from './orders.service.js';

export const module: KithModule = {
  name: 'orders',
  migrations: ordersMigrations,
  permissions: [{ key: 'orders', label: { en: 'Orders', vi: 'Đơn hàng' }, scoped: true }],
  routes: ordersRoutes,
  demo: loadOrdersDemo,
  openapi: (doc) => addIntakeToOpenApi(doc),
};
