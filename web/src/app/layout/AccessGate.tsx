import { lazy } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useUser } from '../auth';
import { useRegistry } from '../registry-context';

// Loaded when first needed: it is rare, and every signed-in page's JavaScript budget counts this shell.
const AccessDenied = lazy(async () => ({ default: (await import('../../ui/AccessDenied')).AccessDenied }));

/**
 * The signed-in pages' outlet, refusing a page that belongs to a sidebar entry the user may not see (a sales rep
 * opening /imports, a bookmarked /contacts after their role lost it): "You don't have access", not "page not found".
 * The server still decides every request; this only words the answer. (Rendered inside AppLayout's Suspense.)
 */
export function AccessGate() {
  const user = useUser();
  const { pathname } = useLocation();
  const entry = useRegistry().navFor(pathname);
  if (entry?.visible && !entry.visible(user)) return <AccessDenied />;
  return <Outlet />;
}
