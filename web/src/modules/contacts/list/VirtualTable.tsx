/**
 * A virtualised grid (@tanstack/react-virtual): only the rows in view are in the DOM, so 10,000 loaded
 * rows scroll smoothly. Fetches the next keyset page as the end comes near. Header clicks sort
 * (Shift-click adds a key); checkbox and name columns stay pinned on horizontal scroll. On phones rows
 * become two-line cards.
 * Rows are placed with `top` (fixed by their index, so set once) rather than a transform each, and hold
 * plain elements only (see columns.tsx): what the browser paints and layerizes per frame stays small.
 * Links in cells are plain anchors; the grid's click handler routes them in the app.
 */
import { memo, useCallback, useEffect, useId, useLayoutEffect, useRef, type MouseEvent, type ReactNode } from 'react';
import { Badge, Box, Group, Loader, Tooltip } from '@mantine/core';
import { useVirtualizer, type Range } from '@tanstack/react-virtual';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SortKey } from '../logic';
import type { AnyRow, Column } from './columns';
import { slotCount, slotWindow } from './slots';
import classes from './table.module.css';

const ROW = 44;
const COMPACT_ROW = 64;
const CHECK = 44;
const NO_COLS: Column[] = [];
const OVERSCAN = 6;
/** How close scroll events must come to count as one scroll gesture, and how long after it rows take the pointer again. */
const SETTLE_MS = 100;

export interface VirtualTableProps {
  rows: AnyRow[];
  columns: Column[];
  sort: SortKey[];
  onSort: (field: string, additive: boolean) => void;
  selected: Set<string>;
  allSelected: boolean;
  onToggle: (id: string) => void;
  onToggleAll: () => void;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  compact: boolean;
  /** Card body on phones. */
  renderCompact: (row: AnyRow) => ReactNode;
  /** The cell content, given the chance to swap in an inline editor. */
  renderCell: (row: AnyRow, col: Column) => ReactNode;
  onCellClick?: (row: AnyRow, col: Column) => void;
  canEdit: boolean;
  height: string;
}

