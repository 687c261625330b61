/**
 * The sales forecast (`GET /forecast`): a period (month or quarter), rows by owner, team or pipeline with won,
 * commit, best case, pipeline, weighted and quota attainment, a stacked bar chart, a drill-down drawer listing the
 * deals behind any figure (`GET /forecast/deals`), and quota editing for managers (`PUT /quotas`).
 */
import { useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import {
  ActionIcon, Alert, Anchor, Button, Card, Drawer, Group, NumberInput, Paper, Popover, Progress, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title, Tooltip,
} from '@mantine/core';
import { IconInfoCircle, IconTarget } from '@tabler/icons-react';
import type { ForecastDeal, ForecastResult, ForecastRow, Quota } from '../../../../contracts/forecast';
import { api } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { notifyError, notifySuccess } from '../../ui/notify';
import { errorMessage } from '../../ui/errors';
import { recordHref, useRecordTypes } from '../../ui/records/data';
import { formatMoney, periodLabel, periodOf, periodsAround, toMinor } from './logic';

type By = 'owner' | 'team' | 'pipeline';
type Category = 'won' | 'commit' | 'best_case' | 'pipeline' | 'all';
const CURRENCIES = ['VND', 'USD', 'EUR', 'JPY', 'KRW', 'SGD'];

function QuotaButton({ row, period, currency, onSaved }: { row: ForecastRow; period: string; currency: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState<number | string>('');
  const [opened, setOpened] = useState(false);
  const save = async () => {
    try {
      await api.put<Quota>('/quotas', { userId: row.key, period, amount: toMinor(Number(value) || 0, currency), currency });
      notifySuccess(t('forecast.quotaSaved'));
      setOpened(false);
      onSaved();
    } catch (err) {
      notifyError(errorMessage(err, t));
    }
  };
  return (
    <Popover opened={opened} onChange={setOpened} withArrow trapFocus>
      <Popover.Target>
        <Tooltip label={t('forecast.setQuota')}>
          <ActionIcon variant="subtle" aria-label={`${t('forecast.setQuota')}: ${row.label}`} onClick={() => setOpened((o) => !o)} data-testid={`set-quota-${row.key}`}>
            <IconTarget size={16} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <NumberInput label={`${t('forecast.quota')} (${currency})`} value={value} onChange={setValue} min={0} thousandSeparator="." decimalSeparator="," data-testid="quota-input" />
          <Button size="xs" onClick={() => void save()} data-testid="quota-save">{t('forecast.save')}</Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

function DrillDown({ query, target, onClose }: { query: Record<string, string>; target: { key?: string; label: string; category: Category } | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const deals = useQuery({
    queryKey: ['/forecast/deals', query, target],
    enabled: target !== null,
    queryFn: ({ signal }) => api.get<{ data: ForecastDeal[]; more: boolean }>('/forecast/deals', { ...query, ...(target?.key ? { key: target.key } : {}), category: target!.category }, { signal }),
  });
  const categoryLabel = (c: Category) => ({ won: t('forecast.won'), commit: t('forecast.commit'), best_case: t('forecast.bestCase'), pipeline: t('forecast.pipelineCategory'), all: t('forecast.deals') })[c];
  return (
    <Drawer opened={target !== null} onClose={onClose} position="right" size="lg" closeButtonProps={{ 'aria-label': t('forecast.close') }} title={target ? t('forecast.drillTitle', { category: categoryLabel(target.category), label: target.label }) : ''}>
      {deals.isPending ? <LoadingState /> : deals.error ? <ErrorState error={deals.error} /> : deals.data.data.length === 0 ? <Text c="dimmed">{t('forecast.drillEmpty')}</Text> : (
        <Table data-testid="forecast-deals">
          <Table.Thead><Table.Tr><Table.Th>{t('forecast.deals')}</Table.Th><Table.Th ta="right">{t('forecast.amount')}</Table.Th><Table.Th>{t('forecast.closeDate')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {deals.data.data.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td><Anchor component={Link} to={recordHref('deals', d.id)} size="sm">{d.name}</Anchor></Table.Td>
                <Table.Td ta="right">{formatMoney(d.amount, d.currency, i18n.language)}</Table.Td>
                <Table.Td>{d.closeDate ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {deals.data?.more && <Text size="xs" c="dimmed" mt="xs">{t('forecast.drillMore')}</Text>}
    </Drawer>
  );
}

export function ForecastPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const [kind, setKind] = useState<'quarter' | 'month'>('quarter');
  const [period, setPeriod] = useState(() => periodOf(new Date(), 'quarter'));
  const [by, setBy] = useState<By>('owner');
  const [pipeline, setPipeline] = useState<string | null>(null);
  const [currency, setCurrency] = useState('VND');
  const [drill, setDrill] = useState<{ key?: string; label: string; category: Category } | null>(null);
  const dealsType = (useRecordTypes().data ?? []).find((x) => x.name === 'deals');
  const pipelines = dealsType?.fields.find((f) => f.key === 'pipeline')?.options ?? [];
  const query = useMemo(() => ({ period, by, currency, ...(pipeline ? { pipeline } : {}) }), [period, by, currency, pipeline]);
  const forecast = useQuery({ queryKey: ['/forecast', query], queryFn: ({ signal }) => api.get<ForecastResult>('/forecast', query, { signal }) });
  const quotas = useQuery({ queryKey: ['/quotas', period], queryFn: ({ signal }) => api.get<{ data: Quota[]; canManage: boolean }>('/quotas', { period }, { signal }) });
  const money = (n: number) => formatMoney(n, currency, lang);
  const periods = periodsAround(new Date(), kind, kind === 'quarter' ? 4 : 6, kind === 'quarter' ? 2 : 6);
  const refresh = () => { void qc.invalidateQueries({ queryKey: ['/forecast'] }); void qc.invalidateQueries({ queryKey: ['/quotas'] }); };

  const controls = (
    <Group gap="xs" wrap="wrap">
      <SegmentedControl size="xs" value={kind} aria-label={t('forecast.period')} data-testid="forecast-kind"
        onChange={(v) => { const k = v as 'quarter' | 'month'; setKind(k); setPeriod(periodOf(new Date(), k)); }}
        data={[{ value: 'quarter', label: t('forecast.quarter') }, { value: 'month', label: t('forecast.month') }]} />
      <Select size="xs" w={150} aria-label={t('forecast.period')} value={period} onChange={(v) => v && setPeriod(v)} allowDeselect={false}
        data={periods.map((p) => ({ value: p, label: periodLabel(p, lang) }))} data-testid="forecast-period" />
      <Select size="xs" w={150} aria-label={t('forecast.groupBy')} value={by} onChange={(v) => v && setBy(v as By)} allowDeselect={false}
        data={[{ value: 'owner', label: t('forecast.byOwner') }, { value: 'team', label: t('forecast.byTeam') }, { value: 'pipeline', label: t('forecast.byPipeline') }]} data-testid="forecast-by" />
      <Select size="xs" w={170} aria-label={t('forecast.pipeline')} value={pipeline} onChange={setPipeline} clearable placeholder={t('forecast.allPipelines')}
        data={pipelines.map((o) => ({ value: o.value, label: lang === 'vi' ? o.labels.vi : o.labels.en }))} />
      <Select size="xs" w={90} aria-label={t('forecast.currency')} value={currency} onChange={(v) => v && setCurrency(v)} allowDeselect={false} data={CURRENCIES} />
    </Group>
  );

  const body = () => {
    if (forecast.isPending) return <LoadingState />;
    if (forecast.error) return <ErrorState error={forecast.error} onRetry={() => void forecast.refetch()} />;
    const f = forecast.data;
    const figure = (category: Category, value: number, row?: ForecastRow) => (
      <Anchor component="button" type="button" size="sm" c="inherit" underline="always" onClick={() => setDrill({ key: row?.key, label: row?.label ?? t('forecast.total'), category })} data-testid={`figure-${category}-${row?.key ?? 'total'}`}>
        {money(value)}
      </Anchor>
    );
    const attainmentCell = (r: Pick<ForecastRow, 'attainment' | 'quota'>) => r.attainment === null ? <Text size="xs" c="dimmed">{t('forecast.noQuota')}</Text> : (
      <Stack gap={2}>
        <Text size="sm" fw={600}>{Math.round(r.attainment * 100)} %</Text>
        <Progress value={Math.min(100, r.attainment * 100)} size="sm" aria-label={t('forecast.attainment')} color={r.attainment >= 1 ? 'green' : 'blue'} />
      </Stack>
    );
    const cards: [string, number, Category | null][] = [
      [t('forecast.won'), f.totals.won, 'won'], [t('forecast.commit'), f.totals.commit, 'commit'], [t('forecast.bestCase'), f.totals.bestCase, 'best_case'],
      [t('forecast.pipelineCategory'), f.totals.pipeline, 'pipeline'], [t('forecast.weighted'), f.totals.weighted, null],
    ];
    return (
      <Stack gap="md">
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
          {cards.map(([label, value, cat]) => (
            <Card key={label} withBorder padding="sm" data-testid={`total-${cat ?? 'weighted'}`}>
              <Text size="xs" c="dimmed">{label}</Text>
              <Text fw={700} size="lg">{money(value)}</Text>
              {cat && <Anchor component="button" type="button" size="xs" onClick={() => setDrill({ label: t('forecast.total'), category: cat })}>{t('forecast.deals')}</Anchor>}
            </Card>
          ))}
          <Card withBorder padding="sm" data-testid="total-attainment">
            <Text size="xs" c="dimmed">{t('forecast.attainment')}</Text>
            {f.totals.quota === null ? <Text c="dimmed" size="sm">{t('forecast.noQuota')}</Text> : <>
              <Text fw={700} size="lg">{Math.round((f.totals.attainment ?? 0) * 100)} %</Text>
              <Text size="xs" c="dimmed">{t('forecast.quota')}: {money(f.totals.quota)}</Text>
            </>}
          </Card>
        </SimpleGrid>
        {f.otherCurrencies.length > 0 && (
          <Alert variant="light" icon={<IconInfoCircle size={16} />}>{t('forecast.otherCurrencies', { list: f.otherCurrencies.map((o) => `${o.currency} (${o.deals})`).join(', ') })}</Alert>
        )}
        {f.rows.length === 0 ? <EmptyState title={t('forecast.empty')} description={t('forecast.emptyHint')} /> : <>
          <Paper withBorder p="md">
            <Title order={4} mb="sm">{t('forecast.chartTitle', { by: t(by === 'owner' ? 'forecast.byOwner' : by === 'team' ? 'forecast.byTeam' : 'forecast.byPipeline').toLowerCase() })}</Title>
            <BarChart h={260} data={f.rows.map((r) => ({ label: r.label, won: r.won, commit: r.commit, bestCase: r.bestCase, pipeline: r.pipeline }))} dataKey="label" type="stacked"
              valueFormatter={(v) => money(v)} withLegend
              series={[
                { name: 'won', label: t('forecast.won'), color: 'green.6' }, { name: 'commit', label: t('forecast.commit'), color: 'blue.6' },
                { name: 'bestCase', label: t('forecast.bestCase'), color: 'cyan.5' }, { name: 'pipeline', label: t('forecast.pipelineCategory'), color: 'gray.5' },
              ]} />
          </Paper>
          <Paper withBorder style={{ overflowX: 'auto' }}>
            <Table striped highlightOnHover data-testid="forecast-table" miw={900}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t(by === 'owner' ? 'forecast.byOwner' : by === 'team' ? 'forecast.byTeam' : 'forecast.byPipeline')}</Table.Th>
                  <Table.Th ta="right">{t('forecast.won')}</Table.Th><Table.Th ta="right">{t('forecast.commit')}</Table.Th>
                  <Table.Th ta="right">{t('forecast.bestCase')}</Table.Th><Table.Th ta="right">{t('forecast.pipelineCategory')}</Table.Th>
                  <Table.Th ta="right">{t('forecast.weighted')}</Table.Th><Table.Th ta="right">{t('forecast.quota')}</Table.Th><Table.Th w={140}>{t('forecast.attainment')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {f.rows.map((r) => (
                  <Table.Tr key={r.key} data-testid={`forecast-row-${r.key}`}>
                    <Table.Td>{r.label}</Table.Td>
                    <Table.Td ta="right">{figure('won', r.won, r)}</Table.Td><Table.Td ta="right">{figure('commit', r.commit, r)}</Table.Td>
                    <Table.Td ta="right">{figure('best_case', r.bestCase, r)}</Table.Td><Table.Td ta="right">{figure('pipeline', r.pipeline, r)}</Table.Td>
                    <Table.Td ta="right">{money(r.weighted)}</Table.Td>
                    <Table.Td ta="right">
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Text size="sm">{r.quota === null ? '—' : money(r.quota)}</Text>
                        {by === 'owner' && r.key !== 'none' && quotas.data?.canManage && <QuotaButton row={r} period={period} currency={currency} onSaved={refresh} />}
                      </Group>
                    </Table.Td>
                    <Table.Td>{attainmentCell(r)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th>{t('forecast.total')}</Table.Th>
                  <Table.Th ta="right">{money(f.totals.won)}</Table.Th><Table.Th ta="right">{money(f.totals.commit)}</Table.Th>
                  <Table.Th ta="right">{money(f.totals.bestCase)}</Table.Th><Table.Th ta="right">{money(f.totals.pipeline)}</Table.Th>
                  <Table.Th ta="right">{money(f.totals.weighted)}</Table.Th><Table.Th ta="right">{f.totals.quota === null ? '—' : money(f.totals.quota)}</Table.Th>
                  <Table.Th>{attainmentCell(f.totals)}</Table.Th>
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </Paper>
          <Text size="xs" c="dimmed">{t('forecast.explainCategories')}</Text>
        </>}
      </Stack>
    );
  };

  return (
    <>
      <PageHeader title={t('forecast.title')} description={t('forecast.description')} actions={controls} />
      {body()}
      <DrillDown query={query} target={drill} onClose={() => setDrill(null)} />
    </>
  );
}
