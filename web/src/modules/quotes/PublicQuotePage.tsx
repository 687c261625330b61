/**
 * The customer's page of a sent quote (/q/:token, no sign-in), in English and Vietnamese: the company, the lines,
 * totals and the amount in words, the PDF, and Accept / Decline with the customer's name (the link works once).
 * The page registers the module's strings itself (the signed-in shell's bundles are not loaded here).
 */
import { useState } from 'react';
import { Alert, Box, Button, Center, Group, Loader, Paper, SegmentedControl, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconCircleCheck, IconDownload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PublicQuote } from '../../../../contracts/quotes';
import { api } from '../../app/api';
import { applyLocale, LOCALES } from '../../app/locale';
import i18n from '../../i18n';
import { errorMessage } from '../../ui/errors';
import { formatMoney } from '../../ui/records/logic';
import { en, vi } from './i18n';

i18n.addResourceBundle('en', 'translation', { quotes: en }, true, true);
i18n.addResourceBundle('vi', 'translation', { quotes: vi }, true, true);

const date = (iso: string, lang: string) => new Intl.DateTimeFormat(lang.startsWith('vi') ? 'vi-VN' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso));

export function PublicQuotePage() {
  const { token = '' } = useParams();
  const { t, i18n: i } = useTranslation();
  const q = useQuery({ queryKey: ['/public/quotes', token], queryFn: () => api.get<PublicQuote>(`/public/quotes/${token}`, undefined, { allowUnauthenticated: true }), retry: false });
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<'accepted' | 'declined' | null>(null);
  const answer = async (decision: 'accept' | 'decline') => {
    if (!name.trim()) { setError(t('quotes.public.name')); return; }
    setBusy(true);
    setError(null);
    try {
      await api.post(`/public/quotes/${token}/${decision}`, { name: name.trim(), reason: reason.trim() || undefined }, { allowUnauthenticated: true });
      setDone(decision === 'accept' ? 'accepted' : 'declined');
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  const data = q.data;
  const money = (minor: number) => (data ? formatMoney({ amount: minor, currency: data.totals.currency }, i.language) : '');
  return (
    <Center mih="100vh" p="md">
      <Box w="100%" maw={820} component="main">
        {q.isPending && <Center><Loader aria-label="…" /></Center>}
        {q.error && <Alert color="red" role="alert">{t('quotes.public.notFound')}</Alert>}
        {data && (
          <Paper withBorder p="lg" radius="md">
            <Stack>
              <Group justify="space-between" align="flex-start">
                <div>
                  <Text size="sm" c="dimmed">{t('quotes.public.from')}</Text>
                  <Text fw={700}>{data.company.name}</Text>
                  {data.company.address && <Text size="sm">{data.company.address}</Text>}
                </div>
                <div style={{ textAlign: 'right' }}>
                  <Title order={1} size="h3">{t('quotes.public.title', { number: data.revision > 1 ? `${data.number} v${data.revision}` : data.number })}</Title>
                  {data.validUntil && <Text size="sm">{t('quotes.public.validUntil', { date: date(data.validUntil, i.language) })}</Text>}
                </div>
              </Group>
              {data.customer.name && <Text size="sm">{t('quotes.public.for')}: <b>{data.customer.name}</b></Text>}
              {data.title && <Text fw={600}>{data.title}</Text>}
              <Table.ScrollContainer minWidth={560}>
                <Table striped aria-label={t('quotes.public.lines')}>
                  <Table.Thead><Table.Tr>
                    <Table.Th>{t('quotes.lines.description')}</Table.Th><Table.Th ta="right">{t('quotes.lines.quantity')}</Table.Th>
                    <Table.Th ta="right">{t('quotes.lines.unitPrice')}</Table.Th><Table.Th ta="right">{t('quotes.lines.discount')}</Table.Th>
                    <Table.Th ta="right">{t('quotes.lines.tax')}</Table.Th><Table.Th ta="right">{t('quotes.lines.lineTotal')}</Table.Th>
                  </Table.Tr></Table.Thead>
                  <Table.Tbody>
                    {data.lines.map((l, n) => (
                      <Table.Tr key={n}>
                        <Table.Td>{l.description}{l.unit ? ` (${l.unit})` : ''}</Table.Td><Table.Td ta="right">{l.quantity}</Table.Td>
                        <Table.Td ta="right">{money(l.unitPrice)}</Table.Td>
                        <Table.Td ta="right">{l.discount ? (l.discountPercent !== null ? `${l.discountPercent} %` : money(l.discount)) : '—'}</Table.Td>
                        <Table.Td ta="right">{l.taxRate} %</Table.Td><Table.Td ta="right">{money(l.net)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Stack gap={2} align="flex-end">
                <Text size="sm">{t('quotes.lines.subtotal')}: {money(data.totals.subtotal)}</Text>
                {data.totals.discount > 0 && <Text size="sm">{t('quotes.lines.discountTotal')}: −{money(data.totals.discount)}</Text>}
                <Text size="sm">{t('quotes.lines.taxTotal')}: {money(data.totals.tax)}</Text>
                <Text fw={700} data-testid="public-total">{t('quotes.public.total')}: {money(data.totals.total)}</Text>
                <Text size="sm" data-testid="public-words">{t('quotes.public.words')}: {i.language.startsWith('vi') ? data.words.vi : data.words.en}</Text>
              </Stack>
              {data.notes && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{data.notes}</Text>}
              <Group>
                <Button variant="light" component="a" href={`/api/v1/public/quotes/${token}/pdf?lang=${i.language.startsWith('vi') ? 'vi' : 'en'}`} download leftSection={<IconDownload size={16} />}>
                  {t('quotes.public.pdf')}
                </Button>
              </Group>
              {done ? (
                <Alert color={done === 'accepted' ? 'green' : 'gray'} icon={<IconCircleCheck />} data-testid="public-done">{t(`quotes.public.${done}`)}</Alert>
              ) : data.canAnswer ? (
                <Stack>
                  {error && <Alert color="red" role="alert">{error}</Alert>}
                  <TextInput label={t('quotes.public.name')} required autoComplete="name" value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="public-name" />
                  <Textarea label={t('quotes.public.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} />
                  <Group>
                    <Button color="green" loading={busy} onClick={() => void answer('accept')} data-testid="public-accept">{t('quotes.public.accept')}</Button>
                    <Button variant="default" loading={busy} onClick={() => void answer('decline')} data-testid="public-decline">{t('quotes.public.decline')}</Button>
                  </Group>
                </Stack>
              ) : (
                <Alert color="gray" data-testid="public-closed">
                  {data.expired && data.validUntil ? t('quotes.public.expired', { date: date(data.validUntil, i.language) })
                    : data.decidedAt ? t('quotes.public.answered', { date: date(data.decidedAt, i.language), name: data.decidedByName ?? '' }) : t('quotes.public.closed')}
                </Alert>
              )}
            </Stack>
          </Paper>
        )}
        <Center mt="md">
          <SegmentedControl size="xs" value={i.language} onChange={applyLocale} data-testid="language-switch"
            data={LOCALES.map((l) => ({ value: l, label: <span data-testid={`language-switch-${l}`}>{t(`languages.${l}`)}</span> }))} />
        </Center>
      </Box>
    </Center>
  );
}