export function VirtualTable(p: VirtualTableProps) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const rowHeight = p.compact ? COMPACT_ROW : ROW;
  const count = p.rows.length + (p.hasMore ? 1 : 0);
  // The virtualizer recomputes every item's offset (O(loaded rows)) whenever getItemKey changes identity,
  // so it must stay the same function while the rows do: an inline arrow did that on every scroll frame.
  const rows = p.rows;
  const getItemKey = useCallback((i: number) => rows[i]?.id ?? `loader-${i}`, [rows]);
  const estimateSize = useCallback(() => rowHeight, [rowHeight]);
  // Rows are recycled by slot (slots.ts): row i is shown by element `i mod slots`, so a row leaving one edge of
  // the window becomes the row entering the other. React then updates its text and attributes instead of
  // creating and removing ~30 elements per row (no DOM wrappers left for the garbage collector), and rows stay
  // in slot order in the DOM, so none is moved either (a moved row is restyled whole). The window is always
  // exactly `slots` rows (rangeExtractor), or every slot would not be reused. Assistive technology gets the
  // visual order from `aria-owns` on the row group. `slots` only grows (with the viewport's height).
  const slotsRef = useRef(0);
  const rangeExtractor = useCallback((range: Range) => slotWindow(range, slotsRef.current), []);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    // 6 rows (264 px) beyond each edge: enough for a fast scroll's rows arriving a frame late (web-scroll checks
    // the viewport's first and last rows), and every rendered row costs paint, style and layerization each frame:
    // 12 dropped 0.9 % of frames in bench/web-scroll.mjs, 6 drops 0.03–0.09 %.
    overscan: OVERSCAN,
    getItemKey,
    // Render the rows a scroll brings in with React's normal batching, not flushSync inside the scroll event:
    // the overscan rows on each side cover the one frame they may arrive late.
    useFlushSync: false,
    rangeExtractor,
  });
  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);
  // The checkbox and name cells are pinned (position: sticky) only while the grid is scrolled sideways: a
  // sticky cell in a composited scroller is a composited layer of its own, two per row, and at scrollLeft 0
  // they would cost a layer tree of ~120 layers (and new ones on every frame) for no visible effect.
  // While the grid keeps scrolling (scroll events less than SETTLE_MS apart, and until SETTLE_MS after the last), its
  // rows ignore the pointer (data-scrolling): a pointer resting on the grid would otherwise hover a different row every
  // frame, each a hit test, a restyle and a repaint of two rows. A single scroll (a row scrolled into view, a jump)
  // does not count, so a click that follows one lands where it is aimed.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    // One timer per scroll gesture, re-armed when it fires early (not a clearTimeout and setTimeout per frame).
    let settle: ReturnType<typeof setTimeout> | undefined;
    let lastScroll = -Infinity;
    const settled = () => {
      const wait = lastScroll + SETTLE_MS - performance.now();
      if (wait > 0) {
        settle = setTimeout(settled, wait);
        return;
      }
      settle = undefined;
      el.removeAttribute('data-scrolling');
    };
    const pin = () => {
      const pinned = el.scrollLeft > 0;
      if (pinned !== el.hasAttribute('data-pinned')) el.toggleAttribute('data-pinned', pinned);
    };
    const onScroll = () => {
      pin();
      const now = performance.now();
      const sustained = now - lastScroll < SETTLE_MS;
      lastScroll = now;
      if (sustained && settle === undefined) {
        el.setAttribute('data-scrolling', '');
        settle = setTimeout(settled, SETTLE_MS);
      }
    };
    pin();
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      clearTimeout(settle);
      el.removeEventListener('scroll', onScroll);
    };
  }, []);
  // Cell links are plain anchors (columns.tsx): a plain left click navigates inside the app.
  const navigate = useNavigate();
  const onClick = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element).closest('a[data-nav]');
    if (!a) return;
    e.preventDefault();
    navigate(a.getAttribute('href')!);
  };
  slotsRef.current = Math.max(slotsRef.current, slotCount(virtualizer.scrollRect?.height ?? 0, rowHeight, OVERSCAN));
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];
  // A window computed before the viewport was measured can be longer than `slots`: keys must stay unique.
  const slots = (slotsRef.current = Math.max(slotsRef.current, items.length));
  const idBase = useId();
  const slotId = (index: number) => `${idBase}r${index % slots}`;
  const inSlotOrder = [...items].sort((a, b) => (a.index % slots) - (b.index % slots));

  // Fetch the next page while the user is still 40 rows away from the end.
  useEffect(() => {
    if (last && last.index >= p.rows.length - 40 && p.hasMore && !p.loadingMore) p.loadMore();
  }, [last, p.rows.length, p.hasMore, p.loadingMore, p]);

  const cols = p.compact ? NO_COLS : p.columns;
  const width = CHECK + cols.reduce((s, c) => s + c.width, 0);
  const someSelected = p.selected.size > 0 && !p.allSelected;
  const selectLabel = t('contacts.selectRow');
  return (
    <div ref={scrollRef} className={classes.scroller} style={{ height: p.height }} onClick={onClick} data-testid="list-scroller" role="grid" aria-rowcount={count}>
      {!p.compact && (
        <HeaderRow cols={cols} width={width} sort={p.sort} onSort={p.onSort} allSelected={p.allSelected} someSelected={someSelected} onToggleAll={p.onToggleAll} />
      )}
      <div
        style={{ height: virtualizer.getTotalSize(), width: p.compact ? '100%' : width, minWidth: '100%', position: 'relative' }}
        role="rowgroup" aria-owns={items.filter((v) => p.rows[v.index]).map((v) => slotId(v.index)).join(' ')}
      >
        {inSlotOrder.map((v) => {
          const row = p.rows[v.index];
          if (!row) {
            return (
              <Group key={v.key} justify="center" style={{ position: 'absolute', top: v.start, left: 0, right: 0, height: rowHeight }}>
                <Loader size="xs" />
              </Group>
            );
          }
          return (
            <VirtualRow
              key={slotId(v.index)} id={slotId(v.index)} row={row} index={v.index} start={v.start} height={rowHeight} width={width} cols={cols}
              compact={p.compact} canEdit={p.canEdit} selected={p.selected.has(row.id)} onToggle={p.onToggle} selectLabel={selectLabel}
              renderCompact={p.renderCompact} renderCell={p.renderCell} onCellClick={p.onCellClick}
            />
          );
        })}
      </div>
    </div>
  );
}

interface HeaderRowProps {
  cols: Column[];
  width: number;
  sort: SortKey[];
  onSort: (field: string, additive: boolean) => void;
  allSelected: boolean;
  someSelected: boolean;
  onToggleAll: () => void;
}

/** The sticky header, memoised: the grid re-renders on every scroll frame, its header only when sort, columns or selection change. */
const HeaderRow = memo(function HeaderRow(h: HeaderRowProps) {
  const { t } = useTranslation();
  const hint = t('contacts.sort.hint');
  const head = (c: Column, i: number) => {
    const at = c.sort ? h.sort.findIndex((k) => k.field === c.sort) : -1;
    const key = at >= 0 ? h.sort[at] : undefined;
    const click = (e: MouseEvent) => c.sort && h.onSort(c.sort, e.shiftKey);
    return (
      <div
        key={c.key}
        className={`${classes.cell} ${classes.headCell} ${c.sort ? classes.sortable : ''} ${i === 0 ? `${classes.sticky} ${classes.edge}` : ''}`}
        style={{ width: c.width, left: i === 0 ? CHECK : undefined }}
        onClick={click}
        role="columnheader"
        aria-sort={key ? (key.desc ? 'descending' : 'ascending') : undefined}
        title={c.sort ? hint : undefined}
        data-testid={`col-${c.key}`}
      >
        <span className={classes.text}>{c.label}</span>
        {key && (
          <span className={classes.sortMark}>
            {key.desc ? <IconArrowDown size={14} /> : <IconArrowUp size={14} />}
            {h.sort.length > 1 && <span className={classes.sortRank}>{at + 1}</span>}
          </span>
        )}
      </div>
    );
  };
  return (
    <div className={classes.header} style={{ width: Math.max(h.width, 0), minWidth: '100%' }} role="row">
      <div className={`${classes.cell} ${classes.sticky}`} style={{ width: CHECK, left: 0 }} role="columnheader">
        <CheckInput checked={h.allSelected} indeterminate={h.someSelected} onChange={h.onToggleAll} label={t('contacts.selectAll')} testId="select-all" />
      </div>
      {h.cols.map(head)}
    </div>
  );
});

