import { IconHome } from '@tabler/icons-react';
import { createElement } from 'react';
import type { WebModule } from '../../app/registry';
import { HomePage } from './HomePage';

/** The start page: greeting, quick links to every page the user may open, latest notifications. */
export const homeModule: WebModule = {
  key: 'home',
  routes: [{ index: true, element: createElement(HomePage) }],
  nav: [{ key: 'home', label: 'nav.home', path: '/', icon: IconHome, order: 0 }],
};
