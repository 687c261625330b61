import { useState } from 'react';
import { Alert, Badge, Button, Select, SimpleGrid, Table, Text, TextInput } from '@mantine/core';
import { DatePickerInput, DatesProvider, type DatesRangeValue } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCalendar, IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import 'dayjs/locale/vi';
import '@mantine/dates/styles.css';
import { api } from '../../app/api';
import { useAllPages, useCursorList } from '../../app/queries';
import { errorMessage } from '../../ui/errors';
import { formatDateTime } from '../../ui/format';
import { LoadMore } from '../../ui/LoadMore';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { dayBoundary } from './audit.logic';
import { AuditDrawer, type AuditEntry } from './AuditDrawer';

interface VerifyResult { ok: boolean; checked: number; brokenAt?: number | null; reason?: string | null }

function VerifyButton() {
  const { t } = useTranslation();
  const verify = useMutation({ mutationFn: () => api.get<VerifyResult>('/audit/verify') });
  const r = verify.data;
  return (
    <>
      <Button variant="light" leftSection={<IconShieldCheck size={16} />} loading={verify.isPending} onClick={() => verify.mutate()} data-testid="audit-verify">
        {t('audit.verify')}
      </Button>
      {(r || verify.error) && (
        <Alert
          w="100%"
          color={r?.ok ? 'teal' : 'red'}
          icon={r?.ok ? <IconShieldCheck size={18} /> : <IconShieldX size={18} />}
          title={verify.error ? t('audit.verifyFailed') : r?.ok ? t('audit.chainOk') : t('audit.chainBroken')}
          withCloseButton
          onClose={() => verify.reset()}
          data-testid="audit-verify-result"
        >
          {verify.error ? errorMessage(verify.error, t)
            : r?.ok ? t('audit.chainOkDetail', { count: r.checked })
            : t('audit.chainBrokenDetail', { seq: r?.brokenAt ?? '?', count: r?.checked ?? 0, reason: r?.reason ?? '' })}
        </Alert>
      )}
    </>
  );
}

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [entity, setEntity] = useState('');
  const [action, setAction] = useState('');
  const [actorId, setActorId] = useState<string | null>(null);
  const [range, setRange] = useState<DatesRangeValue<string>>([null, null]);
  const [open, setOpen] = useState<AuditEntry | null>(null);
  const [filters] = useDebouncedValue({ entity: entity.trim(), action: action.trim() }, 300);
  const users = useAllPages<{ id: string; name: string; email: string }>('/users');
  const log = useCursorList<AuditEntry>('/audit', {
    limit: 50,
    entity: filters.entity,
    action: filters.action,
    actorId,
    from: dayBoundary(range[0], 'start'),
    to: dayBoundary(range[1] ?? range[0], 'end'),
  });
  const filtered = Boolean(filters.entity || filters.action || actorId || range[0]);

  return (
    <DatesProvider settings={{ locale: i18n.language === 'vi' ? 'vi' : 'en', firstDayOfWeek: 1 }}>
      <PageHeader title={t('audit.title')} description={t('audit.description')} actions={<VerifyButton />} />
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" mb="md">
        <TextInput label={t('audit.entity')} placeholder={t('audit.entityPlaceholder')} value={entity} onChange={(e) => setEntity(e.currentTarget.value)} data-testid="audit-filter-entity" />
        <TextInput label={t('audit.action')} placeholder={t('audit.actionPlaceholder')} value={action} onChange={(e) => setAction(e.currentTarget.value)} data-testid="audit-filter-action" />
        <Select label={t('audit.actor')} placeholder={t('audit.anyone')} searchable clearable value={actorId} onChange={setActorId}
          data={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }))} data-testid="audit-filter-actor" />
        <DatePickerInput type="range" label={t('audit.dates')} placeholder={t('audit.anyDate')} value={range} onChange={setRange} clearable
          leftSection={<IconCalendar size={16} />} maxDate={new Date()} valueFormat="DD/MM/YYYY" data-testid="audit-filter-dates" />
      </SimpleGrid>
      {log.isPending ? (
        <LoadingState />
      ) : log.error ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : log.items.length === 0 ? (
        <EmptyState title={t('audit.empty')} description={filtered ? t('common.noMatches') : undefined} />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table highlightOnHover data-testid="audit-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.when')}</Table.Th>
                <Table.Th>{t('audit.actor')}</Table.Th>
                <Table.Th>{t('audit.action')}</Table.Th>
                <Table.Th>{t('audit.entity')}</Table.Th>
                <Table.Th>{t('audit.ip')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {log.items.map((e) => (
                <Table.Tr key={e.id} onClick={() => setOpen(e)} style={{ cursor: 'pointer' }} data-testid="audit-row">
                  <Table.Td><Text size="sm" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Text><Text size="xs" c="dimmed">#{e.seq}</Text></Table.Td>
                  <Table.Td><Text size="sm">{e.actorLabel ?? t('audit.system')}</Text></Table.Td>
                  <Table.Td><Badge variant="light" size="sm" tt="none">{e.action}</Badge></Table.Td>
                  <Table.Td><Text size="sm">{e.entity}</Text>{e.entityId && <Text size="xs" c="dimmed" ff="monospace">{e.entityId}</Text>}</Table.Td>
                  <Table.Td><Text size="sm" c="dimmed">{e.ip ?? ''}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore hasMore={log.hasMore} loading={log.loadingMore} onLoad={log.loadMore} />
      <AuditDrawer entry={open} onClose={() => setOpen(null)} />
    </DatesProvider>
  );
}
