import { useState } from 'react';
import { Badge, Button, Card, Group, Image, Modal, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TotpSetupResponse } from '../../../../../contracts/identity';
import { api } from '../../../app/api';
import { useAuth, useUser } from '../../../app/auth';
import type { SessionUser } from '../../../app/session';
import { CopyValue } from '../../../ui/CopyValue';
import { errorMessage } from '../../../ui/errors';
import { FormAlert } from '../../../ui/FormAlert';
import { useForm } from '../../../ui/form';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { required, totpCode } from '../validation';

function SetupModal({ setup, onClose }: { setup: TotpSetupResponse | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { setUser } = useAuth();
  const form = useForm({ initialValues: { code: '' }, validate: (v) => ({ code: totpCode(v.code) }) });
  const submit = form.onSubmit(
    async (v) => {
      setUser(await api.post<SessionUser>('/me/totp/enable', { code: v.code.trim() }));
      notifySuccess(t('profile.totpEnabled'));
      form.reset();
      onClose();
    },
    (e) => form.applyApiError(e, errorMessage(e, t)),
  );
  return (
    <Modal opened={setup !== null} onClose={onClose} title={t('profile.totpSetupTitle')} centered>
      {setup && (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm">{t('profile.totpScan')}</Text>
            <Image src={setup.qrDataUrl} alt={t('profile.totpQrAlt')} w={200} h={200} mx="auto" data-testid="totp-qr" />
            <Text size="sm" c="dimmed">{t('profile.totpManual')}</Text>
            <CopyValue value={setup.secret} testId="totp-secret" />
            <FormAlert message={form.formError} />
            <TextInput label={t('signIn.code')} inputMode="numeric" autoComplete="one-time-code" maxLength={6} {...form.getInputProps('code')} data-testid="totp-code" />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
              <Button type="submit" loading={form.submitting} data-testid="totp-enable">{t('profile.totpEnable')}</Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function DisableModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { setUser } = useAuth();
  const form = useForm({ initialValues: { password: '' }, validate: (v) => ({ password: required(v.password) }) });
  const submit = form.onSubmit(
    async (v) => {
      setUser(await api.post<SessionUser>('/me/totp/disable', { password: v.password }));
      notifySuccess(t('profile.totpDisabled'));
      form.reset();
      onClose();
    },
    (e) => form.applyApiError(e, errorMessage(e, t)),
  );
  return (
    <Modal opened={opened} onClose={onClose} title={t('profile.totpDisableTitle')} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('profile.totpDisableHint')}</Text>
          <FormAlert message={form.formError} />
          <PasswordInput label={t('fields.password')} autoComplete="current-password" {...form.getInputProps('password')} data-testid="totp-disable-password" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" color="red" loading={form.submitting} data-testid="totp-disable-confirm">{t('profile.totpDisable')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function TwoFactorCard() {
  const { t } = useTranslation();
  const user = useUser();
  const [setup, setSetup] = useState<TotpSetupResponse | null>(null);
  const [starting, setStarting] = useState(false);
  const [disabling, setDisabling] = useState(false);

  const start = async () => {
    setStarting(true);
    try {
      setSetup(await api.post<TotpSetupResponse>('/me/totp/setup'));
    } catch (e) {
      notifyError(errorMessage(e, t));
    } finally {
      setStarting(false);
    }
  };

  return (
    <Card withBorder padding="lg" id="two-factor">
      <Group justify="space-between" mb={4}>
        <Title order={4}>{t('profile.twoFactor')}</Title>
        {user.totpEnabled
          ? <Badge color="teal" variant="light" leftSection={<IconShieldCheck size={12} />} data-testid="totp-status">{t('home.twoFactorOn')}</Badge>
          : <Badge color="gray" variant="light" data-testid="totp-status">{t('profile.off')}</Badge>}
      </Group>
      <Text size="sm" c="dimmed" mb="md">{t('profile.twoFactorHint')}</Text>
      <Group justify="flex-end">
        {user.totpEnabled ? (
          <Button variant="light" color="red" onClick={() => setDisabling(true)} data-testid="totp-disable">{t('profile.totpDisable')}</Button>
        ) : (
          <Button onClick={() => void start()} loading={starting} data-testid="totp-setup">{t('profile.totpSetup')}</Button>
        )}
      </Group>
      <SetupModal setup={setup} onClose={() => setSetup(null)} />
      <DisableModal opened={disabling} onClose={() => setDisabling(false)} />
    </Card>
  );
}
