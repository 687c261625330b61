/**
 * Import wizard (/imports/new[?entity=company], /imports/:id), import history (/imports), and the ExportMenu
 * and ImportButton components the contacts and companies lists place in their header.
 */
import { lazy } from 'react';
import { IconFileImport } from '@tabler/icons-react';
import { lazyPage } from '../../app/lazy';
import type { WebModule } from '../../app/registry';
import { can } from '../../app/session';

const pages = () => import('./pages');
/** Importing needs create on the records' module; the wizard offers the entities the role may create. */
const mayImport = (u: Parameters<typeof can>[0]) => can(u, 'contacts', 'create') || can(u, 'companies', 'create');

export const importsModule: WebModule = {
  key: 'imports',
  translations: [{ key: 'imports', load: () => import('./i18n') }],
  routes: [
    { path: 'imports', element: lazyPage(pages, 'ImportsPage') },
    { path: 'imports/new', element: lazyPage(pages, 'ImportPage') },
    { path: 'imports/:id', element: lazyPage(pages, 'ImportPage') },
  ],
  nav: [{ key: 'imports', label: 'nav.imports', path: '/imports', icon: IconFileImport, order: 70, visible: mayImport }],
  palette: [
    { id: 'new-import', label: 'imports.newImport', icon: IconFileImport, keywords: ['import', 'csv', 'excel', 'vcard', 'nhập'], visible: mayImport, run: ({ navigate }) => navigate('/imports/new') },
  ],
};
// Loaded with the list page that shows them, not with the app shell (the export menu brings Mantine's Menu).
export const ExportMenu = lazy(async () => ({ default: (await import('./ExportMenu')).ExportMenu }));
export const ImportButton = lazy(async () => ({ default: (await import('./ImportButton')).ImportButton }));
export type { ExportParams } from './ExportMenu';
