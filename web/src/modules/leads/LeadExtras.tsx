/**
 * What the lead page adds to the generic record page: the score badge and the Convert button in the header
 * (a dialog listing existing contacts/companies the lead duplicates, "use this one" / "create new", an optional
 * deal), and a card with the lead's next task and, once converted, links to the records it became.
 */
import { useState } from 'react';
import { Anchor, Badge, Button, Card, Checkbox, Group, Modal, NumberInput, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ConvertPreview } from '../../../../contracts/leads';
import { api, type Page } from '../../app/api';
import { errorMessage } from '../../ui/errors';
import { formatDateTime } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { LoadingState } from '../../ui/states';
import { recordHref } from '../../ui/records/data';
import type { RecordItem, RecordType } from '../../ui/records/types';

type Result = { leadId: string; contactId: string; companyId: string | null; dealId: string | null };
const str = (v: unknown) => (typeof v === 'string' ? v : '');

function Choice({ label, kind, preview, value, onChange, allowNone }: {
  label: string; kind: 'contacts' | 'companies'; preview: ConvertPreview; value: string; onChange: (v: string) => void; allowNone?: boolean;
}) {
  const { t } = useTranslation();
  const rows = preview[kind];
  return (
    <Radio.Group label={label} value={value} onChange={onChange} data-testid={`convert-${kind}`}>
      <Stack gap={6} mt={6}>
        {rows.length === 0 && <Text size="sm" c="dimmed">{t('leads.convert.noDuplicates')}</Text>}
        {rows.map((r) => (
          <Radio key={r.id} value={r.id} data-testid={`convert-use-${r.id}`} aria-label={`${t('leads.convert.useThis')}: ${r.name}`}
            label={<><Text span size="sm" fw={600}>{r.name}</Text>{r.detail && <Text span size="sm" c="dimmed"> · {r.detail}</Text>} <Text span size="xs" c="dimmed">({t('leads.convert.useThis')}: {r.reasons.map((x) => t(`leads.convert.reasons.${x}`)).join(', ')})</Text></>} />
        ))}
        <Radio value="new" label={t('leads.convert.createNew')} data-testid={`convert-${kind}-new`} />
        {allowNone && <Radio value="none" label={t('leads.convert.none')} data-testid={`convert-${kind}-none`} />}
      </Stack>
    </Radio.Group>
  );
}

