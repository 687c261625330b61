/**
 * /deals: the board of one pipeline (picker in the URL). Columns show count, sum and weighted sum per currency;
 * cards flag rotting deals and deals without a next step. Dragging a card (@dnd-kit: mouse, touch, keyboard) moves
 * it at once, then PATCHes the stage with If-Match: 412 reloads the board with a message; a 400 naming fields
 * required by the stage opens a small form for exactly those fields and retries.
 */
import { useState } from 'react';
import { Anchor, Badge, Box, Button, Card, Group, ScrollArea, Select, Stack, Text, Title } from '@mantine/core';
import {
  DndContext, DragOverlay, useDraggable, useDroppable, type DragEndEvent,
} from '@dnd-kit/core';
import { IconAlertTriangle, IconClockExclamation, IconList } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Board, BoardCard, BoardColumn } from '../../../../contracts/deals';
import { api } from '../../app/api';
import { errorMessage } from '../../ui/errors';
import { formatDate, formatRelative } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { cardAria, CARD_LINK, useKanbanSensors } from '../../ui/records/kanban-a11y';
import { isStale } from '../../ui/records/data';
import { formatMoney } from '../../ui/records/logic';
import { boardKey, missingFields, moveDeal, useBoard, usePipelines } from './data';
import { RequiredFieldsModal, type RequiredAsk } from './RequiredFieldsModal';

const stageLabel = (s: { name: string; nameVi: string | null }, lang: string) => (lang.startsWith('vi') && s.nameVi ? s.nameVi : s.name);

function CardBody({ card, dragging }: { card: BoardCard; dragging?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder radius="md" padding="xs" shadow={dragging ? 'md' : undefined} data-testid="deal-card" data-id={card.id} data-rotting={card.rotting || undefined}
      style={card.rotting ? { borderColor: 'var(--mantine-color-red-6)', borderWidth: 2 } : undefined}>
      <Anchor component={Link} to={`/deals/${card.id}`} fw={600} size="sm" {...CARD_LINK} data-testid="deal-card-link">{card.name}</Anchor>
      {card.company && <Text size="xs" c="dimmed">{card.company.title}</Text>}
      {card.amount && <Text size="sm" data-testid="deal-card-amount">{formatMoney(card.amount, i18n.language)}</Text>}
      <Group gap={4} mt={4}>
        {card.closeDate && <Text size="xs" c="dimmed">{formatDate(card.closeDate)}</Text>}
        {card.ownerName && <Text size="xs" c="dimmed">· {card.ownerName}</Text>}
      </Group>
      <Group gap={4} mt={4}>
        {card.rotting && (
          <Badge size="xs" color="red" variant="light" leftSection={<IconClockExclamation size={12} />} data-testid="deal-rotting">
            {t('deals.board.rotting', { days: card.daysInStage ?? 0 })}
          </Badge>
        )}
        {card.noNextStep
          ? <Badge size="xs" color="orange" variant="light" leftSection={<IconAlertTriangle size={12} />} data-testid="deal-no-next-step">{t('deals.board.noNextStep')}</Badge>
          : card.nextStepAt && <Text size="xs" c="dimmed">{t('deals.board.nextStep', { when: formatRelative(card.nextStepAt) })}</Text>}
      </Group>
    </Card>
  );
}

function Draggable({ card, disabled }: { card: BoardCard; disabled: boolean }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: card.id, data: { card }, disabled });
  return (
    <Box ref={setNodeRef} {...listeners} {...attributes} {...cardAria(attributes)} style={{ opacity: isDragging ? 0.4 : 1, touchAction: 'manipulation' }}>
      <CardBody card={card} />
    </Box>
  );
}

function Column({ col, pipelineId, onMore }: { col: BoardColumn; pipelineId: string; onMore: (col: BoardColumn) => void }) {
  const { t, i18n } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: col.stage.id });
  return (
    <Box ref={setNodeRef} w={272} miw={272} p="xs" data-testid="deal-column" data-stage={col.stage.id} data-over={isOver || undefined} data-pipeline={pipelineId}
      style={{ borderRadius: 'var(--mantine-radius-md)', background: isOver ? 'var(--mantine-color-blue-light)' : 'var(--mantine-color-default-hover)', borderTop: `3px solid var(--mantine-color-${col.stage.color}-6)` }}>
      <Title order={4} size="sm" data-testid="deal-column-title">{stageLabel(col.stage, i18n.language)}</Title>
      <Text size="xs" c="dimmed" data-testid="deal-column-count">{t('deals.board.count', { count: col.count })} · {col.stage.probability}%</Text>
      {col.totals.map((tot) => (
        <Text key={tot.currency} size="xs" data-testid="deal-column-totals">
          {t('deals.board.sum')}: {formatMoney({ amount: tot.sum, currency: tot.currency }, i18n.language)} · {t('deals.board.weighted')}: {formatMoney({ amount: tot.weighted, currency: tot.currency }, i18n.language)}
        </Text>
      ))}
      <Stack gap="xs" mt="xs" mih={60}>
        {col.cards.map((c) => <Draggable key={c.id} card={c} disabled={false} />)}
        {col.cards.length === 0 && <Text size="xs" c="dimmed" ta="center">{t('deals.board.empty')}</Text>}
        {col.nextCursor && <Button variant="subtle" size="xs" onClick={() => onMore(col)}>{t('deals.board.more')}</Button>}
      </Stack>
    </Box>
  );
}

