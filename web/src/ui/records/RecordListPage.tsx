/**
 * The list of any object at /objects/:name: saved views, quick search, filters built from field types,
 * column chooser, sort, capped total, a virtualised grid with inline edit, selection and bulk actions,
 * export and import; `?view=kanban&group=<select field>` shows the board instead. `?new=1` opens the
 * create drawer, `?edit=<id>` the edit drawer. The saved view, filters, sort, columns and search live in the
 * URL too (ui/useListUrl), so a list is shared as a link ("Copy link").
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ComponentType } from 'react';
import { Badge, Button, Group, SegmentedControl, Select, TextInput, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconLayoutKanban, IconPlus, IconSearch, IconTable, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { SessionUser } from '../../../../contracts/identity';
import { useUser } from '../../app/auth';
import { PageHeader } from '../PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../states';
import { CopyLinkButton, useListUrl } from '../useListUrl';
import { BulkBar } from './BulkBar';
import { ColumnChooser } from './ColumnChooser';
import { objectPath, useOptimisticPatch, useRecordRows, useRecordType } from './data';
import { useFieldText } from './FieldValue';
import { FilterBuilder, FilterChips } from './FilterBuilder';
import { ExportMenu, ImportButton } from './ImportExport';
import { filterParam, liveFields, parseSort, sortString, toggleSort } from './logic';
import { includedOf } from './text';
import { RecordFormDrawer } from './RecordForm';
import { RecordKanban } from './RecordKanban';
import { DEFAULT_WIDTH, RecordTable, widthOf } from './RecordTable';
import { localized, typeLabel, type FieldDef, type RecordFilter, type RecordItem, type RecordType } from './types';
import { useObjectViews, ViewsBar, type ObjectView, type ViewState } from './ViewsBar';

const DEFAULT_SORT = '-createdAt';

/** A built-in view of a standard object's list ("Unassigned"): chosen like a saved view (`?saved=builtin:<id>`). */
export interface ListPreset {
  id: string;
  /** Shown in the views menu (already translated). */
  label: string;
  filters: RecordFilter[];
  sort?: string;
  columns?: string[];
}

/** What a standard object's own list adds to the generic one (tickets: built-in views, SLA and team cells). */
export interface RecordListExtras {
  /** Built-in views, computed when one is chosen (so "due within 2 hours" counts from that moment). */
  presets?: (ctx: { user: SessionUser; now: number; t: TFunction }) => ListPreset[];
  /** Read-only cells of some fields instead of the generic value. */
  cells?: Record<string, ComponentType<{ row: RecordItem; f: FieldDef }>>;
  /** The columns the list starts with, instead of the first fields. */
  columns?: string[];
}

