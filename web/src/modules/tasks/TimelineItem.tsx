/**
 * A task (`task_record`) on a contact's or company's timeline (WebModule.timelineItems): its title linking to the
 * task, its type and status, when it is due (red when overdue) or was done, and its outcome.
 */
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TimelineItem } from '../../../../contracts/activities';
import { formatDateTime } from '../../ui/format';

const STATUS_COLORS: Record<string, string> = { open: 'blue', done: 'green', cancelled: 'gray' };
const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

export default function TaskTimelineItem({ item }: { item: TimelineItem }) {
  const { t } = useTranslation();
  const d = item.data ?? {};
  const status = str(d.status);
  const type = str(d.taskType);
  const due = str(d.dueAt);
  const completed = str(d.completedAt);
  const outcome = str(d.outcome);
  const overdue = status === 'open' && due !== null && new Date(due).getTime() < Date.now();
  return (
    <Stack gap={4} data-testid="timeline-task">
      {item.link ? <Anchor component={Link} to={item.link} size="sm" fw={500}>{item.title}</Anchor> : <Text size="sm" fw={500}>{item.title}</Text>}
      <Group gap={6}>
        {type && <Badge size="sm" variant="outline" color="gray" tt="none">{t(`tasks.types.${type}`, { defaultValue: type })}</Badge>}
        {status && <Badge size="sm" variant="light" color={STATUS_COLORS[status] ?? 'gray'} tt="none">{t(`tasks.timeline.status.${status}`, { defaultValue: status })}</Badge>}
        {overdue && <Badge size="sm" variant="light" color="red" tt="none">{t('tasks.myDay.overdue')}</Badge>}
        {completed ? <Text size="xs" c="teal">{t('tasks.timeline.done', { when: formatDateTime(completed) })}</Text>
          : due && <Text size="xs" c={overdue ? 'red' : 'dimmed'}>{t('tasks.timeline.due', { when: formatDateTime(due) })}</Text>}
      </Group>
      {outcome && <Text size="sm" style={{ overflowWrap: 'anywhere' }}><Text span c="dimmed">{t('tasks.timeline.outcome')}: </Text>{outcome}</Text>}
    </Stack>
  );
}
