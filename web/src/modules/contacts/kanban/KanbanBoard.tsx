/**
 * Contacts by lifecycle stage: one column per configured stage with its (capped) count and the most
 * recently updated cards. Dragging a card (@dnd-kit/core; mouse, touch or keyboard) to another column
 * PATCHes lifecycleStage with If-Match; the move shows at once and is undone if the server refuses.
 */
import { useState } from 'react';
import { Badge, Box, Group, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import {
  DndContext, DragOverlay, useDraggable, useDroppable,
  type DragEndEvent, type DragStartEvent,
} from '@dnd-kit/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { kanbanResponse } from '../../../../../contracts/contacts';
import { api } from '../../../app/api';
import { errorMessage } from '../../../ui/errors';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { ErrorState, LoadingState } from '../../../ui/states';
import { CARD_LINK, useKanbanSensors, cardAria } from '../../../ui/records/kanban-a11y';
import { isStale, recordPath, type Contact } from '../data';
import { contactName, localized } from '../logic';

type Board = z.infer<typeof kanbanResponse>;
type ColumnT = Board['columns'][number];

function Card({ contact, dragging }: { contact: Contact; dragging?: boolean }) {
  const { t } = useTranslation();
  const name = contactName(contact) || t('contacts.unnamed');
  return (
    <Paper withBorder p="xs" radius="md" shadow={dragging ? 'md' : undefined} style={{ cursor: 'grab', touchAction: 'none', overflow: 'hidden', width: dragging ? 248 : undefined }} data-testid="kanban-card" data-id={contact.id}>
      <Text size="sm" fw={600} c="var(--mantine-color-anchor)" truncate="end">{name}</Text>
      {(contact.company || contact.jobTitle) && (
        <Text size="xs" c="dimmed" truncate="end">{[contact.jobTitle, contact.company?.name].filter(Boolean).join(' · ')}</Text>
      )}
      <Group justify="space-between" mt={4} gap={4} wrap="nowrap" style={{ overflow: 'hidden' }}>
        <Text size="xs" c="dimmed" truncate="end" style={{ minWidth: 0 }}>{contact.owner?.name ?? ''}</Text>
        <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
          {contact.tags.slice(0, 1).map((tg) => <Badge key={tg} size="xs" variant="light" color="gray">{tg}</Badge>)}
          {contact.tags.length > 1 && <Text size="xs" c="dimmed">+{contact.tags.length - 1}</Text>}
        </Group>
      </Group>
    </Paper>
  );
}

/** The card is one link that also drags (from anywhere, the name included): no control nested in another. */
function DraggableCard({ contact, disabled }: { contact: Contact; disabled: boolean }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: contact.id, data: { contact }, disabled });
  return (
    <Link ref={setNodeRef} to={recordPath('contact', contact.id)} {...listeners} {...cardAria(attributes)} draggable={false} className={CARD_LINK.className} style={{ ...CARD_LINK.style, opacity: isDragging ? 0.4 : 1 }}>
      <Card contact={contact} />
    </Link>
  );
}

function Column({ col, height, canUpdate }: { col: ColumnT; height: number; canUpdate: boolean }) {
  const { t, i18n } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: col.stage });
  const count = col.countCapped ? '10,000+' : col.count.toLocaleString(i18n.language);
  const more = col.countCapped ? 0 : col.count - col.cards.length;
  return (
    <Paper
      ref={setNodeRef} withBorder radius="md" p={6} w={264} miw={264}
      bg={isOver ? 'blue.0' : 'gray.0'} style={{ display: 'flex', flexDirection: 'column', maxHeight: height, transition: 'background 120ms' }}
      data-testid="kanban-column" data-stage={col.stage} data-over={isOver || undefined}
    >
      <Group justify="space-between" px={4} py={4} wrap="nowrap">
        <Text fw={600} size="sm" truncate="end">{localized(col.label, i18n.language)}</Text>
        <Badge variant="light" color="gray" data-testid="kanban-count">{count}</Badge>
      </Group>
      <ScrollArea.Autosize mah={height - 48} type="hover" scrollbars="y">
        <Stack gap={6} p={2} pr={6} mih={60} w={250}>
          {col.cards.map((c) => <DraggableCard key={c.id} contact={c} disabled={!canUpdate} />)}
          {col.cards.length === 0 && <Text size="xs" c="dimmed" ta="center" py="md">{t('contacts.kanbanBoard.empty')}</Text>}
          {more > 0 && <Text size="xs" c="dimmed" ta="center">{t('contacts.kanbanBoard.more', { count: more })}</Text>}
        </Stack>
      </ScrollArea.Autosize>
    </Paper>
  );
}

