/**
 * A lead's event (`lead`) on the timeline of the contact (or company) it was converted into (WebModule.timelineItems):
 * the lead's name linking to it and what happened — captured (with its source), changed (which fields), converted.
 */
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TimelineItem } from '../../../../contracts/activities';

const KINDS = new Set(['created', 'converted', 'updated', 'deleted', 'restored']);
const KIND_COLORS: Record<string, string> = { created: 'blue', converted: 'violet' };
const words = (key: string) => key.replace(/_/g, ' ');

export default function LeadTimelineItem({ item }: { item: TimelineItem }) {
  const { t } = useTranslation();
  const d = item.data ?? {};
  const name = typeof d.leadName === 'string' && d.leadName ? d.leadName : item.title;
  const kind = typeof d.kind === 'string' && KINDS.has(d.kind) ? d.kind : 'other';
  const fields = Array.isArray(d.fields) ? d.fields.filter((f): f is string => typeof f === 'string') : [];
  const source = typeof d.source === 'string' && d.source ? d.source : null;
  const what = kind === 'updated' && !fields.length ? t('leads.timeline.updatedNothing') : t(`leads.timeline.${kind}`, { fields: fields.map(words).join(', ') });
  return (
    <Stack gap={4} data-testid="timeline-lead">
      {item.link ? <Anchor component={Link} to={item.link} size="sm" fw={500}>{name}</Anchor> : <Text size="sm" fw={500}>{name}</Text>}
      <Group gap={6}>
        {kind === 'updated' || kind === 'other' ? <Text size="xs" c="dimmed">{what}</Text>
          : <Badge size="sm" variant="light" color={KIND_COLORS[kind] ?? 'gray'} tt="none">{what}</Badge>}
        {kind === 'created' && source && <Text size="xs" c="dimmed">{t('leads.timeline.source', { source: t(`leads.timeline.sources.${source}`, { defaultValue: words(source) }) })}</Text>}
      </Group>
    </Stack>
  );
}
