/**
 * A deal's stage event (`deal`) on a contact's or company's timeline (WebModule.timelineItems): the deal's name linking
 * to it, what happened — opened in, moved to, won at a stage, or lost — and the deal's amount.
 */
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TimelineItem } from '../../../../contracts/activities';
import { formatMoney } from '../../ui/records/logic';

const KIND_COLORS: Record<string, string> = { opened: 'blue', moved: 'gray', won: 'green', lost: 'red' };

function moneyOf(v: unknown): { amount: number; currency: string } | null {
  const m = v as { amount?: unknown; currency?: unknown } | null | undefined;
  return m && typeof m.amount === 'number' && typeof m.currency === 'string' ? { amount: m.amount, currency: m.currency } : null;
}

export default function DealTimelineItem({ item }: { item: TimelineItem }) {
  const { t, i18n } = useTranslation();
  const d = item.data ?? {};
  const name = typeof d.dealName === 'string' && d.dealName ? d.dealName : item.title;
  const stage = typeof d.stage === 'string' ? d.stage : '';
  const kind = typeof d.kind === 'string' && d.kind in KIND_COLORS ? d.kind : 'moved';
  const amount = moneyOf(d.amount);
  return (
    <Stack gap={4} data-testid="timeline-deal">
      {item.link ? <Anchor component={Link} to={item.link} size="sm" fw={500}>{name}</Anchor> : <Text size="sm" fw={500}>{name}</Text>}
      <Group gap={6}>
        <Badge size="sm" variant="light" color={KIND_COLORS[kind]} tt="none" data-kind={kind}>{t(`deals.timeline.${kind}`, { stage })}</Badge>
        {amount && <Text size="xs" c="dimmed">{t('deals.timeline.amount', { amount: formatMoney(amount, i18n.language) })}</Text>}
      </Group>
    </Stack>
  );
}