interface VirtualRowProps {
  /** The slot's element id (the row group's aria-owns lists them in visual order). */
  id: string;
  row: AnyRow;
  index: number;
  start: number;
  height: number;
  width: number;
  cols: Column[];
  compact: boolean;
  canEdit: boolean;
  selected: boolean;
  onToggle: (id: string) => void;
  /** The checkbox's accessible name (passed in, so rows need no i18n subscription of their own). */
  selectLabel: string;
  renderCompact: (row: AnyRow) => ReactNode;
  renderCell: (row: AnyRow, col: Column) => ReactNode;
  onCellClick?: (row: AnyRow, col: Column) => void;
}

/**
 * One row, memoised: scrolling re-renders the table every frame, but a row keeps its props (its offset is
 * fixed by its index), so only the slots taking a row that enters the overscan window render. The list page's callbacks
 * change when its state does (selection, inline edit, a new page), which renders the rows again.
 */
const VirtualRow = memo(function VirtualRow(r: VirtualRowProps) {
  const { row } = r;
  const ref = useRef<HTMLDivElement>(null);
  // The slot now shows another record: focus left inside it (a checkbox, a link) would act on that record.
  const shown = useRef(row.id);
  useLayoutEffect(() => {
    if (shown.current === row.id) return;
    shown.current = row.id;
    const focused = document.activeElement;
    if (focused instanceof HTMLElement && ref.current?.contains(focused)) focused.blur();
  }, [row.id]);
  return (
    <div
      ref={ref}
      id={r.id}
      className={`${classes.row} ${r.selected ? classes.selected : ''}`}
      style={{ top: r.start, height: r.height, width: r.compact ? '100%' : r.width, minWidth: '100%' }}
      role="row"
      aria-rowindex={r.index + 1}
      aria-selected={r.selected}
      data-testid="list-row"
      data-id={row.id}
    >
      <div className={`${classes.cell} ${classes.sticky}`} style={{ width: CHECK, left: 0 }} role="gridcell">
        <input type="checkbox" className={classes.check} checked={r.selected} onChange={() => r.onToggle(row.id)} aria-label={r.selectLabel} data-testid="row-select" />
      </div>
      {r.compact ? (
        <div className={`${classes.cell} ${classes.compact}`} style={{ flex: 1 }} role="gridcell">{r.renderCompact(row)}</div>
      ) : (
        r.cols.map((c, i) => {
          const editable = r.canEdit && !!c.edit;
          return (
            <div
              key={c.key}
              className={`${classes.cell} ${i === 0 ? `${classes.sticky} ${classes.edge}` : ''} ${editable ? classes.editable : ''}`}
              style={{ width: c.width, left: i === 0 ? CHECK : undefined }}
              onClick={editable ? () => r.onCellClick?.(row, c) : undefined}
              role="gridcell"
              data-col={c.key}
            >
              {r.renderCell(row, c)}
            </div>
          );
        })
      )}
    </div>
  );
});

/** A native checkbox styled as Mantine's (size xs); `indeterminate` is a DOM property, set after render. */
function CheckInput({ checked, indeterminate, onChange, label, testId }: { checked: boolean; indeterminate: boolean; onChange: () => void; label: string; testId: string }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return <input ref={ref} type="checkbox" className={classes.check} checked={checked} onChange={onChange} aria-label={label} data-testid={testId} />;
}

/** "1,234 records" exact up to the cap, then "10,000+ records". */
export function TotalBadge({ total, capped, loaded }: { total: number | undefined; capped: boolean; loaded: number }) {
  const { t, i18n } = useTranslation();
  if (total === undefined) return null;
  const label = capped ? t('contacts.totalCapped') : t('contacts.total', { count: total, n: new Intl.NumberFormat(i18n.language).format(total) });
  return (
    <Tooltip label={t('contacts.loaded', { count: loaded })} withArrow>
      <Badge variant="light" color="gray" size="lg" data-testid="list-total" style={{ textTransform: 'none' }}>
        <Box component="span">{label}</Box>
      </Badge>
    </Tooltip>
  );
}
