/**
 * The generic record grid: virtualised rows (@tanstack/react-virtual) of any object, a title column linking
 * to the record, one column per chosen field, header click / Shift-click sort on sortable fields, row
 * selection, and inline edit of a cell (click; Enter or blur saves, Escape cancels). Phones get two-line cards.
 * Scrolled sideways, the checkbox and title columns stay pinned at the left edge, with a shadow.
 */
import { memo, useEffect, useRef, useState, type ComponentType, type ReactNode } from 'react';
import { Anchor, Checkbox, Loader } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { recordHref } from './data';
import { FieldInput } from './FieldInput';
import { FieldValue } from './FieldValue';
import { writable, type SortKey } from './logic';
import { includedOf } from './text';
import classes from './table.module.css';
import { localized, type FieldDef, type RecordItem } from './types';

const ROW = 44;
const CARD = 64;
const CHECK = 44;
const TITLE = 240;
/** Room for field columns beside the checkbox and title in a 1440 px window (sidebar, padding and scrollbar off). */
export const DEFAULT_WIDTH = 850;
export const widthOf = (f: FieldDef) => (f.type === 'long_text' ? 260 : f.type === 'boolean' || f.type === 'rating' ? 110 : f.type === 'multi_select' || f.type === 'relation' ? 200 : 170);
/** Types whose inline editor saves on change (a pick), not on Enter/blur. */
const PICKED = new Set(['select', 'multi_select', 'user', 'relation', 'relations', 'boolean', 'rating', 'date']);

interface Props {
  objectName: string;
  rows: RecordItem[];
  fields: FieldDef[];
  sort: SortKey[];
  onSort: (field: string, additive: boolean) => void;
  selected: Set<string>;
  onToggle: (id: string) => void;
  onToggleAll: () => void;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  canEdit: boolean;
  onPatch: (row: RecordItem, values: Record<string, unknown>) => void;
  compact: boolean;
  height: number;
  /** The subtitle of a phone card. */
  cardLine?: (row: RecordItem) => ReactNode;
  /** A standard object's own read-only cell of a field (e.g. a ticket's SLA due with its badge), instead of the generic value. */
  cells?: Record<string, ComponentType<{ row: RecordItem; f: FieldDef }>>;
}

function InlineCell({ f, row, onDone, onPatch }: { f: FieldDef; row: RecordItem; onDone: () => void; onPatch: Props['onPatch'] }) {
  const [v, setV] = useState<unknown>(row.values[f.key]);
  // Enter, then the blur of the removed input, must not send the change twice (the second would be stale).
  const done = useRef(false);
  const commit = (next: unknown) => {
    if (done.current) return;
    done.current = true;
    onDone();
    if (JSON.stringify(next ?? null) !== JSON.stringify(row.values[f.key] ?? null)) onPatch(row, { [f.key]: next === '' ? null : next });
  };
  return (
    <div
      style={{ width: '100%' }} data-testid="inline-editor"
      onKeyDown={(e) => {
        if (e.key === 'Escape') { done.current = true; onDone(); }
        if (e.key === 'Enter' && !PICKED.has(f.type)) commit(v);
      }}
      onBlur={(e) => {
        if (!PICKED.has(f.type) && !e.currentTarget.contains(e.relatedTarget as Node | null)) commit(v);
      }}
    >
      <FieldInput f={f} value={v} valueTitle={row.included?.[f.key]?.title} valueTitles={row.includedMany?.[f.key]} autoFocus
        onChange={(x) => (PICKED.has(f.type) ? commit(x) : setV(x))} />
    </div>
  );
}

const Row = memo(function Row({ row, fields, selected, editingKey, top, p }: { row: RecordItem; fields: FieldDef[]; selected: boolean; editingKey: string | null; top: number; p: Props & { setEditing: (e: { id: string; key: string } | null) => void; width: number } }) {
  const { t } = useTranslation();
  return (
    <div role="row" className={`${classes.row} ${selected ? classes.selected : ''}`} style={{ top, height: ROW, width: p.width }} data-testid="record-row" data-id={row.id}>
      <div className={`${classes.cell} ${classes.sticky}`} style={{ width: CHECK, left: 0 }} role="gridcell">
        <Checkbox size="xs" checked={selected} onChange={() => p.onToggle(row.id)} aria-label={t('records.selectRow')} data-testid="row-select" />
      </div>
      <div className={`${classes.cell} ${classes.sticky} ${classes.edge}`} style={{ width: TITLE, left: CHECK }} role="gridcell" data-col="__title">
        <Anchor component={Link} to={recordHref(p.objectName, row.id)} size="sm" className={classes.title} data-testid="row-title">{row.title || t('records.untitled')}</Anchor>
      </div>
      {fields.map((f) => {
        const editable = p.canEdit && writable(f);
        const Cell = p.cells?.[f.key];
        return (
          <div
            key={f.key} role="gridcell" className={`${classes.cell} ${editable ? classes.editable : ''}`} style={{ width: widthOf(f) }} data-col={f.key}
            onClick={editable && editingKey !== f.key ? (e) => { if (!(e.target as HTMLElement).closest('a')) p.setEditing({ id: row.id, key: f.key }); } : undefined}
          >
            {editingKey === f.key
              ? <InlineCell f={f} row={row} onDone={() => p.setEditing(null)} onPatch={p.onPatch} />
              : Cell ? <Cell row={row} f={f} /> : <FieldValue f={f} value={row.values[f.key]} included={includedOf(row, f.key)} />}
          </div>
        );
      })}
    </div>
  );
});

