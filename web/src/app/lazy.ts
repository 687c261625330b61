import { createElement, lazy, type ComponentType } from 'react';

/**
 * A route element whose code loads on first visit (the layout's Suspense shows a loader meanwhile).
 *
 * @example { path: 'users', element: lazyPage(() => import('./UsersPage'), 'UsersPage') }
 */
export function lazyPage<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) {
  const Page = lazy(async () => ({ default: (await load())[name] as ComponentType }));
  return createElement(Page);
}
