/**
 * What the order and warranty pages add to the generic record page: the order's moves (picking, Ship, delivered,
 * complete, cancel, return) and "Invoice this order" in the header; its items with units shipped and invoiced and
 * its shipments ("Invoice this shipment"); a warranty's "File a claim" (opens a ticket) and its claims.
 */
import { useState } from 'react';
import { Anchor, Button, Card, Group, Modal, NumberInput, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconFileInvoice, IconShoppingCart, IconTruckDelivery } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OrderLines, Shipment } from '../../../../contracts/orders';
import { api } from '../../app/api';
import { useConfirm } from '../../ui/confirm';
import { errorMessage } from '../../ui/errors';
import { notifyError, notifySuccess } from '../../ui/notify';
import { recordHref } from '../../ui/records/data';
import { formatMoney } from '../../ui/records/logic';
import type { RecordItem, RecordType } from '../../ui/records/types';

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const linesKey = (id: string) => ['/orders', id, 'lines'];
const shipmentsKey = (id: string) => ['/orders', id, 'shipments'];

function useRefresh(id: string) {
  const qc = useQueryClient();
  return async () => {
    await qc.invalidateQueries({ queryKey: ['/objects/orders'] });
    await qc.invalidateQueries({ queryKey: linesKey(id) });
    await qc.invalidateQueries({ queryKey: shipmentsKey(id) });
  };
}
const useLines = (id: string) => useQuery({ queryKey: linesKey(id), queryFn: ({ signal }) => api.get<OrderLines>(`/orders/${id}/lines`, undefined, { signal }) });

function ShipForm({ rec, lines, onDone }: { rec: RecordItem; lines: OrderLines['lines']; onDone: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh(rec.id);
  const open = lines.filter((l) => l.quantity - l.shipped > 0);
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');
  const [qty, setQty] = useState<Record<string, number | string>>(Object.fromEntries(open.map((l) => [l.id, l.quantity - l.shipped])));
  const [serials, setSerials] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      const chosen = open.filter((l) => Number(qty[l.id]) > 0).map((l) => {
        const s = (serials[l.id] ?? '').split(',').map((x) => x.trim()).filter(Boolean);
        return { lineId: l.id, quantity: Number(qty[l.id]), ...(s.length ? { serials: s } : {}) };
      });
      const out = await api.post<{ data: Shipment[] }>(`/orders/${rec.id}/shipments`, { carrier: carrier.trim(), ...(tracking.trim() ? { tracking: tracking.trim() } : {}), lines: chosen });
      notifySuccess(t('orders.ship.done', { number: out.data.at(-1)?.number ?? '' }));
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
      <TextInput label={t('orders.ship.carrier')} value={carrier} onChange={(e) => setCarrier(e.currentTarget.value)} required data-testid="ship-carrier" />
      <TextInput label={t('orders.ship.tracking')} value={tracking} onChange={(e) => setTracking(e.currentTarget.value)} data-testid="ship-tracking" />
      {open.map((l) => (
        <Stack key={l.id} gap={4}>
          <NumberInput label={t('orders.ship.quantity', { item: l.description, left: l.quantity - l.shipped })} value={qty[l.id]} min={0} max={l.quantity - l.shipped} allowDecimal={false}
            onChange={(v) => setQty((q) => ({ ...q, [l.id]: v }))} data-testid="ship-quantity" />
          {l.productId && (
            <TextInput label={t('orders.ship.serials', { item: l.description })} value={serials[l.id] ?? ''} onChange={(e) => { const v = e.currentTarget.value; setSerials((s) => ({ ...s, [l.id]: v })); }} data-testid="ship-serials" />
          )}
        </Stack>
      ))}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>{t('common.cancel')}</Button>
        <Button onClick={() => void submit()} loading={busy} disabled={!carrier.trim()} data-testid="ship-submit">{t('orders.ship.submit')}</Button>
      </Group>
    </Stack>
  );
}

