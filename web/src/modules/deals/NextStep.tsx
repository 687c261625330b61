/**
 * A deal's next step (issue 15 item 4): its earliest open task, or a flag when an open deal has none — on the
 * deal page (`DealNextStep`, beside the stage bar) and as the list's "Next step" column (`NextStepCell`).
 * `next_step_at` is kept by the tasks module on every task write; the task itself is read from the engine.
 */
import { Anchor, Badge, Group, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../app/api';
import { formatDateTime, formatRelative } from '../../ui/format';
import { recordHref } from '../../ui/records/data';
import type { FieldDef, RecordItem } from '../../ui/records/types';

export function NoNextStepBadge({ size = 'sm' }: { size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  return <Badge size={size} color="orange" variant="light" tt="none" leftSection={<IconAlertTriangle size={12} />} data-testid="deal-no-next-step">{t('deals.board.noNextStep')}</Badge>;
}

/** The deal's earliest open task with its due time, or the flag when an open deal has none. */
export function DealNextStep({ deal }: { deal: RecordItem }) {
  const { t } = useTranslation();
  const open = deal.values.status === 'open';
  const at = typeof deal.values.next_step_at === 'string' ? deal.values.next_step_at : null;
  const filter = JSON.stringify([{ field: 'deal', op: 'eq', value: deal.id }, { field: 'status', op: 'eq', value: 'open' }]);
  const next = useQuery({
    queryKey: ['/objects/tasks', 'deal-next', deal.id, at],
    queryFn: ({ signal }) => api.get<Page<RecordItem>>('/objects/tasks', { filter, sort: 'due_at', limit: 1 }, { signal }),
    enabled: !!at, retry: false,
  });
  if (!at) return open ? <NoNextStepBadge /> : null;
  const task = next.data?.data[0];
  return (
    <Group gap={6} wrap="nowrap" data-testid="deal-next-step">
      <Text size="sm" c="dimmed">{t('deals.board.nextStep', { when: formatRelative(at) })}:</Text>
      {task && <Anchor component={Link} to={recordHref('tasks', task.id)} size="sm">{task.title}</Anchor>}
    </Group>
  );
}

/** The list's "Next step" cell: when, or the flag for an open deal without one. */
export function NextStepCell({ row, f }: { row: RecordItem; f: FieldDef }) {
  const at = row.values[f.key];
  if (typeof at === 'string') return <Text span size="sm" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at)}</Text>;
  return row.values.status === 'open' ? <NoNextStepBadge size="xs" /> : <Text span size="sm" c="dimmed">—</Text>;
}