export function RecordTable(p: Props) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [editing, setEditing] = useState<{ id: string; key: string } | null>(null);
  const rowH = p.compact ? CARD : ROW;
  const count = p.rows.length + (p.hasMore ? 1 : 0);
  const v = useVirtualizer({ count, getScrollElement: () => ref.current, estimateSize: () => rowH, overscan: 8, getItemKey: (i) => p.rows[i]?.id ?? `more-${i}` });
  const items = v.getVirtualItems();
  const last = items[items.length - 1];
  useEffect(() => {
    if (last && last.index >= p.rows.length - 1 && p.hasMore && !p.loadingMore) p.loadMore();
  }, [last, p]);
  const width = CHECK + TITLE + p.fields.reduce((s, f) => s + widthOf(f), 0);
  const allSelected = p.rows.length > 0 && p.selected.size === p.rows.length;
  const sortIcon = (key: string) => {
    const k = p.sort.find((s) => s.field === key);
    if (!k) return null;
    return k.desc ? <IconArrowDown size={12} /> : <IconArrowUp size={12} />;
  };
  const rowProps = { ...p, setEditing, width };
  // Pinned cells are sticky only while the grid is scrolled sideways: at scrollLeft 0 they would be a composited
  // layer each for nothing (as in the contacts grid).
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const pin = () => {
      const pinned = el.scrollLeft > 0;
      if (pinned !== el.hasAttribute('data-pinned')) el.toggleAttribute('data-pinned', pinned);
    };
    pin();
    el.addEventListener('scroll', pin, { passive: true });
    return () => el.removeEventListener('scroll', pin);
  }, []);

  return (
    <div ref={ref} className={classes.scroller} style={{ height: p.height }} role="grid" aria-rowcount={count} data-testid="record-table">
      {!p.compact && (
        <div className={classes.header} role="row" style={{ width }}>
          <div className={`${classes.cell} ${classes.sticky}`} style={{ width: CHECK, left: 0 }} role="columnheader">
            <Checkbox size="xs" checked={allSelected} indeterminate={p.selected.size > 0 && !allSelected} onChange={p.onToggleAll} aria-label={t('records.selectAll')} data-testid="select-all" />
          </div>
          <div className={`${classes.cell} ${classes.headCell} ${classes.sticky} ${classes.edge}`} style={{ width: TITLE, left: CHECK }} role="columnheader">{t('records.titleColumn')}</div>
          {p.fields.map((f) => (
            <div
              key={f.key} role="columnheader" data-testid={`col-${f.key}`}
              className={`${classes.cell} ${classes.headCell} ${f.sortable ? classes.sortable : ''}`} style={{ width: widthOf(f) }}
              onClick={f.sortable ? (e) => p.onSort(f.key, e.shiftKey) : undefined}
              aria-sort={p.sort[0]?.field === f.key ? (p.sort[0].desc ? 'descending' : 'ascending') : undefined}
            >
              <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{localized(f.labels, i18n.language)}</span>{sortIcon(f.key)}
            </div>
          ))}
        </div>
      )}
      <div role="rowgroup" style={{ height: v.getTotalSize(), position: 'relative', width: p.compact ? '100%' : width }}>
        {items.map((it) => {
          const row = p.rows[it.index];
          if (!row) return <div key={it.key} className={classes.cell} style={{ position: 'absolute', top: it.start, height: rowH }}><Loader size="xs" /></div>;
          if (p.compact) {
            return (
              <div key={it.key} role="row" className={`${classes.card} ${p.selected.has(row.id) ? classes.selected : ''}`} style={{ top: it.start, height: CARD }} data-testid="record-row" data-id={row.id}>
                <div role="gridcell"><Checkbox size="xs" checked={p.selected.has(row.id)} onChange={() => p.onToggle(row.id)} aria-label={t('records.selectRow')} /></div>
                <div className={classes.cardBody} role="gridcell">
                  <Anchor component={Link} to={recordHref(p.objectName, row.id)} size="sm" className={classes.title} data-testid="row-title">{row.title || t('records.untitled')}</Anchor>
                  <div style={{ overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis', fontSize: 'var(--mantine-font-size-xs)', color: 'var(--mantine-color-dimmed)' }}>{p.cardLine?.(row)}</div>
                </div>
              </div>
            );
          }
          return (
            <Row key={it.key} row={row} fields={p.fields} selected={p.selected.has(row.id)} top={it.start}
              editingKey={editing?.id === row.id ? editing.key : null} p={rowProps} />
          );
        })}
      </div>
    </div>
  );
}
