/** /imports: import history (status, counts, when) with open and revert. Active imports refresh. */
import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconArrowBackUp, IconFileImport } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, type Page } from '../../app/api';
import { formatDateTime } from '../../ui/format';
import { LoadMore } from '../../ui/LoadMore';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { HelpLink } from '../../ui/HelpLink';
import type { ImportRun } from './data';
import { isActive } from './logic';
import { canRevert, StatusBadge, useRevert } from './RunStep';

export function ImportsPage() {
  const { t } = useTranslation();
  const revert = useRevert();
  const q = useInfiniteQuery({
    queryKey: ['/imports', 'list'],
    queryFn: ({ pageParam, signal }) => api.get<Page<ImportRun>>('/imports', { limit: 50, cursor: pageParam ?? undefined }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: (query) => (query.state.data?.pages.some((p) => p.data.some((i) => isActive(i.status) || i.batch?.running)) ? 2000 : false),
  });
  const items = q.data?.pages.flatMap((p) => p.data) ?? [];

  return (
    <>
      <PageHeader title={t('imports.historyTitle')} description={t('imports.historyDescription')}
        actions={<Button component={Link} to="/imports/new" leftSection={<IconFileImport size={16} />} data-testid="imports-new">{t('imports.newImport')}</Button>} />
      {q.isPending ? <LoadingState /> : q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : items.length === 0 ? (
        <EmptyState title={t('imports.historyEmpty')} description={t('imports.historyEmptyHint')}
          action={<Stack gap="xs" align="center"><Button component={Link} to="/imports/new" leftSection={<IconFileImport size={16} />}>{t('imports.newImport')}</Button><HelpLink page="import-contacts" /></Stack>} />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table highlightOnHover data-testid="imports-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('imports.file')}</Table.Th>
                <Table.Th>{t('imports.status')}</Table.Th>
                <Table.Th>{t('imports.counts')}</Table.Th>
                <Table.Th>{t('imports.started')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((imp) => ({ imp, c: imp.batch ?? imp })).map(({ imp, c }) => (
                <Table.Tr key={imp.id} data-testid="import-row">
                  <Table.Td>
                    <Anchor component={Link} to={`/imports/${imp.id}`} size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>{imp.fileName}</Anchor>
                    <Text size="xs" c="dimmed">{t(`imports.entities.${imp.entity}`)} · {imp.format.toUpperCase()}{imp.preset ? ` · ${t(`imports.presets.${imp.preset}`, { defaultValue: imp.preset })}` : ''}</Text>
                  </Table.Td>
                  <Table.Td><StatusBadge status={imp.status} /></Table.Td>
                  <Table.Td>
                    <Text size="xs">
                      <Text span c="teal" fw={600}>+{c.created.toLocaleString()}</Text> {t('imports.created').toLowerCase()} ·{' '}
                      <Text span c="blue" fw={600}>{c.updated.toLocaleString()}</Text> {t('imports.updated').toLowerCase()} ·{' '}
                      {c.skipped.toLocaleString()} {t('imports.skipped').toLowerCase()} ·{' '}
                      <Text span c={c.failed ? 'red' : undefined} fw={c.failed ? 600 : undefined}>{c.failed.toLocaleString()}</Text> {t('imports.failed').toLowerCase()}
                    </Text>
                    {imp.total !== null && <Text size="xs" c="dimmed">{t('imports.rowsDone', { done: imp.processed.toLocaleString(), total: imp.total.toLocaleString() })}</Text>}
                  </Table.Td>
                  <Table.Td><Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(imp.startedAt ?? imp.createdAt)}</Text></Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button size="xs" variant="default" component={Link} to={`/imports/${imp.id}`}>{t('imports.open')}</Button>
                      {canRevert(imp) && (
                        <Button size="xs" variant="light" color="red" leftSection={<IconArrowBackUp size={14} />} onClick={() => void revert(imp)} data-testid="import-row-revert">
                          {t('imports.revert')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore hasMore={Boolean(q.hasNextPage)} loading={q.isFetchingNextPage} onLoad={() => void q.fetchNextPage()} />
    </>
  );
}
