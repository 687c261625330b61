/**
 * Assignment rules, in the order they are tried (up/down moves one through `position`): conditions on channel,
 * category, priority, keywords, company, customer tier and language (shown as chips) → optionally a new priority
 * (the rules then run again; a loop is refused by the server on `setPriority`) → a team, then round robin or fewest
 * open tickets among its available agents.
 */
import { useState } from 'react';
import { Badge, Button, Card, Checkbox, CloseButton, Group, Modal, MultiSelect, SegmentedControl, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { customerTiers, type TicketAssignmentRule, type TicketAssignmentRuleInput } from '../../../../../contracts/tickets';
import { api } from '../../../app/api';
import { useConfirm } from '../../../ui/confirm';
import { errorMessage } from '../../../ui/errors';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { RecordPicker } from '../../../ui/records/pickers';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { useDirectory } from '../data';
import { fieldErrors, MoveButtons, useSettingsList } from './shared';
import { CATEGORIES, PRIORITIES } from './SlaPoliciesTab';

const PATH = '/ticket-assignment-rules';
const CHANNELS = ['email', 'web_form', 'chat', 'phone', 'api'] as const;
const LANGUAGES = ['en', 'vi'] as const;
type Conditions = { channel: string[]; category: string[]; priority: string[]; keywords: string[]; company: string[]; customerTier: string[]; language: string[] };
interface Draft {
  id: string | null; name: string; conditions: Conditions; teamId: string | null; method: 'round_robin' | 'fewest_open'; active: boolean;
  setPriority: TicketAssignmentRuleInput['setPriority'];
}

/** Company names by id (rules store ids), read from each company. */
function useCompanyNames(ids: string[]): Record<string, string> {
  const found = useQueries({
    queries: ids.map((id) => ({ queryKey: ['/companies', id], queryFn: ({ signal }: { signal: AbortSignal }) => api.get<{ id: string; name: string }>(`/companies/${id}`, undefined, { signal }), staleTime: 60_000, retry: false })),
  });
  return Object.fromEntries(found.flatMap((q) => (q.data ? [[q.data.id, q.data.name]] : [])));
}

const inputOf = (d: Omit<Draft, 'id'> & { position?: number }): TicketAssignmentRuleInput => {
  const c = Object.fromEntries(Object.entries(d.conditions).filter(([, v]) => v.length)) as TicketAssignmentRuleInput['conditions'];
  return { name: d.name, conditions: c, teamId: d.teamId ?? '', method: d.method, active: d.active, setPriority: d.setPriority ?? null, ...(d.position !== undefined ? { position: d.position } : {}) };
};
const draftOf = (r: TicketAssignmentRule | null): Draft => r
  ? {
    id: r.id, name: r.name, teamId: r.teamId, method: r.method, active: r.active, setPriority: r.setPriority ?? null,
    conditions: {
      channel: r.conditions.channel ?? [], category: r.conditions.category ?? [], priority: r.conditions.priority ?? [], keywords: r.conditions.keywords ?? [],
      company: r.conditions.company ?? [], customerTier: r.conditions.customerTier ?? [], language: r.conditions.language ?? [],
    },
  }
  : { id: null, name: '', teamId: null, method: 'fewest_open', active: true, setPriority: null, conditions: { channel: [], category: [], priority: [], keywords: [], company: [], customerTier: [], language: [] } };

function RuleForm({ draft, onClose }: { draft: Draft; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const dir = useDirectory();
  const [d, setD] = useState(draft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const cond = (k: keyof Conditions, v: string[]) => setD({ ...d, conditions: { ...d.conditions, [k]: v } });
  const companyNames = useCompanyNames(d.conditions.company);
  const [picked, setPicked] = useState<Record<string, string>>({});
  const save = async () => {
    setBusy(true);
    setErrors({});
    try {
      if (d.id) await api.put(`${PATH}/${d.id}`, inputOf(d));
      else await api.post(PATH, inputOf(d));
      notifySuccess(t('tickets.settings.saved'));
      await qc.invalidateQueries({ queryKey: [PATH] });
      onClose();
    } catch (err) {
      setErrors(fieldErrors(err));
      notifyError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };
  const err = (k: string) => Object.entries(errors).find(([p]) => p === k || p.startsWith(`${k}.`))?.[1];
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('common.close') }} size="lg" title={d.id ? t('tickets.settings.rules.edit') : t('tickets.settings.rules.new')}>
      <form onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate data-testid="rule-form">
        <Stack>
          <TextInput label={t('tickets.settings.name')} required value={d.name} error={errors.name} onChange={(e) => setD({ ...d, name: e.currentTarget.value })} data-testid="rule-name" />
          <MultiSelect label={t('tickets.settings.rules.channel')} placeholder={t('tickets.settings.any')} value={d.conditions.channel} error={err('conditions.channel')}
            data={CHANNELS.map((c) => ({ value: c, label: t(`tickets.settings.channels.${c}`) }))} onChange={(v) => cond('channel', v)} />
          <MultiSelect label={t('tickets.settings.category')} placeholder={t('tickets.settings.any')} value={d.conditions.category} error={err('conditions.category')}
            data={CATEGORIES.map((c) => ({ value: c, label: t(`tickets.settings.categories.${c}`) }))} onChange={(v) => cond('category', v)} />
          <MultiSelect label={t('tickets.settings.priority')} placeholder={t('tickets.settings.any')} value={d.conditions.priority} error={err('conditions.priority')}
            data={PRIORITIES.map((p) => ({ value: p, label: t(`tickets.settings.priorities.${p}`) }))} onChange={(v) => cond('priority', v)} />
          <TagsInput label={t('tickets.settings.rules.keywords')} description={t('tickets.settings.rules.keywordsHint')} value={d.conditions.keywords} error={err('conditions.keywords')} onChange={(v) => cond('keywords', v)} data-testid="rule-keywords" />
          <MultiSelect label={t('ticketRouting.customerTier')} placeholder={t('tickets.settings.any')} value={d.conditions.customerTier} error={err('conditions.customerTier')}
            data={customerTiers.map((x) => ({ value: x, label: t(`ticketRouting.tiers.${x}`) }))} onChange={(v) => cond('customerTier', v)} data-testid="rule-tier" />
          <MultiSelect label={t('ticketRouting.language')} description={t('ticketRouting.languageHint')} placeholder={t('tickets.settings.any')} value={d.conditions.language} error={err('conditions.language')}
            data={LANGUAGES.map((x) => ({ value: x, label: t(`ticketRouting.languages.${x}`) }))} onChange={(v) => cond('language', v)} data-testid="rule-language" />
          <Stack gap={4}>
            <RecordPicker target="companies" label={t('ticketRouting.companies')} placeholder={t('ticketRouting.addCompany')} value={null} error={err('conditions.company')}
              onChange={(id, title) => { if (id && !d.conditions.company.includes(id)) { setPicked({ ...picked, [id]: title ?? '' }); cond('company', [...d.conditions.company, id]); } }} data-testid="rule-company" />
            {d.conditions.company.length > 0 && (
              <Group gap={4} data-testid="rule-companies">
                {d.conditions.company.map((id) => {
                  const name = companyNames[id] ?? picked[id] ?? '…';
                  return (
                    <Badge key={id} variant="light" tt="none" rightSection={
                      <CloseButton size="xs" aria-label={t('ticketRouting.removeCompany', { name })} onClick={() => cond('company', d.conditions.company.filter((x) => x !== id))} />
                    }>{name}</Badge>
                  );
                })}
              </Group>
            )}
          </Stack>
          <Select label={t('ticketRouting.setPriority')} description={t('ticketRouting.setPriorityHint')} clearable placeholder={t('ticketRouting.keepPriority')} value={d.setPriority ?? null} error={errors.setPriority}
            data={PRIORITIES.map((p) => ({ value: p, label: t(`tickets.settings.priorities.${p}`) }))} onChange={(v) => setD({ ...d, setPriority: (v as Draft['setPriority']) ?? null })} data-testid="rule-set-priority" />
          <Select label={t('tickets.settings.team')} required value={d.teamId} error={errors.teamId} data={(dir.data?.teams ?? []).map((x) => ({ value: x.id, label: x.name }))}
            onChange={(v) => setD({ ...d, teamId: v })} data-testid="rule-team" />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="rule-method-label">{t('tickets.settings.rules.method')}</Text>
            <SegmentedControl aria-labelledby="rule-method-label" value={d.method} onChange={(v) => setD({ ...d, method: v as Draft['method'] })}
              data={[{ value: 'fewest_open', label: t('tickets.settings.rules.fewest_open') }, { value: 'round_robin', label: t('tickets.settings.rules.round_robin') }]} />
          </Stack>
          <Checkbox label={t('tickets.settings.active')} checked={d.active} onChange={(e) => setD({ ...d, active: e.currentTarget.checked })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={busy} data-testid="rule-save">{t('common.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A rule's conditions as chips ("Channel: Email", "Keyword: refund"); "Every ticket" when it has none. */
function ConditionChips({ r }: { r: TicketAssignmentRule }) {
  const { t } = useTranslation();
  const companies = useCompanyNames(r.conditions.company ?? []);
  const chips = [
    ...(r.conditions.channel ?? []).map((v) => `${t('tickets.settings.rules.channel')}: ${t(`tickets.settings.channels.${v}`, { defaultValue: v })}`),
    ...(r.conditions.category ?? []).map((v) => `${t('tickets.settings.category')}: ${t(`tickets.settings.categories.${v}`, { defaultValue: v })}`),
    ...(r.conditions.priority ?? []).map((v) => `${t('tickets.settings.priority')}: ${t(`tickets.settings.priorities.${v}`)}`),
    ...(r.conditions.keywords ?? []).map((v) => `${t('tickets.settings.rules.keyword')}: ${v}`),
    ...(r.conditions.company ?? []).map((v) => `${t('ticketRouting.companies')}: ${companies[v] ?? '…'}`),
    ...(r.conditions.customerTier ?? []).map((v) => `${t('ticketRouting.customerTier')}: ${t(`ticketRouting.tiers.${v}`)}`),
    ...(r.conditions.language ?? []).map((v) => `${t('ticketRouting.language')}: ${t(`ticketRouting.languages.${v}`)}`),
    ...(r.setPriority ? [t('ticketRouting.setsPriority', { priority: t(`tickets.settings.priorities.${r.setPriority}`) })] : []),
  ];
  return (
    <Group gap={4} mt="xs" data-testid="rule-conditions">
      {chips.length ? chips.map((c, i) => <Badge key={i} variant="light" color="gray" tt="none">{c}</Badge>) : <Text size="sm" c="dimmed">{t('tickets.settings.rules.everyTicket')}</Text>}
    </Group>
  );
}

export function RulesTab() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const confirm = useConfirm();
  const list = useSettingsList<TicketAssignmentRule>(PATH);
  const [editing, setEditing] = useState<Draft | null>(null);
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return <LoadingState />;
  const rules = list.data;
  const move = async (r: TicketAssignmentRule, to: number) => {
    try {
      await api.put(`${PATH}/${r.id}`, inputOf({ ...draftOf(r), position: rules[to]?.position ?? to }));
    } catch (err) {
      notifyError(errorMessage(err, t));
    }
    await qc.invalidateQueries({ queryKey: [PATH] });
  };
  const remove = async (r: TicketAssignmentRule) => {
    if (!(await confirm({ title: t('tickets.settings.rules.delete'), message: t('tickets.settings.deleteConfirm', { name: r.name }), confirmLabel: t('common.delete'), danger: true }))) return;
    try {
      await api.delete(`${PATH}/${r.id}`);
      await qc.invalidateQueries({ queryKey: [PATH] });
    } catch (err) {
      notifyError(errorMessage(err, t));
    }
  };
  const add = <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing(draftOf(null))} data-testid="rule-new">{t('tickets.settings.rules.new')}</Button>;
  return (
    <Stack>
      <Text size="sm" c="dimmed">{t('tickets.settings.rules.intro')}</Text>
      {rules.length === 0 ? <EmptyState title={t('tickets.settings.rules.empty')} description={t('tickets.settings.rules.emptyHint')} action={add} /> : (
        <>
          <Group justify="flex-end">{add}</Group>
          {rules.map((r, i) => (
            <Card key={r.id} withBorder radius="md" data-testid="rule-card">
              <Group justify="space-between" wrap="nowrap">
                <Group gap="xs">
                  <MoveButtons index={i} count={rules.length} onMove={(to) => void move(r, to)} name={r.name} />
                  <Text fw={600}>{r.name}</Text>
                  {!r.active && <Badge variant="light" color="gray">{t('tickets.settings.inactive')}</Badge>}
                  <Text size="sm">→ {r.teamName ?? r.teamId} · {t(`tickets.settings.rules.${r.method}`)}</Text>
                </Group>
                <Group gap="xs" wrap="nowrap">
                  <Button variant="default" size="xs" onClick={() => setEditing(draftOf(r))} aria-label={`${t('common.edit')} ${r.name}`}>{t('common.edit')}</Button>
                  <Button variant="subtle" color="red" size="xs" onClick={() => void remove(r)} aria-label={`${t('common.delete')} ${r.name}`}>{t('common.delete')}</Button>
                </Group>
              </Group>
              <ConditionChips r={r} />
            </Card>
          ))}
        </>
      )}
      {editing && <RuleForm draft={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
