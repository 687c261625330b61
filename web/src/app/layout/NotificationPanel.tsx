/**
 * The notification panel: a popover listing the latest 20 (Mantine Popover, ScrollArea and floating-ui), loaded
 * by NotificationBell.tsx when the pointer first reaches the bell or the bell is first pressed.
 */
import { useRef, useState } from 'react';
import { ActionIcon, Box, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconBell, IconChecks } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../api';
import { formatRelative } from '../../ui/format';
import { errorMessage } from '../../ui/errors';
import { notifyError } from '../../ui/notify';
import { EmptyState, LoadingState } from '../../ui/states';
import { NOTIFICATIONS_KEY, type AppNotification } from './NotificationBell';
import { usePressOnArrival } from './on-demand';

export default function NotificationPanel({ unread, pressed }: { unread: number; pressed: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const target = useRef<HTMLButtonElement>(null);
  usePressOnArrival(target, pressed);

  const list = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'latest'],
    queryFn: () => api.get<Page<AppNotification>>('/notifications', { limit: 20 }),
    enabled: opened,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
  const onError = (e: unknown) => notifyError(errorMessage(e, t));
  const markRead = useMutation({ mutationFn: (id: string) => api.post(`/notifications/${id}/read`), onSuccess: refresh, onError });
  const markAll = useMutation({ mutationFn: () => api.post('/notifications/read-all'), onSuccess: refresh, onError });

  const items = list.data?.data ?? [];

  const open = (n: AppNotification) => {
    if (!n.readAt) markRead.mutate(n.id);
    if (n.link) {
      setOpened(false);
      navigate(n.link);
    }
  };

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width="min(380px, calc(100vw - 16px))" shadow="md" withinPortal>
      {/* The indicator wraps the target, not the reverse: aria-expanded and aria-haspopup belong on the button. */}
      <Indicator label={unread > 99 ? '99+' : unread} size={16} disabled={unread === 0} offset={6} color="red" data-testid="notification-count">
        <Popover.Target>
          <ActionIcon ref={target} variant="subtle" color="gray" size="lg" onClick={() => setOpened((o) => !o)} aria-label={t('notifications.title')} data-testid="notification-bell">
            <IconBell size={20} />
          </ActionIcon>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown p={0} data-testid="notification-panel">
        <Group justify="space-between" px="md" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
          <Text fw={600}>{t('notifications.title')}</Text>
          <Button size="compact-xs" variant="subtle" leftSection={<IconChecks size={14} />} disabled={unread === 0} loading={markAll.isPending} onClick={() => markAll.mutate()} data-testid="notifications-read-all">
            {t('notifications.readAll')}
          </Button>
        </Group>
        <ScrollArea.Autosize mah={420}>
          {list.isPending ? (
            <LoadingState />
          ) : items.length === 0 ? (
            <EmptyState title={t('notifications.empty')} description={t('notifications.emptyHint')} />
          ) : (
            <Stack gap={0}>
              {items.map((n) => (
                <UnstyledButton key={n.id} onClick={() => open(n)} px="md" py="sm" data-testid="notification-item"
                  style={{ borderBottom: '1px solid var(--mantine-color-gray-1)', background: n.readAt ? undefined : 'var(--mantine-color-indigo-0)' }}>
                  <Group align="flex-start" wrap="nowrap" gap="sm">
                    <Box mt={6} w={8} h={8} style={{ borderRadius: 8, flexShrink: 0, background: n.readAt ? 'transparent' : 'var(--mantine-color-indigo-6)' }} />
                    <Box style={{ minWidth: 0, flex: 1 }}>
                      <Text size="sm" fw={n.readAt ? 400 : 600} lineClamp={2}>{n.title}</Text>
                      {n.body && <Text size="xs" c="dimmed" lineClamp={2}>{n.body}</Text>}
                      <Text size="xs" c="dimmed" mt={2}>{formatRelative(n.createdAt)}</Text>
                    </Box>
                  </Group>
                </UnstyledButton>
              ))}
            </Stack>
          )}
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
