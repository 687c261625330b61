/**
 * An object's records as a board grouped by one of its select fields: a column per option (in option order)
 * plus "no value", each its first 50 records (newest first) and capped count — one list request and one
 * count per column. Dragging a card (@dnd-kit/core: mouse, touch, keyboard) PATCHes the field with
 * If-Match; the card moves at once and goes back if the server refuses; a 412 (changed by someone else)
 * reloads the board and says so.
 */
import { useState } from 'react';
import { Badge, Box, Group, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import {
  DndContext, DragOverlay, useDraggable, useDroppable, type DragEndEvent,
} from '@dnd-kit/core';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../app/api';
import { errorMessage } from '../errors';
import { notifyError, notifySuccess } from '../notify';
import { ErrorState, LoadingState } from '../states';
import { isStale, objectPath, recordHref } from './data';
import { useFieldText } from './FieldValue';
import { CARD_LINK, useKanbanSensors, cardAria } from './kanban-a11y';
import { sortedOptions } from './logic';
import { includedOf } from './text';
import { localized, type FieldDef, type RecordFilter, type RecordItem, type RecordType } from './types';

const NONE = '__none';
const CARDS = 50;

interface Props {
  type: RecordType;
  field: FieldDef;
  filters: RecordFilter[];
  q: string;
  height: number;
  /** Fields shown on each card under its title. */
  cardFields: FieldDef[];
}

function Card({ rec, fields, dragging }: { rec: RecordItem; fields: FieldDef[]; dragging?: boolean }) {
  const { t } = useTranslation();
  const text = useFieldText();
  const lines = fields.map((f) => text(f, rec.values[f.key], includedOf(rec, f.key))).filter(Boolean).slice(0, 3);
  return (
    <Paper withBorder p="xs" radius="md" shadow={dragging ? 'md' : undefined} style={{ cursor: 'grab', touchAction: 'none', width: dragging ? 248 : undefined }} data-testid="kanban-card" data-id={rec.id}>
      <Text size="sm" fw={600} c="var(--mantine-color-anchor)" truncate="end">{rec.title || t('records.untitled')}</Text>
      {lines.map((l, i) => <Text key={i} size="xs" c="dimmed" truncate="end">{l}</Text>)}
    </Paper>
  );
}

/** The card is one link that also drags (from anywhere, the title included): no control nested in another. */
function Draggable({ type, rec, fields, disabled }: { type: RecordType; rec: RecordItem; fields: FieldDef[]; disabled: boolean }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: rec.id, data: { rec }, disabled });
  return (
    <Link ref={setNodeRef} to={recordHref(type.name, rec.id)} {...listeners} {...cardAria(attributes)} draggable={false} className={CARD_LINK.className} style={{ ...CARD_LINK.style, opacity: isDragging ? 0.4 : 1 }}>
      <Card rec={rec} fields={fields} />
    </Link>
  );
}

function Column({ id, label, color, records, count, capped, height, children }: { id: string; label: string; color: string; records: number; count: number | undefined; capped: boolean; height: number; children: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id });
  const more = count !== undefined && !capped ? count - records : 0;
  return (
    <Paper ref={setNodeRef} withBorder radius="md" p={6} w={264} miw={264} bg={isOver ? 'blue.0' : 'gray.0'}
      style={{ display: 'flex', flexDirection: 'column', maxHeight: height }} data-testid="kanban-column" data-value={id} data-over={isOver || undefined}>
      <Group justify="space-between" px={4} py={4} wrap="nowrap">
        <Badge variant="light" color={color} tt="none" size="lg">{label}</Badge>
        <Text size="xs" c="dimmed" data-testid="kanban-count">{count === undefined ? '' : capped ? '10,000+' : count.toLocaleString(i18n.language)}</Text>
      </Group>
      <ScrollArea.Autosize mah={height - 48} type="hover" scrollbars="y">
        <Stack gap={6} p={2} pr={6} mih={60} w={250}>
          {children}
          {records === 0 && <Text size="xs" c="dimmed" ta="center" py="md">{t('records.kanban.empty')}</Text>}
          {more > 0 && <Text size="xs" c="dimmed" ta="center">{t('records.kanban.more', { count: more })}</Text>}
        </Stack>
      </ScrollArea.Autosize>
    </Paper>
  );
}

