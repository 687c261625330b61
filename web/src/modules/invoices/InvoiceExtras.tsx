/**
 * What the invoice and payment pages add to the generic record page: Issue, Record payment, Credit note, Void and
 * Download PDF in the invoice's header; its lines (editable while a draft) with totals and the payments allocated;
 * on a payment's page, the invoices it pays.
 */
import { useState } from 'react';
import { Anchor, Button, Card, Group, Modal, NumberInput, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconCash, IconFileDownload, IconPlus, IconReceiptRefund, IconSend, IconTrash, IconBan } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Allocation, InvoiceLines } from '../../../../contracts/invoices';
import { api, apiUrl } from '../../app/api';
import { useConfirm } from '../../ui/confirm';
import { errorMessage } from '../../ui/errors';
import { formatDate } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { recordHref } from '../../ui/records/data';
import { formatMoney, fromMinor, toMinor } from '../../ui/records/logic';
import type { RecordItem, RecordType } from '../../ui/records/types';

type Money = { amount: number; currency: string };
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const money = (v: unknown): Money | null => (v && typeof v === 'object' && 'amount' in v ? (v as Money) : null);
const linesKey = (id: string) => ['/invoices', id, 'lines'];
const allocKey = (kind: string, id: string) => [`/${kind}`, id, 'allocations'];

function useRefresh(rec: RecordItem) {
  const qc = useQueryClient();
  return async () => {
    await qc.invalidateQueries({ queryKey: ['/objects/invoices'] });
    await qc.invalidateQueries({ queryKey: ['/objects/payments'] });
    await qc.invalidateQueries({ queryKey: linesKey(rec.id) });
    await qc.invalidateQueries({ queryKey: allocKey('invoices', rec.id) });
  };
}

