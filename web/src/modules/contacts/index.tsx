/**
 * Contacts and companies: list pages (table + kanban), create/edit drawers, the custom-field and
 * lifecycle-stage settings, palette search. The 360° record pages (contacts/:id, companies/:id) live in
 * ./record and are registered by their own module.
 */
import { IconAddressBook, IconBuilding, IconForms, IconListNumbers, IconUserPlus } from '@tabler/icons-react';
import { lazyPage } from '../../app/lazy';
import type { WebModule } from '../../app/registry';
import { can, type SessionUser } from '../../app/session';
import { searchProviders } from './search';

const lists = () => import('./list/ListPage');
const admin = (u: SessionUser) => u.isAdmin;

export const contactsModule: WebModule = {
  key: 'contacts',
  translations: [{ key: 'contacts', load: () => import('./i18n') }],
  routes: [
    { path: 'contacts', element: lazyPage(lists, 'ContactsPage') },
    { path: 'companies', element: lazyPage(lists, 'CompaniesPage') },
  ],
  nav: [
    { key: 'contacts', label: 'nav.contacts', path: '/contacts', icon: IconAddressBook, order: 20, visible: (u) => can(u, 'contacts') },
    { key: 'companies', label: 'nav.companies', path: '/companies', icon: IconBuilding, order: 30, visible: (u) => can(u, 'companies') },
  ],
  settings: [
    {
      key: 'custom-fields', label: 'contacts.customFields.title', path: 'custom-fields', icon: IconForms, order: 50, visible: admin,
      routes: [{ index: true, element: lazyPage(() => import('./settings/CustomFieldsPage'), 'CustomFieldsPage') }],
    },
    {
      key: 'lifecycle-stages', label: 'contacts.stages.title', path: 'lifecycle-stages', icon: IconListNumbers, order: 55, visible: admin,
      routes: [{ index: true, element: lazyPage(() => import('./settings/LifecycleStagesPage'), 'LifecycleStagesPage') }],
    },
  ],
  palette: [
    { id: 'new-contact', label: 'contacts.palette.newContact', icon: IconUserPlus, keywords: ['contact', 'liên hệ', 'new'], visible: (u) => can(u, 'contacts', 'create'), run: ({ navigate }) => navigate('/contacts?new=1') },
    { id: 'new-company', label: 'contacts.palette.newCompany', icon: IconBuilding, keywords: ['company', 'công ty', 'new'], visible: (u) => can(u, 'companies', 'create'), run: ({ navigate }) => navigate('/companies?new=1') },
  ],
  search: searchProviders,
};
