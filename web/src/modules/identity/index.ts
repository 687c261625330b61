import { createElement } from 'react';
import { IconKey, IconShieldLock, IconUserCircle, IconUsers, IconUsersGroup } from '@tabler/icons-react';
import { lazyPage } from '../../app/lazy';
import type { WebModule } from '../../app/registry';
import type { SessionUser } from '../../app/session';
import { SignInPage } from './SignInPage';

const admin = (u: SessionUser) => u.isAdmin;
const settings = () => import('./settings/pages');

/** Sign-in, the profile page, and the admin screens for users, teams, roles and API keys. */
export const identityModule: WebModule = {
  key: 'identity',
  publicRoutes: [{ path: 'sign-in', element: createElement(SignInPage) }],
  routes: [{ path: 'profile', element: lazyPage(() => import('./profile/ProfilePage'), 'ProfilePage') }],
  settings: [
    { key: 'users', label: 'users.title', path: 'users', icon: IconUsers, order: 10, visible: admin, routes: [{ index: true, element: lazyPage(settings, 'UsersPage') }] },
    { key: 'teams', label: 'teams.title', path: 'teams', icon: IconUsersGroup, order: 20, visible: admin, routes: [{ index: true, element: lazyPage(settings, 'TeamsPage') }] },
    {
      key: 'roles', label: 'roles.title', path: 'roles', icon: IconShieldLock, order: 30, visible: admin,
      routes: [{ index: true, element: lazyPage(settings, 'RolesPage') }, { path: ':id', element: lazyPage(settings, 'RoleEditorPage') }],
    },
    { key: 'api-keys', label: 'apiKeys.title', path: 'api-keys', icon: IconKey, order: 40, visible: admin, routes: [{ index: true, element: lazyPage(settings, 'ApiKeysPage') }] },
  ],
  palette: [
    { id: 'new-user', label: 'users.create', icon: IconUsers, keywords: ['user', 'người dùng'], visible: admin, run: ({ navigate }) => navigate('/settings/users?new=1') },
    { id: 'profile-2fa', label: 'profile.twoFactor', icon: IconUserCircle, keywords: ['2fa', 'totp'], run: ({ navigate }) => navigate('/profile#two-factor') },
  ],
};
