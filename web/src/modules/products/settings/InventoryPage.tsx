/**
 * Settings › Inventory and price lists: warehouses (list + form; the first is the default) and price lists (list +
 * form with entries: product, from quantity, unit price in the list's currency), one tab each (`?tab=`).
 */
import { useState } from 'react';
import { ActionIcon, Badge, Button, Card, Checkbox, Group, Modal, NumberInput, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Warehouse } from '../../../../../contracts/inventory';
import type { PriceList, PriceListDetail } from '../../../../../contracts/products';
import { api } from '../../../app/api';
import { useConfirm } from '../../../ui/confirm';
import { errorMessage } from '../../../ui/errors';
import { formatDate } from '../../../ui/format';
import { notifyError } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { RecordPicker } from '../../../ui/records/pickers';
import { fromMinor, toMinor } from '../../../ui/records/logic';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { useSaveDialog } from '../../../ui/forms/save-dialog';

const TABS = ['warehouses', 'priceLists'] as const;

function WarehouseForm({ warehouse, onClose }: { warehouse: Warehouse | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [d, setD] = useState({ name: warehouse?.name ?? '', code: warehouse?.code ?? '', address: warehouse?.address ?? '', isDefault: warehouse?.isDefault ?? false, active: warehouse?.active ?? true });
  const { errors, busy, save: saveAs } = useSaveDialog({ path: '/warehouses', savedMessage: t('products.settings.saved'), onClose });
  const save = () => saveAs({ ...d, address: d.address || null }, warehouse?.id ?? null);
  return (
    <Modal opened onClose={onClose} title={warehouse ? t('products.settings.editWarehouse') : t('products.settings.newWarehouse')}>
      <form onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate data-testid="warehouse-form">
        <Stack>
          <TextInput label={t('products.settings.name')} required value={d.name} error={errors.name} onChange={(e) => setD({ ...d, name: e.currentTarget.value })} data-testid="warehouse-name" />
          <TextInput label={t('products.settings.code')} required value={d.code} error={errors.code} onChange={(e) => setD({ ...d, code: e.currentTarget.value })} data-testid="warehouse-code" />
          <TextInput label={t('products.settings.address')} value={d.address} error={errors.address} onChange={(e) => setD({ ...d, address: e.currentTarget.value })} />
          <Checkbox label={t('products.settings.isDefault')} checked={d.isDefault} onChange={(e) => setD({ ...d, isDefault: e.currentTarget.checked })} />
          <Checkbox label={t('products.settings.active')} checked={d.active} onChange={(e) => setD({ ...d, active: e.currentTarget.checked })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={busy} data-testid="warehouse-save">{t('common.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function WarehousesTab() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['/warehouses'], queryFn: ({ signal }) => api.get<{ data: Warehouse[] }>('/warehouses', undefined, { signal }), select: (d) => d.data });
  const [editing, setEditing] = useState<Warehouse | 'new' | null>(null);
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return <LoadingState />;
  const add = <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="warehouse-new">{t('products.settings.newWarehouse')}</Button>;
  return (
    <Stack>
      {list.data.length === 0 ? <EmptyState title={t('products.settings.noWarehouses')} description={t('products.settings.noWarehousesHint')} action={add} /> : (
        <>
          <Group justify="flex-end">{add}</Group>
          {list.data.map((w) => (
            <Card key={w.id} withBorder radius="md" data-testid="warehouse-card" data-name={w.name}>
              <Group justify="space-between" wrap="nowrap">
                <Group gap="xs">
                  <Text fw={600}>{w.name}</Text>
                  <Badge variant="light" tt="none">{w.code}</Badge>
                  {w.isDefault && <Badge variant="light" color="green">{t('products.settings.default')}</Badge>}
                  {!w.active && <Badge variant="light" color="gray">{t('products.settings.inactive')}</Badge>}
                </Group>
                <Button variant="default" size="xs" onClick={() => setEditing(w)} aria-label={t('products.settings.editNamed', { name: w.name })}>{t('common.edit')}</Button>
              </Group>
              {w.address && <Text size="sm" c="dimmed" mt={4}>{w.address}</Text>}
            </Card>
          ))}
        </>
      )}
      {editing && <WarehouseForm warehouse={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

interface ItemDraft { productId: string | null; title: string | null; minQuantity: number; unitPrice: number | string }

function PriceListForm({ list, onClose }: { list: PriceListDetail | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [d, setD] = useState({
    name: list?.name ?? '', currency: list?.currency ?? 'VND', customerGroup: list?.customerGroup ?? '', validFrom: list?.validFrom ?? '', validTo: list?.validTo ?? '', active: list?.active ?? true,
  });
  const [items, setItems] = useState<ItemDraft[]>((list?.items ?? []).map((i) => ({ productId: i.productId, title: i.productName, minQuantity: i.minQuantity, unitPrice: fromMinor(i.unitPrice, list!.currency) })));
  const { errors, busy, save: saveAs } = useSaveDialog({ path: '/price-lists', savedMessage: t('products.settings.saved'), onClose });
  const currency = d.currency.trim().toUpperCase() || 'VND';
  const save = () => saveAs({
    name: d.name, currency, customerGroup: d.customerGroup.trim() || null, validFrom: d.validFrom || null, validTo: d.validTo || null, active: d.active,
    items: items.map((i) => ({ productId: i.productId ?? '', minQuantity: Number(i.minQuantity), unitPrice: toMinor(Number(i.unitPrice), currency) })),
  }, list?.id ?? null);
  const setItem = (i: number, patch: Partial<ItemDraft>) => setItems(items.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <Modal opened onClose={onClose} size="xl" title={list ? t('products.settings.editPriceList') : t('products.settings.newPriceList')}>
      <form onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate data-testid="price-list-form">
        <Stack>
          <Group grow align="flex-start">
            <TextInput label={t('products.settings.name')} required value={d.name} error={errors.name} onChange={(e) => setD({ ...d, name: e.currentTarget.value })} data-testid="price-list-name" />
            <TextInput label={t('products.settings.currency')} required maxLength={3} value={d.currency} error={errors.currency} onChange={(e) => setD({ ...d, currency: e.currentTarget.value })} />
          </Group>
          <TextInput label={t('products.settings.customerGroup')} description={t('products.settings.customerGroupHint')} value={d.customerGroup} error={errors.customerGroup} onChange={(e) => setD({ ...d, customerGroup: e.currentTarget.value })} />
          <Group grow align="flex-start">
            <TextInput type="date" label={t('products.settings.validFrom')} value={d.validFrom} error={errors.validFrom} onChange={(e) => setD({ ...d, validFrom: e.currentTarget.value })} />
            <TextInput type="date" label={t('products.settings.validTo')} value={d.validTo} error={errors.validTo} onChange={(e) => setD({ ...d, validTo: e.currentTarget.value })} />
          </Group>
          <Checkbox label={t('products.settings.active')} checked={d.active} onChange={(e) => setD({ ...d, active: e.currentTarget.checked })} />
          <Text fw={600}>{t('products.settings.entries')}</Text>
          {items.length > 0 && (
            <Table>
              <Table.Thead><Table.Tr><Table.Th>{t('products.settings.product')}</Table.Th><Table.Th>{t('products.settings.minQuantity')}</Table.Th><Table.Th>{`${t('products.settings.unitPrice')} (${currency})`}</Table.Th><Table.Th /></Table.Tr></Table.Thead>
              <Table.Tbody>
                {items.map((it, i) => (
                  <Table.Tr key={i}>
                    <Table.Td><RecordPicker target="products" aria-label={`${t('products.settings.product')} ${i + 1}`} value={it.productId} valueTitle={it.title} error={errors[`items.${i}.productId`]} onChange={(id, title) => setItem(i, { productId: id, title })} /></Table.Td>
                    <Table.Td><NumberInput aria-label={`${t('products.settings.minQuantity')} ${i + 1}`} min={1} allowDecimal={false} value={it.minQuantity} error={errors[`items.${i}.minQuantity`]} onChange={(v) => setItem(i, { minQuantity: Number(v) || 1 })} w={110} /></Table.Td>
                    <Table.Td><NumberInput aria-label={`${t('products.settings.unitPrice')} ${i + 1}`} min={0} thousandSeparator="," value={it.unitPrice} error={errors[`items.${i}.unitPrice`]} onChange={(v) => setItem(i, { unitPrice: v })} w={170} /></Table.Td>
                    <Table.Td><ActionIcon variant="subtle" color="red" aria-label={t('products.settings.removeEntry', { n: i + 1 })} onClick={() => setItems(items.filter((_, j) => j !== i))}><IconTrash size={14} /></ActionIcon></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Group><Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={() => setItems([...items, { productId: null, title: null, minQuantity: 1, unitPrice: 0 }])}>{t('products.settings.addEntry')}</Button></Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={busy} data-testid="price-list-save">{t('common.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function PriceListsTab() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const confirm = useConfirm();
  const list = useQuery({ queryKey: ['/price-lists'], queryFn: ({ signal }) => api.get<{ data: PriceList[] }>('/price-lists', undefined, { signal }), select: (d) => d.data });
  const [editing, setEditing] = useState<PriceListDetail | 'new' | null>(null);
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return <LoadingState />;
  const open = async (p: PriceList) => {
    try {
      setEditing(await api.get<PriceListDetail>(`/price-lists/${p.id}`));
    } catch (err) {
      notifyError(errorMessage(err, t));
    }
  };
  const remove = async (p: PriceList) => {
    if (!(await confirm({ title: t('products.settings.deletePriceList'), message: t('products.settings.deleteConfirm', { name: p.name }), confirmLabel: t('common.delete'), danger: true }))) return;
    try {
      await api.delete(`/price-lists/${p.id}`);
      await qc.invalidateQueries({ queryKey: ['/price-lists'] });
    } catch (err) {
      notifyError(errorMessage(err, t));
    }
  };
  const add = <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="price-list-new">{t('products.settings.newPriceList')}</Button>;
  return (
    <Stack>
      {list.data.length === 0 ? <EmptyState title={t('products.settings.noPriceLists')} description={t('products.settings.noPriceListsHint')} action={add} /> : (
        <>
          <Group justify="flex-end">{add}</Group>
          {list.data.map((p) => (
            <Card key={p.id} withBorder radius="md" data-testid="price-list-card" data-name={p.name}>
              <Group justify="space-between" wrap="nowrap">
                <Group gap="xs">
                  <Text fw={600}>{p.name}</Text>
                  <Badge variant="light" tt="none">{p.currency}</Badge>
                  <Badge variant="light" color="grape" tt="none">{p.customerGroup ?? t('products.settings.forEveryone')}</Badge>
                  {!p.active && <Badge variant="light" color="gray">{t('products.settings.inactive')}</Badge>}
                </Group>
                <Group gap="xs" wrap="nowrap">
                  <Button variant="default" size="xs" onClick={() => void open(p)} aria-label={t('products.settings.editNamed', { name: p.name })}>{t('common.edit')}</Button>
                  <Button variant="subtle" color="red" size="xs" onClick={() => void remove(p)} aria-label={t('products.settings.deleteNamed', { name: p.name })}>{t('common.delete')}</Button>
                </Group>
              </Group>
              <Text size="sm" c="dimmed" mt={4}>
                {t('products.settings.entryCount', { count: p.itemCount })}
                {(p.validFrom || p.validTo) && ` · ${t('products.settings.validity', { from: p.validFrom ? formatDate(p.validFrom) : t('products.settings.open'), to: p.validTo ? formatDate(p.validTo) : t('products.settings.open') })}`}
              </Text>
            </Card>
          ))}
        </>
      )}
      {editing && <PriceListForm list={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

export function InventoryPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((x) => x === params.get('tab')) ?? 'warehouses';
  return (
    <Stack>
      <PageHeader title={t('products.settings.title')} description={t('products.settings.description')} />
      <Tabs value={tab} onChange={(v) => setParams(v && v !== 'warehouses' ? { tab: v } : {})} keepMounted={false}>
        <Tabs.List mb="md">
          {TABS.map((x) => <Tabs.Tab key={x} value={x} data-testid={`inventory-tab-${x}`}>{t(`products.settings.tabs.${x}`)}</Tabs.Tab>)}
        </Tabs.List>
        <Tabs.Panel value="warehouses"><WarehousesTab /></Tabs.Panel>
        <Tabs.Panel value="priceLists"><PriceListsTab /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
