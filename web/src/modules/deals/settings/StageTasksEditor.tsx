/**
 * A stage's task templates in Settings › Pipelines: the tasks a deal gets when it enters the stage (title in
 * English and Vietnamese, type, due in days after entering or from the warranty end, assigned to the deal's owner).
 * Edits the pipeline form's draft; the pipeline's Save sends them. Errors arrive keyed by the API's paths
 * (`stages.<i>.tasks.<j>.title.en`), from the form's own checks or from a 400.
 */
import { ActionIcon, Button, Group, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { stageTaskTypes, type StageTaskTemplate } from '../../../../../contracts/deals';

export const MAX_STAGE_TASKS = 10;

export const blankTemplate = (): StageTaskTemplate => ({ title: { en: '', vi: '' }, type: 'todo', dueInDays: 1, from: 'entered', assignee: 'owner' });

/** Errors the form finds before sending (both titles are required), keyed like the API's. */
export function templateErrors(prefix: string, tasks: StageTaskTemplate[], required: string): Record<string, string> {
  const out: Record<string, string> = {};
  tasks.forEach((task, j) => {
    if (!task.title.en.trim()) out[`${prefix}.${j}.title.en`] = required;
    if (!task.title.vi.trim()) out[`${prefix}.${j}.title.vi`] = required;
  });
  return out;
}

export function StageTasksEditor({ stageName, prefix, tasks, errors, onChange }: {
  stageName: string; prefix: string; tasks: StageTaskTemplate[]; errors: Record<string, string>; onChange: (next: StageTaskTemplate[]) => void;
}) {
  const { t } = useTranslation();
  const set = (j: number, patch: Partial<StageTaskTemplate>) => onChange(tasks.map((x, k) => (k === j ? { ...x, ...patch } : x)));
  const err = (j: number, path: string) => errors[`${prefix}.${j}.${path}`];
  return (
    <Stack gap="xs" data-testid="stage-tasks-editor" aria-label={t('deals.settings.tasksOf', { stage: stageName })} role="group">
      <Text size="sm" fw={600}>{t('deals.settings.tasksOf', { stage: stageName })}</Text>
      {tasks.length === 0 && <Text size="sm" c="dimmed">{t('deals.settings.noTasks')}</Text>}
      {tasks.map((task, j) => (
        <Group key={j} align="flex-start" gap="xs" wrap="nowrap" data-testid="stage-task-row">
          <TextInput label={t('deals.settings.taskTitle')} withAsterisk value={task.title.en} error={err(j, 'title.en')} miw={200} style={{ flex: 1 }}
            onChange={(e) => set(j, { title: { ...task.title, en: e.currentTarget.value } })} data-testid="stage-task-title-en" />
          <TextInput label={t('deals.settings.taskTitleVi')} withAsterisk value={task.title.vi} error={err(j, 'title.vi')} miw={200} style={{ flex: 1 }}
            onChange={(e) => set(j, { title: { ...task.title, vi: e.currentTarget.value } })} data-testid="stage-task-title-vi" />
          <Select label={t('deals.settings.taskType')} w={130} allowDeselect={false} value={task.type} error={err(j, 'type')}
            data={stageTaskTypes.map((v) => ({ value: v, label: t(`deals.settings.taskTypes.${v}`) }))} onChange={(v) => v && set(j, { type: v as StageTaskTemplate['type'] })} data-testid="stage-task-type" />
          <NumberInput label={t('deals.settings.dueInDays')} description={t('deals.settings.dueInDaysHint')} w={140} min={-3650} max={3650} allowDecimal={false} value={task.dueInDays}
            error={err(j, 'dueInDays')} onChange={(v) => set(j, { dueInDays: typeof v === 'number' ? v : 0 })} data-testid="stage-task-days" />
          <Select label={t('deals.settings.dueFrom')} w={210} allowDeselect={false} value={task.from} error={err(j, 'from')}
            data={(['entered', 'warranty_end'] as const).map((v) => ({ value: v, label: t(`deals.settings.dueFromOptions.${v}`) }))}
            onChange={(v) => v && set(j, { from: v as StageTaskTemplate['from'] })} data-testid="stage-task-from" />
          <Stack gap={2} w={120}>
            <Text size="sm" fw={500}>{t('deals.settings.taskAssignee')}</Text>
            <Text size="sm" c="dimmed">{t('deals.settings.dealOwner')}</Text>
          </Stack>
          <ActionIcon variant="subtle" color="red" mt={24} aria-label={t('deals.settings.removeTask', { title: task.title.en || String(j + 1) })}
            onClick={() => onChange(tasks.filter((_, k) => k !== j))} data-testid="stage-task-remove">
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} disabled={tasks.length >= MAX_STAGE_TASKS}
          onClick={() => onChange([...tasks, blankTemplate()])} data-testid="stage-task-add">{t('deals.settings.addTask')}</Button>
      </Group>
    </Stack>
  );
}
