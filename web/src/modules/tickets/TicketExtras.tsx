/**
 * What the ticket page adds to the generic record page: the SLA badge in the header, and a card with the SLA dues
 * and the team (by name) and the assignment decision ("rule 'VIP' → team Hanoi support → Lan (fewest open)").
 */
import { useEffect, useState } from 'react';
import { Badge, Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';
import type { RecordItem } from '../../ui/records/types';
import { useDirectory } from './data';
import { slaColor, slaState } from './sla';
import { remaining, split } from './workspace/logic';

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
  const dir = useDirectory(!!str(v.team));
  const team = str(v.team) && (dir.data?.teams.find((x) => x.id === v.team)?.name ?? str(v.team));
  return (
    <Card withBorder data-testid="ticket-panel">
      <Stack gap={6}>
        <Title order={3} size="h5">{t('tickets.sla.title')}</Title>
        {str(v.first_response_due) || str(v.resolution_due) ? (
          <>
            <SlaBadge rec={rec} />
            <SlaClock rec={rec} />
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

/** "First response due in 1 h 20 min" / "Resolution overdue by 35 min", ticking every 30 s (wall-clock time to the due). */
export function SlaClock({ rec }: { rec: RecordItem }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const s = slaState({ ...rec.values, created_at: rec.createdAt }, now);
  if (!s?.due || s.state === 'met' || s.state === 'paused') return null;
  const r = remaining(s.due, now);
  const { d, h, m } = split(r.minutes);
  const span = d ? t('tickets.clock.dh', { d, h }) : h ? t('tickets.clock.hm', { h, m }) : t('tickets.clock.m', { m });
  return (
    <Text size="sm" fw={600} c={s.state === 'breached' ? 'red.9' : s.state === 'at_risk' ? 'orange.9' : 'teal.9'} data-testid="ticket-sla-clock" data-state={s.state}>
      {t(r.past ? `tickets.clock.${s.kind}Overdue` : `tickets.clock.${s.kind}Left`, { span })}
    </Text>
  );
}
