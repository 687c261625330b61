/** Providers (theme, data cache, confirm dialogs, toasts) and the router built from the module registry. */
import { useMemo } from 'react';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router/dom';
import { ApiError } from './api';
import { createRegistry, type WebModule } from './registry';
import { RegistryContext } from './registry-context';
import { createAppRouter } from './router';
import { cssVariablesResolver, theme } from './theme';
import { Toasts } from './Toasts';

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx will not change by asking again.
        retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
      },
    },
  });
}

export function App({ modules }: { modules: WebModule[] }) {
  const queryClient = useMemo(createQueryClient, []);
  const registry = useMemo(() => createRegistry(modules), [modules]);
  const router = useMemo(() => createAppRouter(registry), [registry]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      {/* Toasts, bottom right; their code loads with the first one (Toasts.tsx). */}
      <Toasts />
      <QueryClientProvider client={queryClient}>
        <RegistryContext.Provider value={registry}>
          {/* Confirm dialogs are provided by the signed-in shell (layout/SignedIn.tsx), loaded after sign-in. */}
          <RouterProvider router={router} />
        </RegistryContext.Provider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
