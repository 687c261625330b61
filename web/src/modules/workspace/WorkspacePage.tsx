/** Settings › Workspace (admins): company name, logo, address, currency, time zone, formats, working week, language. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Card, Chip, FileButton, Group, Image, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconTrash, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { WorkspaceSettings, WorkspaceSettingsInput } from '../../../../contracts/workspace';
import { dateFormats, numberFormats } from '../../../../contracts/workspace';
import { api, ApiError } from '../../app/api';
import { SESSION_KEY } from '../../app/auth';
import type { SessionResponse } from '../../app/session';
import { errorMessage } from '../../ui/errors';
import { FormAlert } from '../../ui/FormAlert';
import { useForm } from '../../ui/form';
import { useUnsavedGuard } from '../../ui/forms/unsaved';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorState, LoadingState } from '../../ui/states';
import { applyWorkspaceFormats, uploadLogo, useSaveWorkspace, useWorkspace, WORKSPACE_KEY } from './data';

type Values = Omit<WorkspaceSettingsInput, 'workingWeek'> & { days: string[]; start: string; end: string };

const toValues = (ws: WorkspaceSettings): Values => ({
  companyName: ws.companyName, address: ws.address, defaultCurrency: ws.defaultCurrency, timeZone: ws.timeZone,
  dateFormat: ws.dateFormat, numberFormat: ws.numberFormat, defaultLanguage: ws.defaultLanguage,
  days: ws.workingWeek.days.map(String), start: ws.workingWeek.start, end: ws.workingWeek.end,
});

const DATE_EXAMPLE: Record<(typeof dateFormats)[number], string> = { 'dd/mm/yyyy': '31/12/2026', 'mm/dd/yyyy': '12/31/2026', 'yyyy-mm-dd': '2026-12-31' };

function LogoCard({ ws }: { ws: WorkspaceSettings }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const done = (next: WorkspaceSettings, message: string) => {
    qc.setQueryData(WORKSPACE_KEY, next);
    notifySuccess(message);
  };
  const upload = async (file: File | null) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      done(await uploadLogo(file, qc.getQueryData<SessionResponse | null>(SESSION_KEY)?.csrfToken ?? null), t('workspace.logoSaved'));
    } catch (e) {
      setError(e instanceof ApiError && e.fields[0] ? e.fields[0].message : errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    setBusy(true);
    try {
      done(await api.delete<WorkspaceSettings>('/settings/workspace/logo'), t('workspace.logoRemoved'));
    } catch (e) {
      notifyError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h4" mb={4}>{t('workspace.logo')}</Title>
      <Text size="sm" c="dimmed" mb="md">{t('workspace.logoHint')}</Text>
      <Group align="center" gap="md">
        {ws.logo
          ? <Image src={ws.logo.url} alt={t('workspace.logoAlt', { name: ws.companyName || 'Kith' })} h={64} w="auto" fit="contain" data-testid="workspace-logo-preview" />
          : <Text size="sm" c="dimmed" data-testid="workspace-no-logo">{t('workspace.noLogo')}</Text>}
        <FileButton onChange={(f) => void upload(f)} accept="image/png,image/jpeg">
          {(props) => <Button {...props} variant="default" leftSection={<IconUpload size={16} />} loading={busy} data-testid="workspace-logo-upload">{t('workspace.uploadLogo')}</Button>}
        </FileButton>
        {ws.logo && <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => void remove()} disabled={busy} data-testid="workspace-logo-remove">{t('workspace.removeLogo')}</Button>}
      </Group>
      <FormAlert message={error} />
    </Card>
  );
}

function SettingsForm({ ws }: { ws: WorkspaceSettings }) {
  const { t } = useTranslation();
  const save = useSaveWorkspace();
  const form = useForm<Values>({
    initialValues: toValues(ws),
    validate: (v) => ({ end: v.start && v.end && v.start >= v.end ? 'workspace.endAfterStart' : null }),
  });
  useUnsavedGuard(form.isDirty);
  const loadedVersion = useRef(ws.version);
  const currencies = useMemo(() => Intl.supportedValuesOf('currency'), []);
  const zones = useMemo(() => {
    const all = Intl.supportedValuesOf('timeZone');
    return all.includes(ws.timeZone) ? all : [ws.timeZone, ...all];
  }, [ws.timeZone]);
  const submit = form.onSubmit(
    async (v) => {
      const { days, start, end, ...rest } = v;
      const next = await save({ ...rest, workingWeek: { days: days.map(Number).sort(), start, end } }, loadedVersion.current);
      loadedVersion.current = next.version;
      form.reset(toValues(next));
      notifySuccess(t('workspace.saved'));
    },
    (e) => form.applyApiError(e, errorMessage(e, t)),
  );
  return (
    <form ref={form.ref} onSubmit={submit} noValidate>
      <Stack>
        <FormAlert message={form.formError} />
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="md">{t('workspace.company')}</Title>
          <Stack>
            <TextInput label={t('workspace.companyName')} description={t('workspace.companyNameHint')} maxLength={120} {...form.getInputProps('companyName')} data-testid="workspace-company-name" />
            <Textarea label={t('workspace.address')} autosize minRows={2} maxLength={500} {...form.getInputProps('address')} data-testid="workspace-address" />
          </Stack>
        </Card>
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb={4}>{t('workspace.regional')}</Title>
          <Text size="sm" c="dimmed" mb="md">{ws.updatedAt ? null : t('workspace.formatsNote')}</Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t('workspace.defaultCurrency')} data={currencies} searchable allowDeselect={false} {...form.getInputProps('defaultCurrency')} data-testid="workspace-currency" />
            <Select label={t('workspace.timeZone')} data={zones} searchable allowDeselect={false} limit={50} {...form.getInputProps('timeZone')} data-testid="workspace-time-zone" />
            <Select
              label={t('workspace.dateFormat')} allowDeselect={false} {...form.getInputProps('dateFormat')} data-testid="workspace-date-format"
              data={dateFormats.map((f) => ({ value: f, label: `${f} (${DATE_EXAMPLE[f]})` }))}
            />
            <Select label={t('workspace.numberFormat')} allowDeselect={false} data={[...numberFormats]} {...form.getInputProps('numberFormat')} data-testid="workspace-number-format" />
            <Select
              label={t('workspace.defaultLanguage')} allowDeselect={false} {...form.getInputProps('defaultLanguage')} data-testid="workspace-language"
              data={[{ value: 'en', label: t('languages.en') }, { value: 'vi', label: t('languages.vi') }]}
            />
          </SimpleGrid>
        </Card>
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="md">{t('workspace.workingWeek')}</Title>
          <Stack>
            <div role="group" aria-label={t('workspace.workingDays')}>
              <Text size="sm" fw={500} mb={6}>{t('workspace.workingDays')}</Text>
              <Chip.Group multiple value={form.values.days} onChange={(v) => form.setFieldValue('days', v)}>
                <Group gap={6}>
                  {[1, 2, 3, 4, 5, 6, 7].map((d) => <Chip key={d} value={String(d)} size="sm" data-testid={`workspace-day-${d}`}>{t(`workspace.days.${d}`)}</Chip>)}
                </Group>
              </Chip.Group>
            </div>
            <Group grow maw={420}>
              <TextInput type="time" label={t('workspace.start')} {...form.getInputProps('start')} data-testid="workspace-start" />
              <TextInput type="time" label={t('workspace.end')} {...form.getInputProps('end')} data-testid="workspace-end" />
            </Group>
          </Stack>
        </Card>
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting} data-testid="workspace-save">{t('common.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

export function WorkspacePage() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  useEffect(() => {
    if (ws.data) applyWorkspaceFormats(ws.data);
  }, [ws.data]);
  if (ws.isPending) return <LoadingState />;
  if (ws.error) return <ErrorState error={ws.error} onRetry={() => void ws.refetch()} />;
  return (
    <Stack maw={900}>
      <PageHeader title={t('workspace.title')} description={t('workspace.description')} />
      <LogoCard ws={ws.data} />
      <SettingsForm ws={ws.data} />
    </Stack>
  );
}
