/**
 * Consent per channel (email, SMS, calls): status with when and where it came from, changed with a
 * segmented control (the server stamps the time and writes the history), and the history itself.
 */
import { useState } from 'react';
import { Anchor, Badge, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../../../contracts/contacts';
import { api } from '../../../app/api';
import { formatDateTime } from '../../../ui/format';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { FieldLabel, useSaveError, type Save } from './fields/InlineEdit';

const CHANNELS = ['email', 'sms', 'call'] as const;
const COLOR = { granted: 'teal', denied: 'red', unknown: 'gray' } as const;
type Status = keyof typeof COLOR;

interface HistoryRow { id: string; channel: string; status: string; source: string | null; at: string; actorId: string | null }

export function ConsentSection({ contact, save, disabled }: { contact: Contact; save: Save; disabled?: boolean }) {
  const { t } = useTranslation();
  const toMessage = useSaveError();
  const [busy, setBusy] = useState<string | null>(null);
  const [showHistory, setShowHistory] = useState(false);
  const history = useQuery({
    queryKey: ['/contacts', 'consent-history', contact.id, contact.version],
    queryFn: ({ signal }) => api.get<{ data: HistoryRow[] }>(`/contacts/${contact.id}/consent-history`, undefined, { signal }),
    enabled: showHistory,
  });
  const change = async (channel: (typeof CHANNELS)[number], status: Status) => {
    setBusy(channel);
    try {
      await save({ consent: { [channel]: { status, source: 'manual' } } });
      notifySuccess(t('record.consent.changed'));
    } catch (e) {
      const m = toMessage(e);
      if (m) notifyError(m);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Stack gap="sm">
      {CHANNELS.map((ch) => {
        const c = contact.consent[ch];
        return (
          <Stack key={ch} gap={4} data-testid={`consent-${ch}`}>
            <Group justify="space-between" gap="xs">
              <FieldLabel>{t(`record.consent.${ch}`)}</FieldLabel>
              {c.at && <Text size="xs" c="dimmed">{t('record.consent.since', { source: c.source ?? '—', when: formatDateTime(c.at) })}</Text>}
            </Group>
            {disabled ? (
              <Badge color={COLOR[c.status]} variant="light">{t(`record.consent.${c.status}`)}</Badge>
            ) : (
              <SegmentedControl size="xs" fullWidth value={c.status} disabled={busy === ch} onChange={(v) => void change(ch, v as Status)}
                color={COLOR[c.status]} data-testid={`consent-${ch}-control`}
                data={(['granted', 'denied', 'unknown'] as const).map((s) => ({ value: s, label: t(`record.consent.${s}`) }))} />
            )}
          </Stack>
        );
      })}
      <Anchor component="button" type="button" size="xs" onClick={() => setShowHistory((s) => !s)} data-testid="consent-history-toggle">
        {t('record.consent.history')}
      </Anchor>
      {showHistory && (history.data?.data.length ? (
        <Table fz="xs" verticalSpacing={2} data-testid="consent-history">
          <Table.Tbody>
            {history.data.data.slice(0, 20).map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td>{t(`record.consent.${h.channel}`, { defaultValue: h.channel })}</Table.Td>
                <Table.Td><Badge size="xs" variant="light" color={COLOR[h.status as Status] ?? 'gray'}>{t(`record.consent.${h.status}`, { defaultValue: h.status })}</Badge></Table.Td>
                <Table.Td c="dimmed">{h.source ?? ''}</Table.Td>
                <Table.Td c="dimmed" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(h.at)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : <Text size="xs" c="dimmed">{history.isPending ? t('common.loading') : t('record.consent.noHistory')}</Text>)}
    </Stack>
  );
}
