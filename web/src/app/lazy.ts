import { createElement, lazy, type ComponentType } from 'react';

/**
 * A route element whose code loads on first visit (the layout's Suspense shows a loader meanwhile).
 *
 * @example { path: 'users', element: lazyPage(() => import('./UsersPage'), 'UsersPage') }
 * @example { path: 'deals', element: lazyPage(list, 'RecordListPage', { name: 'deals' }) }
 */
export function lazyPage<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string, props?: Record<string, unknown>) {
  const Page = lazy(async () => ({ default: (await load())[name] as ComponentType<Record<string, unknown>> }));
  return createElement(Page, props);
}