function useFillHeight(ref: React.RefObject<HTMLElement | null>, deps: unknown[]): number {
  const [h, setH] = useState(480);
  useLayoutEffect(() => {
    const measure = () => setH(Math.max(320, window.innerHeight - (ref.current?.getBoundingClientRect().top ?? 200) - 16));
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return h;
}

/**
 * The columns a list starts with: the first live fields besides the title, at most five and only as many as fit
 * beside the title column in a 1440 px window (the column chooser adds the others).
 */
export const defaultColumns = (type: RecordType) => {
  const keys: string[] = [];
  let room = DEFAULT_WIDTH;
  for (const f of liveFields(type.fields)) {
    if (f.key === type.titleField) continue;
    if (keys.length === 5 || widthOf(f) > room) break;
    room -= widthOf(f);
    keys.push(f.key);
  }
  return keys;
};

function ListBody({ type, views, extras }: { type: RecordType; views: ObjectView[]; extras?: RecordListExtras }) {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const qc = useQueryClient();
  const compact = useMediaQuery('(max-width: 48em)') ?? false;
  const [params, setParams] = useSearchParams();
  const fields = useMemo(() => liveFields(type.fields), [type]);
  const kanbanFields = fields.filter((f) => type.kanbanFields.includes(f.key));
  const mode = params.get('view') === 'kanban' && kanbanFields.length ? 'kanban' : 'table';
  const groupKey = params.get('group') ?? kanbanFields[0]?.key;
  const groupField = kanbanFields.find((f) => f.key === groupKey) ?? kanbanFields[0];
  // The recycle bin (?bin=1): deleted records, read-only here; each is restored from its page.
  const bin = mode === 'table' && params.get('bin') === '1';
  const defaults = useMemo(() => extras?.columns ?? defaultColumns(type), [type, extras]);

  const savedId = params.get('saved');
  // Recomputed when a view is chosen, not on every render: a filter counted from "now" must stay put while shown.
  const builtins = useMemo((): ObjectView[] => (extras?.presets?.({ user, now: Date.now(), t }) ?? []).map((p) => ({
    id: `builtin:${p.id}`, entity: `object:${type.name}`, name: p.label, filters: p.filters, sort: p.sort ?? null, columns: p.columns ?? [],
    visibility: 'private', teamId: null, ownerId: '', editable: false, version: 0, createdAt: '', updatedAt: '',
    // eslint-disable-next-line react-hooks/exhaustive-deps
  })), [extras, user, t, type.name, savedId]);
  const view = views.find((x) => x.id === savedId) ?? builtins.find((x) => x.id === savedId) ?? null;
  const initial: ViewState = { filters: [], sort: DEFAULT_SORT, columns: defaults };
  const base: ViewState = view ? { filters: view.filters, sort: view.sort || DEFAULT_SORT, columns: view.columns.length ? view.columns : defaults } : initial;
  const url = useListUrl<RecordFilter>(base, initial);
  const { filters, sort, columns } = url.state;
  const setFilters = (next: RecordFilter[]) => url.set({ filters: next });
  const setSort = (next: string) => url.set({ sort: next });
  const setColumns = (next: string[]) => url.set({ columns: next });
  const { q, setQ, query: debounced } = url;
  const [selected, setSelected] = useState<Set<string>>(new Set());

  const visible = columns.map((k) => fields.find((f) => f.key === k)).filter((f): f is FieldDef => !!f && f.key !== type.titleField);
  const include = visible.filter((f) => f.type === 'relation' || f.type === 'relations').map((f) => f.key).join(',') || undefined;
  const filter = filterParam(filters);
  const list = useRecordRows(type.name, { sort, filter, q: debounced || undefined, include, deleted: bin ? 'true' : undefined });
  const patch = useOptimisticPatch(type.name);
  const text = useFieldText();

  const selectView = (v: ObjectView | null) => url.selectView(v?.id ?? null);
  useEffect(() => setSelected(new Set()), [filter, debounced, sort, bin]);

  const state: ViewState = url.state;
  const dirty = url.dirty;

  const formId = params.get('new') ? 'new' : params.get('edit');
  const setParam = (key: string, value: string | null) => setParams((p) => {
    const n = new URLSearchParams(p);
    if (value === null) n.delete(key);
    else n.set(key, value);
    return n;
  });
  const setForm = (id: string | null) => setParams((p) => {
    const n = new URLSearchParams(p);
    n.delete('new');
    n.delete('edit');
    if (id === 'new') n.set('new', '1');
    else if (id) n.set('edit', id);
    return n;
  });

  const gridRef = useRef<HTMLDivElement>(null);
  const height = useFillHeight(gridRef, [selected.size > 0, filters.length, mode, compact]);
  const plural = typeLabel(type, i18n.language, 'plural');
  const singular = typeLabel(type, i18n.language, 'singular');
  const perms = type.permissions;
  const isFiltered = filters.length > 0 || Boolean(debounced);
  const rows = list.rows;
  const toggle = (id: string) => setSelected((s) => {
    const n = new Set(s);
    if (n.has(id)) n.delete(id);
    else n.add(id);
    return n;
  });
  const cardLine = (r: (typeof rows)[number]) => visible.slice(0, 2).map((f) => text(f, r.values[f.key], includedOf(r, f.key))).filter(Boolean).join(' · ');

  return (
    <>
      <PageHeader
        title={plural}
        actions={
          <>
            {kanbanFields.length > 0 && (
              <SegmentedControl
                value={mode} onChange={(m) => setParam('view', m === 'kanban' ? 'kanban' : null)} data-testid="mode-switch"
                data={[
                  { value: 'table', label: <Group gap={4} wrap="nowrap"><IconTable size={14} aria-hidden />{compact ? <VisuallyHidden>{t('records.table')}</VisuallyHidden> : <span>{t('records.table')}</span>}</Group> },
                  { value: 'kanban', label: <Group gap={4} wrap="nowrap"><IconLayoutKanban size={14} aria-hidden />{compact ? <VisuallyHidden>{t('records.kanban.title')}</VisuallyHidden> : <span>{t('records.kanban.title')}</span>}</Group> },
                ]}
              />
            )}
            {perms.delete && mode === 'table' && (
              <Button variant={bin ? 'light' : 'default'} leftSection={<IconTrash size={16} />} onClick={() => setParam('bin', bin ? null : '1')} data-testid="bin-toggle" aria-pressed={bin}>
                {t('records.bin')}
              </Button>
            )}
            {perms.export && <ExportMenu name={type.name} params={{ filter, sort, q: debounced || undefined }} />}
            {perms.create && <ImportButton name={type.name} />}
            {perms.create && <Button leftSection={<IconPlus size={16} />} onClick={() => setForm('new')} data-testid="record-create">{t('records.new', { name: singular })}</Button>}
          </>
        }
      />
      <Group mb="xs" gap="xs" wrap="wrap" align="center">
        <ViewsBar name={type.name} allLabel={t('records.views.all', { name: plural })} currentId={view?.id ?? null} state={state} dirty={dirty} onSelect={selectView} builtins={builtins} />
        <CopyLinkButton url={url.shareUrl} label={t('records.views.copyLink')} copied={t('records.views.linkCopied')} failed={t('records.views.copyFailed')} />
        <Group gap="xs" wrap="nowrap" style={{ flex: '2 1 320px', minWidth: 0 }}>
          <TextInput placeholder={t('records.search')} leftSection={<IconSearch size={16} />} value={q} onChange={(e) => setQ(e.currentTarget.value)}
            style={{ flex: 1, minWidth: 0 }} data-testid="list-search" aria-label={t('records.search')} />
          <FilterBuilder key={JSON.stringify(filters)} fields={fields} value={filters} onApply={setFilters} />
          {mode === 'table' && !compact && <ColumnChooser fields={fields.filter((f) => f.key !== type.titleField)} value={columns} onChange={setColumns} />}
          {mode === 'kanban' && groupField && kanbanFields.length > 1 && (
            <Select data={kanbanFields.map((f) => ({ value: f.key, label: localized(f.labels, i18n.language) }))} value={groupField.key} onChange={(k) => setParam('group', k)} allowDeselect={false} w={160} aria-label={t('records.kanban.groupBy')} data-testid="kanban-group" />
          )}
        </Group>
        {mode === 'table' && list.count !== undefined && (
          <Badge variant="light" color="gray" size="lg" tt="none" data-testid="list-total">
            {list.capped ? t('records.totalCapped') : t('records.total', { count: list.count, n: list.count.toLocaleString(i18n.language) })}
          </Badge>
        )}
      </Group>
      <FilterChips fields={fields} value={filters} onChange={setFilters} />
      {mode === 'table' && !bin && selected.size > 0 && (
        <BulkBar name={type.name} ids={[...selected]} fields={fields} canUpdate={perms.update} canDelete={perms.delete}
          onClear={() => setSelected(new Set())} onDone={() => { setSelected(new Set()); void qc.invalidateQueries({ queryKey: [objectPath(type.name)] }); }} />
      )}
      <div ref={gridRef}>
        {mode === 'kanban' && groupField ? (
          <RecordKanban type={type} field={groupField} filters={filters} q={debounced} height={height} cardFields={visible.filter((f) => f.key !== groupField.key)} />
        ) : list.isPending ? <LoadingState /> : list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : rows.length === 0 ? (
          isFiltered
            ? <EmptyState title={t('records.noMatches')} action={<Button variant="light" onClick={url.clear}>{t('records.filters.clear')}</Button>} />
            : bin ? <EmptyState title={t('records.binEmpty')} /> : <EmptyState title={t('records.empty', { name: plural })} description={t('records.emptyHint')}
                action={perms.create ? <Button leftSection={<IconPlus size={16} />} onClick={() => setForm('new')}>{t('records.new', { name: singular })}</Button> : undefined} />
        ) : (
          <RecordTable
            objectName={type.name} rows={rows} fields={visible} compact={compact} height={height}
            sort={parseSort(sort)} onSort={(f, add) => setSort(sortString(toggleSort(parseSort(sort), f, add)))}
            selected={selected} onToggle={toggle} onToggleAll={() => setSelected(selected.size === rows.length ? new Set() : new Set(rows.map((r) => r.id)))}
            hasMore={list.hasMore} loadingMore={list.loadingMore} loadMore={list.loadMore}
            canEdit={perms.update && !bin} onPatch={(r, v) => void patch(r, v)} cardLine={cardLine} cells={extras?.cells}
          />
        )}
      </div>
      <RecordFormDrawer type={type} id={formId} onClose={() => setForm(null)} />
    </>
  );
}

/** The list of `name` (a standard object's own route passes it), else of the route's `:name`. */
export function RecordListPage({ name: fixed, extras }: { name?: string; extras?: RecordListExtras }) {
  const { name: param = '' } = useParams();
  const name = fixed ?? param;
  const { t } = useTranslation();
  const { type, isPending, error } = useRecordType(name);
  if (isPending) return <LoadingState />;
  if (error) return <ErrorState error={error} />;
  if (!type) return <EmptyState title={t('records.notFoundObject')} />;
  return <WithViews key={type.name} type={type} extras={extras} />;
}

/** A saved view named in the URL is read first, so the list is not fetched without its filters. */
function WithViews({ type, extras }: { type: RecordType; extras?: RecordListExtras }) {
  const [params] = useSearchParams();
  const views = useObjectViews(type.name);
  if (params.get('saved') && views.isPending) return <LoadingState />;
  return <ListBody type={type} views={views.data ?? []} extras={extras} />;
}
