/**
 * The "Purchases" card of the contact and company pages (WebModule.recordCards): money received per currency, orders,
 * open quotes, unpaid invoices (overdue in red) and active warranties (ending soon flagged), from
 * `GET /{contacts|companies}/{id}/commerce`. A part the user's role may not read is not shown at all.
 */
import type { ReactNode } from 'react';
import { Anchor, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconShoppingBag } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CommerceSummary } from '../../../../contracts/orders';
import { api } from '../../app/api';
import type { RecordCardEntity } from '../../app/registry';
import { formatDate } from '../../ui/format';
import { listHref, recordHref, useRecordTypes } from '../../ui/records/data';
import { formatMoney } from '../../ui/records/logic';
import { localized } from '../../ui/records/types';

type Money = { amount: number; currency: string } | null;

/** The status option's label and colour from the object's definition (falls back to the raw value). */
function useStatus() {
  const { i18n } = useTranslation();
  const types = useRecordTypes().data ?? [];
  return (object: string, value: string) => {
    const opt = types.find((x) => x.name === object)?.fields.find((f) => f.key === 'status')?.options?.find((o) => o.value === value);
    return <Badge size="sm" variant="light" color={opt?.color ?? 'gray'} tt="none">{opt ? localized(opt.labels, i18n.language) : value}</Badge>;
  };
}

/** The object's list filtered to the party (the list reads `?filter=` like a shared link). */
const allHref = (object: string, party: { key: 'contact' | 'company'; id: string }) =>
  `${listHref(object)}?filter=${encodeURIComponent(JSON.stringify([{ field: party.key, op: 'eq', value: party.id }]))}`;

