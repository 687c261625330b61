/**
 * Agents (active users in a team): status, working hours (any time, the team's calendar, or a calendar of their own),
 * whether assignment may pick them now, and their open tickets. A manager changes them here (PUT /ticket-agents/{id});
 * setting someone away or offline moves their new and open tickets to their team.
 */
import { Badge, Select, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { agentHoursModes, agentStatuses, type Agent, type AgentStatusInput } from '../../../../../contracts/ticket-agents';
import type { Calendar } from '../../../../../contracts/tickets';
import { api } from '../../../app/api';
import { errorMessage } from '../../../ui/errors';
import { notifyError } from '../../../ui/notify';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { useDirectory } from '../data';
import { useSettingsList } from './shared';

const PATH = '/ticket-agents';

export function AgentsTab() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useSettingsList<Agent>(PATH);
  const calendars = useSettingsList<Calendar>('/ticket-calendars');
  const dir = useDirectory();
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return <LoadingState />;
  const teamName = (id: string | null) => dir.data?.teams.find((x) => x.id === id)?.name ?? '';
  const save = async (a: Agent, input: AgentStatusInput) => {
    try {
      await api.put(`${PATH}/${a.userId}`, input);
    } catch (err) {
      notifyError(errorMessage(err, t));
    }
    await qc.invalidateQueries({ queryKey: [PATH] });
  };
  const calendarOptions = (calendars.data ?? []).map((c) => ({ value: c.id, label: c.name }));
  return (
    <Stack>
      <Text size="sm" c="dimmed">{t('ticketRouting.agents.intro')}</Text>
      {list.data.length === 0 ? <EmptyState title={t('ticketRouting.agents.empty')} description={t('ticketRouting.agents.emptyHint')} /> : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" data-testid="agents-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('ticketRouting.agents.name')}</Table.Th>
                <Table.Th>{t('ticketRouting.agents.status')}</Table.Th>
                <Table.Th>{t('ticketRouting.agents.hours')}</Table.Th>
                <Table.Th>{t('ticketRouting.agents.open')}</Table.Th>
                <Table.Th>{t('ticketRouting.agents.now')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((a) => (
                <Table.Tr key={a.userId} data-testid="agent-row" data-name={a.name}>
                  <Table.Td>
                    <Text size="sm" fw={500}>{a.name}</Text>
                    <Text size="xs" c="dimmed">{teamName(a.teamId)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Select size="xs" w={150} aria-label={t('ticketRouting.agents.statusOf', { name: a.name })} value={a.status} allowDeselect={false}
                      data={agentStatuses.map((s) => ({ value: s, label: t(`ticketRouting.status.${s}`) }))} onChange={(v) => v && void save(a, { status: v as Agent['status'] })} data-testid="agent-status-select" />
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={4}>
                      <Select size="xs" w={170} aria-label={t('ticketRouting.agents.hoursOf', { name: a.name })} value={a.hours} allowDeselect={false} data-testid="agent-hours-select"
                        data={agentHoursModes.map((h) => ({ value: h, label: t(`ticketRouting.agents.hoursModes.${h}`) }))}
                        onChange={(v) => {
                          if (!v || v === a.hours) return;
                          // Their own calendar needs one: the first calendar until another is chosen.
                          if (v === 'calendar') { if (calendarOptions[0]) void save(a, { hours: 'calendar', calendarId: a.calendarId ?? calendarOptions[0].value }); }
                          else void save(a, { hours: v as Agent['hours'] });
                        }} />
                      {a.hours === 'calendar' && (
                        <Select size="xs" w={170} aria-label={t('ticketRouting.agents.calendarOf', { name: a.name })} value={a.calendarId} allowDeselect={false}
                          data={calendarOptions} onChange={(v) => v && void save(a, { hours: 'calendar', calendarId: v })} />
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>{a.openTickets}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={a.availableNow ? 'green' : 'gray'} tt="none">{a.availableNow ? t('ticketRouting.agents.availableNow') : t('ticketRouting.agents.notNow')}</Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