/** Moves of an order, by status, and invoicing what is not invoiced yet. */
export function OrderHeaderActions({ rec, type }: { rec: RecordItem; type: RecordType }) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const navigate = useNavigate();
  const refresh = useRefresh(rec.id);
  const lines = useLines(rec.id);
  const [shipping, setShipping] = useState(false);
  if (rec.deletedAt || !type.permissions.update) return null;
  const status = str(rec.values.status);
  const number = str(rec.values.number);
  const all = lines.data?.lines ?? [];
  const leftToShip = all.some((l) => l.quantity - l.shipped > 0);
  const leftToInvoice = all.some((l) => l.quantity - l.invoiced > 0);
  const move = async (to: 'picking' | 'delivered' | 'completed' | 'cancelled' | 'returned') => {
    if (to === 'cancelled' || to === 'returned') {
      if (!(await confirm({ title: t('orders.actions.confirmTitle'), message: t(to === 'cancelled' ? 'orders.actions.cancelConfirm' : 'orders.actions.returnConfirm', { number }), confirmLabel: t(`orders.actions.${to}`) }))) return;
    }
    try {
      await api.post(`/orders/${rec.id}/status`, { status: to });
      notifySuccess(t('orders.actions.moved'));
      await refresh();
    } catch (e) {
      notifyError(errorMessage(e, t));
    }
  };
  const invoice = async () => {
    try {
      const out = await api.post<RecordItem>(`/orders/${rec.id}/invoice`, {});
      notifySuccess(t('orders.actions.invoiced'));
      void navigate(recordHref('invoices', out.id));
    } catch (e) {
      notifyError(errorMessage(e, t));
    }
  };
  return (
    <>
      {status === 'confirmed' && <Button variant="light" onClick={() => void move('picking')} data-testid="order-picking">{t('orders.actions.picking')}</Button>}
      {['confirmed', 'picking', 'shipped'].includes(status) && leftToShip && (
        <Button leftSection={<IconTruckDelivery size={16} />} onClick={() => setShipping(true)} data-testid="order-ship">{t('orders.actions.ship')}</Button>
      )}
      {status === 'shipped' && <Button onClick={() => void move('delivered')} data-testid="order-delivered">{t('orders.actions.delivered')}</Button>}
      {status === 'delivered' && <Button variant="light" onClick={() => void move('completed')} data-testid="order-completed">{t('orders.actions.completed')}</Button>}
      {status !== 'cancelled' && leftToInvoice && all.length > 0 && (
        <Button variant="light" leftSection={<IconFileInvoice size={16} />} onClick={() => void invoice()} data-testid="order-invoice">{t('orders.actions.invoice')}</Button>
      )}
      {(status === 'confirmed' || status === 'picking') && <Button variant="light" color="red" onClick={() => void move('cancelled')} data-testid="order-cancel">{t('orders.actions.cancelled')}</Button>}
      {(status === 'shipped' || status === 'delivered') && <Button variant="light" color="orange" onClick={() => void move('returned')} data-testid="order-return">{t('orders.actions.returned')}</Button>}
      <Modal opened={shipping} onClose={() => setShipping(false)} title={t('orders.ship.title', { number })} centered closeButtonProps={{ 'aria-label': t('orders.close') }}>
        {shipping && <ShipForm rec={rec} lines={all} onDone={() => setShipping(false)} />}
      </Modal>
    </>
  );
}

