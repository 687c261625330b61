/**
 * Invoices and payments in the web app: lists and record pages of the engine's generic pages (/invoices, /payments),
 * with Issue, Record payment, Credit note, Void, Download PDF and the lines and allocations cards; palette search.
 */
import { lazy } from 'react';
import { IconCash, IconReceipt } from '@tabler/icons-react';
import { api, type Page } from '../../app/api';
import { lazyPage } from '../../app/lazy';
import type { WebModule } from '../../app/registry';
import { can } from '../../app/session';
import { recordHref, registerRecordPath } from '../../ui/records/data';
import type { RecordItem } from '../../ui/records/types';

registerRecordPath('invoices', '/invoices');
registerRecordPath('payments', '/payments');

const list = () => import('../../ui/records/RecordListPage');
const page = () => import('../../ui/records/RecordPage');
const invoiceExtras = {
  HeaderActions: lazy(async () => ({ default: (await import('./InvoiceExtras')).InvoiceHeaderActions })),
  Panel: lazy(async () => ({ default: (await import('./InvoiceExtras')).InvoicePanel })),
};
const paymentExtras = { Panel: lazy(async () => ({ default: (await import('./InvoiceExtras')).PaymentPanel })) };

export const invoicesModule: WebModule = {
  key: 'invoices',
  translations: [{ key: 'invoices', load: () => import('./i18n') }],
  routes: [
    { path: 'invoices', element: lazyPage(list, 'RecordListPage', { name: 'invoices' }) },
    { path: 'invoices/:id', element: lazyPage(page, 'RecordPage', { name: 'invoices', extras: invoiceExtras }) },
    { path: 'payments', element: lazyPage(list, 'RecordListPage', { name: 'payments' }) },
    { path: 'payments/:id', element: lazyPage(page, 'RecordPage', { name: 'payments', extras: paymentExtras }) },
  ],
  nav: [
    { key: 'invoices', label: 'nav.invoices', path: '/invoices', icon: IconReceipt, order: 32, visible: (u) => can(u, 'invoices') },
    { key: 'payments', label: 'nav.payments', path: '/payments', icon: IconCash, order: 33, visible: (u) => can(u, 'invoices') },
  ],
  search: [{
    key: 'invoices', group: 'invoices.palette.group', visible: (u) => can(u, 'invoices'),
    search: async (q, signal) => {
      const found = await api.get<Page<RecordItem>>('/objects/invoices', { q, limit: 5 }, { signal });
      return found.data.map((r) => ({ id: `invoice-${r.id}`, label: r.title || (typeof r.values.number === 'string' ? r.values.number : ''), description: typeof r.values.number === 'string' ? r.values.number : undefined, path: recordHref('invoices', r.id) }));
    },
  }],
};
