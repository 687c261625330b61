/**
 * Quotes and contracts in the web app: the engine's lists and record pages (/quotes, /contracts) with the quote's
 * actions (PDF, send, approve, revise, contract) and line editor, the contract's Renew; the customer's public page
 * (/q/:token); "Create quote" on a deal's page (CreateQuoteButton, used by the deals module); palette search.
 */
import { lazy } from 'react';
import { IconFileCertificate, IconFileInvoice } from '@tabler/icons-react';
import { api, type Page } from '../../app/api';
import { lazyPage } from '../../app/lazy';
import type { WebModule } from '../../app/registry';
import { can } from '../../app/session';
import { recordHref, registerRecordPath } from '../../ui/records/data';
import type { RecordItem } from '../../ui/records/types';

registerRecordPath('quotes', '/quotes');
registerRecordPath('contracts', '/contracts');

const list = () => import('../../ui/records/RecordListPage');
const page = () => import('../../ui/records/RecordPage');
const quoteExtras = {
  HeaderActions: lazy(async () => ({ default: (await import('./QuoteActions')).QuoteActions })),
  Panel: lazy(async () => ({ default: (await import('./QuoteLinesPanel')).QuoteLinesPanel })),
};
const contractExtras = { HeaderActions: lazy(async () => ({ default: (await import('./ContractActions')).ContractActions })) };

/** The deal page's "Create quote" button (deals module, HeaderActions). */
export const CreateQuoteAction = lazy(async () => ({ default: (await import('./CreateQuoteButton')).CreateQuoteButton }));

export const quotesModule: WebModule = {
  key: 'quotes',
  translations: [{ key: 'quotes', load: () => import('./i18n') }],
  routes: [
    { path: 'quotes', element: lazyPage(list, 'RecordListPage', { name: 'quotes' }) },
    { path: 'quotes/:id', element: lazyPage(page, 'RecordPage', { name: 'quotes', extras: quoteExtras }) },
    { path: 'contracts', element: lazyPage(list, 'RecordListPage', { name: 'contracts' }) },
    { path: 'contracts/:id', element: lazyPage(page, 'RecordPage', { name: 'contracts', extras: contractExtras }) },
  ],
  publicRoutes: [{ path: 'q/:token', element: lazyPage(() => import('./PublicQuotePage'), 'PublicQuotePage') }],
  nav: [
    { key: 'quotes', label: 'nav.quotes', path: '/quotes', icon: IconFileInvoice, order: 31, visible: (u) => can(u, 'quotes') },
    { key: 'contracts', label: 'nav.contracts', path: '/contracts', icon: IconFileCertificate, order: 32, visible: (u) => can(u, 'contracts') },
  ],
  search: [{
    key: 'quotes', group: 'quotes.palette.group', visible: (u) => can(u, 'quotes'),
    search: async (q, signal) => {
      const found = await api.get<Page<RecordItem>>('/objects/quotes', { q, limit: 5 }, { signal });
      return found.data.map((r) => ({ id: `quote-${r.id}`, label: r.title, description: typeof r.values.title === 'string' ? r.values.title : undefined, path: recordHref('quotes', r.id) }));
    },
  }],
};
