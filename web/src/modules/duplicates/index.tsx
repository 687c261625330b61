/**
 * Duplicates (candidate pairs, dismiss, field-by-field merge with the server's preview) and the
 * recycle bin (deleted contacts and companies, restore, days until purge).
 */
import { IconCopy, IconTrash } from '@tabler/icons-react';
import { lazyPage } from '../../app/lazy';
import type { WebModule } from '../../app/registry';
import { can } from '../../app/session';

const pages = () => import('./pages');

export const duplicatesModule: WebModule = {
  key: 'duplicates',
  translations: [{ key: 'duplicates', load: () => import('./i18n') }],
  routes: [
    { path: 'duplicates', element: lazyPage(pages, 'DuplicatesPage') },
    { path: 'duplicates/merge', element: lazyPage(pages, 'MergePage') },
    { path: 'recycle-bin', element: lazyPage(pages, 'RecycleBinPage') },
  ],
  nav: [
    { key: 'duplicates', label: 'nav.duplicates', path: '/duplicates', icon: IconCopy, order: 60, visible: (u) => can(u, 'contacts', 'update') },
    { key: 'recycle-bin', label: 'nav.recycleBin', path: '/recycle-bin', icon: IconTrash, order: 900, visible: (u) => can(u, 'contacts', 'delete') || can(u, 'companies', 'delete') },
  ],
  palette: [
    { id: 'duplicates', label: 'duplicates.title', icon: IconCopy, keywords: ['merge', 'gộp', 'trùng'], visible: (u) => can(u, 'contacts', 'update'), run: ({ navigate }) => navigate('/duplicates') },
    { id: 'recycle-bin', label: 'duplicates.recycle.title', icon: IconTrash, keywords: ['trash', 'restore', 'khôi phục'], run: ({ navigate }) => navigate('/recycle-bin') },
  ],
};
