/** /profile/notifications: the signed-in user's matrix of events × channels (in the app, email, push). */
import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Group, Stack, Table, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { NotificationChannel, NotificationPreference } from '../../../../contracts/workspace';
import { notificationChannels } from '../../../../contracts/workspace';
import { errorMessage } from '../../ui/errors';
import { FormAlert } from '../../ui/FormAlert';
import { useUnsavedGuard } from '../../ui/forms/unsaved';
import { notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorState, LoadingState } from '../../ui/states';
import { PREFERENCES_KEY, savePreferences, usePreferences } from './data';

export function NotificationsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const prefs = usePreferences();
  const [rows, setRows] = useState<NotificationPreference[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (prefs.data) setRows(prefs.data.events);
  }, [prefs.data]);
  const dirty = () => Boolean(prefs.data) && JSON.stringify(rows) !== JSON.stringify(prefs.data!.events);
  useUnsavedGuard(dirty);

  if (prefs.isPending) return <LoadingState />;
  if (prefs.error) return <ErrorState error={prefs.error} onRetry={() => void prefs.refetch()} />;

  const toggle = (i: number, channel: NotificationChannel, on: boolean) => setRows((r) => r.map((x, j) => (j === i ? { ...x, [channel]: on } : x)));
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const next = await savePreferences(rows);
      qc.setQueryData(PREFERENCES_KEY, next);
      notifySuccess(t('workspace.prefs.saved'));
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack maw={820}>
      <PageHeader title={t('workspace.prefs.title')} description={t('workspace.prefs.description')} />
      <FormAlert message={error} />
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing="sm" data-testid="notification-preferences">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('workspace.prefs.event')}</Table.Th>
              {notificationChannels.map((c) => <Table.Th key={c} scope="col" ta="center">{t(`workspace.prefs.channels.${c}`)}</Table.Th>)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, i) => (
              <Table.Tr key={row.event} data-testid={`pref-row-${row.event}`}>
                <Table.Th scope="row" fw={500}>{t(`workspace.prefs.events.${row.event}`)}</Table.Th>
                {notificationChannels.map((c) => (
                  <Table.Td key={c}>
                    <Group justify="center">
                      <Checkbox
                        checked={row[c]}
                        onChange={(e) => toggle(i, c, e.currentTarget.checked)}
                        aria-label={t('workspace.prefs.toggle', { event: t(`workspace.prefs.events.${row.event}`), channel: t(`workspace.prefs.channels.${c}`) })}
                        data-testid={`pref-${row.event}-${c}`}
                      />
                    </Group>
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm" c="dimmed">{t('workspace.prefs.other')}</Text>
      <Alert color="gray" icon={<IconInfoCircle size={16} />} data-testid="push-later">{t('workspace.prefs.pushLater')}</Alert>
      {!prefs.data.available.email && <Alert color="yellow" icon={<IconInfoCircle size={16} />}>{t('workspace.prefs.emailUnavailable')}</Alert>}
      <Group justify="flex-end">
        <Button onClick={() => void save()} loading={saving} disabled={!dirty()} data-testid="prefs-save">{t('common.save')}</Button>
      </Group>
    </Stack>
  );
}
