/**
 * Settings › Pipelines: every pipeline with its stages; a form to create or edit one (names en/vi, currency,
 * default, ordered stages with probability, rot days, outcome, colour, fields required to enter, and the tasks a
 * deal gets on entering each stage — StageTasksEditor, opened under the stage's row). Archive leaves a pipeline's
 * deals in place.
 */
import { Fragment, useState } from 'react';
import { ActionIcon, Badge, Button, Card, Checkbox, Group, Modal, MultiSelect, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Pipeline, StageInput, StageTaskTemplate } from '../../../../../contracts/deals';
import { optionColors } from '../../../../../contracts/records';
import { api, ApiError } from '../../../app/api';
import { useConfirm } from '../../../ui/confirm';
import { errorMessage } from '../../../ui/errors';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { ErrorState, LoadingState } from '../../../ui/states';
import { TYPES_KEY, useRecordType } from '../../../ui/records/data';
import { localized } from '../../../ui/records/types';
import { PIPELINES_KEY, usePipelines } from '../data';
import { StageTasksEditor, templateErrors } from './StageTasksEditor';

type StageRow = Required<Pick<StageInput, 'name' | 'probability'>> & { id?: string; nameVi: string; rotDays: number | null; outcome: 'open' | 'won' | 'lost'; color: string; requiredFields: string[]; tasks: StageTaskTemplate[] };
interface Draft { id: string | null; name: string; nameVi: string; currency: string; isDefault: boolean; stages: StageRow[] }

const derived = new Set(['pipeline', 'stage', 'status', 'probability', 'stage_entered_at', 'closed_at', 'next_step_at', 'lead']);

function draftOf(p: Pipeline | null): Draft {
  if (!p) return { id: null, name: '', nameVi: '', currency: 'VND', isDefault: false, stages: [{ name: '', nameVi: '', probability: 10, rotDays: null, outcome: 'open', color: 'gray', requiredFields: [], tasks: [] }] };
  return {
    id: p.id, name: p.name, nameVi: p.nameVi ?? '', currency: p.currency, isDefault: p.isDefault,
    stages: p.stages.map((s) => ({ id: s.id, name: s.name, nameVi: s.nameVi ?? '', probability: s.probability, rotDays: s.rotDays, outcome: s.outcome, color: s.color, requiredFields: s.requiredFields, tasks: s.tasks })),
  };
}

