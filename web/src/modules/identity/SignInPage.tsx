import { useState } from 'react';
import { Alert, Anchor, Box, Button, Center, Paper, PasswordInput, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertCircle, IconShieldLock } from '@tabler/icons-react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { applyLocale, LOCALES } from '../../app/locale';
import type { LoginResponse } from '../../app/session';
import { Logo } from '../../app/layout/Logo';
import { errorMessage } from '../../ui/errors';
import { useForm } from '../../ui/form';
import { email as checkEmail, required, totpCode } from './validation';

/** Only same-site paths are followed after sign-in (no open redirect). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/';
}

export function SignInPage() {
  const { t, i18n } = useTranslation();
  const { user, signedIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [step, setStep] = useState<'password' | 'totp'>('password');
  // After many failed sign-ins on the account, an unknown browser must send a two-factor code with the password.
  const [codeNeeded, setCodeNeeded] = useState(false);

  const creds = useForm({
    initialValues: { email: '', password: '', code: '' },
    validate: (v) => ({ email: checkEmail(v.email), password: required(v.password), code: codeNeeded && v.code.trim() ? totpCode(v.code) : null }),
  });
  const mfa = useForm({ initialValues: { code: '' }, validate: (v) => ({ code: totpCode(v.code) }) });

  if (user) return <Navigate to={next} replace />;

  const explain = (e: unknown, wrong: string): string => {
    if (e instanceof ApiError && e.status === 401) return wrong;
    if (e instanceof ApiError && e.status === 429) {
      if (e.fieldMessage('code')) return t('signIn.capped');
      if (e.retryAfter && e.retryAfter < 60) return t('signIn.throttledSeconds', { seconds: e.retryAfter });
      return e.retryAfter ? t('signIn.throttledFor', { minutes: Math.ceil(e.retryAfter / 60) }) : t('signIn.throttled');
    }
    return errorMessage(e, t);
  };

  const finish = (res: LoginResponse) => {
    if (res.mfaRequired) {
      setStep('totp');
      return;
    }
    signedIn({ user: res.user, csrfToken: res.csrfToken });
    navigate(next, { replace: true });
  };

  const submitPassword = creds.onSubmit(
    async (v) => {
      const body = { email: v.email.trim(), password: v.password, ...(codeNeeded && v.code.trim() ? { code: v.code.trim() } : {}) };
      finish(await api.post<LoginResponse>('/auth/login', body, { allowUnauthenticated: true }));
    },
    (e) => {
      if (e instanceof ApiError && e.status === 429 && e.fieldMessage('code')) setCodeNeeded(true);
      creds.setFormError(explain(e, t('signIn.wrongCredentials')));
    },
  );
  const submitCode = mfa.onSubmit(
    async (v) => finish(await api.post<LoginResponse>('/auth/mfa', { code: v.code.trim() }, { allowUnauthenticated: true })),
    (e) => mfa.setFormError(explain(e, t('signIn.wrongCode'))),
  );
  const error = step === 'password' ? creds.formError : mfa.formError;

  return (
    <Center mih="100dvh" p="md" bg="gray.0">
      <Box w="100%" maw={400}>
        <Center mb="lg"><Logo /></Center>
        <Paper withBorder shadow="sm" p={{ base: 'lg', xs: 'xl' }} radius="lg">
          {step === 'password' ? (
            <form onSubmit={submitPassword} noValidate>
              <Stack>
                <div>
                  <Title order={3} data-testid="page-title">{t('signIn.title')}</Title>
                  <Text size="sm" c="dimmed">{t('signIn.subtitle')}</Text>
                </div>
                {error && <Alert color="red" icon={<IconAlertCircle size={18} />} data-testid="signin-error" role="alert">{error}</Alert>}
                <TextInput label={t('fields.email')} type="email" autoComplete="username" autoFocus required {...creds.getInputProps('email')} data-testid="signin-email" />
                <PasswordInput label={t('fields.password')} autoComplete="current-password" required {...creds.getInputProps('password')} data-testid="signin-password" />
                {codeNeeded && (
                  <TextInput label={t('signIn.codeWithPassword')} inputMode="numeric" autoComplete="one-time-code" maxLength={6}
                    {...creds.getInputProps('code')} data-testid="signin-code-with-password" />
                )}
                <Button type="submit" loading={creds.submitting} fullWidth data-testid="signin-submit">{t('signIn.submit')}</Button>
              </Stack>
            </form>
          ) : (
            <form onSubmit={submitCode} noValidate>
              <Stack>
                <Center><IconShieldLock size={36} color="var(--mantine-color-indigo-6)" /></Center>
                <div>
                  <Title order={3} ta="center" data-testid="page-title">{t('signIn.totpTitle')}</Title>
                  <Text size="sm" c="dimmed" ta="center">{t('signIn.totpHint')}</Text>
                </div>
                {error && <Alert color="red" icon={<IconAlertCircle size={18} />} data-testid="signin-error" role="alert">{error}</Alert>}
                <TextInput label={t('signIn.code')} inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus
                  styles={{ input: { letterSpacing: 6, fontSize: 20, textAlign: 'center' } }} {...mfa.getInputProps('code')} data-testid="signin-totp" />
                <Button type="submit" loading={mfa.submitting} fullWidth data-testid="signin-totp-submit">{t('signIn.verify')}</Button>
                <Anchor component="button" type="button" size="sm" ta="center" onClick={() => { setStep('password'); mfa.reset(); }}>
                  {t('signIn.back')}
                </Anchor>
              </Stack>
            </form>
          )}
        </Paper>
        <Center mt="md">
          <SegmentedControl size="xs" value={i18n.language} onChange={applyLocale} data-testid="language-switch"
            data={LOCALES.map((l) => ({ value: l, label: <span data-testid={`language-switch-${l}`}>{t(`languages.${l}`)}</span> }))} />
        </Center>
      </Box>
    </Center>
  );
}
