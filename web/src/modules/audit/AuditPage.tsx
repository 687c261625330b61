import { useState } from 'react';
import { Alert, Badge, Button, Select, SimpleGrid, Table, Text } from '@mantine/core';
import { DatePickerInput, DatesProvider } from '@mantine/dates';
import { IconCalendar, IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import 'dayjs/locale/vi';
import '@mantine/dates/styles.css';
import { auditActions } from '../../../../contracts/audit';
import { api } from '../../app/api';
import { useAllPages, useCursorList } from '../../app/queries';
import { errorMessage } from '../../ui/errors';
import { formatDateTime } from '../../ui/format';
import { LoadMore } from '../../ui/LoadMore';
import { PageHeader } from '../../ui/PageHeader';
import { useRecordTypes } from '../../ui/records/data';
import { localized } from '../../ui/records/types';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { HelpLink } from '../../ui/HelpLink';
import { auditQuery, filtersFromParams, paramsFromFilters, type AuditFilters } from './audit.logic';
import { actionText, entityText, entityWords, langOf } from './audit.words';
import { AuditDrawer, EntryRecord, type AuditEntry } from './AuditDrawer';

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
  const lang = langOf(i18n.language);
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const setFilter = (patch: Partial<AuditFilters>) => setParams(paramsFromFilters({ ...filters, ...patch }), { replace: true });
  const [open, setOpen] = useState<AuditEntry | null>(null);
  const users = useAllPages<{ id: string; name: string; email: string }>('/users');
  const types = useRecordTypes();
  const objectLabel = (name: string) => {
    const type = types.data?.find((x) => x.name === name);
    return type ? localized({ en: type.labels.en.singular, vi: type.labels.vi.singular }, i18n.language) : undefined;
  };
  const typeText = (entity: string) => entityText(entity, lang, objectLabel);
  const log = useCursorList<AuditEntry>('/audit', auditQuery(filters));
  const filtered = Boolean(filters.actor || filters.action || filters.entity || filters.from);
  const typeOptions = [
    ...Object.keys(entityWords).map((k) => ({ value: k, label: typeText(k) })),
    ...(types.data ?? []).filter((x) => x.custom).map((x) => ({ value: `object:${x.name}`, label: typeText(`object:${x.name}`) })),
  ].sort((a, b) => a.label.localeCompare(b.label, lang));

  return (
    <DatesProvider settings={{ locale: lang, firstDayOfWeek: 1 }}>
      <PageHeader title={t('audit.title')} description={t('audit.description')} actions={<VerifyButton />} />
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" mb="md">
        <Select label={t('audit.actor')} placeholder={t('audit.anyone')} searchable clearable value={filters.actor} onChange={(v) => setFilter({ actor: v })}
          data={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }))} data-testid="audit-filter-actor" />
        <Select label={t('audit.action')} placeholder={t('audit.actionPlaceholder')} searchable clearable value={filters.action} onChange={(v) => setFilter({ action: v })}
          data={auditActions.map((a) => ({ value: a, label: actionText(a, lang) }))} data-testid="audit-filter-action" />
        <Select label={t('audit.entity')} placeholder={t('audit.entityPlaceholder')} searchable clearable value={filters.entity} onChange={(v) => setFilter({ entity: v })}
          data={typeOptions} data-testid="audit-filter-entity" />
        <DatePickerInput type="range" label={t('audit.dates')} placeholder={t('audit.anyDate')} clearable allowSingleDateInRange
          value={[filters.from, filters.to]} onChange={([from, to]) => setFilter({ from: from?.slice(0, 10) ?? null, to: to?.slice(0, 10) ?? null })}
          leftSection={<IconCalendar size={16} />} maxDate={new Date()} valueFormat={lang === 'vi' ? 'DD/MM/YYYY' : 'DD MMM YYYY'} data-testid="audit-filter-dates" />
      </SimpleGrid>
      {log.isPending ? (
        <LoadingState />
      ) : log.error ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : log.items.length === 0 ? (
        <EmptyState title={t('audit.empty')} description={filtered ? t('common.noMatches') : undefined} action={<HelpLink page="audit-log" />} />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table highlightOnHover data-testid="audit-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.when')}</Table.Th>
                <Table.Th>{t('audit.actor')}</Table.Th>
                <Table.Th>{t('audit.action')}</Table.Th>
                <Table.Th>{t('audit.record')}</Table.Th>
                <Table.Th>{t('audit.ip')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {log.items.map((e) => (
                <Table.Tr key={e.id} onClick={() => setOpen(e)} style={{ cursor: 'pointer' }} data-testid="audit-row">
                  <Table.Td><Text size="sm" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Text><Text size="xs" c="dimmed">#{e.seq}</Text></Table.Td>
                  <Table.Td><Text size="sm">{e.actorLabel ?? t('audit.system')}</Text></Table.Td>
                  <Table.Td><Badge variant="light" size="sm" tt="none" data-testid="audit-action">{actionText(e.action, lang)}</Badge></Table.Td>
                  <Table.Td><EntryRecord entry={e} typeLabel={typeText(e.entity)} /></Table.Td>
                  <Table.Td><Text size="sm" c="dimmed">{e.ip ?? ''}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore hasMore={log.hasMore} loading={log.loadingMore} onLoad={log.loadMore} />
      <AuditDrawer entry={open} onClose={() => setOpen(null)} typeLabel={open ? typeText(open.entity) : ''} />
    </DatesProvider>
  );
}
