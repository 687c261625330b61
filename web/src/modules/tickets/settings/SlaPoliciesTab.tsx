/**
 * SLA policies (up/down moves one through `position`): priority, category and customer tier (or any) — the most
 * specific matching policy applies, the earlier among equals → first-response, next-response (optional) and resolution targets in business minutes, entered and shown as hours
 * and minutes; the warning share and what a breach does (raise the priority, move to a team). Any field the page
 * does not know is sent back as it was.
 */
import { useState } from 'react';
import { Badge, Button, Card, Checkbox, Group, Modal, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { customerTiers, type SlaPolicy } from '../../../../../contracts/tickets';
import { api } from '../../../app/api';
import { useConfirm } from '../../../ui/confirm';
import { errorMessage } from '../../../ui/errors';
import { notifyError } from '../../../ui/notify';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { useDirectory } from '../data';
import { DurationInput, formatMinutes, MoveButtons, useSettingsList } from './shared';
import { useSaveDialog } from '../../../ui/forms/save-dialog';

const PATH = '/ticket-sla-policies';
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const CATEGORIES = ['question', 'incident', 'billing', 'account', 'feature_request', 'other'] as const;

interface Draft {
  id: string | null; name: string; priority: string | null; category: string | null; customerTier: SlaPolicy['customerTier']; firstResponseMinutes: number; resolutionMinutes: number; active: boolean;
  nextResponseMinutes: number | null; warnAtPercent: number; raisePriority: boolean; reassignToTeam: string | null;
}

/** The policy as the API takes it back (PUT replaces): what the page edits over what it was. */
function bodyOf(p: SlaPolicy | null, d: Partial<Draft> & { position?: number }): Record<string, unknown> {
  const { id: _id, updatedAt: _u, ...kept } = (p ?? {}) as Partial<SlaPolicy>;
  const { id: _d, ...edited } = d;
  return { ...kept, ...edited };
}

function PolicyForm({ policy, onClose }: { policy: SlaPolicy | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [d, setD] = useState<Draft>(policy
    ? {
      id: policy.id, name: policy.name, priority: policy.priority, category: policy.category, customerTier: policy.customerTier ?? null, firstResponseMinutes: policy.firstResponseMinutes, resolutionMinutes: policy.resolutionMinutes, active: policy.active,
      nextResponseMinutes: policy.nextResponseMinutes ?? null, warnAtPercent: policy.warnAtPercent ?? 80, raisePriority: policy.raisePriority ?? false, reassignToTeam: policy.reassignToTeam ?? null,
    }
    : { id: null, name: '', priority: null, category: null, customerTier: null, firstResponseMinutes: 240, resolutionMinutes: 1440, active: true, nextResponseMinutes: null, warnAtPercent: 80, raisePriority: false, reassignToTeam: null });
  const dir = useDirectory();
  const { errors, busy, save: saveAs } = useSaveDialog({ path: PATH, savedMessage: t('tickets.settings.saved'), onClose });
  const save = () => saveAs(d.id ? bodyOf(policy, d) : bodyOf(null, d), d.id);
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('common.close') }} size="lg" title={d.id ? t('tickets.settings.sla.edit') : t('tickets.settings.sla.new')}>
      <form onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate data-testid="sla-form">
        <Stack>
          <TextInput label={t('tickets.settings.name')} required value={d.name} error={errors.name} onChange={(e) => setD({ ...d, name: e.currentTarget.value })} data-testid="sla-name" />
          <Group grow align="flex-start">
            <Select label={t('tickets.settings.priority')} clearable placeholder={t('tickets.settings.any')} value={d.priority} error={errors.priority}
              data={PRIORITIES.map((p) => ({ value: p, label: t(`tickets.settings.priorities.${p}`) }))} onChange={(v) => setD({ ...d, priority: v })} data-testid="sla-priority" />
            <Select label={t('tickets.settings.category')} clearable placeholder={t('tickets.settings.any')} value={d.category} error={errors.category}
              data={CATEGORIES.map((c) => ({ value: c, label: t(`tickets.settings.categories.${c}`) }))} onChange={(v) => setD({ ...d, category: v })} data-testid="sla-category" />
            <Select label={t('ticketRouting.customerTier')} clearable placeholder={t('tickets.settings.any')} value={d.customerTier ?? null} error={errors.customerTier}
              data={customerTiers.map((x) => ({ value: x, label: t(`ticketRouting.tiers.${x}`) }))} onChange={(v) => setD({ ...d, customerTier: (v as Draft['customerTier']) ?? null })} data-testid="sla-tier" />
          </Group>
          <Text size="xs" c="dimmed">{t('ticketRouting.tierHint')}</Text>
          <DurationInput label={t('tickets.settings.sla.firstResponse')} value={d.firstResponseMinutes} error={errors.firstResponseMinutes} onChange={(v) => setD({ ...d, firstResponseMinutes: v })} testId="sla-first" />
          <DurationInput label={t('tickets.settings.sla.resolution')} value={d.resolutionMinutes} error={errors.resolutionMinutes} onChange={(v) => setD({ ...d, resolutionMinutes: v })} testId="sla-resolution" />
          <Checkbox label={t('tickets.settings.sla.nextResponseOn')} checked={d.nextResponseMinutes !== null} onChange={(e) => setD({ ...d, nextResponseMinutes: e.currentTarget.checked ? 120 : null })} data-testid="sla-next-on" />
          {d.nextResponseMinutes !== null && (
            <DurationInput label={t('tickets.settings.sla.nextResponse')} value={d.nextResponseMinutes} error={errors.nextResponseMinutes} onChange={(v) => setD({ ...d, nextResponseMinutes: v })} testId="sla-next" />
          )}
          <Text size="xs" c="dimmed">{t('tickets.settings.sla.businessHint')}</Text>
          <NumberInput label={t('tickets.settings.sla.warnAt')} min={1} max={99} suffix=" %" w={200} value={d.warnAtPercent} error={errors.warnAtPercent} onChange={(v) => setD({ ...d, warnAtPercent: Number(v) || 80 })} data-testid="sla-warn" />
          <Checkbox label={t('tickets.settings.sla.raisePriority')} checked={d.raisePriority} onChange={(e) => setD({ ...d, raisePriority: e.currentTarget.checked })} />
          <Select label={t('tickets.settings.sla.reassignTo')} clearable placeholder={t('tickets.settings.sla.noReassign')} value={d.reassignToTeam} error={errors.reassignToTeam}
            data={(dir.data?.teams ?? []).map((x) => ({ value: x.id, label: x.name }))} onChange={(v) => setD({ ...d, reassignToTeam: v })} />
          <Checkbox label={t('tickets.settings.active')} checked={d.active} onChange={(e) => setD({ ...d, active: e.currentTarget.checked })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={busy} data-testid="sla-save">{t('common.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function SlaPoliciesTab() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const confirm = useConfirm();
  const list = useSettingsList<SlaPolicy>(PATH);
  const [editing, setEditing] = useState<SlaPolicy | 'new' | null>(null);
  const dir = useDirectory();
  const teamName = (id: string) => dir.data?.teams.find((x) => x.id === id)?.name ?? '…';
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return <LoadingState />;
  const policies = list.data;
  const move = async (p: SlaPolicy, to: number) => {
    try {
      await api.put(`${PATH}/${p.id}`, bodyOf(p, { position: policies[to]?.position ?? to }));
    } catch (err) {
      notifyError(errorMessage(err, t));
    }
    await qc.invalidateQueries({ queryKey: [PATH] });
  };
  const remove = async (p: SlaPolicy) => {
    if (!(await confirm({ title: t('tickets.settings.sla.delete'), message: t('tickets.settings.deleteConfirm', { name: p.name }), confirmLabel: t('common.delete'), danger: true }))) return;
    try {
      await api.delete(`${PATH}/${p.id}`);
      await qc.invalidateQueries({ queryKey: [PATH] });
    } catch (err) {
      notifyError(errorMessage(err, t));
    }
  };
  const add = <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="sla-new">{t('tickets.settings.sla.new')}</Button>;
  return (
    <Stack>
      <Text size="sm" c="dimmed">{t('tickets.settings.sla.intro')}</Text>
      {policies.length === 0 ? <EmptyState title={t('tickets.settings.sla.empty')} description={t('tickets.settings.sla.emptyHint')} action={add} /> : (
        <>
          <Group justify="flex-end">{add}</Group>
          {policies.map((p, i) => (
            <Card key={p.id} withBorder radius="md" data-testid="sla-card" data-name={p.name}>
              <Group justify="space-between" wrap="nowrap">
                <Group gap="xs">
                  <MoveButtons index={i} count={policies.length} onMove={(to) => void move(p, to)} name={p.name} />
                  <Text fw={600}>{p.name}</Text>
                  {!p.active && <Badge variant="light" color="gray">{t('tickets.settings.inactive')}</Badge>}
                  <Badge variant="light" tt="none">{p.priority ? t(`tickets.settings.priorities.${p.priority}`) : t('tickets.settings.anyPriority')}</Badge>
                  <Badge variant="light" color="grape" tt="none">{p.category ? t(`tickets.settings.categories.${p.category}`, { defaultValue: p.category }) : t('tickets.settings.anyCategory')}</Badge>
                  {p.customerTier && <Badge variant="light" color="yellow" tt="none" data-testid="sla-tier-badge">{`${t('ticketRouting.customerTier')}: ${t(`ticketRouting.tiers.${p.customerTier}`)}`}</Badge>}
                </Group>
                <Group gap="xs" wrap="nowrap">
                  <Button variant="default" size="xs" onClick={() => setEditing(p)} aria-label={`${t('common.edit')} ${p.name}`}>{t('common.edit')}</Button>
                  <Button variant="subtle" color="red" size="xs" onClick={() => void remove(p)} aria-label={`${t('common.delete')} ${p.name}`}>{t('common.delete')}</Button>
                </Group>
              </Group>
              <Text size="sm" mt={4} data-testid="sla-targets">
                {t('tickets.settings.sla.targets', { first: formatMinutes(p.firstResponseMinutes, t), resolution: formatMinutes(p.resolutionMinutes, t) })}
                {p.nextResponseMinutes ? ` · ${t('tickets.settings.sla.nextTarget', { next: formatMinutes(p.nextResponseMinutes, t) })}` : ''}
              </Text>
              <Text size="xs" c="dimmed">
                {[t('tickets.settings.sla.warnSummary', { percent: p.warnAtPercent ?? 80 }), p.raisePriority ? t('tickets.settings.sla.raiseSummary') : '', p.reassignToTeam ? t('tickets.settings.sla.reassignSummary', { team: teamName(p.reassignToTeam) }) : ''].filter(Boolean).join(' · ')}
              </Text>
            </Card>
          ))}
        </>
      )}
      {editing && <PolicyForm policy={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
