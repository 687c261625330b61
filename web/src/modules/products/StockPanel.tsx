/**
 * The product page's cards (RecordPage `Panel`): stock per warehouse with totals and the low-stock flag, receive and
 * adjust dialogs (an adjustment needs a reason; serial-tracked products list their serials), the latest movements,
 * and the price-list entries of the product.
 */
import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, Modal, NumberInput, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconAdjustments, IconPackageImport } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useUser } from '../../app/auth';
import { can } from '../../app/session';
import { errorMessage } from '../../ui/errors';
import { formatDate, formatDateTime } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { formatMoney } from '../../ui/records/logic';
import type { RecordItem, RecordType } from '../../ui/records/types';
import { ImagesCard } from './ImagesCard';
import { serialLines, useLedger, useLevels, usePriceEntries, useSerialsInStock, useWarehouses } from './data';
import { fieldErrors } from '../../ui/forms/save-dialog';


function MovementDialog({ mode, productId, serialTracked, onClose }: { mode: 'receive' | 'adjust'; productId: string; serialTracked: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const warehouses = useWarehouses();
  const active = (warehouses.data ?? []).filter((w) => w.active);
  const [warehouseId, setWarehouseId] = useState<string | null>(null);
  const [quantity, setQuantity] = useState<number | string>(mode === 'receive' ? 1 : '');
  const [text, setText] = useState('');
  const [serials, setSerials] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const chosen = warehouseId ?? active[0]?.id ?? null;
  const save = async () => {
    // Checked here first so the message is in the user's language; the server refuses it too (400 naming reason).
    if (mode === 'adjust' && !text.trim()) {
      setErrors({ reason: t('validation.required') });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const list = serialTracked ? serialLines(serials) : undefined;
      if (mode === 'receive') await api.post('/inventory/receipts', { productId, warehouseId: chosen, quantity: Number(quantity), ...(text.trim() ? { note: text.trim() } : {}), ...(list ? { serials: list } : {}) });
      else await api.post('/inventory/adjustments', { productId, warehouseId: chosen, delta: Number(quantity), ...(text.trim() ? { reason: text.trim() } : {}), ...(list ? { serials: list } : {}) });
      notifySuccess(t(mode === 'receive' ? 'products.stock.received' : 'products.stock.adjusted'));
      await Promise.all(['/inventory/levels', '/inventory/ledger', '/inventory/serials'].map((k) => qc.invalidateQueries({ queryKey: [k, productId] })));
      onClose();
    } catch (err) {
      setErrors(fieldErrors(err));
      notifyError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };
  const title = t(mode === 'receive' ? 'products.stock.receive' : 'products.stock.adjust');
  return (
    <Modal opened onClose={onClose} title={title}>
      <form onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate data-testid={`stock-${mode}-form`}>
        <Stack>
          {warehouses.data && active.length === 0 && <Alert color="yellow">{t('products.stock.noWarehouse')}</Alert>}
          <Select label={t('products.stock.warehouse')} required value={chosen} error={errors.warehouseId} allowDeselect={false}
            data={active.map((w) => ({ value: w.id, label: `${w.name} (${w.code})` }))} onChange={setWarehouseId} data-testid="stock-warehouse" />
          <NumberInput label={t(mode === 'receive' ? 'products.stock.quantity' : 'products.stock.delta')} required allowDecimal={false}
            min={mode === 'receive' ? 1 : undefined} value={quantity} error={errors.quantity ?? errors.delta} onChange={setQuantity} data-testid="stock-quantity" />
          {mode === 'receive'
            ? <TextInput label={t('products.stock.note')} value={text} error={errors.note} onChange={(e) => setText(e.currentTarget.value)} data-testid="stock-note" />
            : <TextInput label={t('products.stock.reason')} description={t('products.stock.reasonHint')} required value={text} error={errors.reason} onChange={(e) => setText(e.currentTarget.value)} data-testid="stock-reason" />}
          {serialTracked && (
            <Textarea label={t('products.stock.serials')} autosize minRows={2} value={serials}
              error={Object.entries(errors).find(([k]) => k.startsWith('serials'))?.[1]} onChange={(e) => setSerials(e.currentTarget.value)} data-testid="stock-serials" />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={busy} disabled={!chosen} data-testid="stock-save">{t('common.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function StockCard({ rec }: { rec: RecordItem }) {
  const { t } = useTranslation();
  const user = useUser();
  const levels = useLevels(rec.id);
  const ledger = useLedger(rec.id);
  const [dialog, setDialog] = useState<'receive' | 'adjust' | null>(null);
  const canMove = can(user, 'products', 'update');
  const serialTracked = rec.values.serial_tracked === true;
  const serials = useSerialsInStock(rec.id, serialTracked && rec.values.kind !== 'service');
  if (rec.values.kind === 'service') {
    return <Card withBorder radius="md" data-testid="stock-card"><Title order={5} mb="xs">{t('products.stock.title')}</Title><Text size="sm" c="dimmed">{t('products.stock.service')}</Text></Card>;
  }
  const l = levels.data;
  const sign = (n: number) => (n > 0 ? `+${n}` : String(n));
  return (
    <Card withBorder radius="md" data-testid="stock-card">
      <Group justify="space-between" mb="sm">
        <Title order={5}>{t('products.stock.title')}</Title>
        {canMove && (
          <Group gap="xs">
            <Button size="xs" leftSection={<IconPackageImport size={14} />} onClick={() => setDialog('receive')} data-testid="stock-receive">{t('products.stock.receive')}</Button>
            <Button size="xs" variant="default" leftSection={<IconAdjustments size={14} />} onClick={() => setDialog('adjust')} data-testid="stock-adjust">{t('products.stock.adjust')}</Button>
          </Group>
        )}
      </Group>
      {l?.low && (
        <Alert color="orange" icon={<IconAlertTriangle size={16} />} mb="sm" data-testid="stock-low">
          {t('products.stock.low', { available: l.totals.available, level: l.reorderLevel })}
        </Alert>
      )}
      {l && (l.data.length === 0 ? <Text size="sm" c="dimmed">{t('products.stock.none')}</Text> : (
        <Table data-testid="stock-levels" striped>
          <Table.Thead>
            <Table.Tr><Table.Th>{t('products.stock.warehouse')}</Table.Th><Table.Th ta="right">{t('products.stock.onHand')}</Table.Th><Table.Th ta="right">{t('products.stock.reserved')}</Table.Th><Table.Th ta="right">{t('products.stock.available')}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {l.data.map((w) => (
              <Table.Tr key={w.warehouseId} data-testid="stock-level" data-warehouse={w.warehouseName}>
                <Table.Td>{w.warehouseName}</Table.Td><Table.Td ta="right">{w.onHand}</Table.Td><Table.Td ta="right">{w.reserved}</Table.Td><Table.Td ta="right" data-testid="stock-available">{w.available}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr fw={600} data-testid="stock-total">
              <Table.Td>{t('products.stock.total')}</Table.Td><Table.Td ta="right">{l.totals.onHand}</Table.Td><Table.Td ta="right">{l.totals.reserved}</Table.Td><Table.Td ta="right">{l.totals.available}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      ))}
      {serialTracked && serials.data && serials.data.length > 0 && (
        <Text size="sm" mt="xs" data-testid="stock-serials-in-stock">{t('products.stock.serialsInStock', { list: serials.data.map((s) => s.serial).join(', ') })}</Text>
      )}
      <Title order={6} mt="md" mb="xs">{t('products.stock.ledger')}</Title>
      {ledger.data && (ledger.data.data.length === 0 ? <Text size="sm" c="dimmed">{t('products.stock.noMovements')}</Text> : (
        <Table data-testid="stock-ledger">
          <Table.Thead>
            <Table.Tr><Table.Th>{t('products.stock.at')}</Table.Th><Table.Th>{t('products.stock.kind')}</Table.Th><Table.Th ta="right">{t('products.stock.change')}</Table.Th><Table.Th ta="right">{t('products.stock.after')}</Table.Th><Table.Th>{t('products.stock.detail')}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ledger.data.data.map((e) => (
              <Table.Tr key={e.id} data-testid="stock-entry" data-kind={e.kind}>
                <Table.Td>{formatDateTime(e.at)}</Table.Td>
                <Table.Td>{t(`products.stock.kinds.${e.kind}`)}</Table.Td>
                <Table.Td ta="right">{e.onHandDelta !== 0 ? sign(e.onHandDelta) : `(${sign(e.reservedDelta)})`}</Table.Td>
                <Table.Td ta="right">{e.onHandAfter}</Table.Td>
                <Table.Td>{[e.reason, e.ref, e.serials.join(', ')].filter(Boolean).join(' · ')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ))}
      {dialog && <MovementDialog mode={dialog} productId={rec.id} serialTracked={serialTracked} onClose={() => setDialog(null)} />}
    </Card>
  );
}

function PricesCard({ rec }: { rec: RecordItem }) {
  const { t, i18n } = useTranslation();
  const entries = usePriceEntries(rec.id);
  if (!entries.data) return null;
  return (
    <Card withBorder radius="md" data-testid="price-card">
      <Title order={5} mb="sm">{t('products.prices.title')}</Title>
      {entries.data.length === 0 ? <Text size="sm" c="dimmed">{t('products.prices.none')}</Text> : (
        <Table>
          <Table.Thead>
            <Table.Tr><Table.Th>{t('products.prices.list')}</Table.Th><Table.Th>{t('products.prices.group')}</Table.Th><Table.Th ta="right">{t('products.prices.from')}</Table.Th><Table.Th ta="right">{t('products.prices.unitPrice')}</Table.Th><Table.Th>{t('products.prices.valid')}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.data.map((e) => (
              <Table.Tr key={`${e.priceListId}-${e.minQuantity}`} data-testid="price-entry">
                <Table.Td>{e.priceListName} {!e.active && <Badge size="xs" color="gray" variant="light">{t('products.prices.inactive')}</Badge>}</Table.Td>
                <Table.Td>{e.customerGroup ?? t('products.prices.everyone')}</Table.Td>
                <Table.Td ta="right">{e.minQuantity}</Table.Td>
                <Table.Td ta="right">{formatMoney({ amount: e.unitPrice, currency: e.currency }, i18n.language)}</Table.Td>
                <Table.Td>{e.validFrom || e.validTo ? `${e.validFrom ? formatDate(e.validFrom) : '…'} – ${e.validTo ? formatDate(e.validTo) : '…'}` : t('products.prices.always')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

export function ProductPanel({ rec }: { rec: RecordItem; type: RecordType }) {
  return (
    <Stack>
      <ImagesCard rec={rec} />
      <StockCard rec={rec} />
      <PricesCard rec={rec} />
    </Stack>
  );
}