/** The order's items (ordered, shipped, invoiced) and its shipments. */
export function OrderPanel({ rec, type }: { rec: RecordItem; type: RecordType }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const lines = useLines(rec.id);
  const shipments = useQuery({ queryKey: shipmentsKey(rec.id), queryFn: ({ signal }) => api.get<{ data: Shipment[] }>(`/orders/${rec.id}/shipments`, undefined, { signal }) });
  const data = lines.data;
  const fmt = (amount: number) => formatMoney({ amount, currency: data?.currency ?? 'VND' }, i18n.language);
  const invoiceShipment = async (shipmentId: string) => {
    try {
      const out = await api.post<RecordItem>(`/orders/${rec.id}/invoice`, { shipmentId });
      notifySuccess(t('orders.actions.invoiced'));
      void navigate(recordHref('invoices', out.id));
    } catch (e) {
      notifyError(errorMessage(e, t));
    }
  };
  return (
    <>
      <Card withBorder radius="md" data-testid="order-lines">
        <Stack gap="sm">
          <Title order={5}>{t('orders.lines.title')}</Title>
          {data && data.lines.length === 0 && <Text size="sm" c="dimmed">{t('orders.lines.empty')}</Text>}
          {data && data.lines.length > 0 && (
            <Table.ScrollContainer minWidth={520}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('orders.lines.description')}</Table.Th><Table.Th ta="right">{t('orders.lines.quantity')}</Table.Th>
                    <Table.Th ta="right">{t('orders.lines.shipped')}</Table.Th><Table.Th ta="right">{t('orders.lines.invoiced')}</Table.Th>
                    <Table.Th ta="right">{t('orders.lines.unitPrice')}</Table.Th><Table.Th ta="right">{t('orders.lines.total')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.lines.map((l) => (
                    <Table.Tr key={l.id} data-testid="order-line">
                      <Table.Td>{l.description}</Table.Td><Table.Td ta="right">{l.quantity}</Table.Td><Table.Td ta="right">{l.shipped}</Table.Td>
                      <Table.Td ta="right">{l.invoiced}</Table.Td><Table.Td ta="right">{fmt(l.unitPrice)}</Table.Td><Table.Td ta="right">{fmt(l.total)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {data && <Text fw={700} ta="right">{t('orders.lines.grandTotal')}: {fmt(data.total)}</Text>}
        </Stack>
      </Card>
      <Card withBorder radius="md" data-testid="order-shipments">
        <Stack gap="xs">
          <Title order={5}>{t('orders.shipments.title')}</Title>
          {shipments.data?.data.length === 0 && <Text size="sm" c="dimmed">{t('orders.shipments.empty')}</Text>}
          {shipments.data?.data.map((s) => (
            <Stack key={s.id} gap={2} data-testid="order-shipment">
              <Group justify="space-between" gap="xs">
                <Text size="sm" fw={600}>{t('orders.shipments.line', { number: s.number, carrier: s.carrier, tracking: s.tracking ?? '', status: t(`orders.shipments.status.${s.status}`) })}</Text>
                {type.permissions.update && str(rec.values.status) !== 'cancelled' && (
                  <Button size="compact-sm" variant="subtle" onClick={() => void invoiceShipment(s.id)} data-testid="shipment-invoice">{t('orders.actions.invoiceShipment')}</Button>
                )}
              </Group>
              {s.lines.map((l) => <Text key={l.lineId} size="sm" c="dimmed">{t('orders.shipments.item', { quantity: l.quantity, description: l.description })}{l.serials.length ? ` (${l.serials.join(', ')})` : ''}</Text>)}
            </Stack>
          ))}
        </Stack>
      </Card>
    </>
  );
}

type Claim = { id: string; ticketId: string; createdAt: string; number: string | null; subject: string | null; status: string | null };

/** "File a claim" on a warranty: a ticket for its item. */
export function WarrantyHeaderActions({ rec }: { rec: RecordItem }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  if (rec.deletedAt) return null;
  const submit = async () => {
    setBusy(true);
    try {
      const out = await api.post<{ ticketId: string; number: string }>(`/warranties/${rec.id}/claims`, { subject: subject.trim(), ...(description.trim() ? { description: description.trim() } : {}) });
      notifySuccess(t('orders.warranty.done', { number: out.number }));
      await qc.invalidateQueries({ queryKey: ['/warranties', rec.id, 'claims'] });
      setOpen(false);
      setSubject('');
      setDescription('');
    } catch (e) {
      notifyError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="warranty-claim">{t('orders.warranty.claim')}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('orders.warranty.title', { item: rec.title })} centered closeButtonProps={{ 'aria-label': t('orders.close') }}>
        <Stack gap="sm">
          <TextInput label={t('orders.warranty.subject')} value={subject} onChange={(e) => setSubject(e.currentTarget.value)} required data-testid="claim-subject" />
          <Textarea label={t('orders.warranty.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={3} data-testid="claim-description" />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
            <Button onClick={() => void submit()} loading={busy} disabled={!subject.trim()} data-testid="claim-submit">{t('orders.warranty.submit')}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** The warranty's claims with their tickets. */
export function WarrantyPanel({ rec }: { rec: RecordItem }) {
  const { t } = useTranslation();
  const claims = useQuery({ queryKey: ['/warranties', rec.id, 'claims'], queryFn: ({ signal }) => api.get<{ data: Claim[] }>(`/warranties/${rec.id}/claims`, undefined, { signal }) });
  return (
    <Card withBorder radius="md" data-testid="warranty-claims">
      <Stack gap="xs">
        <Title order={5}>{t('orders.warranty.claims')}</Title>
        {claims.data?.data.length === 0 && <Text size="sm" c="dimmed">{t('orders.warranty.none')}</Text>}
        {claims.data?.data.map((c) => (
          <Anchor key={c.id} component={Link} to={recordHref('tickets', c.ticketId)} size="sm" data-testid="warranty-claim-ticket">
            {t('orders.warranty.ticket', { number: c.number ?? '—', subject: c.subject ?? '' })}
          </Anchor>
        ))}
      </Stack>
    </Card>
  );
}

/** "Create order" on a won deal's page (its line items, customer and currency); opens the new order. */
export function CreateOrderAction({ rec }: { rec: RecordItem }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  if (rec.deletedAt || rec.values.status !== 'won') return null;
  const create = async () => {
    setBusy(true);
    try {
      const out = await api.post<RecordItem>(`/deals/${rec.id}/order`, {});
      notifySuccess(t('orders.actions.fromDealDone', { number: str(out.values.number) }));
      void navigate(recordHref('orders', out.id));
    } catch (e) {
      notifyError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  return <Button leftSection={<IconShoppingCart size={16} />} onClick={() => void create()} loading={busy} data-testid="deal-create-order">{t('orders.actions.fromDeal')}</Button>;
}
