/** Contacts and companies owned by the user, newest first, with how many there are of each. */
import { Anchor, SegmentedControl, Stack } from '@mantine/core';
import { IconUserCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../../app/auth';
import { can } from '../../../app/session';
import { ErrorState } from '../../../ui/states';
import { useOwned } from './data';
import { WidgetCard, WidgetEmpty, WidgetLink, WidgetLoading } from './WidgetCard';

export default function AssignedWidget() {
  const { t } = useTranslation();
  const user = useUser();
  const canContacts = can(user, 'contacts');
  const canCompanies = can(user, 'companies');
  const contacts = useOwned('contacts', user.id, canContacts);
  const companies = useOwned('companies', user.id, canCompanies);
  const [tab, setTab] = useState<'contacts' | 'companies'>(canContacts ? 'contacts' : 'companies');
  const q = tab === 'contacts' ? contacts : companies;
  const rows = q.data?.data ?? [];
  const label = (e: 'contacts' | 'companies') => t(`homeWidgets.assigned.${e}`, { count: (e === 'contacts' ? contacts : companies).data?.total ?? 0 });
  const tabs = [...(canContacts ? ['contacts' as const] : []), ...(canCompanies ? ['companies' as const] : [])];
  const listPath = `/${tab}`;

  return (
    <WidgetCard id="assigned" icon={IconUserCheck} title={t('homeWidgets.assigned.title')} action={rows.length > 0 ? <WidgetLink to={listPath}>{t('homeWidgets.viewAll')}</WidgetLink> : undefined}>
      <Stack gap="sm">
        {tabs.length > 1 && (
          <SegmentedControl size="xs" value={tab} onChange={(v) => setTab(v as typeof tab)} data={tabs.map((e) => ({ value: e, label: label(e) }))} aria-label={t('homeWidgets.assigned.title')} />
        )}
        {q.isPending ? <WidgetLoading /> : q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : rows.length === 0 ? (
          <WidgetEmpty>{t('homeWidgets.assigned.empty')}</WidgetEmpty>
        ) : (
          <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {rows.map((r) => (
              <li key={r.id} data-testid="assigned-row">
                <Anchor component={Link} to={`/${tab}/${r.id}`} size="sm" lineClamp={1}>{r.displayName ?? r.name ?? r.id}</Anchor>
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </WidgetCard>
  );
}
