/** Home page card: my tasks overdue and due today, each completable, with a link to My day. */
import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';
import { MINE_KEY, useMyTasks } from './data';
import { useCompleter } from './completer';

export default function MyTasksWidget() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const mine = useMyTasks();
  const { complete, modal } = useCompleter(() => void qc.invalidateQueries({ queryKey: MINE_KEY }));
  const tasks = [...(mine.data?.overdue ?? []), ...(mine.data?.todayTasks ?? [])];
  return (
    <Card withBorder radius="md" data-testid="widget-my-tasks">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">{t('tasks.widget.title')}</Title>
        {!!mine.data?.overdue.length && <Badge color="red" variant="light">{t('tasks.widget.overdue', { count: mine.data.overdue.length })}</Badge>}
      </Group>
      <Stack gap={6}>
        {tasks.slice(0, 8).map((task) => (
          <Group key={task.id} gap="xs" wrap="nowrap">
            <input type="checkbox" aria-label={t('tasks.myDay.complete', { title: task.title })} onChange={() => complete(task)} />
            <Anchor component={Link} to={`/tasks/${task.id}`} size="sm" style={{ flex: 1 }}>{task.title}</Anchor>
            <Text size="xs" c={task.dueAt && task.dueAt < new Date().toISOString() ? 'red' : 'dimmed'}>{formatDateTime(task.dueAt)}</Text>
          </Group>
        ))}
        {mine.isSuccess && !tasks.length && <Text size="sm" c="dimmed">{t('tasks.widget.none')}</Text>}
        <Anchor component={Link} to="/tasks" size="sm">{t('tasks.widget.open')}</Anchor>
      </Stack>
      {modal}
    </Card>
  );
}