export function DealsBoardPage() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const pipelines = usePipelines();
  const chosen = params.get('pipeline') ?? pipelines.data?.find((p) => p.isDefault)?.id ?? pipelines.data?.[0]?.id ?? null;
  const board = useBoard(chosen);
  const key = boardKey(chosen);
  const [active, setActive] = useState<BoardCard | null>(null);
  const [ask, setAsk] = useState<RequiredAsk | null>(null);
  const sensors = useKanbanSensors();

  const place = (b: Board, card: BoardCard, to: string): Board => ({
    ...b,
    columns: b.columns.map((c) => {
      const without = c.cards.filter((x) => x.id !== card.id);
      const had = without.length !== c.cards.length;
      if (c.stage.id === to) return { ...c, count: c.count + (had ? 0 : 1), cards: [{ ...card, daysInStage: 0, rotting: false }, ...without] };
      return had ? { ...c, count: c.count - 1, cards: without } : c;
    }),
  });

  const move = async (card: BoardCard, to: string) => {
    const before = qc.getQueryData<Board>(key);
    const target = before?.columns.find((c) => c.stage.id === to)?.stage;
    if (!before || !target) return;
    await qc.cancelQueries({ queryKey: key });
    qc.setQueryData<Board>(key, place(before, card, to));
    const done = (name: string) => {
      notifySuccess(t('deals.board.moved', { name, stage: stageLabel(target, i18n.language) }));
      void qc.invalidateQueries({ queryKey: key });
      void qc.invalidateQueries({ queryKey: ['/objects/deals'] });
    };
    try {
      const saved = await moveDeal(card.id, card.version, to);
      done(saved.title);
    } catch (err) {
      qc.setQueryData(key, before);
      const keys = missingFields(err, target.requiredFields);
      if (keys) {
        setAsk({
          stageName: stageLabel(target, i18n.language), keys, currency: board.data?.pipeline.currency ?? 'VND',
          submit: async (values) => {
            qc.setQueryData<Board>(key, place(before, card, to));
            try {
              done((await moveDeal(card.id, card.version, to, values)).title);
            } catch (e) {
              qc.setQueryData(key, before);
              throw e;
            }
          },
        });
      } else if (isStale(err)) {
        notifyError(t('deals.board.stale'));
        void qc.invalidateQueries({ queryKey: key });
      } else notifyError(t('deals.board.failed', { message: errorMessage(err, t) }));
    }
  };

  const onEnd = (e: DragEndEvent) => {
    setActive(null);
    const card = e.active.data.current?.card as BoardCard | undefined;
    const to = e.over?.id ? String(e.over.id) : null;
    const from = board.data?.columns.find((c) => c.cards.some((x) => x.id === card?.id))?.stage.id;
    if (card && to && to !== from) void move(card, to);
  };

  const more = async (col: BoardColumn) => {
    if (!chosen || !col.nextCursor) return;
    try {
      const page = await api.get<Board>('/deals/board', { pipeline: chosen, stage: col.stage.id, cursor: col.nextCursor });
      const got = page.columns[0];
      if (!got) return;
      qc.setQueryData<Board>(key, (b) => b && { ...b, columns: b.columns.map((c) => (c.stage.id === col.stage.id ? { ...c, cards: [...c.cards, ...got.cards], nextCursor: got.nextCursor } : c)) });
    } catch (err) {
      notifyError(errorMessage(err, t));
    }
  };

  const header = (
    <PageHeader
      title={t('deals.board.title')}
      actions={<>
        {pipelines.data && pipelines.data.length > 0 && (
          <Select aria-label={t('deals.board.pipeline')} data-testid="pipeline-picker" allowDeselect={false} value={chosen}
            data={pipelines.data.map((p) => ({ value: p.id, label: stageLabel(p, i18n.language) }))}
            onChange={(v) => v && setParams({ pipeline: v })} />
        )}
        <Button component={Link} to="/deals/list" variant="default" leftSection={<IconList size={16} />}>{t('deals.board.list')}</Button>
      </>}
    />
  );
  if (pipelines.error) return <ErrorState error={pipelines.error} onRetry={() => void pipelines.refetch()} />;
  if (pipelines.isPending) return <LoadingState />;
  if (!chosen) return <>{header}<EmptyState title={t('deals.board.noPipeline')} /></>;
  return (
    <Box>
      {header}
      {board.error ? <ErrorState error={board.error} onRetry={() => void board.refetch()} /> : !board.data ? <LoadingState /> : (
        <>
          <Group gap="md" mb="xs" data-testid="board-totals">
            {board.data.totals.map((tot) => (
              <Text key={tot.currency} size="sm">
                {t('deals.board.sum')}: <b>{formatMoney({ amount: tot.sum, currency: tot.currency }, i18n.language)}</b> · {t('deals.board.weighted')}: <b>{formatMoney({ amount: tot.weighted, currency: tot.currency }, i18n.language)}</b>
              </Text>
            ))}
          </Group>
          <Text size="xs" c="dimmed" mb={6}>{t('deals.board.hint')}</Text>
          <DndContext sensors={sensors} onDragStart={(e) => setActive((e.active.data.current?.card as BoardCard | undefined) ?? null)} onDragEnd={onEnd} onDragCancel={() => setActive(null)}>
            <ScrollArea type="auto" offsetScrollbars data-testid="deals-board">
              <Group align="flex-start" gap="sm" wrap="nowrap" pb="xs">
                {board.data.columns.map((c) => <Column key={c.stage.id} col={c} pipelineId={chosen} onMore={(col) => void more(col)} />)}
              </Group>
            </ScrollArea>
            <DragOverlay>{active ? <CardBody card={active} dragging /> : null}</DragOverlay>
          </DndContext>
        </>
      )}
      <RequiredFieldsModal ask={ask} onClose={() => setAsk(null)} />
    </Box>
  );
}
