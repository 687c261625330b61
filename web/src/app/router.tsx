import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, Outlet, useLocation, type RouteObject } from 'react-router';
import { AuthProvider, signInPath, useAuth } from './auth';
import type { Registry } from './registry';
import { lazyPage } from './lazy';
import { NotFoundPage } from './layout/NotFoundPage';
import { LoadingState } from '../ui/states';

const settingsLayout = () => import('./layout/SettingsLayout');
// The signed-in shell (sidebar, command palette, notifications, user menu, confirm dialogs, and the Mantine
// components and floating-ui they use) loads after sign-in: the sign-in page does not carry it (web/budgets.json).
const SignedIn = lazy(async () => ({ default: (await import('./layout/SignedIn')).SignedIn }));

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
function RequireAuth() {
  const { user, loading, signedOutOnPurpose } = useAuth();
  const location = useLocation();
  if (loading) return <LoadingState />;
  if (!user) return <Navigate to={signedOutOnPurpose ? '/sign-in' : signInPath(location.pathname + location.search)} replace />;
  return <SignedIn />;
}

/** Routes: public pages, then the signed-in layout with module pages and /settings/<section>. */
export function createAppRouter(registry: Registry) {
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
          element: <RequireAuth />,
          children: [...registry.routes(), settings, { path: '*', element: <NotFoundPage /> }],
        },
      ],
    },
  ]);
}
