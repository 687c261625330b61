/**
 * Key numbers for the user's role: their contacts, those new this week, their companies and — for who may merge —
 * possible duplicates. Deals and tickets modules add their own number widgets.
 */
import { Anchor, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../../app/api';
import { useUser } from '../../../app/auth';
import { can } from '../../../app/session';
import { shownCount, useNewThisWeek, useOwned } from './data';
import { WidgetCard } from './WidgetCard';

const DUPLICATES_SAMPLE = 50;

function Figure({ id, label, value, to }: { id: string; label: string; value: string; to: string }) {
  return (
    <Anchor component={Link} to={to} underline="never" c="inherit" data-testid={`number-${id}`}>
      <Stack gap={0}>
        <Text size="xl" fw={700} lh={1.2} data-testid="number-value">{value}</Text>
        <Text size="xs" c="dimmed">{label}</Text>
      </Stack>
    </Anchor>
  );
}

export default function NumbersWidget() {
  const { t } = useTranslation();
  const user = useUser();
  const canContacts = can(user, 'contacts');
  const canCompanies = can(user, 'companies');
  const canMerge = can(user, 'contacts', 'update');
  const contacts = useOwned('contacts', user.id, canContacts);
  const companies = useOwned('companies', user.id, canCompanies);
  const fresh = useNewThisWeek(user.id, canContacts);
  const duplicates = useQuery({
    queryKey: ['/duplicates', 'home-count'],
    queryFn: ({ signal }) => api.get<Page<unknown>>('/duplicates', { limit: DUPLICATES_SAMPLE }, { signal }),
    enabled: canMerge,
  });
  const more = (n: number) => t('homeWidgets.numbers.more', { count: n });
  const dupCount = duplicates.data && (duplicates.data.nextCursor ? more(duplicates.data.data.length) : String(duplicates.data.data.length));

  return (
    <WidgetCard id="numbers" icon={IconChartBar} title={t('homeWidgets.numbers.title')}>
      <SimpleGrid cols={{ base: 2, xs: 4, md: 2, lg: 4 }} spacing="sm">
        {canContacts && <Figure id="my-contacts" label={t('homeWidgets.numbers.myContacts')} value={shownCount(contacts.data, more)} to="/contacts" />}
        {canContacts && <Figure id="new-this-week" label={t('homeWidgets.numbers.newThisWeek')} value={shownCount(fresh.data, more)} to="/contacts" />}
        {canCompanies && <Figure id="my-companies" label={t('homeWidgets.numbers.myCompanies')} value={shownCount(companies.data, more)} to="/companies" />}
        {canMerge && <Figure id="duplicates" label={t('homeWidgets.numbers.duplicates')} value={dupCount ?? '–'} to="/duplicates" />}
      </SimpleGrid>
    </WidgetCard>
  );
}
