/**
 * The 360° record pages: /contacts/:id and /companies/:id. The contacts lists and forms are another
 * module (`contacts`); this one only owns the record routes and links back to the lists.
 */
import { lazyPage } from '../../../app/lazy';
import type { WebModule } from '../../../app/registry';

const pages = () => import('./pages');

export const contactRecordModule: WebModule = {
  key: 'contact-record',
  translations: [{ key: 'record', load: () => import('./i18n') }],
  routes: [
    { path: 'contacts/:id', element: lazyPage(pages, 'ContactPage') },
    { path: 'companies/:id', element: lazyPage(pages, 'CompanyPage') },
  ],
};
