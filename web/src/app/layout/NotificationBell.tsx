/**
 * The notification centre: a bell with the unread count (refreshed when the server pushes on the websocket, and
 * every minute as a fallback). The panel listing the latest 20 (NotificationPanel.tsx) loads when the pointer first
 * reaches the bell or the bell is first pressed, so the page opens without the popover's code.
 */
import { lazy, Suspense } from 'react';
import { ActionIcon, Indicator } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useNotificationSocket } from './notification-socket';
import { useOnDemand } from './on-demand';

export interface AppNotification {
  id: string;
  type: string;
  title: string;
  body: string | null;
  link: string | null;
  readAt: string | null;
  createdAt: string;
}

export const NOTIFICATIONS_KEY = ['/notifications'] as const;

/** The count endpoint answers `{ count }`; a bare number is accepted too. */
function parseCount(r: unknown): number {
  if (typeof r === 'number') return r;
  const o = (r ?? {}) as { count?: number; unread?: number };
  return o.count ?? o.unread ?? 0;
}

const Panel = lazy(() => import('./NotificationPanel'));

export function NotificationBell() {
  const { t } = useTranslation();
  const [wanted, want] = useOnDemand();
  useNotificationSocket();

  const count = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'unread-count'],
    queryFn: async () => parseCount(await api.get<unknown>('/notifications/unread-count')),
    refetchInterval: 60_000,
  });
  const unread = count.data ?? 0;

  const placeholder = (
    <Indicator label={unread > 99 ? '99+' : unread} size={16} disabled={unread === 0} offset={6} color="red" data-testid="notification-count">
      <ActionIcon variant="subtle" color="gray" size="lg" aria-label={t('notifications.title')} aria-haspopup="dialog" aria-expanded={false} data-testid="notification-bell" {...want}>
        <IconBell size={20} />
      </ActionIcon>
    </Indicator>
  );
  if (!wanted) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <Panel unread={unread} pressed={wanted.pressed} />
    </Suspense>
  );
}
