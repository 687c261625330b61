import { Anchor, Button, Card, Group, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api';
import { useAuth, useChangeLocale, useUser } from '../../../app/auth';
import { LOCALES } from '../../../app/locale';
import type { SessionUser } from '../../../app/session';
import { errorMessage } from '../../../ui/errors';
import { FormAlert } from '../../../ui/FormAlert';
import { useForm } from '../../../ui/form';
import { notifySuccess } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { name as checkName } from '../validation';
import { PasswordCard } from './PasswordCard';
import { TwoFactorCard } from './TwoFactorCard';

function DetailsCard() {
  const { t } = useTranslation();
  const user = useUser();
  const { setUser } = useAuth();
  const form = useForm({ initialValues: { name: user.name }, validate: (v) => ({ name: checkName(v.name) }) });
  const save = form.onSubmit(
    async (v) => {
      setUser(await api.patch<SessionUser>('/me', { name: v.name.trim() }));
      notifySuccess(t('profile.saved'));
    },
    (e) => form.applyApiError(e, errorMessage(e, t)),
  );
  return (
    <Card withBorder padding="lg">
      <Title order={4} mb="md">{t('profile.details')}</Title>
      <form onSubmit={save} noValidate>
        <Stack>
          <FormAlert message={form.formError} />
          <TextInput label={t('fields.fullName')} required {...form.getInputProps('name')} data-testid="profile-name" />
          <TextInput label={t('fields.email')} value={user.email} readOnly disabled description={t('profile.emailHint')} />
          <Group justify="flex-end">
            <Button type="submit" loading={form.submitting} data-testid="profile-save">{t('common.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function LanguageCard() {
  const { t, i18n } = useTranslation();
  const changeLocale = useChangeLocale();
  return (
    <Card withBorder padding="lg">
      <Title order={4} mb={4}>{t('profile.language')}</Title>
      <Text size="sm" c="dimmed" mb="md">{t('profile.languageHint')}</Text>
      <SegmentedControl
        value={i18n.language}
        onChange={(v) => void changeLocale(v === 'vi' ? 'vi' : 'en')}
        data={LOCALES.map((l) => ({ value: l, label: <span data-testid={`profile-language-${l}`}>{t(`languages.${l}`)}</span> }))}
        data-testid="profile-language"
      />
    </Card>
  );
}

export function ProfilePage() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <Stack maw={1000}>
      <PageHeader title={t('profile.title')} description={`${user.email} · ${user.roleName}`} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Stack>
          <DetailsCard />
          <LanguageCard />
          {/* The notification preferences page belongs to the workspace module (its strings too). */}
          <Card withBorder padding="lg">
            <Title order={4} mb={4}>{t('workspace.prefs.title')}</Title>
            <Text size="sm" c="dimmed" mb="xs">{t('workspace.prefs.linkHint')}</Text>
            <Anchor component={Link} to="/profile/notifications" data-testid="profile-notifications">{t('workspace.prefs.link')}</Anchor>
          </Card>
        </Stack>
        <Stack>
          <PasswordCard />
          <TwoFactorCard />
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
