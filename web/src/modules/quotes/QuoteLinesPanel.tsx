/**
 * The line editor of a quote's record page: product (fills description, unit, price and VAT from the catalogue),
 * description, unit, quantity, unit price, discount (% or amount), tax; live totals by the server's rule; saving
 * replaces the lines (PUT /quotes/{id}/lines) and shows the server's exact totals and the total in words.
 */
import { useEffect, useState } from 'react';
import { ActionIcon, Alert, Button, Card, Group, NumberInput, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { QuoteLines } from '../../../../contracts/quotes';
import { api } from '../../app/api';
import { useUser } from '../../app/auth';
import { can } from '../../app/session';
import { errorMessage } from '../../ui/errors';
import { notifyError, notifySuccess } from '../../ui/notify';
import { formatMoney, fromMinor, toMinor } from '../../ui/records/logic';
import { RecordPicker } from '../../ui/records/pickers';
import type { RecordItem } from '../../ui/records/types';
import { lineFigures, sumFigures, type EditLine } from './logic';
import { useQuoteRefresh } from './QuoteActions';

const blank = (): EditLine => ({ productId: null, productTitle: null, description: '', unit: '', quantity: 1, unitPrice: 0, discountMode: 'percent', discount: 0, taxRate: 10 });

function fromServer(l: QuoteLines['items'][number]): EditLine {
  return {
    productId: l.productId, productTitle: null, description: l.description, unit: l.unit ?? '', quantity: l.quantity, unitPrice: l.unitPrice,
    discountMode: l.discountAmount !== null ? 'amount' : 'percent', discount: l.discountAmount ?? l.discountPercent ?? 0, taxRate: l.taxRate,
  };
}

export function QuoteLinesPanel({ rec }: { rec: RecordItem }) {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const refresh = useQuoteRefresh(rec.id);
  const currency = String(rec.values.currency ?? 'VND');
  const status = String(rec.values.status ?? 'draft');
  const editable = ['draft', 'pending_approval'].includes(status) && can(user, 'quotes', 'update');
  const query = useQuery({ queryKey: ['/quotes', rec.id, 'lines'], queryFn: () => api.get<QuoteLines>(`/quotes/${rec.id}/lines`) });
  const [lines, setLines] = useState<EditLine[] | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => { if (query.data) setLines(query.data.items.map(fromServer)); }, [query.data]);
  if (!query.data || !lines) return null;
  const money = (minor: number) => formatMoney({ amount: minor, currency }, i18n.language);
  const edit = (i: number, patch: Partial<EditLine>) => setLines(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const pickProduct = async (i: number, id: string | null, title: string | null) => {
    if (!id) return edit(i, { productId: null, productTitle: null });
    const p = await api.get<RecordItem>(`/objects/products/${id}`);
    const price = p.values.price as { amount: number; currency: string } | null;
    const name = i18n.language.startsWith('vi') && p.values.name_vi ? String(p.values.name_vi) : String(p.values.name ?? title ?? '');
    edit(i, {
      productId: id, productTitle: title, description: lines[i]!.description || name, unit: typeof p.values.unit === 'string' ? p.values.unit : lines[i]!.unit,
      unitPrice: price && price.currency === currency ? price.amount : lines[i]!.unitPrice, taxRate: p.values.tax_rate !== undefined && p.values.tax_rate !== null ? Number(p.values.tax_rate) : lines[i]!.taxRate,
    });
  };
  const save = async () => {
    setSaving(true);
    try {
      await api.put(`/quotes/${rec.id}/lines`, {
        items: lines.map((l) => ({
          productId: l.productId, description: l.description, unit: l.unit || null, quantity: l.quantity, unitPrice: l.unitPrice, taxRate: l.taxRate,
          discountPercent: l.discountMode === 'percent' && l.discount ? l.discount : null, discountAmount: l.discountMode === 'amount' && l.discount ? l.discount : null,
        })),
      });
      notifySuccess(t('quotes.lines.saved'));
      refresh();
    } catch (e) {
      notifyError(errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  };
  const live = sumFigures(lines);
  const server = query.data;
  return (
    <Card withBorder data-testid="quote-lines">
      <Stack gap="sm">
        <Title order={2} size="h4">{t('quotes.lines.title')}</Title>
        {!editable && <Text size="sm" c="dimmed">{t('quotes.lines.readOnly', { status })}</Text>}
        {status === 'pending_approval' && <Alert color="orange" icon={<IconAlertTriangle />} data-testid="quote-pending">{t('quotes.lines.pending', { threshold: server.approvalThreshold })}</Alert>}
        {lines.length === 0 ? <Text size="sm" c="dimmed">{t('quotes.lines.empty')}</Text> : (
          <Table.ScrollContainer minWidth={900}>
            <Table>
              <Table.Thead><Table.Tr>
                <Table.Th>{t('quotes.lines.product')}</Table.Th><Table.Th>{t('quotes.lines.description')}</Table.Th><Table.Th>{t('quotes.lines.unit')}</Table.Th>
                <Table.Th>{t('quotes.lines.quantity')}</Table.Th><Table.Th>{t('quotes.lines.unitPrice')}</Table.Th><Table.Th>{t('quotes.lines.discount')}</Table.Th>
                <Table.Th>{t('quotes.lines.tax')}</Table.Th><Table.Th ta="right">{t('quotes.lines.lineTotal')}</Table.Th><Table.Th />
              </Table.Tr></Table.Thead>
              <Table.Tbody>
                {lines.map((l, i) => (
                  <Table.Tr key={i} data-testid={`quote-line-${i}`}>
                    <Table.Td miw={160}>
                      <RecordPicker target="products" aria-label={t('quotes.lines.product')} placeholder={t('quotes.lines.pickProduct')} disabled={!editable}
                        value={l.productId} valueTitle={l.productTitle} onChange={(id, title) => void pickProduct(i, id, title)} />
                    </Table.Td>
                    <Table.Td miw={200}><TextInput aria-label={t('quotes.lines.description')} disabled={!editable} value={l.description} onChange={(e) => edit(i, { description: e.currentTarget.value })} /></Table.Td>
                    <Table.Td><TextInput aria-label={t('quotes.lines.unit')} w={70} disabled={!editable} value={l.unit} onChange={(e) => edit(i, { unit: e.currentTarget.value })} /></Table.Td>
                    <Table.Td><NumberInput aria-label={t('quotes.lines.quantity')} w={80} min={0} decimalScale={3} disabled={!editable} value={l.quantity} onChange={(v) => edit(i, { quantity: Number(v) || 0 })} /></Table.Td>
                    <Table.Td><NumberInput aria-label={t('quotes.lines.unitPrice')} w={140} min={0} thousandSeparator disabled={!editable} value={fromMinor(l.unitPrice, currency)} onChange={(v) => edit(i, { unitPrice: toMinor(Number(v) || 0, currency) })} /></Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <SegmentedControl size="xs" aria-label={t('quotes.lines.discountMode')} disabled={!editable} value={l.discountMode}
                          onChange={(v) => edit(i, { discountMode: v as EditLine['discountMode'], discount: 0 })}
                          data={[{ value: 'percent', label: t('quotes.lines.percent') }, { value: 'amount', label: t('quotes.lines.amount') }]} />
                        <NumberInput aria-label={t('quotes.lines.discount')} w={110} min={0} max={l.discountMode === 'percent' ? 100 : undefined} thousandSeparator disabled={!editable}
                          value={l.discountMode === 'percent' ? l.discount : fromMinor(l.discount, currency)}
                          onChange={(v) => edit(i, { discount: l.discountMode === 'percent' ? Number(v) || 0 : toMinor(Number(v) || 0, currency) })} />
                      </Group>
                    </Table.Td>
                    <Table.Td><NumberInput aria-label={t('quotes.lines.tax')} w={70} min={0} max={100} disabled={!editable} value={l.taxRate} onChange={(v) => edit(i, { taxRate: Number(v) || 0 })} /></Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{money(lineFigures(l).net)}</Table.Td>
                    <Table.Td>{editable && <ActionIcon variant="subtle" color="red" aria-label={t('quotes.lines.remove', { n: i + 1 })} onClick={() => setLines(lines.filter((_, j) => j !== i))}><IconTrash size={16} /></ActionIcon>}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {editable && (
          <Group>
            <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setLines([...lines, blank()])} data-testid="quote-add-line">{t('quotes.lines.add')}</Button>
            <Button loading={saving} onClick={() => void save()} data-testid="quote-save-lines">{t('quotes.lines.save')}</Button>
          </Group>
        )}
        <Stack gap={2} align="flex-end" data-testid="quote-totals">
          <Text size="sm">{t('quotes.lines.subtotal')}: {money(live.subtotal)}</Text>
          {live.discount > 0 && <Text size="sm">{t('quotes.lines.discountTotal')}: −{money(live.discount)}</Text>}
          <Text size="sm">{t('quotes.lines.taxTotal')}: {money(live.tax)}</Text>
          <Text fw={700} data-testid="quote-total">{t('quotes.lines.total')}: {money(live.total)}</Text>
          <Text size="sm" c="dimmed" data-testid="quote-words">{t('quotes.lines.words')}: {i18n.language.startsWith('vi') ? server.words.vi : server.words.en}</Text>
        </Stack>
      </Stack>
    </Card>
  );
}
