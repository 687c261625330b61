import { Button, Group, Modal, PasswordInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api';
import { LOCALES } from '../../../app/locale';
import { errorMessage } from '../../../ui/errors';
import { FormAlert } from '../../../ui/FormAlert';
import { useForm } from '../../../ui/form';
import { notifySuccess } from '../../../ui/notify';
import { applyPasswordError, email, name, newPassword, required } from '../validation';
import { isStale, roleOptions, teamOptions, useInvalidate, useRoles, useTeams, type User } from './data';

function UserForm({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const roles = useRoles();
  const teams = useTeams();
  const invalidate = useInvalidate();
  const form = useForm({
    initialValues: {
      name: user?.name ?? '',
      email: user?.email ?? '',
      roleId: user?.roleId ?? '',
      teamId: user?.teamId ?? '',
      locale: user?.locale ?? 'en',
      active: user?.active ?? true,
      password: '',
    },
    validate: (v) => ({
      name: name(v.name),
      email: email(v.email),
      roleId: required(v.roleId),
      password: user ? null : newPassword(v.password),
    }),
  });

  const submit = form.onSubmit(
    async (v) => {
      const body = { name: v.name.trim(), email: v.email.trim(), roleId: v.roleId, teamId: v.teamId || null, locale: v.locale };
      if (user) await api.patch(`/users/${user.id}`, { ...body, active: v.active }, { version: user.version });
      else await api.post('/users', { ...body, password: v.password });
      await invalidate('/users');
      notifySuccess(user ? t('users.saved') : t('users.created'));
      onClose();
    },
    (e) => {
      applyPasswordError(form, e, 'password', t, errorMessage(e, t));
      if (isStale(e)) void invalidate('/users');
    },
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert message={form.formError} />
        <TextInput label={t('fields.fullName')} required {...form.getInputProps('name')} data-testid="user-name" />
        <TextInput label={t('fields.email')} type="email" required {...form.getInputProps('email')} data-testid="user-email" />
        <Select label={t('fields.role')} required data={roleOptions(roles.data)} searchable {...form.getInputProps('roleId')} data-testid="user-role" />
        <Select label={t('fields.team')} data={teamOptions(teams.data)} searchable clearable placeholder={t('users.noTeam')} {...form.getInputProps('teamId')} data-testid="user-team" />
        <Select label={t('fields.language')} data={LOCALES.map((l) => ({ value: l, label: t(`languages.${l}`) }))} allowDeselect={false} {...form.getInputProps('locale')} data-testid="user-locale" />
        {user ? (
          <Switch label={t('users.activeLabel')} description={t('users.activeHint')} {...form.getInputProps('active', { type: 'checkbox' })} data-testid="user-active" />
        ) : (
          <PasswordInput label={t('fields.password')} description={t('validation.passwordLength')} autoComplete="new-password" required {...form.getInputProps('password')} data-testid="user-password" />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" loading={form.submitting} data-testid="user-submit">{user ? t('common.save') : t('users.create')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Create (`user === 'new'`) or edit a user; null keeps it closed. */
export function UserFormModal({ user, onClose }: { user: User | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const existing = user && user !== 'new' ? user : null;
  return (
    <Modal opened={user !== null} onClose={onClose} title={existing ? t('users.edit') : t('users.create')} centered>
      {user !== null && <UserForm key={existing?.id ?? 'new'} user={existing} onClose={onClose} />}
    </Modal>
  );
}

function ResetForm({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const form = useForm({
    initialValues: { password: '', confirm: '' },
    validate: (v) => ({ password: newPassword(v.password), confirm: v.confirm !== v.password ? 'validation.passwordMismatch' : null }),
  });
  const submit = form.onSubmit(
    async (v) => {
      await api.patch(`/users/${user.id}`, { password: v.password }, { version: user.version });
      await invalidate('/users');
      notifySuccess(t('users.passwordReset', { name: user.name }));
      onClose();
    },
    (e) => {
      applyPasswordError(form, e, 'password', t, errorMessage(e, t));
      if (isStale(e)) void invalidate('/users');
    },
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert message={form.formError} />
        <PasswordInput label={t('profile.newPassword')} description={t('validation.passwordLength')} autoComplete="new-password" {...form.getInputProps('password')} data-testid="reset-password" />
        <PasswordInput label={t('profile.confirmPassword')} autoComplete="new-password" {...form.getInputProps('confirm')} data-testid="reset-password-confirm" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" loading={form.submitting} data-testid="reset-password-submit">{t('users.resetPassword')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={user !== null} onClose={onClose} title={user ? t('users.resetPasswordFor', { name: user.name }) : ''} centered>
      {user && <ResetForm key={user.id} user={user} onClose={onClose} />}
    </Modal>
  );
}
