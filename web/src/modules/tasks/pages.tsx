/**
 * /tasks "My day" (overdue, today, upcoming; a checkbox completes, a call or meeting asks for its outcome first)
 * and the "Subscribe in your calendar app" dialog (feed URL shown once, rotate, revoke); /tasks/calendar is
 * CalendarPage.tsx.
 */
import { useState } from 'react';
import { Anchor, Badge, Box, Button, Card, Checkbox, Group, Modal, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCalendar, IconList, IconRss } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TaskItem } from '../../../../contracts/tasks';
import { CopyValue } from '../../ui/CopyValue';
import { errorMessage } from '../../ui/errors';
import { formatDateTime } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorState, LoadingState } from '../../ui/states';
import { useCompleter } from './completer';
import { createFeed, FEED_KEY, MINE_KEY, revokeFeed, useFeedStatus, useMyTasks } from './data';

const typeColor: Record<string, string> = { todo: 'gray', call: 'blue', meeting: 'violet', email: 'cyan' };

function TaskLine({ task, onComplete }: { task: TaskItem; onComplete: (t: TaskItem) => void }) {
  const { t } = useTranslation();
  const about = task.contact ?? task.company;
  return (
    <Group gap="sm" wrap="nowrap" data-testid="my-task" data-id={task.id}>
      <Checkbox aria-label={t('tasks.myDay.complete', { title: task.title })} checked={task.status === 'done'} onChange={() => onComplete(task)} />
      <Box style={{ flex: 1, minWidth: 0 }}>
        <Anchor component={Link} to={`/tasks/${task.id}`} fw={500}>{task.title}</Anchor>
        <Group gap={6}>
          <Badge size="xs" variant="light" color={typeColor[task.type] ?? 'gray'}>{t(`tasks.types.${task.type}`, { defaultValue: task.type })}</Badge>
          <Text size="xs" c="dimmed">{task.dueAt ? formatDateTime(task.dueAt) : t('tasks.myDay.noDue')}</Text>
          {about && <Anchor size="xs" component={Link} to={task.contact ? `/contacts/${about.id}` : `/companies/${about.id}`}>{about.title}</Anchor>}
        </Group>
      </Box>
    </Group>
  );
}

export function FeedDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const status = useFeedStatus();
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch (err) {
      notifyError(errorMessage(err, t));
    } finally {
      setBusy(false);
      void qc.invalidateQueries({ queryKey: FEED_KEY });
    }
  };
  return (
    <Modal opened={opened} onClose={() => { setUrl(null); onClose(); }} title={t('tasks.feed.title')} size="lg">
      <Stack>
        <Text size="sm">{t('tasks.feed.intro')}</Text>
        {url ? (
          <Stack gap={4}>
            <CopyValue value={url} testId="feed-url" />
            <Text size="xs" c="dimmed">{t('tasks.feed.shownOnce')}</Text>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">{status.data?.active ? t('tasks.feed.active', { when: formatDateTime(status.data.createdAt) }) : t('tasks.feed.inactive')}</Text>
        )}
        <Group justify="flex-end">
          {status.data?.active && (
            <Button variant="default" color="red" loading={busy} onClick={() => void run(async () => { await revokeFeed(); setUrl(null); notifySuccess(t('tasks.feed.revoked')); })}>{t('tasks.feed.revoke')}</Button>
          )}
          <Button loading={busy} onClick={() => void run(async () => setUrl((await createFeed()).url))}>{status.data?.active ? t('tasks.feed.rotate') : t('tasks.feed.create')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function Section({ title, tasks, onComplete, testId }: { title: string; tasks: TaskItem[]; onComplete: (t: TaskItem) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" data-testid={testId}>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">{title}</Title>
        <Badge variant="light">{tasks.length}</Badge>
      </Group>
      <Stack gap="xs">
        {tasks.length ? tasks.map((task) => <TaskLine key={task.id} task={task} onComplete={onComplete} />) : <Text size="sm" c="dimmed">{t('tasks.myDay.empty')}</Text>}
      </Stack>
    </Card>
  );
}

export function MyDayPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const mine = useMyTasks();
  const [feed, setFeed] = useState(false);
  const { complete, modal } = useCompleter(() => void qc.invalidateQueries({ queryKey: MINE_KEY }));
  return (
    <Stack>
      <PageHeader title={t('tasks.myDay.title')} description={t('tasks.myDay.description')} actions={
        <Group gap="xs">
          <Button variant="default" leftSection={<IconList size={16} />} component={Link} to="/tasks/all">{t('tasks.myDay.all')}</Button>
          <Button variant="default" leftSection={<IconCalendar size={16} />} component={Link} to="/tasks/calendar">{t('tasks.myDay.calendar')}</Button>
          <Button variant="default" leftSection={<IconRss size={16} />} onClick={() => setFeed(true)}>{t('tasks.myDay.subscribe')}</Button>
        </Group>
      } />
      {mine.isPending ? <LoadingState /> : mine.error ? <ErrorState error={mine.error} onRetry={() => void mine.refetch()} /> : (
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <Section title={t('tasks.myDay.overdue')} tasks={mine.data.overdue} onComplete={complete} testId="my-overdue" />
          <Section title={t('tasks.myDay.today')} tasks={mine.data.todayTasks} onComplete={complete} testId="my-today" />
          <Section title={t('tasks.myDay.upcoming')} tasks={mine.data.upcoming} onComplete={complete} testId="my-upcoming" />
        </SimpleGrid>
      )}
      {modal}
      <FeedDialog opened={feed} onClose={() => setFeed(false)} />
    </Stack>
  );
}

export { CalendarPage } from './CalendarPage';
