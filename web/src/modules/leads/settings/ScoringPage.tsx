/** Settings › Lead scoring: field conditions → points; add, delete, rescore every lead. */
import { useState } from 'react';
import { ActionIcon, Button, Card, Group, NumberInput, Select, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { scoringOperators, type ScoringRule } from '../../../../../contracts/leads';
import { api } from '../../../app/api';
import { errorMessage } from '../../../ui/errors';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { useRecordType } from '../../../ui/records/data';
import { localized } from '../../../ui/records/types';

const KEY = ['/lead-scoring-rules'];

export function ScoringPage() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const rules = useQuery({ queryKey: KEY, queryFn: ({ signal }) => api.get<{ data: ScoringRule[] }>('/lead-scoring-rules', undefined, { signal }) });
  const { type } = useRecordType('leads');
  const fields = (type?.fields ?? []).filter((f) => !f.archived && f.key !== 'score');
  const label = (key: string) => { const f = fields.find((x) => x.key === key); return f ? localized(f.labels, i18n.language) : key; };
  const valueLabel = (r: ScoringRule) => {
    const f = fields.find((x) => x.key === r.field);
    const o = f?.options?.find((x) => x.value === r.value);
    return o ? localized(o.labels, i18n.language) : r.value ?? '';
  };
  const [draft, setDraft] = useState({ field: '', operator: 'eq', value: '', points: 10 as number | string });
  const draftField = fields.find((f) => f.key === draft.field);
  const add = async () => {
    try {
      await api.post('/lead-scoring-rules', { field: draft.field, operator: draft.operator, value: draft.operator === 'is_set' ? null : draft.value, points: Number(draft.points) || 0 });
      notifySuccess(t('leads.scoring.saved'));
      setDraft({ field: '', operator: 'eq', value: '', points: 10 });
      await qc.invalidateQueries({ queryKey: KEY });
    } catch (e) { notifyError(errorMessage(e, t)); }
  };
  const remove = async (id: string) => {
    try { await api.delete(`/lead-scoring-rules/${id}`); notifySuccess(t('leads.scoring.deleted')); await qc.invalidateQueries({ queryKey: KEY }); } catch (e) { notifyError(errorMessage(e, t)); }
  };
  const rescore = async () => {
    try {
      const r = await api.post<{ scored: number; changed: number }>('/lead-scoring-rules/rescore');
      notifySuccess(t('leads.scoring.rescored', r));
      await qc.invalidateQueries({ queryKey: ['/objects/leads'] });
    } catch (e) { notifyError(errorMessage(e, t)); }
  };
  return (
    <>
      <PageHeader title={t('leads.scoring.title')} description={t('leads.scoring.description')}
        actions={<Button variant="light" leftSection={<IconRefresh size={16} />} onClick={() => void rescore()} data-testid="scoring-rescore">{t('leads.scoring.rescore')}</Button>} />
      <Card withBorder radius="md" mb="md">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select label={t('leads.scoring.field')} data={fields.map((f) => ({ value: f.key, label: localized(f.labels, i18n.language) }))} value={draft.field || null}
            onChange={(v) => setDraft({ ...draft, field: v ?? '', value: '' })} searchable w={200} data-testid="scoring-field" />
          <Select label={t('leads.scoring.operator')} data={scoringOperators.map((o) => ({ value: o, label: t(`leads.scoring.ops.${o}`) }))} value={draft.operator}
            onChange={(v) => setDraft({ ...draft, operator: v ?? 'eq' })} w={170} data-testid="scoring-operator" allowDeselect={false} />
          {draft.operator !== 'is_set' && (draftField?.options?.length && draft.operator !== 'contains' ? (
            <Select label={t('leads.scoring.value')} data={draftField.options.map((o) => ({ value: o.value, label: localized(o.labels, i18n.language) }))} value={draft.value || null}
              onChange={(v) => setDraft({ ...draft, value: v ?? '' })} w={200} data-testid="scoring-value" />
          ) : (
            <TextInput label={t('leads.scoring.value')} value={draft.value} onChange={(e) => setDraft({ ...draft, value: e.currentTarget.value })} w={200} data-testid="scoring-value" />
          ))}
          <NumberInput label={t('leads.scoring.points')} value={draft.points} onChange={(v) => setDraft({ ...draft, points: v })} w={110} min={-1000} max={1000} data-testid="scoring-points" />
          <Button leftSection={<IconPlus size={16} />} onClick={() => void add()} disabled={!draft.field} data-testid="scoring-add">{t('leads.scoring.add')}</Button>
        </Group>
      </Card>
      {rules.isPending ? <LoadingState /> : rules.error ? <ErrorState error={rules.error} onRetry={() => void rules.refetch()} /> : !rules.data?.data.length ? (
        <EmptyState title={t('leads.scoring.empty')} />
      ) : (
        <Card withBorder radius="md" p={0}>
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing="sm" data-testid="scoring-table">
              <Table.Thead><Table.Tr><Table.Th>{t('leads.scoring.field')}</Table.Th><Table.Th>{t('leads.scoring.operator')}</Table.Th><Table.Th>{t('leads.scoring.value')}</Table.Th><Table.Th>{t('leads.scoring.points')}</Table.Th><Table.Th /></Table.Tr></Table.Thead>
              <Table.Tbody>
                {rules.data.data.map((r) => (
                  <Table.Tr key={r.id} data-testid="scoring-row">
                    <Table.Td>{label(r.field)}</Table.Td>
                    <Table.Td>{t(`leads.scoring.ops.${r.operator}`)}</Table.Td>
                    <Table.Td>{valueLabel(r)}</Table.Td>
                    <Table.Td><Text fw={600} c={r.points < 0 ? 'red' : undefined}>{r.points > 0 ? `+${r.points}` : r.points}</Text></Table.Td>
                    <Table.Td ta="right"><ActionIcon variant="subtle" color="red" onClick={() => void remove(r.id)} aria-label={t('common.delete')}><IconTrash size={16} /></ActionIcon></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
    </>
  );
}
