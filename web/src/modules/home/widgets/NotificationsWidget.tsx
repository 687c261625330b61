/** Unread notifications and mentions, newest first; opening one marks it read. */
import { Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../../app/api';
import type { AppNotification } from '../../../app/layout/NotificationBell';
import { formatRelative } from '../../../ui/format';
import { ErrorState } from '../../../ui/states';
import { WidgetCard, WidgetEmpty, WidgetLoading } from './WidgetCard';

const LIMIT = 6;

export default function NotificationsWidget() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['/notifications', 'home-unread'],
    queryFn: ({ signal }) => api.get<Page<AppNotification>>('/notifications', { unread: 'true', limit: LIMIT }, { signal }),
  });
  const count = useQuery({
    queryKey: ['/notifications', 'home-unread-count'],
    queryFn: ({ signal }) => api.get<{ count: number }>('/notifications/unread-count', undefined, { signal }),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['/notifications'] });
  const read = useMutation({ mutationFn: (id: string) => api.post(`/notifications/${id}/read`), onSettled: refresh });
  const readAll = useMutation({ mutationFn: () => api.post('/notifications/read-all'), onSettled: refresh });
  const rows = q.data?.data ?? [];

  return (
    <WidgetCard
      id="notifications" icon={IconBell} title={t('homeWidgets.notifications.title')}
      action={count.data && count.data.count > 0 ? <Badge variant="light" data-testid="unread-count">{t('homeWidgets.notifications.count', { count: count.data.count })}</Badge> : undefined}
    >
      {q.isPending ? <WidgetLoading /> : q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : rows.length === 0 ? (
        <WidgetEmpty>{t('homeWidgets.notifications.empty')}</WidgetEmpty>
      ) : (
        <Stack gap={8}>
          {rows.map((n) => (
            <Group key={n.id} justify="space-between" wrap="nowrap" gap="xs" data-testid="home-notification">
              <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                {n.type.endsWith('.mention') && <Badge size="xs" variant="light" color="grape">{t('homeWidgets.notifications.mention')}</Badge>}
                {n.link
                  ? <Anchor component={Link} to={n.link} size="sm" lineClamp={1} onClick={() => read.mutate(n.id)}>{n.title}</Anchor>
                  : <Text size="sm" lineClamp={1}>{n.title}</Text>}
              </Group>
              <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>{formatRelative(n.createdAt)}</Text>
            </Group>
          ))}
          <Group justify="flex-end">
            <Button size="compact-xs" variant="subtle" loading={readAll.isPending} onClick={() => readAll.mutate()}>{t('homeWidgets.notifications.markAll')}</Button>
          </Group>
        </Stack>
      )}
    </WidgetCard>
  );
}
