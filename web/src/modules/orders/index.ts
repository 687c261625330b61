/**
 * Orders and warranties in the web app: lists and record pages of the engine's generic pages (/orders, /warranties)
 * with the order's moves, Ship, invoicing and its items and shipments cards; a warranty's claim; palette search; the
 * Purchases card of the contact and company pages (PurchasesCard.tsx).
 */
import { lazy } from 'react';
import { IconShieldCheck, IconShoppingCart } from '@tabler/icons-react';
import { api, type Page } from '../../app/api';
import { lazyPage } from '../../app/lazy';
import type { WebModule } from '../../app/registry';
import { can } from '../../app/session';
import { recordHref, registerRecordPath } from '../../ui/records/data';
import type { RecordItem } from '../../ui/records/types';

registerRecordPath('orders', '/orders');
registerRecordPath('warranties', '/warranties');

const list = () => import('../../ui/records/RecordListPage');
const page = () => import('../../ui/records/RecordPage');
const orderExtras = {
  HeaderActions: lazy(async () => ({ default: (await import('./OrderExtras')).OrderHeaderActions })),
  Panel: lazy(async () => ({ default: (await import('./OrderExtras')).OrderPanel })),
};
const warrantyExtras = {
  HeaderActions: lazy(async () => ({ default: (await import('./OrderExtras')).WarrantyHeaderActions })),
  Panel: lazy(async () => ({ default: (await import('./OrderExtras')).WarrantyPanel })),
};

/** The deal page's "Create order" button (shown on a won deal), for the deals module to place among its header actions. */
export const CreateOrderAction = lazy(async () => ({ default: (await import('./OrderExtras')).CreateOrderAction }));

export const ordersModule: WebModule = {
  key: 'orders',
  translations: [{ key: 'orders', load: () => import('./i18n') }],
  routes: [
    { path: 'orders', element: lazyPage(list, 'RecordListPage', { name: 'orders' }) },
    { path: 'orders/:id', element: lazyPage(page, 'RecordPage', { name: 'orders', extras: orderExtras }) },
    { path: 'warranties', element: lazyPage(list, 'RecordListPage', { name: 'warranties' }) },
    { path: 'warranties/:id', element: lazyPage(page, 'RecordPage', { name: 'warranties', extras: warrantyExtras }) },
  ],
  // The card lists the party's orders, quotes, invoices, warranties and payments: the page's related records skip them.
  recordCards: [{
    key: 'purchases', order: 10, entities: ['contact', 'company'], covers: ['orders', 'invoices', 'quotes', 'warranties', 'payments'],
    load: () => import('./PurchasesCard'),
  }],
  nav: [
    { key: 'orders', label: 'nav.orders', path: '/orders', icon: IconShoppingCart, order: 31, visible: (u) => can(u, 'orders') },
    { key: 'warranties', label: 'nav.warranties', path: '/warranties', icon: IconShieldCheck, order: 34, visible: (u) => can(u, 'warranties') },
  ],
  search: [{
    key: 'orders', group: 'orders.palette.group', visible: (u) => can(u, 'orders'),
    search: async (q, signal) => {
      const found = await api.get<Page<RecordItem>>('/objects/orders', { q, limit: 5 }, { signal });
      return found.data.map((r) => ({ id: `order-${r.id}`, label: r.title, description: typeof r.values.subject === 'string' ? r.values.subject : undefined, path: recordHref('orders', r.id) }));
    },
  }],
};
