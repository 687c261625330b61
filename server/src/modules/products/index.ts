/**
 * Products, price lists and inventory (issue 17 items 1 and 5) — one module. Products are a standard object of the
 * records engine (`/api/v1/products`). See README.md.
 */
import type { KithModule } from '../../platform/context.js';
import { productsMigrations } from './products.migrations.js';
import './products.definition.js';

export { productsDefinition, taxRatePercent } from './products.definition.js';

export const module: KithModule = {
  name: 'products',
  migrations: productsMigrations,
  permissions: [{ key: 'products', label: { en: 'Products', vi: 'Sản phẩm' }, scoped: true }],
};