function PipelineForm({ draft, onClose }: { draft: Draft; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const { type } = useRecordType('deals');
  const [d, setD] = useState(draft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  // Stages whose task templates are open (by position in the draft).
  const [open, setOpen] = useState<Set<number>>(new Set());
  const toggle = (i: number) => setOpen((o) => { const n = new Set(o); if (n.has(i)) n.delete(i); else n.add(i); return n; });
  const openWith = (found: Record<string, string>) => setOpen((o) => {
    const n = new Set(o);
    for (const k of Object.keys(found)) { const m = /^stages\.(\d+)\.tasks\./.exec(k); if (m) n.add(Number(m[1])); }
    return n;
  });
  const fieldOptions = (type?.fields ?? []).filter((f) => !f.archived && !derived.has(f.key)).map((f) => ({ value: f.key, label: localized(f.labels, i18n.language) }));
  const stage = (i: number, patch: Partial<StageRow>) => setD({ ...d, stages: d.stages.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const swap = (i: number, j: number) => {
    const s = [...d.stages]; [s[i], s[j]] = [s[j]!, s[i]!]; setD({ ...d, stages: s });
    setOpen((o) => new Set([...o].map((k) => (k === i ? j : k === j ? i : k))));
  };
  const save = async () => {
    const mine = Object.assign({}, ...d.stages.map((s, i) => templateErrors(`stages.${i}.tasks`, s.tasks, t('deals.settings.taskTitleRequired')))) as Record<string, string>;
    setErrors(mine);
    if (Object.keys(mine).length) { openWith(mine); return; }
    setBusy(true);
    const body = {
      name: d.name, nameVi: d.nameVi || null, currency: d.currency,
      stages: d.stages.map((s) => ({ ...(s.id ? { id: s.id } : {}), name: s.name, nameVi: s.nameVi || null, probability: s.probability, rotDays: s.rotDays, outcome: s.outcome, color: s.color, requiredFields: s.requiredFields, tasks: s.tasks })),
    };
    try {
      if (d.id) await api.patch(`/pipelines/${d.id}`, { ...body, ...(d.isDefault ? { isDefault: true } : {}) });
      else await api.post('/pipelines', { ...body, isDefault: d.isDefault });
      notifySuccess(t('deals.settings.saved'));
      void qc.invalidateQueries({ queryKey: PIPELINES_KEY });
      void qc.invalidateQueries({ queryKey: TYPES_KEY });
      void qc.invalidateQueries({ queryKey: ['/deals/board'] });
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) {
        const found = Object.fromEntries(err.fields.map((f) => [f.path, f.message]));
        setErrors(found);
        openWith(found);
      }
      notifyError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} size="90%" title={d.id ? t('deals.settings.edit') : t('deals.settings.new')} closeButtonProps={{ 'aria-label': t('deals.settings.close') }} data-testid="pipeline-form">
      <form onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <Stack>
          <Group grow>
            <TextInput label={t('deals.settings.name')} required value={d.name} error={errors.name} onChange={(e) => setD({ ...d, name: e.currentTarget.value })} data-testid="pipeline-name" />
            <TextInput label={t('deals.settings.nameVi')} value={d.nameVi} error={errors.nameVi} onChange={(e) => setD({ ...d, nameVi: e.currentTarget.value })} data-testid="pipeline-name-vi" />
            <TextInput label={t('deals.settings.currency')} value={d.currency} maxLength={3} error={errors.currency} onChange={(e) => setD({ ...d, currency: e.currentTarget.value.toUpperCase() })} data-testid="pipeline-currency" />
          </Group>
          <Checkbox label={t('deals.settings.isDefault')} checked={d.isDefault} disabled={draft.isDefault} onChange={(e) => setD({ ...d, isDefault: e.currentTarget.checked })} />
          <Table>
            <Table.Thead><Table.Tr>
              <Table.Th /><Table.Th>{t('deals.settings.stageName')}</Table.Th><Table.Th>{t('deals.settings.stageNameVi')}</Table.Th><Table.Th>{t('deals.settings.probability')}</Table.Th>
              <Table.Th>{t('deals.settings.rotDays')}</Table.Th><Table.Th>{t('deals.settings.outcome')}</Table.Th><Table.Th>{t('deals.settings.color')}</Table.Th>
              <Table.Th>{t('deals.settings.requiredFields')}</Table.Th><Table.Th>{t('deals.settings.tasks')}</Table.Th><Table.Th />
            </Table.Tr></Table.Thead>
            <Table.Tbody>
              {d.stages.map((s, i) => (
                <Fragment key={s.id ?? `new-${i}`}>
                <Table.Tr data-testid="pipeline-stage-row">
                  <Table.Td><Group gap={2} wrap="nowrap">
                    <ActionIcon variant="subtle" disabled={i === 0} aria-label={t('deals.settings.up')} onClick={() => swap(i, i - 1)}><IconArrowUp size={14} /></ActionIcon>
                    <ActionIcon variant="subtle" disabled={i === d.stages.length - 1} aria-label={t('deals.settings.down')} onClick={() => swap(i, i + 1)}><IconArrowDown size={14} /></ActionIcon>
                  </Group></Table.Td>
                  <Table.Td><TextInput aria-label={t('deals.settings.stageName')} required value={s.name} error={errors[`stages.${i}.name`]} onChange={(e) => stage(i, { name: e.currentTarget.value })} /></Table.Td>
                  <Table.Td><TextInput aria-label={t('deals.settings.stageNameVi')} value={s.nameVi} onChange={(e) => stage(i, { nameVi: e.currentTarget.value })} /></Table.Td>
                  <Table.Td><NumberInput aria-label={t('deals.settings.probability')} w={80} min={0} max={100} value={s.probability} error={errors[`stages.${i}.probability`]} onChange={(v) => stage(i, { probability: Number(v) || 0 })} /></Table.Td>
                  <Table.Td><NumberInput aria-label={t('deals.settings.rotDays')} w={80} min={1} value={s.rotDays ?? ''} onChange={(v) => stage(i, { rotDays: typeof v === 'number' ? v : null })} /></Table.Td>
                  <Table.Td><Select aria-label={t('deals.settings.outcome')} w={120} allowDeselect={false} value={s.outcome} data={(['open', 'won', 'lost'] as const).map((o) => ({ value: o, label: t(`deals.settings.outcomes.${o}`) }))} onChange={(v) => v && stage(i, { outcome: v as StageRow['outcome'] })} /></Table.Td>
                  <Table.Td><Select aria-label={t('deals.settings.color')} w={110} allowDeselect={false} value={s.color} data={[...optionColors]} onChange={(v) => v && stage(i, { color: v })} /></Table.Td>
                  <Table.Td><MultiSelect aria-label={t('deals.settings.requiredFields')} miw={180} value={s.requiredFields} data={fieldOptions} error={Object.entries(errors).find(([k]) => k.startsWith(`stages.${i}.requiredFields`))?.[1]} onChange={(v) => stage(i, { requiredFields: v })} /></Table.Td>
                  <Table.Td>
                    <Button variant={open.has(i) ? 'light' : 'subtle'} size="xs" aria-expanded={open.has(i)} onClick={() => toggle(i)} data-testid="stage-tasks-toggle"
                      color={Object.keys(errors).some((k) => k.startsWith(`stages.${i}.tasks`)) ? 'red' : undefined}
                      aria-label={t('deals.settings.editTasks', { count: s.tasks.length, stage: s.name || String(i + 1) })}>
                      {t('deals.settings.taskCount', { count: s.tasks.length })}
                    </Button>
                  </Table.Td>
                  <Table.Td><ActionIcon variant="subtle" color="red" disabled={d.stages.length === 1} aria-label={t('deals.settings.removeStage')} onClick={() => { setD({ ...d, stages: d.stages.filter((_, j) => j !== i) }); setOpen(new Set()); }}><IconTrash size={16} /></ActionIcon></Table.Td>
                </Table.Tr>
                {open.has(i) && (
                  <Table.Tr data-testid="pipeline-stage-tasks">
                    <Table.Td />
                    <Table.Td colSpan={9}>
                      <StageTasksEditor stageName={(i18n.language.startsWith('vi') && s.nameVi) || s.name || String(i + 1)} prefix={`stages.${i}.tasks`} tasks={s.tasks} errors={errors} onChange={(tasks) => stage(i, { tasks })} />
                    </Table.Td>
                  </Table.Tr>
                )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
          {errors.stages && <Text c="red" size="sm">{errors.stages}</Text>}
          <Group justify="space-between">
            <Button variant="subtle" leftSection={<IconPlus size={16} />} onClick={() => setD({ ...d, stages: [...d.stages, { name: '', nameVi: '', probability: 50, rotDays: null, outcome: 'open', color: 'gray', requiredFields: [], tasks: [] }] })}>{t('deals.settings.addStage')}</Button>
            <Group>
              <Button variant="default" onClick={onClose}>{t('deals.settings.cancel')}</Button>
              <Button type="submit" loading={busy} data-testid="pipeline-save">{t('deals.settings.save')}</Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function PipelinesPage() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const confirm = useConfirm();
  const pipelines = usePipelines();
  const [editing, setEditing] = useState<Draft | null>(null);
  if (pipelines.error) return <ErrorState error={pipelines.error} onRetry={() => void pipelines.refetch()} />;
  if (!pipelines.data) return <LoadingState />;
  const name = (p: { name: string; nameVi: string | null }) => (i18n.language.startsWith('vi') && p.nameVi ? p.nameVi : p.name);
  const archive = async (p: Pipeline) => {
    if (!(await confirm({ title: t('deals.settings.archive'), message: t('deals.settings.archiveConfirm', { name: name(p) }), danger: true }))) return;
    try {
      await api.delete(`/pipelines/${p.id}`);
      notifySuccess(t('deals.settings.archived'));
      void qc.invalidateQueries({ queryKey: PIPELINES_KEY });
    } catch (err) {
      notifyError(errorMessage(err, t));
    }
  };
  return (
    <Stack>
      <PageHeader title={t('deals.settings.title')} description={t('deals.settings.description')}
        actions={<Button leftSection={<IconPlus size={16} />} onClick={() => setEditing(draftOf(null))} data-testid="pipeline-new">{t('deals.settings.new')}</Button>} />
      {pipelines.data.map((p) => (
        <Card key={p.id} withBorder radius="md" data-testid="pipeline-card">
          <Group justify="space-between">
            <Group gap="xs">
              <Text fw={600}>{name(p)}</Text>
              <Badge variant="light" color="gray">{p.currency}</Badge>
              {p.isDefault && <Badge variant="light">{t('deals.settings.defaultBadge')}</Badge>}
              <Text size="sm" c="dimmed">{t('deals.settings.stageCount', { count: p.stages.length })}</Text>
            </Group>
            <Group gap="xs">
              <Button variant="default" size="xs" onClick={() => setEditing(draftOf(p))}>{t('deals.settings.edit')}</Button>
              {!p.isDefault && <Button variant="subtle" color="red" size="xs" onClick={() => void archive(p)}>{t('deals.settings.archive')}</Button>}
            </Group>
          </Group>
          <Group gap={4} mt="xs">
            {p.stages.map((s) => <Badge key={s.id} color={s.color} variant="light">{name(s)} · {s.probability}%</Badge>)}
          </Group>
        </Card>
      ))}
      {editing && <PipelineForm draft={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