function ConvertDialog({ rec, onClose }: { rec: RecordItem; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const preview = useQuery({ queryKey: ['/leads', rec.id, 'convert-preview'], queryFn: ({ signal }) => api.get<ConvertPreview>(`/leads/${rec.id}/convert/preview`, undefined, { signal }) });
  const [contact, setContact] = useState<string | null>(null);
  const [company, setCompany] = useState<string | null>(null);
  const [withDeal, setWithDeal] = useState(true);
  const [dealName, setDealName] = useState(`${rec.title}${str(rec.values.product_interest) ? ` — ${str(rec.values.product_interest)}` : ''}`);
  const [amount, setAmount] = useState<number | string>('');
  const [busy, setBusy] = useState(false);
  if (preview.isPending) return <LoadingState />;
  if (!preview.data) return <Text c="red">{errorMessage(preview.error, t)}</Text>;
  const p = preview.data;
  const contactChoice = contact ?? p.contacts[0]?.id ?? 'new';
  const companyChoice = company ?? p.companies[0]?.id ?? (str(rec.values.company_name) ? 'new' : 'none');
  const submit = async () => {
    setBusy(true);
    try {
      const out = await api.post<Result>(`/leads/${rec.id}/convert`, {
        contact: contactChoice === 'new' ? 'new' : { id: contactChoice },
        company: companyChoice === 'new' ? 'new' : companyChoice === 'none' ? null : { id: companyChoice },
        deal: withDeal ? { name: dealName.trim() || rec.title, ...(amount !== '' ? { amount: Number(amount) } : {}) } : null,
      });
      notifySuccess(t('leads.convert.done'));
      await qc.invalidateQueries({ queryKey: ['/objects/leads'] });
      await qc.invalidateQueries({ queryKey: ['/leads'] });
      onClose();
      void out;
    } catch (e) {
      notifyError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="md">
      <Text size="sm">{t('leads.convert.intro')}</Text>
      <Choice label={t('leads.convert.contact')} kind="contacts" preview={p} value={contactChoice} onChange={setContact} />
      <Choice label={t('leads.convert.company')} kind="companies" preview={p} value={companyChoice} onChange={setCompany} allowNone />
      <Checkbox label={t('leads.convert.deal')} checked={withDeal} onChange={(e) => setWithDeal(e.currentTarget.checked)} data-testid="convert-with-deal" />
      {withDeal && (
        <Group grow align="flex-start">
          <TextInput label={t('leads.convert.dealName')} value={dealName} onChange={(e) => setDealName(e.currentTarget.value)} data-testid="convert-deal-name" />
          <NumberInput label={t('leads.convert.amount')} value={amount} onChange={setAmount} min={0} thousandSeparator="." decimalSeparator="," allowDecimal={false} data-testid="convert-deal-amount" />
        </Group>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
        <Button onClick={() => void submit()} loading={busy} data-testid="convert-submit">{t('leads.convert.submit')}</Button>
      </Group>
    </Stack>
  );
}

/** Score badge and Convert button (header of the lead page). */
export function LeadHeaderActions({ rec, type }: { rec: RecordItem; type: RecordType }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const converted = rec.values.status === 'converted';
  const score = typeof rec.values.score === 'number' ? rec.values.score : 0;
  return (
    <>
      <Badge size="lg" variant="light" color={score >= 50 ? 'green' : score >= 20 ? 'yellow' : 'gray'} data-testid="lead-score">{t('leads.score', { score })}</Badge>
      {converted ? <Badge size="lg" color="violet" data-testid="lead-converted">{t('leads.convert.converted')}</Badge> : !rec.deletedAt && type.permissions.update && (
        <Button leftSection={<IconArrowsExchange size={16} />} onClick={() => setOpen(true)} data-testid="lead-convert">{t('leads.convert.button')}</Button>
      )}
      <Modal opened={open} onClose={() => setOpen(false)} title={t('leads.convert.title', { name: rec.title })} size="lg" centered closeButtonProps={{ 'aria-label': t('leads.close') }}>
        {open && <ConvertDialog rec={rec} onClose={() => setOpen(false)} />}
      </Modal>
    </>
  );
}

/** The lead's next open task (tasks with lead = this lead, soonest due first) and, once converted, its records. */
export function LeadPanel({ rec }: { rec: RecordItem }) {
  const { t } = useTranslation();
  const filter = JSON.stringify([{ field: 'lead', op: 'eq', value: rec.id }, { field: 'status', op: 'eq', value: 'open' }]);
  const tasks = useQuery({
    queryKey: ['/objects/tasks', 'lead-next', rec.id],
    queryFn: ({ signal }) => api.get<Page<RecordItem>>('/objects/tasks', { filter, sort: 'due_at', limit: 1 }, { signal }),
    retry: false,
  });
  const next = tasks.data?.data[0];
  const converted = rec.values.status === 'converted';
  const link = (key: 'contact' | 'company' | 'deal', type: string, label: string) => {
    const id = str(rec.values[key]);
    if (!id) return null;
    const path = type === 'contacts' ? `/contacts/${id}` : type === 'companies' ? `/companies/${id}` : recordHref(type, id);
    return <Anchor component={Link} to={path} size="sm" data-testid={`lead-open-${key}`}>{label}</Anchor>;
  };
  return (
    <Card withBorder radius="md" data-testid="lead-panel">
      <Stack gap="xs">
        {converted && (
          <Group gap="md">
            <Text size="sm" fw={600}>{t('leads.convert.convertedOn', { when: formatDateTime(str(rec.values.converted_at)) })}</Text>
            {link('contact', 'contacts', t('leads.convert.openContact'))}
            {link('company', 'companies', t('leads.convert.openCompany'))}
            {link('deal', 'deals', t('leads.convert.openDeal'))}
          </Group>
        )}
        <Title order={5}>{t('leads.nextTask')}</Title>
        {next ? (
          <Group gap="xs" data-testid="lead-next-task">
            <Anchor component={Link} to={recordHref('tasks', next.id)} size="sm">{next.title}</Anchor>
            {str(next.values.due_at) && <Text size="sm" c="dimmed">{t('leads.due', { when: formatDateTime(str(next.values.due_at)) })}</Text>}
          </Group>
        ) : <Text size="sm" c="dimmed" data-testid="lead-no-task">{t('leads.noNextTask')}</Text>}
        {str(rec.values.assignment) && <Text size="xs" c="dimmed" data-testid="lead-assignment">{t('leads.assignedBy')}: {str(rec.values.assignment)}</Text>}
      </Stack>
    </Card>
  );
}
