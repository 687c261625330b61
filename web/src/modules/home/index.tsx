/**
 * The start page: the greeting and the widgets every module contributes (WebModule.home). This module's own widgets:
 * the administrator's first-run checklist, key numbers, unread notifications and mentions, records assigned to me,
 * my recent records (noted by RecentTracker, in the header of every signed-in page) and the account card.
 */
import { lazy, Suspense } from 'react';
import { IconHome } from '@tabler/icons-react';
import type { WebModule } from '../../app/registry';
import { lazyPage } from '../../app/lazy';
import { can } from '../../app/session';

// Loads with the signed-in shell, not with the sign-in page.
const LazyTracker = lazy(() => import('./RecentTracker').then((m) => ({ default: m.RecentTracker })));
function Tracker() {
  return <Suspense fallback={null}><LazyTracker /></Suspense>;
}

export const homeModule: WebModule = {
  key: 'home',
  translations: [{ key: 'homeWidgets', load: () => import('./i18n') }],
  // The home page waits for its strings and its widgets' only, not every module's (app/router.tsx).
  ownStrings: true,
  routes: [{ index: true, element: lazyPage(() => import('./HomePage'), 'HomePage') }],
  nav: [{ key: 'home', label: 'nav.home', path: '/', icon: IconHome, order: 0 }],
  header: [Tracker],
  home: [
    { key: 'checklist', order: 5, size: 'full', visible: (u) => u.isAdmin, load: () => import('./widgets/ChecklistWidget') },
    { key: 'numbers', order: 20, visible: (u) => can(u, 'contacts') || can(u, 'companies'), load: () => import('./widgets/NumbersWidget') },
    { key: 'notifications', order: 30, load: () => import('./widgets/NotificationsWidget') },
    { key: 'assigned', order: 40, visible: (u) => can(u, 'contacts') || can(u, 'companies'), load: () => import('./widgets/AssignedWidget') },
    { key: 'recent', order: 50, load: () => import('./widgets/RecentWidget') },
    { key: 'account', order: 90, load: () => import('./widgets/AccountWidget') },
  ],
};
