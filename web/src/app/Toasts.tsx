/**
 * The toast host (Mantine Notifications, with its transitions) loads when the first toast is asked for
 * (ui/notify.ts writes to the store, which lives in the entry chunk), not with the sign-in page: ~5 KiB gzip less
 * for every first view. The store keeps what was shown meanwhile, so the first toast appears once the host is in.
 */
import { lazy, Suspense, useState } from 'react';
import { useNotifications } from '@mantine/notifications';

// A module of its own: a dynamic import of '@mantine/notifications' itself would keep the host in the entry.
const Host = lazy(() => import('./ToastHost'));

export function Toasts() {
  const { notifications, queue } = useNotifications();
  const [needed, setNeeded] = useState(false);
  if (!needed && notifications.length + queue.length > 0) setNeeded(true);
  return needed ? <Suspense fallback={null}><Host /></Suspense> : null;
}