/** Moves a card between columns in a board snapshot (counts follow). */
export function moveCard(board: Board, id: string, to: string, card?: Contact): Board {
  const from = board.columns.find((c) => c.cards.some((x) => x.id === id));
  const moving = card ?? from?.cards.find((x) => x.id === id);
  if (!from || !moving || from.stage === to) return board;
  return {
    columns: board.columns.map((c) => {
      if (c.stage === from.stage) return { ...c, count: Math.max(0, c.count - 1), cards: c.cards.filter((x) => x.id !== id) };
      if (c.stage === to) return { ...c, count: c.count + 1, cards: [{ ...moving, lifecycleStage: to }, ...c.cards] };
      return c;
    }),
  };
}

export function KanbanBoard({ filter, q, height, canUpdate }: { filter: string | undefined; q: string; height: number; canUpdate: boolean }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const key = ['/contacts', 'kanban', { filter, q }];
  const board = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<Board>('/contacts/kanban', { filter, q: q || undefined }, { signal }),
  });
  const [active, setActive] = useState<Contact | null>(null);
  const sensors = useKanbanSensors();

  const onStart = (e: DragStartEvent) => setActive((e.active.data.current?.contact as Contact | undefined) ?? null);
  const onEnd = async (e: DragEndEvent) => {
    setActive(null);
    const contact = e.active.data.current?.contact as Contact | undefined;
    const to = e.over?.id ? String(e.over.id) : null;
    if (!contact || !to || to === contact.lifecycleStage) return;
    const before = qc.getQueryData<Board>(key);
    if (!before) return;
    await qc.cancelQueries({ queryKey: key });
    qc.setQueryData<Board>(key, moveCard(before, contact.id, to));
    try {
      const saved = await api.patch<Contact>(`/contacts/${contact.id}`, { lifecycleStage: to }, { version: contact.version });
      qc.setQueryData<Board>(key, (b) => (b ? { columns: b.columns.map((c) => ({ ...c, cards: c.cards.map((x) => (x.id === saved.id ? saved : x)) })) } : b));
      const col = before.columns.find((c) => c.stage === to);
      notifySuccess(t('contacts.kanbanBoard.moved', { name: contactName(saved), stage: col ? localized(col.label, i18n.language) : to }));
      void qc.invalidateQueries({ queryKey: ['/contacts', 'list'] });
      void qc.invalidateQueries({ queryKey: ['/contacts', 'count'] });
    } catch (err) {
      qc.setQueryData<Board>(key, before);
      notifyError(t('contacts.updateFailed', { message: errorMessage(err, t) }));
      if (isStale(err)) void qc.invalidateQueries({ queryKey: key });
    }
  };

  if (board.isPending) return <LoadingState />;
  if (board.error) return <ErrorState error={board.error} onRetry={() => void board.refetch()} />;
  return (
    <Box>
      <Text size="xs" c="dimmed" mb={6}>{t('contacts.kanbanBoard.dragHint')}</Text>
      <DndContext sensors={sensors} onDragStart={onStart} onDragEnd={(e) => void onEnd(e)} onDragCancel={() => setActive(null)}>
        <ScrollArea type="auto" offsetScrollbars data-testid="kanban-board">
          <Group align="flex-start" gap="sm" wrap="nowrap" pb="xs">
            {board.data.columns.map((c) => <Column key={c.stage} col={c} height={height - 40} canUpdate={canUpdate} />)}
          </Group>
        </ScrollArea>
        <DragOverlay>{active ? <Card contact={active} dragging /> : null}</DragOverlay>
      </DndContext>
    </Box>
  );
}
