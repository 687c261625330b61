import { IconHome } from '@tabler/icons-react';
import type { WebModule } from '../../app/registry';
import { lazyPage } from '../../app/lazy';

/** The start page: greeting, quick links to every page the user may open, latest notifications. */
export const homeModule: WebModule = {
  key: 'home',
  routes: [{ index: true, element: lazyPage(() => import('./HomePage'), 'HomePage') }],
  nav: [{ key: 'home', label: 'nav.home', path: '/', icon: IconHome, order: 0 }],
};