function Part({ title, testId, object, party, more, empty, count, children }: { title: string; testId: string; object: string; party: { key: 'contact' | 'company'; id: string }; more: boolean; empty: string; count: number; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} data-testid={testId}>
      <Group justify="space-between" gap="xs">
        <Text fw={600} size="sm">{title}</Text>
        {more && <Anchor component={Link} to={allHref(object, party)} size="xs">{t('orders.purchases.all')}</Anchor>}
      </Group>
      {count === 0 ? <Text size="sm" c="dimmed" data-testid={`${testId}-empty`}>{empty}</Text> : (
        <Table.ScrollContainer minWidth={420}>
          <Table verticalSpacing={4} fz="sm">
            <Table.Tbody>{children}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

export default function PurchasesCard({ entity, id }: { entity: RecordCardEntity; id: string }) {
  const { t, i18n } = useTranslation();
  const path = `/${entity === 'contact' ? 'contacts' : 'companies'}/${id}/commerce`;
  const q = useQuery({ queryKey: [path], queryFn: ({ signal }) => api.get<CommerceSummary>(path, undefined, { signal }) });
  const status = useStatus();
  const party = { key: entity, id };
  const s = q.data;
  if (!s || (!s.revenue && !s.orders && !s.quotes && !s.invoices && !s.warranties)) return null;
  const money = (m: Money) => (m ? formatMoney(m, i18n.language) : '');
  const nothing = [s.revenue, s.orders?.data, s.quotes?.data, s.invoices?.data, s.warranties?.data].every((x) => !x || x.length === 0);

  return (
    <Card withBorder radius="md" data-testid="purchases-card">
      <Group gap="xs" mb="sm">
        <IconShoppingBag size={18} />
        <Title order={4}>{t('orders.purchases.title')}</Title>
      </Group>
      {nothing ? <Text size="sm" c="dimmed" data-testid="purchases-empty">{t('orders.purchases.empty')}</Text> : (
        <Stack gap="md">
          {s.revenue && (
            <Group gap="xs" align="baseline" data-testid="purchases-revenue">
              <Text size="sm" c="dimmed">{t('orders.purchases.revenue')}</Text>
              {s.revenue.length === 0 ? <Text fw={600}>{money({ amount: 0, currency: s.currency })}</Text>
                : s.revenue.map((r) => <Text key={r.currency} fw={600}>{money(r)}</Text>)}
            </Group>
          )}
          {s.orders && (
            <Part title={t('orders.purchases.orders')} testId="purchases-orders" object="orders" party={party} more={s.orders.more} empty={t('orders.purchases.noOrders')} count={s.orders.data.length}>
              {s.orders.data.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td><Anchor component={Link} to={recordHref('orders', o.id)} size="sm">{o.number}</Anchor>{o.subject && <Text span size="sm" c="dimmed"> · {o.subject}</Text>}</Table.Td>
                  <Table.Td>{formatDate(o.date)}</Table.Td>
                  <Table.Td>{status('orders', o.status)}</Table.Td>
                  <Table.Td ta="right">{money(o.total)}</Table.Td>
                </Table.Tr>
              ))}
            </Part>
          )}
          {s.quotes && (
            <Part title={t('orders.purchases.quotes')} testId="purchases-quotes" object="quotes" party={party} more={s.quotes.more} empty={t('orders.purchases.noQuotes')} count={s.quotes.data.length}>
              {s.quotes.data.map((x) => (
                <Table.Tr key={x.id}>
                  <Table.Td><Anchor component={Link} to={recordHref('quotes', x.id)} size="sm">{x.number || x.title}</Anchor>{x.title && x.number && <Text span size="sm" c="dimmed"> · {x.title}</Text>}</Table.Td>
                  <Table.Td>{x.validUntil ? t('orders.purchases.validUntil', { date: formatDate(x.validUntil) }) : ''}</Table.Td>
                  <Table.Td>{status('quotes', x.status)}</Table.Td>
                  <Table.Td ta="right">{money(x.total)}</Table.Td>
                </Table.Tr>
              ))}
            </Part>
          )}
          {s.invoices && (
            <Part title={t('orders.purchases.invoices')} testId="purchases-invoices" object="invoices" party={party} more={s.invoices.more} empty={t('orders.purchases.noInvoices')} count={s.invoices.data.length}>
              {s.invoices.data.map((x) => (
                <Table.Tr key={x.id} data-overdue={x.overdue || undefined}>
                  <Table.Td><Anchor component={Link} to={recordHref('invoices', x.id)} size="sm">{x.number}</Anchor></Table.Td>
                  <Table.Td><Text size="sm" c={x.overdue ? 'red.8' : undefined} fw={x.overdue ? 600 : undefined}>{x.dueDate ? t('orders.purchases.due', { date: formatDate(x.dueDate) }) : ''}</Text></Table.Td>
                  <Table.Td>{status('invoices', x.status)}</Table.Td>
                  <Table.Td ta="right"><Text size="sm" c={x.overdue ? 'red.8' : undefined}>{t('orders.purchases.balance', { amount: money(x.balance) })}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Part>
          )}
          {s.warranties && (
            <Part title={t('orders.purchases.warranties')} testId="purchases-warranties" object="warranties" party={party} more={s.warranties.more} empty={t('orders.purchases.noWarranties')} count={s.warranties.data.length}>
              {s.warranties.data.map((w) => (
                <Table.Tr key={w.id}>
                  <Table.Td><Anchor component={Link} to={recordHref('warranties', w.id)} size="sm">{w.item}</Anchor></Table.Td>
                  <Table.Td>{w.serial ?? ''}</Table.Td>
                  <Table.Td>{w.endDate ? t('orders.purchases.ends', { date: formatDate(w.endDate) }) : ''}</Table.Td>
                  <Table.Td ta="right">{w.expiringSoon && <Badge size="sm" color="orange" variant="light" tt="none">{t('orders.purchases.expiringSoon')}</Badge>}</Table.Td>
                </Table.Tr>
              ))}
            </Part>
          )}
        </Stack>
      )}
    </Card>
  );
}
