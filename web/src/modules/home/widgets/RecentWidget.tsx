/**
 * Records the user opened lately in this browser (recent.ts), with their current names, in one request
 * (`GET /record-search/refs`, which leaves out what was deleted or is no longer visible: no 404 in the console);
 * gone ones drop out for good.
 */
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RecordRefsResult } from '../../../../../contracts/records';
import { api } from '../../../app/api';
import { useUser } from '../../../app/auth';
import { formatRelative } from '../../../ui/format';
import { forgetRecent, readRecent, type RecentRecord } from '../recent';
import { WidgetCard, WidgetEmpty } from './WidgetCard';

const SHOWN = 6;

/** The record's `object:id` reference (contacts, companies or an engine object's API name). */
function refOf(r: RecentRecord): string {
  const object = r.kind === 'contact' ? 'contacts' : r.kind === 'company' ? 'companies' : (r.object ?? '');
  return `${object}:${r.id}`;
}

export default function RecentWidget() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const [list, setList] = useState(() => readRecent(user.id).slice(0, SHOWN));
  const refs = list.map(refOf);
  const found = useQuery({
    queryKey: ['home-recent', refs],
    enabled: refs.length > 0,
    queryFn: ({ signal }) => api.get<RecordRefsResult>('/record-search/refs', { refs: refs.join(',') }, { signal }),
  });

  // A record left out of the answer (deleted, access removed) leaves the list for good.
  const titles = useMemo(() => found.data && new Map(found.data.data.map((x) => [`${x.object}:${x.id}`, x.title])), [found.data]);
  // An engine record's badge names its object ("Deal", "Cơ hội").
  const kinds = useMemo(() => new Map(found.data?.data.map((x) => [x.object, x.label]) ?? []), [found.data]);
  const kindOf = (r: RecentRecord) => {
    const label = r.kind === 'record' ? kinds.get(r.object ?? '') : undefined;
    return label ? (i18n.language === 'vi' ? label.vi : label.en) : t(`homeWidgets.recent.kinds.${r.kind}`);
  };
  useEffect(() => {
    if (!titles) return;
    const gone = list.filter((r) => !titles.has(refOf(r)));
    if (gone.length === 0) return;
    gone.forEach((r) => forgetRecent(user.id, r.path));
    setList((l) => l.filter((r) => !gone.includes(r)));
  }, [titles, list, user.id]);

  const shown = list.filter((r) => !titles || titles.has(refOf(r)));

  return (
    <WidgetCard id="recent" icon={IconHistory} title={t('homeWidgets.recent.title')}>
      {shown.length === 0 ? <WidgetEmpty>{t('homeWidgets.recent.empty')}</WidgetEmpty> : (
        <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {shown.map((r) => (
            <Group component="li" key={r.path} justify="space-between" wrap="nowrap" gap="xs" data-testid="recent-row">
              <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                <Badge size="xs" variant="light" color="gray" data-testid="recent-kind">{kindOf(r)}</Badge>
                <Anchor component={Link} to={r.path} size="sm" lineClamp={1}>{titles?.get(refOf(r)) || '…'}</Anchor>
              </Group>
              <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>{formatRelative(r.at)}</Text>
            </Group>
          ))}
        </Stack>
      )}
    </WidgetCard>
  );
}
