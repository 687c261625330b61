/** The outcome of a call or meeting, asked before it is completed (completer.tsx loads this on first use). */
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TaskItem } from '../../../../contracts/tasks';

export default function OutcomeDialog({ task, outcome, onOutcome, busy, onClose, onSubmit }: {
  task: TaskItem | null;
  outcome: string;
  onOutcome: (text: string) => void;
  busy: boolean;
  onClose: () => void;
  onSubmit: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={!!task} onClose={onClose} title={t('tasks.outcome.title')}>
      <form onSubmit={(e) => { e.preventDefault(); onSubmit(); }}>
        <Stack>
          <Text size="sm" fw={500}>{task?.title}</Text>
          <Textarea label={t('tasks.outcome.label')} description={t('tasks.outcome.hint')} value={outcome} onChange={(e) => onOutcome(e.currentTarget.value)} autosize minRows={2} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('tasks.outcome.cancel')}</Button>
            <Button type="submit" loading={busy}>{t('tasks.outcome.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