export function RecordKanban({ type, field, filters, q, height, cardFields }: Props) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const path = objectPath(type.name);
  const canUpdate = type.permissions.update && !field.readOnly;
  const columns = [...sortedOptions(field).map((o) => ({ id: o.value, label: localized(o.labels, i18n.language), color: o.color })), { id: NONE, label: t('records.kanban.none'), color: 'gray' }];
  const include = cardFields.filter((f) => f.type === 'relation' || f.type === 'relations').map((f) => f.key).join(',') || undefined;
  const colFilter = (id: string): string => JSON.stringify([...filters, id === NONE ? { field: field.key, op: 'empty' } : { field: field.key, op: 'eq', value: id }]);
  const keyOf = (id: string) => [path, 'kanban', field.key, id, { filters, q }];
  const lists = useQueries({
    queries: columns.map((c) => ({
      queryKey: keyOf(c.id),
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<Page<RecordItem>>(path, { filter: colFilter(c.id), q: q || undefined, limit: CARDS, sort: '-updatedAt', include }, { signal }),
    })),
  });
  const counts = useQueries({
    queries: columns.map((c) => ({
      queryKey: [path, 'kanban', field.key, c.id, 'count', { filters, q }],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<{ count: number; capped: boolean }>(`${path}/count`, { filter: colFilter(c.id), q: q || undefined }, { signal }),
    })),
  });
  const [active, setActive] = useState<RecordItem | null>(null);
  const sensors = useKanbanSensors();

  const onEnd = async (e: DragEndEvent) => {
    setActive(null);
    const rec = e.active.data.current?.rec as RecordItem | undefined;
    const to = e.over?.id ? String(e.over.id) : null;
    const fromId = rec ? (rec.values[field.key] as string | null) ?? NONE : null;
    if (!rec || !to || to === fromId) return;
    const fromKey = keyOf(fromId!);
    const toKey = keyOf(to);
    const fromData = qc.getQueryData<Page<RecordItem>>(fromKey);
    const toData = qc.getQueryData<Page<RecordItem>>(toKey);
    const value = to === NONE ? null : to;
    const moved = { ...rec, values: { ...rec.values, [field.key]: value } };
    if (fromData) qc.setQueryData(fromKey, { ...fromData, data: fromData.data.filter((r) => r.id !== rec.id) });
    if (toData) qc.setQueryData(toKey, { ...toData, data: [moved, ...toData.data] });
    try {
      const saved = await api.patch<RecordItem>(`${path}/${rec.id}`, { values: { [field.key]: value } }, { version: rec.version });
      qc.setQueryData<Page<RecordItem>>(toKey, (d) => (d ? { ...d, data: d.data.map((r) => (r.id === saved.id ? { ...saved, included: r.included, includedMany: r.includedMany } : r)) } : d));
      notifySuccess(t('records.kanban.moved', { name: saved.title || t('records.untitled'), value: columns.find((c) => c.id === to)?.label ?? to }));
      void qc.invalidateQueries({ queryKey: [path, 'kanban', field.key] });
      void qc.invalidateQueries({ queryKey: [path, 'list'] });
      void qc.invalidateQueries({ queryKey: [path, rec.id] });
    } catch (err) {
      if (fromData) qc.setQueryData(fromKey, fromData);
      if (toData) qc.setQueryData(toKey, toData);
      if (isStale(err)) {
        notifyError(t('records.kanban.stale'));
        void qc.invalidateQueries({ queryKey: [path, 'kanban', field.key] });
      } else notifyError(t('records.updateFailed', { message: errorMessage(err, t) }));
    }
  };

  const failed = lists.find((l) => l.error);
  if (failed) return <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />;
  if (lists.some((l) => l.isPending)) return <LoadingState />;
  return (
    <Box>
      <Text size="xs" c="dimmed" mb={6}>{t('records.kanban.hint')}</Text>
      <DndContext sensors={sensors} onDragStart={(e) => setActive((e.active.data.current?.rec as RecordItem | undefined) ?? null)} onDragEnd={(e) => void onEnd(e)} onDragCancel={() => setActive(null)}>
        <ScrollArea type="auto" offsetScrollbars data-testid="kanban-board">
          <Group align="flex-start" gap="sm" wrap="nowrap" pb="xs">
            {columns.map((c, i) => {
              const recs = lists[i]?.data?.data ?? [];
              return (
                <Column key={c.id} id={c.id} label={c.label} color={c.color} records={recs.length} count={counts[i]?.data?.count} capped={counts[i]?.data?.capped ?? false} height={height - 40}>
                  {recs.map((r) => <Draggable key={r.id} type={type} rec={r} fields={cardFields} disabled={!canUpdate} />)}
                </Column>
              );
            })}
          </Group>
        </ScrollArea>
        <DragOverlay>{active ? <Card rec={active} fields={cardFields} dragging /> : null}</DragOverlay>
      </DndContext>
    </Box>
  );
}
