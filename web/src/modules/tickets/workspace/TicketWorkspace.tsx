/**
 * The ticket page's workspace (the generic record page's Panel): who else is on the ticket ("Lan is replying"), the
 * conversation with its composer, the SLA clock with the dues, team and assignment decision, and the requester's
 * 360° context. Keyboard: r reply, n note, Ctrl+Enter send, j/k next/previous ticket of the list the agent came from
 * (else of the newest tickets).
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Grid, Stack } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconUsers } from '@tabler/icons-react';
import { useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../../app/api';
import { objectPath, recordHref } from '../../../ui/records/data';
import type { RecordItem } from '../../../ui/records/types';
import { TicketPanel } from '../TicketExtras';
import { Conversation, type ComposerHandle } from './Conversation';
import { neighbour } from './logic';
import { usePresence } from './presence';
import { RequesterContext } from './RequesterContext';
import { TicketLinks } from './TicketLinks';
import { AgentStats } from './AgentStats';

/** The ids of the tickets list last shown (the most recently fetched list query), in its order. */
function useListOrder() {
  const qc = useQueryClient();
  return (): string[] => {
    const lists = qc.getQueryCache().findAll({ queryKey: [objectPath('tickets'), 'list'] })
      .sort((a, b) => b.state.dataUpdatedAt - a.state.dataUpdatedAt);
    const data = lists[0]?.state.data as InfiniteData<Page<RecordItem>> | undefined;
    return data?.pages.flatMap((p) => p.data.map((r) => r.id)) ?? [];
  };
}

export function TicketWorkspace({ rec }: { rec: RecordItem }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const composer = useRef<ComposerHandle>(null);
  const [replying, setReplying] = useState(false);
  const others = usePresence(rec.id, replying ? 'replying' : 'viewing');
  const order = useListOrder();
  useEffect(() => setReplying(false), [rec.id]);
  const go = async (step: 1 | -1) => {
    let ids = order();
    // Opened from a link, not the list: the list's default order (newest first), the 200 around now at most.
    if (!ids.includes(rec.id)) ids = (await api.get<Page<RecordItem>>(objectPath('tickets'), { sort: '-createdAt', limit: 200 }).catch(() => ({ data: [] as RecordItem[] }))).data.map((r) => r.id);
    const next = neighbour(ids, rec.id, step);
    if (next) void navigate(recordHref('tickets', next));
  };
  // Mantine ignores these while typing in an input, textarea or select.
  useHotkeys([
    ['r', () => composer.current?.open('reply')],
    ['n', () => composer.current?.open('note')],
    ['j', () => void go(1)],
    ['k', () => void go(-1)],
  ]);
  const replyingNames = others.filter((o) => o.state === 'replying').map((o) => o.name);
  const viewingNames = others.filter((o) => o.state === 'viewing').map((o) => o.name);
  return (
    <Stack gap="md" data-testid="ticket-workspace">
      {others.length > 0 && (
        <Alert color={replyingNames.length ? 'orange' : 'blue'} icon={<IconUsers size={18} />} py="xs" data-testid="ticket-presence" role="status">
          {[
            replyingNames.length ? t('tickets.workspace.presence.replying', { names: replyingNames.join(', '), count: replyingNames.length }) : '',
            viewingNames.length ? t('tickets.workspace.presence.viewing', { names: viewingNames.join(', '), count: viewingNames.length }) : '',
          ].filter(Boolean).join(' · ')}
        </Alert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, xl: 8 }}>
          <Conversation key={rec.id} ref={composer} rec={rec} onReplying={setReplying} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, xl: 4 }}>
          <Stack gap="md">
            <TicketPanel rec={rec} />
            <RequesterContext rec={rec} />
            <TicketLinks rec={rec} />
            <AgentStats rec={rec} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
