import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api';
import { errorMessage } from '../../../ui/errors';
import { FormAlert } from '../../../ui/FormAlert';
import { useForm } from '../../../ui/form';
import { notifySuccess } from '../../../ui/notify';
import { name } from '../validation';
import { isStale, teamOptions, useInvalidate, type Team } from './data';
import { subtreeIds } from './team-tree';

/** create: `team` is the suggested parent (or null); rename/move: `team` is the one changed. */
export type TeamFormMode = 'create' | 'rename' | 'move';

function TeamForm({ mode, team, teams, onClose }: { mode: TeamFormMode; team: Team | null; teams: Team[]; onClose: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const creating = mode === 'create';
  const form = useForm({
    initialValues: {
      name: creating ? '' : (team?.name ?? ''),
      parentId: creating ? (team?.id ?? '') : (team?.parentId ?? ''),
    },
    validate: (v) => ({ name: mode === 'move' ? null : name(v.name) }),
  });
  // A team cannot move under itself or its own descendants.
  const excluded = !creating && team ? subtreeIds(teams, team.id) : new Set<string>();

  const submit = form.onSubmit(
    async (v) => {
      const parentId = v.parentId || null;
      if (creating) await api.post('/teams', { name: v.name.trim(), parentId });
      else if (team && mode === 'rename') await api.patch(`/teams/${team.id}`, { name: v.name.trim() }, { version: team.version });
      else if (team) await api.patch(`/teams/${team.id}`, { parentId }, { version: team.version });
      await invalidate('/teams', '/users');
      notifySuccess(creating ? t('teams.created') : t('teams.saved'));
      onClose();
    },
    (e) => {
      form.applyApiError(e, errorMessage(e, t));
      if (isStale(e)) void invalidate('/teams');
    },
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert message={form.formError} />
        {mode !== 'move' && <TextInput label={t('fields.name')} required data-autofocus {...form.getInputProps('name')} data-testid="team-name" />}
        {mode !== 'rename' && (
          <Select label={t('teams.parent')} placeholder={t('teams.noParent')} data={teamOptions(teams, excluded)} searchable clearable
            {...form.getInputProps('parentId')} data-testid="team-parent" />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" loading={form.submitting} data-testid="team-submit">{creating ? t('teams.create') : t('common.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

export function TeamFormModal({ state, teams, onClose }: { state: { mode: TeamFormMode; team: Team | null } | null; teams: Team[]; onClose: () => void }) {
  const { t } = useTranslation();
  const title = !state ? '' : state.mode === 'create' ? t('teams.create') : state.mode === 'rename' ? t('teams.renameTitle', { name: state.team?.name }) : t('teams.moveTitle', { name: state.team?.name });
  return (
    <Modal opened={state !== null} onClose={onClose} title={title} centered>
      {state && <TeamForm key={`${state.mode}-${state.team?.id ?? 'root'}`} mode={state.mode} team={state.team} teams={teams} onClose={onClose} />}
    </Modal>
  );
}
