/** Settings › Service desk: business-hours calendars, SLA policies, assignment rules, agents' availability and canned responses, one tab each (`?tab=`). */
import { Stack, Tabs } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../ui/PageHeader';
import { AgentsTab } from './AgentsTab';
import { CalendarsTab } from './CalendarsTab';
import { CannedTab } from './CannedTab';
import { MailboxesTab } from './MailboxesTab';
import { QuarantineTab } from './QuarantineTab';
import { TemplatesTab } from './TemplatesTab';
import { RulesTab } from './RulesTab';
import { SlaPoliciesTab } from './SlaPoliciesTab';

const TABS = ['calendars', 'sla', 'rules', 'agents', 'canned', 'mailboxes', 'quarantine', 'templates'] as const;
/** Tabs whose words live in the `ticketMail.` bundle (mail.i18n.ts). */
const MAIL_TABS = new Set<string>(['mailboxes', 'quarantine', 'templates']);

export function ServiceDeskPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((x) => x === params.get('tab')) ?? 'calendars';
  return (
    <Stack>
      <PageHeader title={t('tickets.settings.title')} description={t('tickets.settings.description')} />
      <Tabs value={tab} onChange={(v) => setParams(v && v !== 'calendars' ? { tab: v } : {})} keepMounted={false}>
        <Tabs.List mb="md">
          {TABS.map((x) => <Tabs.Tab key={x} value={x} data-testid={`desk-tab-${x}`}>{x === 'agents' ? t('ticketRouting.agents.tab') : MAIL_TABS.has(x) ? t(`ticketMail.tabs.${x}`) : t(`tickets.settings.tabs.${x}`)}</Tabs.Tab>)}
        </Tabs.List>
        <Tabs.Panel value="calendars"><CalendarsTab /></Tabs.Panel>
        <Tabs.Panel value="sla"><SlaPoliciesTab /></Tabs.Panel>
        <Tabs.Panel value="rules"><RulesTab /></Tabs.Panel>
        <Tabs.Panel value="agents"><AgentsTab /></Tabs.Panel>
        <Tabs.Panel value="canned"><CannedTab /></Tabs.Panel>
        <Tabs.Panel value="mailboxes"><MailboxesTab /></Tabs.Panel>
        <Tabs.Panel value="quarantine"><QuarantineTab /></Tabs.Panel>
        <Tabs.Panel value="templates"><TemplatesTab /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
