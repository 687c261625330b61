/** Settings › Lead assignment: ordered rules (source / region / product interest → a team in turn, or a user). */
import { useState } from 'react';
import { ActionIcon, Button, Card, Group, MultiSelect, SegmentedControl, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Directory } from '../../../../../contracts/identity';
import type { AssignmentRule } from '../../../../../contracts/leads';
import { api } from '../../../app/api';
import { errorMessage } from '../../../ui/errors';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { useRecordType } from '../../../ui/records/data';
import { localized } from '../../../ui/records/types';

const KEY = ['/lead-assignment-rules'];
const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

function body(r: AssignmentRule, position?: number) {
  return { name: r.name, conditions: r.conditions, teamId: r.teamId, userId: r.userId, active: r.active, ...(position !== undefined ? { position } : {}) };
}

export function AssignmentPage() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const rules = useQuery({ queryKey: KEY, queryFn: ({ signal }) => api.get<{ data: AssignmentRule[] }>('/lead-assignment-rules', undefined, { signal }) });
  const dir = useQuery({ queryKey: ['/directory'], queryFn: ({ signal }) => api.get<Directory>('/directory', undefined, { signal }), staleTime: 5 * 60_000 });
  const { type } = useRecordType('leads');
  const sources = (type?.fields.find((f) => f.key === 'source')?.options ?? []).map((o) => ({ value: o.value, label: localized(o.labels, i18n.language) }));
  const [draft, setDraft] = useState({ name: '', source: [] as string[], region: '', product: '', kind: 'team', target: '' });
  const refresh = () => qc.invalidateQueries({ queryKey: KEY });
  const save = async (run: () => Promise<unknown>, message: string) => {
    try { await run(); notifySuccess(message); await refresh(); return true; } catch (e) { notifyError(errorMessage(e, t)); return false; }
  };
  const add = async () => {
    const ok = await save(() => api.post('/lead-assignment-rules', {
      name: draft.name, conditions: { source: draft.source, region: list(draft.region), product_interest: list(draft.product) },
      ...(draft.kind === 'team' ? { teamId: draft.target || null } : { userId: draft.target || null }),
    }), t('leads.assignment.saved'));
    if (ok) setDraft({ name: '', source: [], region: '', product: '', kind: 'team', target: '' });
  };
  const conditionText = (r: AssignmentRule) => [
    `${t('leads.assignment.sources')}: ${(r.conditions.source ?? []).map((s) => sources.find((o) => o.value === s)?.label ?? s).join(', ') || t('leads.assignment.any')}`,
    `${t('leads.assignment.regions')}: ${(r.conditions.region ?? []).join(', ') || t('leads.assignment.any')}`,
    `${t('leads.assignment.products')}: ${(r.conditions.product_interest ?? []).join(', ') || t('leads.assignment.any')}`,
  ].join(' · ');
  const targets = draft.kind === 'team' ? (dir.data?.teams ?? []).map((x) => ({ value: x.id, label: x.name })) : (dir.data?.users ?? []).map((x) => ({ value: x.id, label: x.name }));
  return (
    <>
      <PageHeader title={t('leads.assignment.title')} description={t('leads.assignment.description')} />
      <Card withBorder radius="md" mb="md">
        <Stack gap="sm">
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput label={t('leads.assignment.name')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} w={220} data-testid="assignment-name" />
            <MultiSelect label={t('leads.assignment.sources')} data={sources} value={draft.source} onChange={(v) => setDraft({ ...draft, source: v })} w={240} clearable searchable data-testid="assignment-sources" />
            <TextInput label={t('leads.assignment.regions')} description={t('leads.assignment.listHint')} value={draft.region} onChange={(e) => setDraft({ ...draft, region: e.currentTarget.value })} w={200} data-testid="assignment-regions" />
            <TextInput label={t('leads.assignment.products')} description={t('leads.assignment.listHint')} value={draft.product} onChange={(e) => setDraft({ ...draft, product: e.currentTarget.value })} w={200} data-testid="assignment-products" />
          </Group>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <Stack gap={4}>
              <Text size="sm" fw={500}>{t('leads.assignment.target')}</Text>
              <SegmentedControl value={draft.kind} onChange={(v) => setDraft({ ...draft, kind: v, target: '' })} data={[{ value: 'team', label: t('leads.assignment.team') }, { value: 'user', label: t('leads.assignment.user') }]} />
            </Stack>
            <Select aria-label={t('leads.assignment.target')} data={targets} value={draft.target || null} onChange={(v) => setDraft({ ...draft, target: v ?? '' })} searchable w={240} data-testid="assignment-target" />
            <Button leftSection={<IconPlus size={16} />} onClick={() => void add()} disabled={!draft.name.trim() || !draft.target} data-testid="assignment-add">{t('leads.assignment.add')}</Button>
          </Group>
        </Stack>
      </Card>
      {rules.isPending ? <LoadingState /> : rules.error ? <ErrorState error={rules.error} onRetry={() => void rules.refetch()} /> : !rules.data?.data.length ? (
        <EmptyState title={t('leads.assignment.empty')} />
      ) : (
        <Card withBorder radius="md" p={0}>
          <Table.ScrollContainer minWidth={620}>
            <Table verticalSpacing="sm" data-testid="assignment-table">
              <Table.Tbody>
                {rules.data.data.map((r, i, all) => (
                  <Table.Tr key={r.id} data-testid="assignment-row">
                    <Table.Td w={40}><Text c="dimmed">{i + 1}</Text></Table.Td>
                    <Table.Td><Text fw={600} size="sm">{r.name}</Text><Text size="xs" c="dimmed">{conditionText(r)}</Text></Table.Td>
                    <Table.Td><Text size="sm">→ {r.teamId ? `${r.teamName ?? ''} (${t('leads.assignment.team')})` : r.userName}</Text></Table.Td>
                    <Table.Td ta="right">
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <ActionIcon variant="subtle" disabled={i === 0} onClick={() => void save(() => api.put(`/lead-assignment-rules/${r.id}`, body(r, i - 1)), t('leads.assignment.saved'))} aria-label={t('leads.assignment.up')}><IconArrowUp size={16} /></ActionIcon>
                        <ActionIcon variant="subtle" disabled={i === all.length - 1} onClick={() => void save(() => api.put(`/lead-assignment-rules/${r.id}`, body(r, i + 1)), t('leads.assignment.saved'))} aria-label={t('leads.assignment.down')}><IconArrowDown size={16} /></ActionIcon>
                        <ActionIcon variant="subtle" color="red" onClick={() => void save(() => api.delete(`/lead-assignment-rules/${r.id}`), t('leads.assignment.deleted'))} aria-label={t('common.delete')}><IconTrash size={16} /></ActionIcon>
                      </Group>
                    </Table.Td>
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
