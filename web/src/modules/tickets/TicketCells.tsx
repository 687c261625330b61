/**
 * Cells of the tickets list: an SLA due (the current target's `sla_due_at`, or the first-response / resolution due)
 * with its badge when at risk, breached or paused, and the team by name (the field stores the team's id).
 */
import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';
import type { FieldDef, RecordItem } from '../../ui/records/types';
import { useDirectory } from './data';
import { currentDueState, dueState, slaColor } from './sla';

const stateKey = { breached: 'breached', at_risk: 'atRisk', on_track: 'onTrack', paused: 'paused', met: 'met' } as const;

export function DueCell({ row, f }: { row: RecordItem; f: FieldDef }) {
  const { t } = useTranslation();
  const due = row.values[f.key];
  const s = f.key === 'sla_due_at'
    ? currentDueState(row.values, Date.now())
    : dueState({ ...row.values, created_at: row.createdAt }, f.key === 'first_response_due' ? 'firstResponse' : 'resolution', Date.now());
  if (typeof due !== 'string' && s !== 'paused') return <Text span size="sm" c="dimmed">—</Text>;
  const shown = s && s !== 'on_track' && s !== 'met';
  return (
    <Group gap={6} wrap="nowrap" data-testid={`sla-cell-${f.key}`} data-state={s ?? 'none'}>
      {typeof due === 'string' && <Text span size="sm" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(due)}</Text>}
      {shown && <Badge size="sm" variant="light" color={slaColor[s]} tt="none">{t(`tickets.sla.${stateKey[s]}`)}</Badge>}
    </Group>
  );
}

export function TeamCell({ row }: { row: RecordItem }) {
  const id = row.values.team;
  const dir = useDirectory(typeof id === 'string');
  if (typeof id !== 'string') return <Text span size="sm" c="dimmed">—</Text>;
  return <Text span size="sm" data-testid="ticket-team-cell">{dir.data?.teams.find((x) => x.id === id)?.name ?? '…'}</Text>;
}
