import { IconChartBar } from '@tabler/icons-react';
import { lazyPage } from '../../app/lazy';
import type { WebModule } from '../../app/registry';
import { can } from '../../app/session';

/** The sales forecast page (/forecast), for anyone who may read deals. */
export const forecastModule: WebModule = {
  key: 'forecast',
  translations: [{ key: 'forecast', load: () => import('./i18n') }],
  routes: [{ path: 'forecast', element: lazyPage(() => import('./ForecastPage'), 'ForecastPage') }],
  nav: [{ key: 'forecast', label: 'nav.forecast', path: '/forecast', icon: IconChartBar, order: 48, visible: (u) => can(u, 'deals') }],
};
