/**
 * /deals/:id: the engine's record page of the deal, with a stage bar above it (click a stage to move; the
 * required-fields form when the stage asks for more) and, below, line items with totals, contacts with roles, and
 * stage history with time in each stage.
 */
import { useState } from 'react';
import { ActionIcon, Button, Card, Checkbox, Group, NumberInput, Stack, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { DealContacts, LineItems, Pipeline, StageHistory } from '../../../../contracts/deals';
import { api } from '../../app/api';
import { errorMessage } from '../../ui/errors';
import { formatDateTime } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { isStale, objectPath, relationInclude, useRecord, useRecordType } from '../../ui/records/data';
import { formatMoney, fromMinor, toMinor } from '../../ui/records/logic';
import { RecordPicker } from '../../ui/records/pickers';
import { RecordPage } from '../../ui/records/RecordPage';
import type { RecordItem, RecordType } from '../../ui/records/types';
import { CreateQuoteAction } from '../quotes';
import { CreateOrderAction } from '../orders';
import { missingFields, moveDeal, usePipelines } from './data';
import { DealNextStep } from './NextStep';
import { RequiredFieldsModal, type RequiredAsk } from './RequiredFieldsModal';

/** The deal page's header actions from other modules: a quote, and an order once won. */
function DealHeaderActions(props: { rec: RecordItem; type: RecordType }) {
  return <><CreateQuoteAction {...props} /><CreateOrderAction {...props} /></>;
}

const label = (s: { name: string; nameVi: string | null }, lang: string) => (lang.startsWith('vi') && s.nameVi ? s.nameVi : s.name);

function StageBar({ id, pipeline }: { id: string; pipeline: Pipeline | undefined }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const { type } = useRecordType('deals');
  const rec = useRecord('deals', id, relationInclude(type));
  const [ask, setAsk] = useState<RequiredAsk | null>(null);
  if (!pipeline || !rec.data) return null;
  const deal = rec.data;
  const current = deal.values.stage;
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: [objectPath('deals'), id] });
    void qc.invalidateQueries({ queryKey: ['/deals', id] });
    void qc.invalidateQueries({ queryKey: ['/deals/board'] });
    // Entering a stage may create tasks: the related records and the next step show them.
    void qc.invalidateQueries({ queryKey: ['/objects/by-relation', 'deals', id] });
  };
  const go = async (stageId: string) => {
    const stage = pipeline.stages.find((s) => s.id === stageId)!;
    try {
      await moveDeal(deal.id, deal.version, stageId);
      notifySuccess(t('deals.board.moved', { name: deal.title, stage: label(stage, i18n.language) }));
      refresh();
    } catch (err) {
      const keys = missingFields(err, stage.requiredFields);
      if (keys) {
        setAsk({ stageName: label(stage, i18n.language), keys, currency: pipeline.currency, submit: async (values) => { await moveDeal(deal.id, deal.version, stageId, values); refresh(); } });
      } else if (isStale(err)) {
        notifyError(t('deals.board.stale'));
        refresh();
      } else notifyError(t('deals.board.failed', { message: errorMessage(err, t) }));
    }
  };
  return (
    <Group gap={4} wrap="wrap" mb="md" role="group" aria-label={t('deals.deal.stageBar')} data-testid="stage-bar">
      {pipeline.stages.map((s) => {
        const on = s.id === current;
        return (
          <UnstyledButton key={s.id} onClick={() => !on && void go(s.id)} aria-current={on ? 'step' : undefined} aria-label={on ? label(s, i18n.language) : t('deals.deal.moveTo', { stage: label(s, i18n.language) })}
            data-testid="stage-bar-stage" data-stage={s.id}
            style={{ padding: '4px 10px', borderRadius: 4, fontSize: 13, background: on ? `var(--mantine-color-${s.color}-filled)` : 'var(--mantine-color-default-hover)', color: on ? 'var(--mantine-color-white)' : undefined, fontWeight: on ? 600 : 400 }}>
            {label(s, i18n.language)}
          </UnstyledButton>
        );
      })}
      <Group ml="sm"><DealNextStep deal={deal} /></Group>
      <RequiredFieldsModal ask={ask} onClose={() => setAsk(null)} />
    </Group>
  );
}

interface Line { description: string; quantity: number; unitPrice: number; discountPercent: number }
const lineTotal = (l: Line) => Math.round((l.quantity * l.unitPrice * (100 - l.discountPercent)) / 100);

