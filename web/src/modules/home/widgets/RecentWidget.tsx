/** Records the user opened lately in this browser (recent.ts), with their current names; gone ones drop out. */
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useQueries } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../app/api';
import { useUser } from '../../../app/auth';
import { formatRelative } from '../../../ui/format';
import { forgetRecent, readRecent, type RecentRecord } from '../recent';
import { WidgetCard, WidgetEmpty } from './WidgetCard';

const SHOWN = 6;

function apiPath(r: RecentRecord): string {
  if (r.kind === 'contact') return `/contacts/${r.id}`;
  if (r.kind === 'company') return `/companies/${r.id}`;
  return `/objects/${encodeURIComponent(r.object ?? '')}/${r.id}`;
}

const nameOf = (d: { displayName?: string; name?: string; title?: string }) => d.displayName ?? d.name ?? d.title ?? '';

export default function RecentWidget() {
  const { t } = useTranslation();
  const user = useUser();
  const [list, setList] = useState(() => readRecent(user.id).slice(0, SHOWN));
  const results = useQueries({
    queries: list.map((r) => ({
      queryKey: ['home-recent', r.path],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<{ displayName?: string; name?: string; title?: string }>(apiPath(r), undefined, { signal }),
      retry: false,
    })),
  });

  // A record that no longer opens for this user (deleted, access removed) leaves the list for good.
  const gone = list.filter((_, i) => { const e = results[i]?.error; return e instanceof ApiError && (e.status === 404 || e.status === 403); });
  useEffect(() => {
    if (gone.length === 0) return;
    gone.forEach((r) => forgetRecent(user.id, r.path));
    setList((l) => l.filter((r) => !gone.includes(r)));
  }, [gone, user.id]);

  const shown = list.map((r, i) => ({ r, q: results[i] })).filter(({ q }) => !q?.error);

  return (
    <WidgetCard id="recent" icon={IconHistory} title={t('homeWidgets.recent.title')}>
      {shown.length === 0 ? <WidgetEmpty>{t('homeWidgets.recent.empty')}</WidgetEmpty> : (
        <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {shown.map(({ r, q }) => (
            <Group component="li" key={r.path} justify="space-between" wrap="nowrap" gap="xs" data-testid="recent-row">
              <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                <Badge size="xs" variant="light" color="gray">{t(`homeWidgets.recent.kinds.${r.kind}`)}</Badge>
                <Anchor component={Link} to={r.path} size="sm" lineClamp={1}>{q?.data ? nameOf(q.data) || '…' : '…'}</Anchor>
              </Group>
              <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>{formatRelative(r.at)}</Text>
            </Group>
          ))}
        </Stack>
      )}
    </WidgetCard>
  );
}
