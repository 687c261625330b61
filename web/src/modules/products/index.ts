/**
 * Products in the web app: the engine's list (/products, the `image` column as a thumbnail) and record page
 * (/products/:id) with the images card, the stock card
 * (levels per warehouse, receive / adjust, recent movements) and the product's price-list entries;
 * Settings › Inventory and price lists (warehouses, price lists with quantity breaks); palette search.
 */
import { lazy } from 'react';
import { IconBuildingWarehouse, IconPackage } from '@tabler/icons-react';
import { api, type Page } from '../../app/api';
import { lazyPage } from '../../app/lazy';
import type { WebModule } from '../../app/registry';
import { can } from '../../app/session';
import { recordHref, registerRecordPath } from '../../ui/records/data';
import type { RecordItem } from '../../ui/records/types';

registerRecordPath('products', '/products');

const page = () => import('../../ui/records/RecordPage');
const extras = { Panel: lazy(async () => ({ default: (await import('./StockPanel')).ProductPanel })) };

export const productsModule: WebModule = {
  key: 'products',
  translations: [{ key: 'products', load: () => import('./i18n') }],
  routes: [
    { path: 'products', element: lazyPage(() => import('./ProductList'), 'ProductList') },
    { path: 'products/:id', element: lazyPage(page, 'RecordPage', { name: 'products', extras }) },
  ],
  nav: [{ key: 'products', label: 'nav.products', path: '/products', icon: IconPackage, order: 30, visible: (u) => can(u, 'products') }],
  settings: [{
    key: 'inventory', label: 'products.settings.title', description: 'products.settings.description', path: 'inventory', icon: IconBuildingWarehouse, order: 63,
    visible: (u) => can(u, 'products', 'manage'), routes: [{ index: true, element: lazyPage(() => import('./settings/InventoryPage'), 'InventoryPage') }],
  }],
  search: [{
    key: 'products', group: 'products.palette.group', visible: (u) => can(u, 'products'),
    search: async (q, signal) => {
      const found = await api.get<Page<RecordItem>>('/objects/products', { q, limit: 5 }, { signal });
      return found.data.map((r) => ({ id: `product-${r.id}`, label: r.title, description: typeof r.values.sku === 'string' ? r.values.sku : undefined, path: recordHref('products', r.id) }));
    },
  }],
};
