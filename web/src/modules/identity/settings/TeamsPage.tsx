import { useState } from 'react';
import { ActionIcon, Badge, Box, Button, Group, Menu, Paper, Stack, Text } from '@mantine/core';
import { IconArrowsMove, IconDots, IconPencil, IconPlus, IconTrash, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api';
import { useConfirm } from '../../../ui/confirm';
import { errorMessage } from '../../../ui/errors';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { useInvalidate, useTeams, type Team } from './data';
import { flattenTree } from './team-tree';
import { TeamFormModal, type TeamFormMode } from './TeamForm';

export function TeamsPage() {
  const { t } = useTranslation();
  const teams = useTeams();
  const confirm = useConfirm();
  const invalidate = useInvalidate();
  const [form, setForm] = useState<{ mode: TeamFormMode; team: Team | null } | null>(null);

  const remove = async (team: Team) => {
    const ok = await confirm({ title: t('teams.deleteTitle'), message: t('teams.deleteConfirm', { name: team.name }), confirmLabel: t('common.delete') });
    if (!ok) return;
    try {
      await api.delete(`/teams/${team.id}`);
      notifySuccess(t('teams.deleted', { name: team.name }));
    } catch (e) {
      // 409: the team still has members or sub-teams; the server says which.
      notifyError(errorMessage(e, t), t('teams.deleteFailed'));
    } finally {
      await invalidate('/teams', '/users');
    }
  };

  const rows = flattenTree(teams.data ?? []);
  return (
    <>
      <PageHeader
        title={t('teams.title')}
        description={t('teams.description')}
        actions={<Button leftSection={<IconPlus size={16} />} onClick={() => setForm({ mode: 'create', team: null })} data-testid="teams-create">{t('teams.create')}</Button>}
      />
      {teams.isPending ? (
        <LoadingState />
      ) : teams.error ? (
        <ErrorState error={teams.error} onRetry={() => void teams.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title={t('teams.empty')} description={t('teams.emptyHint')} />
      ) : (
        <Paper withBorder data-testid="teams-tree">
          <Stack gap={0}>
            {rows.map(({ team, depth, childCount }) => (
              <Group key={team.id} justify="space-between" wrap="nowrap" px="md" py={10} data-testid="team-row" data-name={team.name}
                style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
                <Group gap="xs" wrap="nowrap" style={{ paddingLeft: depth * 24, minWidth: 0 }}>
                  {depth > 0 && <Box w={10} h={10} style={{ borderLeft: '1px solid var(--mantine-color-gray-4)', borderBottom: '1px solid var(--mantine-color-gray-4)', flexShrink: 0, marginTop: -6 }} />}
                  <IconUsersGroup size={18} color="var(--mantine-color-indigo-6)" style={{ flexShrink: 0 }} />
                  <Text fw={500} truncate>{team.name}</Text>
                  {childCount > 0 && <Badge size="xs" variant="light" color="gray" tt="none">{t('teams.subTeams', { count: childCount })}</Badge>}
                </Group>
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <ActionIcon variant="subtle" color="gray" aria-label={t('common.actions')} data-testid="team-actions"><IconDots size={16} /></ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item leftSection={<IconPlus size={14} />} onClick={() => setForm({ mode: 'create', team })} data-testid="team-add-child">{t('teams.addChild')}</Menu.Item>
                    <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setForm({ mode: 'rename', team })} data-testid="team-rename">{t('teams.rename')}</Menu.Item>
                    <Menu.Item leftSection={<IconArrowsMove size={14} />} onClick={() => setForm({ mode: 'move', team })} data-testid="team-move">{t('teams.move')}</Menu.Item>
                    <Menu.Divider />
                    <Menu.Item leftSection={<IconTrash size={14} />} color="red" onClick={() => void remove(team)} data-testid="team-delete">{t('common.delete')}</Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              </Group>
            ))}
          </Stack>
        </Paper>
      )}
      <TeamFormModal state={form} teams={teams.data ?? []} onClose={() => setForm(null)} />
    </>
  );
}
