/**
 * The companies tab of /duplicates: company pairs found in the background (same domain, name or phone), both
 * companies linked. Kith cannot merge companies yet, so the tab says so; "Not a duplicate" hides a pair for good.
 */
import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconInfoCircle, IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { companyDuplicatePair } from '../../../../contracts/duplicates';
import { api } from '../../app/api';
import { useUser } from '../../app/auth';
import { useCursorList } from '../../app/queries';
import { can } from '../../app/session';
import { errorMessage } from '../../ui/errors';
import { formatDateTime } from '../../ui/format';
import { LoadMore } from '../../ui/LoadMore';
import { notifyError, notifySuccess } from '../../ui/notify';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { scoreColor, scorePercent } from './logic';

type Pair = z.infer<typeof companyDuplicatePair>;

function CompanySide({ c }: { c: Pair['a'] }) {
  return (
    <Stack gap={2} style={{ minWidth: 0 }}>
      <Anchor component={Link} to={`/companies/${c.id}`} fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>{c.name}</Anchor>
      {c.domain && <Text size="xs" c="dimmed" truncate>{c.domain}</Text>}
      {c.primaryPhone && <Text size="xs" c="dimmed">{c.primaryPhone}</Text>}
      <Text size="xs" c="dimmed">{formatDateTime(c.updatedAt)}</Text>
    </Stack>
  );
}

export function CompanyPairs() {
  const { t } = useTranslation();
  const user = useUser();
  const qc = useQueryClient();
  const pairs = useCursorList<Pair>('/duplicates/companies', { limit: 50 });
  const dismiss = useMutation({
    mutationFn: (p: Pair) => api.post('/duplicates/dismiss', { entity: 'company', aId: p.a.id, bId: p.b.id }),
    onSuccess: () => { notifySuccess(t('duplicates.dismissed')); void qc.invalidateQueries({ queryKey: ['/duplicates/companies'] }); },
    onError: (e) => notifyError(errorMessage(e, t)),
  });
  const mayDismiss = can(user, 'companies', 'update') && can(user, 'contacts', 'update');

  return (
    <Stack gap="sm">
      <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />} data-testid="company-merge-unavailable">
        {t('duplicates.companyNoMerge')}
      </Alert>
      {pairs.isPending ? <LoadingState /> : pairs.error ? <ErrorState error={pairs.error} onRetry={() => void pairs.refetch()} /> : pairs.items.length === 0 ? (
        <EmptyState title={t('duplicates.companiesEmpty')} description={t('duplicates.emptyHint')} />
      ) : (
        <Stack gap="sm" data-testid="company-duplicates-list">
          {pairs.items.map((p) => (
            <Card key={p.id} withBorder radius="md" padding="sm" data-testid="company-duplicate-pair">
              <Group justify="space-between" gap="xs" mb="xs">
                <Group gap={6}>
                  <Badge size="lg" variant="filled" color={scoreColor(p.score)} data-testid="duplicate-score">
                    {t('duplicates.score')} {scorePercent(p.score)}
                  </Badge>
                  {p.reasons.map((r) => <Badge key={r} variant="light" color="gray" tt="none">{t(`duplicates.companyReasons.${r}`)}</Badge>)}
                </Group>
                {mayDismiss && (
                  <Button size="xs" variant="default" leftSection={<IconX size={14} />} loading={dismiss.isPending && dismiss.variables?.id === p.id}
                    onClick={() => dismiss.mutate(p)} data-testid="duplicate-dismiss">{t('duplicates.dismiss')}</Button>
                )}
              </Group>
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                <CompanySide c={p.a} />
                <CompanySide c={p.b} />
              </SimpleGrid>
            </Card>
          ))}
        </Stack>
      )}
      <LoadMore hasMore={pairs.hasMore} loading={pairs.loadingMore} onLoad={pairs.loadMore} />
    </Stack>
  );
}
