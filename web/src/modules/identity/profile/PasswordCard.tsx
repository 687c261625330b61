import { Button, Card, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api';
import { errorMessage } from '../../../ui/errors';
import { FormAlert } from '../../../ui/FormAlert';
import { useForm } from '../../../ui/form';
import { notifySuccess } from '../../../ui/notify';
import { applyPasswordError, MIN_PASSWORD_LENGTH, newPassword, required } from '../validation';

export function PasswordCard() {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: (v) => ({
      currentPassword: required(v.currentPassword),
      newPassword: newPassword(v.newPassword),
      confirm: v.confirm !== v.newPassword ? 'validation.passwordMismatch' : null,
    }),
  });
  const submit = form.onSubmit(
    async (v) => {
      await api.post('/me/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      form.reset();
      notifySuccess(t('profile.passwordChanged'));
    },
    (e) => applyPasswordError(form, e, 'newPassword', t, errorMessage(e, t)),
  );
  return (
    <Card withBorder padding="lg">
      <Title order={4} mb={4}>{t('profile.password')}</Title>
      <Text size="sm" c="dimmed" mb="md">{t('profile.passwordHint', { min: MIN_PASSWORD_LENGTH })}</Text>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert message={form.formError} />
          <PasswordInput label={t('profile.currentPassword')} autoComplete="current-password" required {...form.getInputProps('currentPassword')} data-testid="profile-current-password" />
          <PasswordInput label={t('profile.newPassword')} autoComplete="new-password" required {...form.getInputProps('newPassword')} data-testid="profile-new-password" />
          <PasswordInput label={t('profile.confirmPassword')} autoComplete="new-password" required {...form.getInputProps('confirm')} data-testid="profile-confirm-password" />
          <Group justify="flex-end">
            <Button type="submit" loading={form.submitting} data-testid="profile-change-password">{t('profile.changePassword')}</Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
