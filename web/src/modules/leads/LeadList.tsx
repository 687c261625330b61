/**
 * /leads: the engine's generic list of leads, starting on the columns a seller works from, with the next step's
 * time — or a "No next step" flag on a lead still being worked (new, contacted, qualified) without an open task.
 */
import { Badge, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';
import { RecordListPage, type RecordListExtras } from '../../ui/records/RecordListPage';
import type { FieldDef, RecordItem } from '../../ui/records/types';

const active = new Set(['new', 'contacted', 'qualified']);

export function LeadNextStepCell({ row, f }: { row: RecordItem; f: FieldDef }) {
  const { t } = useTranslation();
  const at = row.values[f.key];
  if (typeof at === 'string') return <Text span size="sm" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at)}</Text>;
  if (!active.has(String(row.values.status))) return <Text span size="sm" c="dimmed">—</Text>;
  return <Badge size="xs" color="orange" variant="light" tt="none" leftSection={<IconAlertTriangle size={12} />} data-testid="lead-no-next-step">{t('leads.noNextStep')}</Badge>;
}

const extras: RecordListExtras = {
  cells: { next_step_at: LeadNextStepCell },
  columns: ['email', 'company_name', 'status', 'score', 'next_step_at'],
};

export function LeadList() {
  return <RecordListPage name="leads" extras={extras} />;
}