function LineItemsCard({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['/deals', id, 'line-items'], queryFn: ({ signal }) => api.get<LineItems>(`/deals/${id}/line-items`, undefined, { signal }) });
  const [lines, setLines] = useState<Line[] | null>(null);
  const [setAmount, setSetAmount] = useState(true);
  const [busy, setBusy] = useState(false);
  if (!q.data) return null;
  const currency = q.data.currency;
  const rows = lines ?? q.data.items.map((i) => ({ description: i.description, quantity: i.quantity, unitPrice: i.unitPrice, discountPercent: i.discountPercent }));
  const edit = (i: number, patch: Partial<Line>) => setLines(rows.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const total = rows.reduce((s, l) => s + lineTotal(l), 0);
  const save = async () => {
    setBusy(true);
    try {
      await api.put(`/deals/${id}/line-items`, { items: rows, setAmount });
      notifySuccess(t('deals.deal.linesSaved'));
      setLines(null);
      void qc.invalidateQueries({ queryKey: ['/deals', id] });
      void qc.invalidateQueries({ queryKey: [objectPath('deals'), id] });
    } catch (err) {
      notifyError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder radius="md" data-testid="deal-line-items">
      <Title order={5} mb="sm">{t('deals.deal.lineItems')}</Title>
      {rows.length === 0 && <Text size="sm" c="dimmed">{t('deals.deal.noLines')}</Text>}
      {rows.length > 0 && (
        <Table>
          <Table.Thead><Table.Tr>
            <Table.Th>{t('deals.deal.product')}</Table.Th><Table.Th>{t('deals.deal.quantity')}</Table.Th><Table.Th>{t('deals.deal.unitPrice')}</Table.Th>
            <Table.Th>{t('deals.deal.discount')}</Table.Th><Table.Th>{t('deals.deal.lineTotal')}</Table.Th><Table.Th />
          </Table.Tr></Table.Thead>
          <Table.Tbody>
            {rows.map((l, i) => (
              <Table.Tr key={i}>
                <Table.Td><TextInput aria-label={t('deals.deal.product')} value={l.description} onChange={(e) => edit(i, { description: e.currentTarget.value })} /></Table.Td>
                <Table.Td><NumberInput aria-label={t('deals.deal.quantity')} w={80} min={0} value={l.quantity} onChange={(v) => edit(i, { quantity: Number(v) || 0 })} /></Table.Td>
                <Table.Td><NumberInput aria-label={t('deals.deal.unitPrice')} w={140} min={0} thousandSeparator value={fromMinor(l.unitPrice, currency)} onChange={(v) => edit(i, { unitPrice: toMinor(Number(v) || 0, currency) })} /></Table.Td>
                <Table.Td><NumberInput aria-label={t('deals.deal.discount')} w={80} min={0} max={100} value={l.discountPercent} onChange={(v) => edit(i, { discountPercent: Number(v) || 0 })} /></Table.Td>
                <Table.Td>{formatMoney({ amount: lineTotal(l), currency }, i18n.language)}</Table.Td>
                <Table.Td><ActionIcon variant="subtle" color="red" aria-label={t('deals.deal.removeLine')} onClick={() => setLines(rows.filter((_, j) => j !== i))}><IconTrash size={16} /></ActionIcon></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group justify="space-between" mt="sm">
        <Button variant="subtle" leftSection={<IconPlus size={16} />} onClick={() => setLines([...rows, { description: '', quantity: 1, unitPrice: 0, discountPercent: 0 }])}>{t('deals.deal.addLine')}</Button>
        <Text fw={600} data-testid="line-items-total">{t('deals.deal.total', { amount: formatMoney({ amount: total, currency }, i18n.language) })}</Text>
      </Group>
      {lines && (
        <Group justify="flex-end" mt="sm">
          <Checkbox label={t('deals.deal.setAmount')} checked={setAmount} onChange={(e) => setSetAmount(e.currentTarget.checked)} />
          <Button loading={busy} onClick={() => void save()}>{t('deals.deal.saveLines')}</Button>
        </Group>
      )}
    </Card>
  );
}

function ContactsCard({ id }: { id: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['/deals', id, 'contacts'], queryFn: ({ signal }) => api.get<DealContacts>(`/deals/${id}/contacts`, undefined, { signal }) });
  const [rows, setRows] = useState<{ contactId: string; name: string; role: string }[] | null>(null);
  if (!q.data) return null;
  const list = rows ?? q.data.data.map((c) => ({ contactId: c.contactId, name: c.name, role: c.role ?? '' }));
  const save = async () => {
    try {
      await api.put(`/deals/${id}/contacts`, { contacts: list.map((c) => ({ contactId: c.contactId, role: c.role || null })) });
      notifySuccess(t('deals.deal.contactsSaved'));
      setRows(null);
      void qc.invalidateQueries({ queryKey: ['/deals', id, 'contacts'] });
    } catch (err) {
      notifyError(errorMessage(err, t));
    }
  };
  return (
    <Card withBorder radius="md" data-testid="deal-contacts">
      <Title order={5} mb="sm">{t('deals.deal.contacts')}</Title>
      <Stack gap="xs">
        {list.length === 0 && <Text size="sm" c="dimmed">{t('deals.deal.noContacts')}</Text>}
        {list.map((c, i) => (
          <Group key={c.contactId} gap="xs" wrap="nowrap">
            <Text size="sm" style={{ flex: 1 }}>{c.name}</Text>
            <TextInput aria-label={`${t('deals.deal.role')}: ${c.name}`} placeholder={t('deals.deal.role')} value={c.role} onChange={(e) => { const role = e.currentTarget.value; setRows(list.map((x, j) => (j === i ? { ...x, role } : x))); }} />
            <ActionIcon variant="subtle" color="red" aria-label={t('deals.deal.removeLine')} onClick={() => setRows(list.filter((_, j) => j !== i))}><IconTrash size={16} /></ActionIcon>
          </Group>
        ))}
        <RecordPicker target="contacts" value={null} aria-label={t('deals.deal.addContact')} placeholder={t('deals.deal.addContact')}
          onChange={(cid, title) => { if (cid && !list.some((c) => c.contactId === cid)) setRows([...list, { contactId: cid, name: title ?? '', role: '' }]); }} />
        {rows && <Group justify="flex-end"><Button onClick={() => void save()}>{t('deals.deal.saveContacts')}</Button></Group>}
      </Stack>
    </Card>
  );
}

function duration(seconds: number, t: TFunction): string {
  if (seconds >= 86_400) return t('deals.deal.duration.days', { count: Math.floor(seconds / 86_400) });
  if (seconds >= 3_600) return t('deals.deal.duration.hours', { count: Math.floor(seconds / 3_600) });
  return t('deals.deal.duration.minutes', { count: Math.max(1, Math.floor(seconds / 60)) });
}

function HistoryCard({ id, pipelines }: { id: string; pipelines: Pipeline[] }) {
  const { t, i18n } = useTranslation();
  const q = useQuery({ queryKey: ['/deals', id, 'stage-history'], queryFn: ({ signal }) => api.get<StageHistory>(`/deals/${id}/stage-history`, undefined, { signal }) });
  const names = new Map(pipelines.flatMap((p) => p.stages).map((s) => [s.id, label(s, i18n.language)]));
  const rows = q.data?.data ?? [];
  return (
    <Card withBorder radius="md" data-testid="deal-stage-history">
      <Title order={5} mb="sm">{t('deals.deal.history')}</Title>
      {rows.length === 0 && <Text size="sm" c="dimmed">{t('deals.deal.noHistory')}</Text>}
      <Stack gap={4}>
        {[...rows].reverse().map((h) => (
          <Text key={h.id} size="sm">
            {formatDateTime(h.at)} — {t('deals.deal.entered', { stage: names.get(h.toStage) ?? '?' })}
            {h.fromStage && h.secondsInPrevious !== null && <Text span c="dimmed"> ({t('deals.deal.timeIn', { duration: duration(h.secondsInPrevious, t), stage: names.get(h.fromStage) ?? '?' })})</Text>}
          </Text>
        ))}
      </Stack>
    </Card>
  );
}

export function DealPage() {
  const { id = '' } = useParams();
  const pipelines = usePipelines(true);
  const { type } = useRecordType('deals');
  const rec = useRecord('deals', id, relationInclude(type));
  const pipeline = pipelines.data?.find((p) => p.id === rec.data?.values.pipeline);
  return (
    <Stack gap="md">
      <StageBar id={id} pipeline={pipeline} />
      <RecordPage name="deals" extras={{ HeaderActions: DealHeaderActions }} />
      {rec.data && (
        <>
          <LineItemsCard id={id} />
          <ContactsCard id={id} />
          <HistoryCard id={id} pipelines={pipelines.data ?? []} />
        </>
      )}
    </Stack>
  );
}
