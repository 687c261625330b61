/**
 * /duplicates: candidate pairs found in the background (score, reasons) — people (merge or dismiss) and, in the
 * companies tab (`?tab=companies`), companies (dismiss; no company merge yet); admins can rescan everything.
 */
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Tabs, Text } from '@mantine/core';
import { IconGitMerge, IconRefresh, IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { duplicatePair, scanResponse } from '../../../../contracts/duplicates';
import { api } from '../../app/api';
import { useUser } from '../../app/auth';
import { useCursorList } from '../../app/queries';
import { can } from '../../app/session';
import { errorMessage } from '../../ui/errors';
import { formatDateTime } from '../../ui/format';
import { LoadMore } from '../../ui/LoadMore';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { HelpLink } from '../../ui/HelpLink';
import { CompanyPairs } from './CompanyPairs';
import { duplicatesTab, scoreColor, scorePercent } from './logic';

type Pair = z.infer<typeof duplicatePair>;
type Side = Pair['a'];

function Person({ c }: { c: Side }) {
  return (
    <Stack gap={2} style={{ minWidth: 0 }}>
      <Anchor component={Link} to={`/contacts/${c.id}`} fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>{c.displayName}</Anchor>
      {c.primaryEmail && <Text size="xs" c="dimmed" truncate>{c.primaryEmail}</Text>}
      {c.primaryPhone && <Text size="xs" c="dimmed">{c.primaryPhone}</Text>}
      <Text size="xs" c="dimmed">{formatDateTime(c.updatedAt)}</Text>
    </Stack>
  );
}

export function DuplicatesPage() {
  const { t } = useTranslation();
  const user = useUser();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const mayReadCompanies = can(user, 'companies', 'read');
  const tab = duplicatesTab(params.get('tab'), mayReadCompanies);
  const pairs = useCursorList<Pair>('/duplicates', { limit: 50 }, { enabled: tab === 'people' });
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: ['/duplicates'] }), qc.invalidateQueries({ queryKey: ['/duplicates/companies'] })]);
  const scan = useMutation({
    mutationFn: () => api.post<z.infer<typeof scanResponse>>('/duplicates/scan'),
    onSuccess: (r) => { notifySuccess(t('duplicates.scanned', { count: r.pairs })); void refresh(); },
    onError: (e) => notifyError(errorMessage(e, t)),
  });
  const dismiss = useMutation({
    mutationFn: (p: Pair) => api.post('/duplicates/dismiss', { entity: 'contact', aId: p.a.id, bId: p.b.id }),
    onSuccess: () => { notifySuccess(t('duplicates.dismissed')); void refresh(); },
    onError: (e) => notifyError(errorMessage(e, t)),
  });
  const mayUpdate = can(user, 'contacts', 'update');
  const people = (
    <>
      {pairs.isPending ? <LoadingState /> : pairs.error ? <ErrorState error={pairs.error} onRetry={() => void pairs.refetch()} /> : pairs.items.length === 0 ? (
        <EmptyState title={t('duplicates.empty')} description={t('duplicates.emptyHint')} action={<HelpLink page="merge-duplicates" />} />
      ) : (
        <Stack gap="sm" data-testid="duplicates-list">
          {pairs.items.map((p) => (
            <Card key={p.id} withBorder radius="md" padding="sm" data-testid="duplicate-pair">
              <Group justify="space-between" gap="xs" mb="xs">
                <Group gap={6}>
                  <Badge size="lg" variant="filled" color={scoreColor(p.score)} data-testid="duplicate-score">
                    {t('duplicates.score')} {scorePercent(p.score)}
                  </Badge>
                  {p.reasons.map((r) => <Badge key={r} variant="light" color="gray" tt="none">{t(`duplicates.reasons.${r}`)}</Badge>)}
                </Group>
                {mayUpdate && (
                  <Group gap="xs">
                    <Button size="xs" variant="default" leftSection={<IconX size={14} />} loading={dismiss.isPending && dismiss.variables?.id === p.id}
                      onClick={() => dismiss.mutate(p)} data-testid="duplicate-dismiss">{t('duplicates.dismiss')}</Button>
                    <Button size="xs" leftSection={<IconGitMerge size={14} />} component={Link} to={`/duplicates/merge?a=${p.a.id}&b=${p.b.id}`} data-testid="duplicate-merge">
                      {t('duplicates.merge')}
                    </Button>
                  </Group>
                )}
              </Group>
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                <Person c={p.a} />
                <Person c={p.b} />
              </SimpleGrid>
            </Card>
          ))}
        </Stack>
      )}
      <LoadMore hasMore={pairs.hasMore} loading={pairs.loadingMore} onLoad={pairs.loadMore} />
    </>
  );

  return (
    <>
      <PageHeader title={t('duplicates.title')} description={t('duplicates.description')}
        actions={can(user, 'contacts', 'manage') && (
          <Button variant="default" leftSection={<IconRefresh size={16} />} loading={scan.isPending} onClick={() => scan.mutate()} data-testid="duplicates-scan">{t('duplicates.scan')}</Button>
        )} />
      {mayReadCompanies ? (
        <Tabs value={tab} onChange={(v) => setParams(v === 'companies' ? { tab: 'companies' } : {}, { replace: true })} keepMounted={false}>
          <Tabs.List mb="sm">
            <Tabs.Tab value="people" data-testid="duplicates-tab-people">{t('duplicates.tabs.people')}</Tabs.Tab>
            <Tabs.Tab value="companies" data-testid="duplicates-tab-companies">{t('duplicates.tabs.companies')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="people">{people}</Tabs.Panel>
          <Tabs.Panel value="companies"><CompanyPairs /></Tabs.Panel>
        </Tabs>
      ) : people}
    </>
  );
}