function PaymentForm({ rec, onDone }: { rec: RecordItem; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefresh(rec);
  const balance = money(rec.values.balance) ?? { amount: 0, currency: str(rec.values.currency) || 'VND' };
  const [method, setMethod] = useState<string>('bank_transfer');
  const [reference, setReference] = useState('');
  const [amount, setAmount] = useState<number | string>(fromMinor(balance.amount, balance.currency));
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      const minor = toMinor(Number(amount), balance.currency);
      const out = await api.post<RecordItem>('/payments/record', {
        method, ...(reference.trim() ? { reference: reference.trim() } : {}), amount: minor, currency: balance.currency, date,
        companyId: str(rec.values.company) || null, contactId: str(rec.values.contact) || null, allocations: [{ invoiceId: rec.id, amount: minor }],
      });
      notifySuccess(t('invoices.payment.done', { number: str(out.values.number) }));
      await refresh();
      onDone();
    } catch (e) {
      notifyError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="sm">
      <Select label={t('invoices.payment.method')} value={method} onChange={(v) => setMethod(v ?? 'bank_transfer')} allowDeselect={false} data-testid="payment-method"
        data={(['bank_transfer', 'cash', 'card'] as const).map((m) => ({ value: m, label: t(`invoices.payment.methods.${m}`) }))} />
      {method === 'bank_transfer' && <TextInput label={t('invoices.payment.reference')} value={reference} onChange={(e) => setReference(e.currentTarget.value)} data-testid="payment-reference" />}
      <NumberInput label={t('invoices.payment.amount', { currency: balance.currency })} value={amount} onChange={setAmount} min={0} thousandSeparator={i18n.language === 'vi' ? '.' : ','} decimalSeparator={i18n.language === 'vi' ? ',' : '.'} data-testid="payment-amount" />
      <TextInput label={t('invoices.payment.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} data-testid="payment-date" />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>{t('common.cancel')}</Button>
        <Button onClick={() => void submit()} loading={busy} data-testid="payment-submit">{t('invoices.payment.submit')}</Button>
      </Group>
    </Stack>
  );
}

/** Header actions of an invoice, by status. */
export function InvoiceHeaderActions({ rec, type }: { rec: RecordItem; type: RecordType }) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const refresh = useRefresh(rec);
  const [paying, setPaying] = useState(false);
  const status = str(rec.values.status);
  const number = str(rec.values.number) || rec.title;
  const invoice = str(rec.values.kind) !== 'credit_note';
  if (rec.deletedAt || !type.permissions.update) return null;
  const run = async (fn: () => Promise<RecordItem>, message: (r: RecordItem) => string) => {
    try {
      const out = await fn();
      notifySuccess(message(out));
      await refresh();
    } catch (e) {
      notifyError(errorMessage(e, t));
    }
  };
  const open = ['issued', 'partially_paid', 'overdue'].includes(status);
  return (
    <>
      {status === 'draft' && (
        <Button leftSection={<IconSend size={16} />} data-testid="invoice-issue"
          onClick={() => void run(() => api.post<RecordItem>(`/invoices/${rec.id}/issue`, {}), (r) => t('invoices.actions.issued', { number: str(r.values.number) }))}>
          {t('invoices.actions.issue')}
        </Button>
      )}
      {invoice && open && <Button leftSection={<IconCash size={16} />} onClick={() => setPaying(true)} data-testid="invoice-record-payment">{t('invoices.actions.recordPayment')}</Button>}
      {invoice && open && (
        <Button variant="light" leftSection={<IconReceiptRefund size={16} />} data-testid="invoice-credit"
          onClick={() => void (async () => {
            if (!(await confirm({ title: t('invoices.actions.creditTitle'), message: t('invoices.actions.creditConfirm', { number }), confirmLabel: t('invoices.actions.creditNote') }))) return;
            await run(() => api.post<RecordItem>(`/invoices/${rec.id}/credit-note`, {}), (r) => t('invoices.actions.credited', { number: str(r.values.number) }));
          })()}>
          {t('invoices.actions.creditNote')}
        </Button>
      )}
      {invoice && open && !(money(rec.values.amount_paid)?.amount) && (
        <Button variant="light" color="red" leftSection={<IconBan size={16} />} data-testid="invoice-void"
          onClick={() => void (async () => {
            if (!(await confirm({ title: t('invoices.actions.voidTitle'), message: t('invoices.actions.voidConfirm', { number }), confirmLabel: t('invoices.actions.void') }))) return;
            await run(() => api.post<RecordItem>(`/invoices/${rec.id}/void`, {}), () => t('invoices.actions.voided', { number }));
          })()}>
          {t('invoices.actions.void')}
        </Button>
      )}
      {status !== 'draft' && (
        <Button component="a" variant="default" href={apiUrl(`/invoices/${rec.id}/pdf`)} download leftSection={<IconFileDownload size={16} />} data-testid="invoice-pdf">{t('invoices.actions.pdf')}</Button>
      )}
      <Modal opened={paying} onClose={() => setPaying(false)} title={t('invoices.payment.title', { number })} centered closeButtonProps={{ 'aria-label': t('invoices.close') }}>
        {paying && <PaymentForm rec={rec} onDone={() => setPaying(false)} />}
      </Modal>
    </>
  );
}

function LineAdder({ onAdd }: { onAdd: (l: { description: string; quantity: number; unitPrice: number; taxRate: number }) => Promise<void> }) {
  const { t } = useTranslation();
  const [description, setDescription] = useState('');
  const [quantity, setQuantity] = useState<number | string>(1);
  const [price, setPrice] = useState<number | string>('');
  const [tax, setTax] = useState<string>('10');
  const [busy, setBusy] = useState(false);
  const add = async () => {
    setBusy(true);
    try {
      await onAdd({ description: description.trim(), quantity: Number(quantity), unitPrice: Number(price || 0), taxRate: Number(tax) });
      setDescription('');
      setPrice('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Group align="flex-end" gap="xs" wrap="wrap">
      <TextInput label={t('invoices.lines.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} style={{ flex: '2 1 180px' }} data-testid="line-description" />
      <NumberInput label={t('invoices.lines.quantity')} value={quantity} onChange={setQuantity} min={0} decimalScale={3} style={{ flex: '1 1 80px' }} data-testid="line-quantity" />
      <NumberInput label={t('invoices.lines.unitPrice')} value={price} onChange={setPrice} min={0} style={{ flex: '1 1 120px' }} data-testid="line-price" />
      <Select label={t('invoices.lines.taxRate')} value={tax} onChange={(v) => setTax(v ?? '0')} data={['0', '5', '8', '10']} allowDeselect={false} style={{ flex: '0 1 90px' }} data-testid="line-tax" />
      <Button leftSection={<IconPlus size={16} />} onClick={() => void add()} loading={busy} disabled={!description.trim()} data-testid="line-add">{t('invoices.lines.add')}</Button>
    </Group>
  );
}

/** The invoice's lines and totals (editable while a draft) and the payments allocated to it. */
export function InvoicePanel({ rec, type }: { rec: RecordItem; type: RecordType }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefresh(rec);
  const lines = useQuery({ queryKey: linesKey(rec.id), queryFn: ({ signal }) => api.get<InvoiceLines>(`/invoices/${rec.id}/lines`, undefined, { signal }) });
  const allocations = useQuery({ queryKey: allocKey('invoices', rec.id), queryFn: ({ signal }) => api.get<{ data: Allocation[] }>(`/invoices/${rec.id}/allocations`, undefined, { signal }) });
  const draft = str(rec.values.status) === 'draft' && !rec.deletedAt && type.permissions.update;
  const data = lines.data;
  const currency = data?.currency ?? (str(rec.values.currency) || 'VND');
  const fmt = (amount: number) => formatMoney({ amount, currency }, i18n.language);
  const save = async (next: InvoiceLines['lines'] | Array<Record<string, unknown>>) => {
    try {
      await api.put(`/invoices/${rec.id}/lines`, { lines: next });
      notifySuccess(t('invoices.lines.saved'));
      await refresh();
    } catch (e) {
      notifyError(errorMessage(e, t));
    }
  };
  const current = (data?.lines ?? []).map((l) => ({ productId: l.productId, description: l.description, quantity: l.quantity, unitPrice: l.unitPrice, discountPercent: l.discountPercent, discountAmount: l.discountAmount, taxRate: l.taxRate }));
  const balance = money(rec.values.balance);
  return (
    <>
      <Card withBorder radius="md" data-testid="invoice-lines">
        <Stack gap="sm">
          <Title order={5}>{t('invoices.lines.title')}</Title>
          {data && data.lines.length === 0 && <Text size="sm" c="dimmed">{t('invoices.lines.empty')}</Text>}
          {data && data.lines.length > 0 && (
            <Table.ScrollContainer minWidth={520}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('invoices.lines.description')}</Table.Th><Table.Th ta="right">{t('invoices.lines.quantity')}</Table.Th>
                    <Table.Th ta="right">{t('invoices.lines.unitPrice')}</Table.Th><Table.Th ta="right">{t('invoices.lines.taxRate')}</Table.Th>
                    <Table.Th ta="right">{t('invoices.lines.total')}</Table.Th>{draft && <Table.Th />}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.lines.map((l, i) => (
                    <Table.Tr key={l.id} data-testid="invoice-line">
                      <Table.Td>{l.description}</Table.Td><Table.Td ta="right">{l.quantity}</Table.Td><Table.Td ta="right">{fmt(l.unitPrice)}</Table.Td>
                      <Table.Td ta="right">{l.taxRate}</Table.Td><Table.Td ta="right">{fmt(l.total)}</Table.Td>
                      {draft && (
                        <Table.Td>
                          <Button variant="subtle" color="red" size="compact-sm" aria-label={t('invoices.lines.remove', { n: i + 1 })} onClick={() => void save(current.filter((_, j) => j !== i))}>
                            <IconTrash size={14} />
                          </Button>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {data && (
            <Stack gap={2} align="flex-end" data-testid="invoice-totals">
              <Text size="sm">{t('invoices.lines.subtotal')}: {fmt(data.subtotal)}</Text>
              <Text size="sm">{t('invoices.lines.tax')}: {fmt(data.taxTotal)}</Text>
              <Text fw={700}>{t('invoices.lines.grandTotal')}: {fmt(data.total)}</Text>
              {balance && str(rec.values.status) !== 'draft' && <Text size="sm" fw={600} data-testid="invoice-balance">{t('invoices.lines.balance')}: {formatMoney(balance, i18n.language)}</Text>}
            </Stack>
          )}
          {draft && <LineAdder onAdd={(l) => save([...current, { ...l, unitPrice: toMinor(l.unitPrice, currency) }])} />}
        </Stack>
      </Card>
      {str(rec.values.status) !== 'draft' && <AllocationList title={t('invoices.allocations.title')} rows={allocations.data?.data} link="payments" />}
    </>
  );
}

function AllocationList({ title, rows, link }: { title: string; rows: Allocation[] | undefined; link: 'payments' | 'invoices' }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder radius="md" data-testid="allocations">
      <Stack gap="xs">
        <Title order={5}>{title}</Title>
        {rows && rows.length === 0 && <Text size="sm" c="dimmed">{t('invoices.allocations.empty')}</Text>}
        {rows?.map((a) => (
          <Anchor key={a.id} component={Link} to={recordHref(link, link === 'payments' ? a.paymentId : a.invoiceId)} size="sm" data-testid="allocation">
            {t('invoices.allocations.line', { number: (link === 'payments' ? a.paymentNumber : a.invoiceNumber) ?? '—', date: formatDate(a.date), amount: formatMoney({ amount: a.amount, currency: a.currency }, i18n.language) })}
          </Anchor>
        ))}
      </Stack>
    </Card>
  );
}

/** On a payment's page: the invoices it pays. */
export function PaymentPanel({ rec }: { rec: RecordItem }) {
  const { t } = useTranslation();
  const allocations = useQuery({ queryKey: allocKey('payments', rec.id), queryFn: ({ signal }) => api.get<{ data: Allocation[] }>(`/payments/${rec.id}/allocations`, undefined, { signal }) });
  return <AllocationList title={t('invoices.allocations.titleInvoices')} rows={allocations.data?.data} link="invoices" />;
}
