/**
 * /recycle-bin: deleted contacts and companies with the days left before the purge, restore, and
 * (admins) an "empty old items now" button. The purge age is the server setting recycle.purgeDays;
 * no endpoint exposes it yet, so the page assumes its default (30).
 */
import { useState } from 'react';
import { Badge, Button, Table, Tabs, Text } from '@mantine/core';
import { IconRestore, IconTrashX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Company, Contact } from '../../../../contracts/contacts';
import { api } from '../../app/api';
import { useUser } from '../../app/auth';
import { useCursorList } from '../../app/queries';
import { can } from '../../app/session';
import { useConfirm } from '../../ui/confirm';
import { errorMessage } from '../../ui/errors';
import { formatDateTime } from '../../ui/format';
import { LoadMore } from '../../ui/LoadMore';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { daysUntilPurge } from './logic';

/** Default of the server setting `recycle.purgeDays`. */
export const PURGE_DAYS = 30;
type Kind = 'contacts' | 'companies';

function DeletedList({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  const user = useUser();
  const qc = useQueryClient();
  const list = useCursorList<Contact | Company>(`/${kind}/deleted`, { limit: 50 });
  const restore = useMutation({
    mutationFn: (id: string) => api.post(`/${kind}/${id}/restore`),
    onSuccess: (_r, id) => {
      const row = list.items.find((x) => x.id === id);
      notifySuccess(t('duplicates.recycle.restored', { name: row ? nameOf(row) : '' }));
      void qc.invalidateQueries({ queryKey: [`/${kind}`] });
      void qc.invalidateQueries({ queryKey: [`/${kind}/deleted`] });
    },
    onError: (e) => notifyError(errorMessage(e, t)),
  });
  const nameOf = (r: Contact | Company) => {
    if ('name' in r) return r.name;
    return r.displayName; // the name in its own order (server), whatever the UI language
  };
  const mayRestore = can(user, kind, 'delete');
  if (list.isPending) return <LoadingState />;
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.items.length) return <EmptyState title={t('duplicates.recycle.empty')} />;
  return (
    <>
      <Table.ScrollContainer minWidth={480}>
        <Table highlightOnHover data-testid={`recycle-${kind}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('duplicates.recycle.name')}</Table.Th>
              <Table.Th>{t('duplicates.recycle.deletedAt')}</Table.Th>
              <Table.Th>{t('duplicates.recycle.purgeIn')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.items.map((r) => {
              const days = r.deletedAt ? daysUntilPurge(r.deletedAt, PURGE_DAYS) : PURGE_DAYS;
              return (
                <Table.Tr key={r.id} data-testid="recycle-row">
                  <Table.Td><Text size="sm" fw={500}>{nameOf(r)}</Text></Table.Td>
                  <Table.Td><Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.deletedAt)}</Text></Table.Td>
                  <Table.Td>
                    <Badge variant="light" tt="none" color={days <= 3 ? 'red' : days <= 7 ? 'orange' : 'gray'} data-testid="recycle-days">
                      {days === 0 ? t('duplicates.recycle.today') : t('duplicates.recycle.days', { count: days })}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    {mayRestore && (
                      <Button size="xs" variant="light" leftSection={<IconRestore size={14} />} loading={restore.isPending && restore.variables === r.id}
                        onClick={() => restore.mutate(r.id)} data-testid="recycle-restore">{t('duplicates.recycle.restore')}</Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onLoad={list.loadMore} />
    </>
  );
}

export function RecycleBinPage() {
  const { t } = useTranslation();
  const user = useUser();
  const confirm = useConfirm();
  const qc = useQueryClient();
  const [tab, setTab] = useState<Kind>(can(user, 'contacts') ? 'contacts' : 'companies');
  const purge = useMutation({
    mutationFn: () => api.post<{ contacts: number; companies: number }>('/recycle-bin/purge', {}),
    onSuccess: (r) => {
      notifySuccess(t('duplicates.recycle.purged', r));
      void qc.invalidateQueries({ queryKey: ['/contacts/deleted'] });
      void qc.invalidateQueries({ queryKey: ['/companies/deleted'] });
    },
    onError: (e) => notifyError(errorMessage(e, t)),
  });
  const askPurge = async () => {
    if (await confirm({ title: t('duplicates.recycle.purgeTitle'), message: t('duplicates.recycle.purgeMessage', { days: PURGE_DAYS }), confirmLabel: t('duplicates.recycle.purgeNow') })) purge.mutate();
  };
  return (
    <>
      <PageHeader title={t('duplicates.recycle.title')} description={t('duplicates.recycle.description', { days: PURGE_DAYS })}
        actions={user.isAdmin && <Button variant="default" color="red" leftSection={<IconTrashX size={16} />} loading={purge.isPending} onClick={() => void askPurge()} data-testid="recycle-purge">{t('duplicates.recycle.purgeNow')}</Button>} />
      <Tabs value={tab} onChange={(v) => v && setTab(v as Kind)}>
        <Tabs.List mb="md">
          {can(user, 'contacts') && <Tabs.Tab value="contacts" data-testid="recycle-tab-contacts">{t('duplicates.recycle.contacts')}</Tabs.Tab>}
          {can(user, 'companies') && <Tabs.Tab value="companies" data-testid="recycle-tab-companies">{t('duplicates.recycle.companies')}</Tabs.Tab>}
        </Tabs.List>
      </Tabs>
      <DeletedList key={tab} kind={tab} />
    </>
  );
}
