/**
 * What the ticket page adds to the generic record page: the SLA badge in the header, and a card with the SLA dues
 * and the team (by name) and the assignment decision ("rule 'VIP' → team Hanoi support → Lan (fewest open)").
 */
import { Badge, Card, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Directory } from '../../../../contracts/identity';
import { api } from '../../app/api';
import { formatDateTime } from '../../ui/format';
import type { RecordItem } from '../../ui/records/types';
import { slaColor, slaState } from './sla';

const stateKey = { breached: 'breached', at_risk: 'atRisk', on_track: 'onTrack', paused: 'paused', met: 'met' } as const;

export function SlaBadge({ rec }: { rec: RecordItem }) {
  const { t } = useTranslation();
  const s = slaState({ ...rec.values, created_at: rec.createdAt }, Date.now());
  if (!s) return null;
  return <Badge color={slaColor[s.state]} variant="light" data-testid="ticket-sla-badge" data-state={s.state}>{t(`tickets.sla.${stateKey[s.state]}`)}</Badge>;
}

export function TicketPanel({ rec }: { rec: RecordItem }) {
  const { t } = useTranslation();
  const v = rec.values;
  const str = (x: unknown) => (typeof x === 'string' ? x : null);
  const dir = useQuery({ queryKey: ['/directory'], queryFn: ({ signal }) => api.get<Directory>('/directory', undefined, { signal }), staleTime: 5 * 60_000, enabled: !!str(v.team) });
  const team = str(v.team) && (dir.data?.teams.find((x) => x.id === v.team)?.name ?? str(v.team));
  return (
    <Card withBorder data-testid="ticket-panel">
      <Stack gap={6}>
        <Title order={3} size="h5">{t('tickets.sla.title')}</Title>
        {str(v.first_response_due) || str(v.resolution_due) ? (
          <>
            <SlaBadge rec={rec} />
            {str(v.first_response_due) && <Text size="sm">{t('tickets.sla.firstResponse', { when: formatDateTime(str(v.first_response_due)) })}</Text>}
            {str(v.resolution_due) && <Text size="sm">{t('tickets.sla.resolution', { when: formatDateTime(str(v.resolution_due)) })}</Text>}
          </>
        ) : <Text size="sm" c="dimmed">{t('tickets.sla.none')}</Text>}
        {team && (
          <>
            <Title order={3} size="h5" mt="sm">{t('tickets.team')}</Title>
            <Text size="sm" data-testid="ticket-team">{team}</Text>
          </>
        )}
        {str(v.assignment) && (
          <>
            <Title order={3} size="h5" mt="sm">{t('tickets.assignedBy')}</Title>
            <Text size="sm" data-testid="ticket-assignment">{str(v.assignment)}</Text>
          </>
        )}
      </Stack>
    </Card>
  );
}
