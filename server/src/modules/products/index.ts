/**
 * Products, price lists and inventory (issue 17 items 1 and 5) — one module. Products are a standard object of the
 * records engine (`/api/v1/products`); price lists, warehouses and inventory have their own routes. Other modules
 * (orders, quotes, invoices) call the functions below inside their own transaction. See README.md.
 */
import type { KithModule } from '../../platform/context.js';
import { productsMigrations } from './products.migrations.js';
import { productImagesMigrations } from './products.images.migrations.js';
import { productsRoutes } from './products.routes.js';
import { loadProductsDemo } from './products.demo.js';
import './products.tables.js';
import './products.definition.js';

export { productsDefinition, taxRatePercent } from './products.definition.js';
export { priceFor, type Price, type PriceRequest } from './pricing.js';
export { receiveStock, reserveStock, reserveStockLines, releaseStock, withdrawStock, returnStock, adjustStock, type StockRequest, type StockResult } from './stock.js';

export const module: KithModule = {
  name: 'products',
  migrations: { ...productsMigrations, ...productImagesMigrations },
  permissions: [{ key: 'products', label: { en: 'Products', vi: 'Sản phẩm' }, scoped: true }],
  routes: productsRoutes,
  demo: loadProductsDemo,
};
