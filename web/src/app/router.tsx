import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter, Navigate, Outlet, useLocation, type RouteObject } from 'react-router';
import { AuthProvider, sessionLikely, signInPath, useAuth } from './auth';
import type { Registry } from './registry';
import { lazyPage } from './lazy';
import { knowTranslations, loadAllTranslations, loadTranslations } from './translations';
import { NotFoundPage } from './layout/NotFoundPage';
import { LoadingState } from '../ui/states';

const settingsLayout = () => import('./layout/SettingsLayout');

function Root() {
  return (
    <AuthProvider>
      <Suspense fallback={<LoadingState />}>
        <Outlet />
      </Suspense>
    </AuthProvider>
  );
}

/** Pages behind sign-in: a signed-out visitor goes to /sign-in?next=<here>. */
function RequireAuth({ shell: Shell }: { shell: ComponentType }) {
  const { user, loading, signedOutOnPurpose } = useAuth();
  const location = useLocation();
  if (loading) return <LoadingState />;
  if (!user) return <Navigate to={signedOutOnPurpose ? '/sign-in' : signInPath(location.pathname + location.search)} replace />;
  return <Shell />;
}

/** A pathless route whose pages render once `load` (their strings) is done; the layout's Suspense shows meanwhile. */
function withStrings(load: () => Promise<void>, children: RouteObject[]): RouteObject {
  const Ready = lazy(() => load().then(() => ({ default: Outlet })));
  return { element: <Ready />, children };
}

/** Routes: public pages, then the signed-in layout with module pages and /settings/<section>. */
export function createAppRouter(registry: Registry) {
  // The signed-in shell (sidebar, command palette, notifications, user menu, confirm dialogs, the Mantine
  // components and floating-ui they use) and its header items' strings load after sign-in, together: the sign-in
  // page carries neither (scripts/web-budgets.json). Every module's strings load before the first page that may
  // show them; the home page (WebModule.ownStrings) waits only for its own and its widgets'.
  knowTranslations(registry.translations());
  let shell: Promise<{ default: ComponentType }> | null = null;
  const loadShell = () => (shell ??= Promise.all([import('./layout/SignedIn'), loadTranslations(registry.shellTranslations())])
    .then(([m]) => ({ default: m.SignedIn })));
  // A device that was signed in last time starts on the shell while the session is checked, not after.
  if (sessionLikely()) loadShell().catch(() => undefined);
  const SignedIn = lazy(loadShell);
  const settings: RouteObject = {
    path: 'settings',
    element: lazyPage(settingsLayout, 'SettingsLayout'),
    children: [
      { index: true, element: lazyPage(settingsLayout, 'SettingsIndex') },
      ...registry.allSettings().map((s) => ({ path: s.path, children: s.routes })),
    ],
  };
  return createBrowserRouter([
    {
      element: <Root />,
      children: [
        ...registry.publicRoutes(),
        {
          element: <RequireAuth shell={SignedIn} />,
          children: [
            ...registry.modules.filter((m) => m.ownStrings && m.routes).map((m) => withStrings(() => loadTranslations(m.translations ?? []), m.routes!)),
            withStrings(loadAllTranslations, [...registry.modules.filter((m) => !m.ownStrings).flatMap((m) => m.routes ?? []), settings, { path: '*', element: <NotFoundPage /> }]),
          ],
        },
      ],
    },
  ]);
}
