/**
 * "My status" on the tickets list: the signed-in agent sets available / away / offline (PUT /ticket-agents/me).
 * Away or offline: new tickets skip them and their new/open tickets move to the team (server job). Hidden for
 * users who are not in a team.
 */
import { Badge, Group, SegmentedControl, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agentStatuses, type Agent, type AgentStatus } from '../../../../contracts/ticket-agents';
import { api } from '../../app/api';
import { errorMessage } from '../../ui/errors';
import { notifyError, notifySuccess } from '../../ui/notify';

const KEY = ['/ticket-agents/me'];

export function AgentStatusControl() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useQuery({ queryKey: KEY, queryFn: ({ signal }) => api.get<Agent>('/ticket-agents/me', undefined, { signal }), retry: false });
  const [busy, setBusy] = useState(false);
  if (!me.data || !me.data.teamId) return null;
  const set = async (status: AgentStatus) => {
    setBusy(true);
    try {
      qc.setQueryData(KEY, await api.put<Agent>('/ticket-agents/me', { status }));
      notifySuccess(t('ticketRouting.status.saved', { status: t(`ticketRouting.status.${status}`) }));
    } catch (err) {
      notifyError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };
  const a = me.data;
  return (
    <Group gap="xs" justify="flex-end" mb="xs" data-testid="agent-status">
      <Text size="sm" fw={500} id="agent-status-label">{t('ticketRouting.status.label')}</Text>
      <SegmentedControl size="xs" aria-labelledby="agent-status-label" value={a.status} disabled={busy} onChange={(v) => void set(v as AgentStatus)}
        color={a.status === 'available' ? 'green' : a.status === 'away' ? 'yellow' : 'gray'}
        data={agentStatuses.map((s) => ({ value: s, label: t(`ticketRouting.status.${s}`) }))} />
      {a.status !== 'available' && <Text size="xs" c="dimmed" maw={320}>{t('ticketRouting.status.awayHint')}</Text>}
      {a.status === 'available' && !a.availableNow && <Badge variant="light" color="gray" tt="none">{t('ticketRouting.status.outsideHours')}</Badge>}
    </Group>
  );
}
