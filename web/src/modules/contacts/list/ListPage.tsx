/**
 * The contacts and companies list pages: saved views, quick search, filter builder, column chooser,
 * multi-column sort, capped total, virtualised rows with inline edit, selection and bulk actions; for
 * contacts also a kanban tab (?view=kanban). ?new=1 opens the create form, ?edit=<id> the edit form.
 * The saved view, filters, sort, columns and search live in the URL (ui/useListUrl): a list is shared as a link.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Button, Group, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconLayoutKanban, IconPencil, IconPlus, IconSearch, IconTable } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../../app/auth';
import { can } from '../../../app/session';
import { PageHeader } from '../../../ui/PageHeader';
import { ExportMenu, ImportButton } from '../../imports';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { HelpLink } from '../../../ui/HelpLink';
import { formatPhone } from '../../../ui/phone';
import { entityPath, useCustomFields, usePhoneRegion, useStageLabel, useViews, type Contact, type Company, type FilterCondition, type SavedView } from '../data';
import { fieldDefs, filterParam, isCapped, parseSort, sortString, toggleSort, type Entity } from '../logic';
import { CompanyFormDrawer } from '../form/CompanyForm';
import { ContactFormDrawer } from '../form/ContactForm';
import { KanbanBoard } from '../kanban/KanbanBoard.lazy';
import { BulkBar } from './BulkBar';
import { ColumnChooser } from './ColumnChooser';
import { badge, DEFAULT_COLUMNS, rowName, useColumns, type AnyRow, type Column } from './columns';
import { FilterBuilder, FilterChips } from './FilterBuilder';
import { InlineEditor } from './InlineEditor';
import { useListRows, useOptimisticPatch } from './rows';
import { TotalBadge, VirtualTable } from './VirtualTable';
import tableClasses from './table.module.css';
import { visuallyHidden } from '../../../ui/a11y';
import { CopyLinkButton, useListUrl } from '../../../ui/useListUrl';
import { ViewsBar, type ViewState } from './ViewsBar';

const DEFAULT_SORT = '-updatedAt';
const EDIT_COL: Column = { key: '__edit', label: '', width: 48, render: () => null };

/** Height left for the grid below its top edge, so the page itself never scrolls on a desktop. */
function useFillHeight(ref: React.RefObject<HTMLElement | null>, deps: unknown[]): number {
  const [h, setH] = useState(480);
  useLayoutEffect(() => {
    const measure = () => {
      const top = ref.current?.getBoundingClientRect().top ?? 200;
      setH(Math.max(320, window.innerHeight - top - 16));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return h;
}

/** Waits for the saved views when the URL names one, so the list is not fetched first without its filters. */
export function ListPage({ entity }: { entity: Entity }) {
  const [params] = useSearchParams();
  const views = useViews(entity);
  if (params.get('saved') && views.isPending) return <LoadingState />;
  return <ListBody entity={entity} views={views.data ?? []} />;
}

function ListBody({ entity, views }: { entity: Entity; views: SavedView[] }) {
  const { t, i18n } = useTranslation();
  const region = usePhoneRegion();
  const user = useUser();
  const qc = useQueryClient();
  const moduleKey = entity === 'contact' ? 'contacts' : 'companies';
  const canCreate = can(user, moduleKey, 'create');
  const canUpdate = can(user, moduleKey, 'update');
  const canDelete = can(user, moduleKey, 'delete');
  const compact = useMediaQuery('(max-width: 48em)') ?? false;
  const [params, setParams] = useSearchParams();
  const mode = entity === 'contact' && params.get('view') === 'kanban' ? 'kanban' : 'table';
  const view = views.find((x) => x.id === params.get('saved')) ?? null;
  const defaults: ViewState = { filters: [], sort: DEFAULT_SORT, columns: DEFAULT_COLUMNS[entity] };
  const base: ViewState = view ? { filters: view.filters, sort: view.sort || DEFAULT_SORT, columns: view.columns.length ? view.columns : defaults.columns } : defaults;
  const url = useListUrl<FilterCondition>(base, defaults);
  const { filters, sort, columns } = url.state;
  const setFilters = (next: FilterCondition[]) => url.set({ filters: next });
  const setSort = (next: string) => url.set({ sort: next });
  const setColumns = (next: string[]) => url.set({ columns: next });
  const { q, setQ, query: debounced } = url;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [matching, setMatching] = useState(false);
  const [editing, setEditing] = useState<{ id: string; col: string } | null>(null);

  const custom = useCustomFields(entity).data;
  const fields = useMemo(() => fieldDefs(entity, custom ?? [], i18n.language), [entity, custom, i18n.language]);
  const allColumns = useColumns(entity);
  const stageLabel = useStageLabel();
  const patchRow = useOptimisticPatch<AnyRow>(entity);

  const filter = filterParam(filters);
  const listParams = { sort, filter, q: debounced || undefined };
  const list = useListRows<AnyRow>(entity, listParams);
  const visibleCols = columns.map((k) => allColumns.find((c) => c.key === k)).filter((c): c is Column => !!c);
  const tableCols = canUpdate ? [...visibleCols, EDIT_COL] : visibleCols;

  // A saved view chosen (or saved) puts its id in the URL; its filters, sort and columns replace the URL's.
  const selectView = (v: SavedView | null) => url.selectView(v?.id ?? null);

  // Selection belongs to one result set: a new filter, search or sort clears it.
  useEffect(() => {
    setSelected(new Set());
    setMatching(false);
  }, [filter, debounced, sort]);

  const state: ViewState = url.state;
  const dirty = url.dirty;

  const formId = params.get('new') ? 'new' : params.get('edit');
  const setForm = (id: string | null) => setParams((p) => {
    const n = new URLSearchParams(p);
    n.delete('new');
    n.delete('edit');
    if (id === 'new') n.set('new', '1');
    else if (id) n.set('edit', id);
    return n;
  });
  const setMode = (m: string) => setParams((p) => {
    const n = new URLSearchParams(p);
    if (m === 'kanban') n.set('view', 'kanban');
    else n.delete('view');
    return n;
  });

  const gridRef = useRef<HTMLDivElement>(null);
  const height = useFillHeight(gridRef, [selected.size > 0, filters.length, mode, compact]);

  const rows = list.rows;
  const selectedRows = rows.filter((r) => selected.has(r.id));
  const allLoadedSelected = rows.length > 0 && selected.size === rows.length;
  const capped = isCapped(list.total, list.totalCapped);
  const toggle = (id: string) => {
    setMatching(false);
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  };
  const toggleAll = () => {
    setMatching(false);
    setSelected(allLoadedSelected ? new Set() : new Set(rows.map((r) => r.id)));
  };
  const afterBulk = () => {
    setSelected(new Set());
    setMatching(false);
    void qc.invalidateQueries({ queryKey: [entityPath(entity)] });
  };

  const renderCell = (row: AnyRow, col: Column) => {
    if (col.key === '__edit') {
      return (
        <button type="button" className={tableClasses.iconButton} onClick={() => setForm(row.id)} aria-label={t('common.edit')} data-testid="row-edit">
          <IconPencil size={14} />
        </button>
      );
    }
    if (editing && editing.id === row.id && editing.col === col.key && col.edit) {
      return (
        <InlineEditor
          edit={col.edit} row={row} onCancel={() => setEditing(null)}
          onCommit={(c) => {
            setEditing(null);
            void patchRow(row, c.patch, c.shown);
          }}
        />
      );
    }
    return col.render(row);
  };

  const renderCompact = (row: AnyRow) => {
    const name = rowName(entity, row) || t('contacts.unnamed');
    const c = row as Contact;
    const co = row as Company;
    const sub = entity === 'contact'
      ? [c.emails[0]?.address ?? formatPhone(c.phones[0]?.number, region), c.company?.name].filter(Boolean).join(' · ')
      : [co.domain, co.industry].filter(Boolean).join(' · ');
    return (
      <>
        <div className={tableClasses.compactTop}>
          {allColumns[0]!.render(row)}
          {entity === 'contact' && badge(stageLabel(c.lifecycleStage))}
        </div>
        <span className={`${tableClasses.text} ${tableClasses.dim} ${tableClasses.compactSub}`} aria-label={name}>{sub || '—'}</span>
      </>
    );
  };

  const isFiltered = filters.length > 0 || Boolean(debounced);
  const title = t(entity === 'contact' ? 'contacts.contactsTitle' : 'contacts.companiesTitle');

  return (
    <>
      <PageHeader
        title={title}
        actions={
          <>
            {entity === 'contact' && (
              <SegmentedControl
                value={mode} onChange={setMode} data-testid="mode-switch"
                data={[
                  { value: 'table', label: <Group gap={4} wrap="nowrap"><IconTable size={14} aria-hidden />{compact ? <span style={visuallyHidden}>{t('contacts.table')}</span> : <span>{t('contacts.table')}</span>}</Group> },
                  { value: 'kanban', label: <Group gap={4} wrap="nowrap"><IconLayoutKanban size={14} aria-hidden />{compact ? <span style={visuallyHidden}>{t('contacts.kanban')}</span> : <span>{t('contacts.kanban')}</span>}</Group> },
                ]}
              />
            )}
            {mode === 'table' && (
              <ExportMenu entity={entity} params={{ filter, sort, q: debounced || undefined, ids: selected.size ? [...selected] : undefined }} />
            )}
            {canCreate && <ImportButton entity={entity} compact={compact} />}
            {canCreate && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setForm('new')} data-testid="record-create">
                {t(entity === 'contact' ? 'contacts.newContact' : 'contacts.newCompany')}
              </Button>
            )}
          </>
        }
      />
      <Group mb="xs" gap="xs" wrap="wrap" align="center">
        <ViewsBar entity={entity} currentId={view?.id ?? null} state={state} dirty={dirty} onSelect={selectView} />
        <CopyLinkButton url={url.shareUrl} label={t('contacts.views.copyLink')} copied={t('contacts.views.linkCopied')} failed={t('contacts.views.copyFailed')} />
        <Group gap="xs" wrap="nowrap" style={{ flex: '2 1 320px', minWidth: 0 }}>
          <TextInput
            placeholder={t('contacts.search')} leftSection={<IconSearch size={16} />} value={q} onChange={(e) => setQ(e.currentTarget.value)}
            style={{ flex: 1, minWidth: 0 }} data-testid="list-search" aria-label={t('contacts.search')}
          />
          <FilterBuilder key={JSON.stringify(filters)} fields={fields} value={filters} onApply={setFilters} />
          {mode === 'table' && !compact && <ColumnChooser all={allColumns} value={columns} defaults={DEFAULT_COLUMNS[entity]} onChange={setColumns} />}
        </Group>
        {mode === 'table' && <TotalBadge total={list.total} capped={capped} loaded={rows.length} />}
      </Group>
      <FilterChips fields={fields} value={filters} onChange={setFilters} />
      {mode === 'table' && (selected.size > 0 || matching) && (
        <>
          <BulkBar
            entity={entity} rows={selectedRows} canDelete={canDelete}
            matching={matching ? { filter: filters, total: list.total ?? 0 } : null}
            onDone={afterBulk} onClear={() => { setSelected(new Set()); setMatching(false); }}
          />
          {entity === 'contact' && allLoadedSelected && !matching && !debounced && (list.total ?? 0) > rows.length && !capped && (
            <Button variant="subtle" size="compact-sm" mb="xs" onClick={() => setMatching(true)} data-testid="bulk-select-matching">
              {t('contacts.bulk.selectMatching', { total: (list.total ?? 0).toLocaleString(i18n.language) })}
            </Button>
          )}
        </>
      )}
      <div ref={gridRef}>
        {mode === 'kanban' ? (
          <KanbanBoard filter={filter} q={debounced} height={height} canUpdate={canUpdate} />
        ) : list.isPending ? (
          <LoadingState />
        ) : list.error ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : rows.length === 0 ? (
          isFiltered ? (
            <EmptyState title={t('contacts.noMatches')} action={<Button variant="light" onClick={url.clear} data-testid="empty-clear">{t('contacts.clearFilters')}</Button>} />
          ) : (
            <EmptyState
              title={t(entity === 'contact' ? 'contacts.emptyContacts' : 'contacts.emptyCompanies')}
              description={t(entity === 'contact' ? 'contacts.emptyContactsHint' : 'contacts.emptyCompaniesHint')}
              action={<Stack gap="xs" align="center">
                {canCreate && <Button leftSection={<IconPlus size={16} />} onClick={() => setForm('new')}>{t(entity === 'contact' ? 'contacts.newContact' : 'contacts.newCompany')}</Button>}
                <HelpLink page={entity === 'contact' ? 'import-contacts' : 'contacts-and-companies'} />
              </Stack>}
            />
          )
        ) : (
          <VirtualTable
            rows={rows} columns={tableCols} compact={compact} height={`${height}px`}
            sort={parseSort(sort)} onSort={(f, add) => setSort(sortString(toggleSort(parseSort(sort), f, add)))}
            selected={selected} allSelected={allLoadedSelected} onToggle={toggle} onToggleAll={toggleAll}
            hasMore={list.hasMore} loadingMore={list.loadingMore} loadMore={list.loadMore}
            renderCell={renderCell} renderCompact={renderCompact} canEdit={canUpdate}
            onCellClick={(row, col) => setEditing({ id: row.id, col: col.key })}
          />
        )}
      </div>
      {entity === 'contact'
        ? <ContactFormDrawer id={formId} onClose={() => setForm(null)} />
        : <CompanyFormDrawer id={formId} onClose={() => setForm(null)} />}
    </>
  );
}

export const ContactsPage = () => <ListPage entity="contact" />;
export const CompaniesPage = () => <ListPage entity="company" />;
