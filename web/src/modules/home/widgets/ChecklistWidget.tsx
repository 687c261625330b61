/** The administrator's first-run checklist (checklist.ts): items check themselves from real data, link to their page, can be hidden. */
import { ActionIcon, Anchor, Button, Group, Progress, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconCircleDashed, IconListCheck, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../../app/api';
import { useUser } from '../../../app/auth';
import { checklistItems, readChecklistState, writeChecklistState, type ChecklistKey, type ChecklistState } from '../checklist';
import { WidgetCard } from './WidgetCard';

function useFacts() {
  const opts = { retry: false, staleTime: 30_000 } as const;
  const directory = useQuery({ ...opts, queryKey: ['/directory'], queryFn: ({ signal }) => api.get<{ users: unknown[] }>('/directory', undefined, { signal }) });
  const imports = useQuery({ ...opts, queryKey: ['/imports', 'home-checklist'], queryFn: ({ signal }) => api.get<Page<{ status: string }>>('/imports', { limit: 20 }, { signal }) });
  const workspace = useQuery({ ...opts, queryKey: ['/settings/workspace'], queryFn: ({ signal }) => api.get<{ companyName: string; updatedAt: string | null }>('/settings/workspace', undefined, { signal }) });
  const pipelines = useQuery({ ...opts, queryKey: ['/pipelines', 'home-checklist'], queryFn: ({ signal }) => api.get<{ data: { createdAt: string; updatedAt: string }[] }>('/pipelines', undefined, { signal }) });
  return {
    users: directory.data?.users.length ?? (directory.error ? 0 : undefined),
    importStatuses: imports.data?.data.map((b) => b.status) ?? (imports.error ? [] : undefined),
    workspace: workspace.data ?? (workspace.error ? null : undefined),
    pipelines: pipelines.data?.data ?? (pipelines.error ? [] : undefined),
  };
}

export default function ChecklistWidget() {
  const { t } = useTranslation();
  const user = useUser();
  const [state, setState] = useState<ChecklistState>(() => readChecklistState(user.id));
  const items = checklistItems(useFacts());
  const save = (s: ChecklistState) => { setState(s); writeChecklistState(user.id, s); };
  const dismiss = (key: ChecklistKey) => save({ ...state, dismissed: [...state.dismissed, key] });
  if (state.hidden) return null;

  const open = items.filter((i) => !state.dismissed.includes(i.key));
  const done = items.filter((i) => i.done).length;
  return (
    <WidgetCard
      id="checklist" icon={IconListCheck} title={t('homeWidgets.checklist.title')}
      action={<Button size="compact-xs" variant="subtle" color="gray" onClick={() => save({ ...state, hidden: true })} data-testid="checklist-hide">{t('homeWidgets.checklist.dismissAll')}</Button>}
    >
      <Stack gap="sm">
        <Group gap="xs" wrap="nowrap">
          <Progress value={(done / items.length) * 100} style={{ flex: 1 }} aria-label={t('homeWidgets.checklist.progress', { done, total: items.length })} />
          <Text size="xs" c="dimmed" data-testid="checklist-progress">{t('homeWidgets.checklist.progress', { done, total: items.length })}</Text>
        </Group>
        {open.length === 0 || open.every((i) => i.done) ? <Text size="sm" c="dimmed">{t('homeWidgets.checklist.allDone')}</Text> : null}
        <Stack gap={8} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {open.map((i) => (
            <Group component="li" key={i.key} justify="space-between" wrap="nowrap" gap="xs" data-testid={`checklist-${i.key}`} data-done={i.done ? 'true' : 'false'}>
              <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
                <ThemeIcon size={22} radius="xl" variant={i.done ? 'filled' : 'light'} color={i.done ? 'teal' : 'gray'} aria-label={i.done ? t('homeWidgets.checklist.done') : undefined} role={i.done ? 'img' : undefined}>
                  {i.done ? <IconCheck size={14} /> : <IconCircleDashed size={14} />}
                </ThemeIcon>
                <div style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={i.path} size="sm" fw={600} td={i.done ? 'line-through' : undefined}>{t(`homeWidgets.checklist.items.${i.key}.label`)}</Anchor>
                  <Text size="xs" c="dimmed">{t(`homeWidgets.checklist.items.${i.key}.hint`)}</Text>
                </div>
              </Group>
              {/* A title, not a Tooltip: the checklist need not load the floating tooltip for one hint. */}
              <ActionIcon variant="subtle" color="gray" size="sm" title={t('homeWidgets.checklist.dismiss')} aria-label={`${t('homeWidgets.checklist.dismiss')}: ${t(`homeWidgets.checklist.items.${i.key}.label`)}`} onClick={() => dismiss(i.key)}>
                <IconX size={14} />
              </ActionIcon>
            </Group>
          ))}
        </Stack>
      </Stack>
    </WidgetCard>
  );
}
