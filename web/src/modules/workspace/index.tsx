/**
 * Workspace settings (Settings › Workspace, admins) and each user's notification preferences
 * (/profile/notifications). The shell's brand (app/layout/WorkspaceBrand.tsx) reads the same settings query.
 */
import { IconBell, IconBuildingSkyscraper } from '@tabler/icons-react';
import { lazyPage } from '../../app/lazy';
import type { WebModule } from '../../app/registry';

const pages = () => import('./pages');

export const workspaceModule: WebModule = {
  key: 'workspace',
  translations: [{ key: 'workspace', load: () => import('./i18n') }],
  routes: [{ path: 'profile/notifications', element: lazyPage(pages, 'NotificationsPage') }],
  settings: [
    {
      key: 'workspace', label: 'workspace.title', path: 'workspace', icon: IconBuildingSkyscraper, order: 5, visible: (u) => u.isAdmin,
      routes: [{ index: true, element: lazyPage(pages, 'WorkspacePage') }],
    },
  ],
  palette: [
    { id: 'workspace-settings', label: 'workspace.title', icon: IconBuildingSkyscraper, keywords: ['company', 'logo', 'currency', 'công ty', 'tiền tệ'], visible: (u) => u.isAdmin, run: ({ navigate }) => navigate('/settings/workspace') },
    { id: 'notification-preferences', label: 'workspace.prefs.link', icon: IconBell, keywords: ['notifications', 'email', 'thông báo'], run: ({ navigate }) => navigate('/profile/notifications') },
  ],
};
