/**
 * The ticket's agent at a glance beside the conversation (GET /tickets/stats/agents, over the tickets the reader may
 * see): tickets solved, median first response, and the average satisfaction score of the surveys answered.
 */
import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconStarFilled } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AgentStats as Stats } from '../../../../../contracts/tickets';
import { api } from '../../../app/api';
import type { RecordItem } from '../../../ui/records/types';

export function AgentStats({ rec }: { rec: RecordItem }) {
  const { t, i18n } = useTranslation();
  const agent = typeof rec.values.agent === 'string' ? rec.values.agent : null;
  const stats = useQuery({
    queryKey: ['/tickets/stats/agents'],
    queryFn: ({ signal }) => api.get<{ data: Stats[] }>('/tickets/stats/agents', undefined, { signal }),
    select: (d) => d.data.find((s) => s.agentId === agent) ?? null,
    enabled: Boolean(agent),
    staleTime: 30_000,
  });
  const s = stats.data;
  if (!agent || !s) return null;
  const num = (n: number, digits = 1) => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: digits }).format(n);
  return (
    <Card withBorder radius="md" data-testid="agent-stats">
      <Title order={3} size="h5" mb="xs">{t('tickets.workspace.stats.title', { name: s.name })}</Title>
      <Stack gap={4}>
        <Text size="sm" data-testid="agent-stats-solved">{t('tickets.workspace.stats.solved', { count: s.solved })}</Text>
        {s.medianFirstResponseMinutes !== null && <Text size="sm">{t('tickets.workspace.stats.firstResponse', { minutes: num(s.medianFirstResponseMinutes, 0) })}</Text>}
        <Group gap={6} data-testid="agent-stats-satisfaction">
          {s.satisfactionAverage === null ? <Text size="sm" c="dimmed">{t('tickets.workspace.stats.noSurveys')}</Text> : (
            <>
              <IconStarFilled size={14} color="var(--mantine-color-yellow-6)" aria-hidden />
              <Text size="sm">{t('tickets.workspace.stats.satisfaction', { score: num(s.satisfactionAverage), count: s.satisfactionCount })}</Text>
            </>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
