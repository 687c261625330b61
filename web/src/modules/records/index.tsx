/**
 * The records platform in the web app: the generic list, board and record page of any custom object
 * (`/objects/:name`, `/objects/:name/:id`, from web/src/ui/records), Settings › Objects (create objects,
 * add and edit their fields), a sidebar link per custom object, and palette search over their records.
 */
import { IconBox } from '@tabler/icons-react';
import { lazyPage } from '../../app/lazy';
import type { WebModule } from '../../app/registry';
import { ObjectsNav, recordsSearch } from './nav';

const list = () => import('../../ui/records/RecordListPage');
const page = () => import('../../ui/records/RecordPage');
const settings = () => import('./settings/pages');

export const recordsModule: WebModule = {
  key: 'records',
  translations: [{ key: 'records', load: () => import('../../ui/records/i18n') }, { key: 'activity', load: () => import('../../ui/activities/i18n') }],
  routes: [
    { path: 'objects/:name', element: lazyPage(list, 'RecordListPage') },
    { path: 'objects/:name/:id', element: lazyPage(page, 'RecordPage') },
  ],
  settings: [
    {
      key: 'objects', label: 'records.settings.title', description: 'records.settings.description', path: 'objects', icon: IconBox, order: 45,
      visible: (u) => u.isAdmin,
      routes: [
        { index: true, element: lazyPage(settings, 'ObjectsPage') },
        { path: ':name', element: lazyPage(settings, 'ObjectFieldsPage') },
      ],
    },
  ],
  search: [recordsSearch],
  sidebar: [ObjectsNav],
};
