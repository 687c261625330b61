/**
 * A record's history (`GET /objects/{name}/{id}/timeline`): created, updated (each changed field old → new,
 * in the field's own format), deleted, restored — newest first, with who and when. Masked values show as hidden.
 */
import { Button, Card, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowBackUp, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format';
import { ErrorState, LoadingState } from '../states';
import { useTimeline } from './data';
import { useFieldText } from './FieldValue';
import { localized, type RecordEvent, type RecordType } from './types';

const ICONS = { created: IconPlus, updated: IconPencil, deleted: IconTrash, restored: IconArrowBackUp };
const COLORS = { created: 'teal', updated: 'blue', deleted: 'red', restored: 'grape' };

function Event({ type, e }: { type: RecordType; e: RecordEvent }) {
  const { t, i18n } = useTranslation();
  const text = useFieldText();
  const Icon = ICONS[e.type];
  const show = (key: string, v: unknown) => {
    if (e.masked.includes(key)) return t('records.masked');
    const f = type.fields.find((x) => x.key === key);
    const s = f ? text(f, v) : v === null || v === undefined ? '' : String(v);
    return s || '—';
  };
  const changes = Object.entries(e.changes);
  return (
    <Group align="flex-start" gap="sm" wrap="nowrap" data-testid="timeline-event" data-type={e.type}>
      <ThemeIcon variant="light" color={COLORS[e.type]} radius="xl" size={28}><Icon size={15} /></ThemeIcon>
      <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
        <Text size="sm"><b>{e.actorLabel ?? t('records.timeline.system')}</b> {t(`records.timeline.${e.type}`)}</Text>
        <Text size="xs" c="dimmed">{formatDateTime(e.at)}</Text>
        {e.type === 'updated' && changes.map(([key, c]) => {
          const f = type.fields.find((x) => x.key === key);
          return (
            <Text key={key} size="sm" style={{ overflowWrap: 'anywhere' }} data-testid="timeline-change">
              <Text span fw={500}>{f ? localized(f.labels, i18n.language) : key}</Text>: {show(key, c.old)} → {show(key, c.new)}
            </Text>
          );
        })}
      </Stack>
    </Group>
  );
}

export function RecordTimeline({ type, id }: { type: RecordType; id: string }) {
  const { t } = useTranslation();
  const q = useTimeline(type.name, id);
  const events = q.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Card withBorder radius="md" data-testid="record-timeline">
      <Title order={4} mb="sm">{t('records.timeline.title')}</Title>
      {q.isPending ? <LoadingState /> : q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : (
        <Stack gap="md">
          {events.map((e) => <Event key={e.id} type={type} e={e} />)}
          {events.length === 0 && <Text size="sm" c="dimmed">{t('records.timeline.empty')}</Text>}
          {q.hasNextPage && <Button variant="subtle" size="xs" onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage}>{t('records.timeline.more')}</Button>}
        </Stack>
      )}
    </Card>
  );
}
