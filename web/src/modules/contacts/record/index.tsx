/**
 * The 360° record pages: /contacts/:id and /companies/:id. The contacts lists and forms are another
 * module (`contacts`); this one only owns the record routes and links back to the lists.
 */
import i18n from '../../../i18n';
import { lazyPage } from '../../../app/lazy';
import type { WebModule } from '../../../app/registry';
import { en, vi } from './i18n';

i18n.addResourceBundle('en', 'translation', { record: en }, true, true);
i18n.addResourceBundle('vi', 'translation', { record: vi }, true, true);

const pages = () => import('./pages');

export const contactRecordModule: WebModule = {
  key: 'contact-record',
  routes: [
    { path: 'contacts/:id', element: lazyPage(pages, 'ContactPage') },
    { path: 'companies/:id', element: lazyPage(pages, 'CompanyPage') },
  ],
};
