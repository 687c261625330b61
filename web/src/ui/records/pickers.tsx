/**
 * Pickers the generic forms and filters share: a record of any object (relation fields; asks the server
 * as the user types), a colleague (user fields) and a team (text fields with `display: 'team'`), from GET /directory.
 */
import { useState } from 'react';
import { Loader, MultiSelect, Select, type MultiSelectProps, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Directory } from '../../../../contracts/identity';
import type { SearchResult } from '../../../../contracts/contacts';
import { api, type Page } from '../../app/api';
import { objectPath } from './data';
import type { RecordItem } from './types';

export interface Picked {
  id: string;
  title: string;
}

/** Up to 20 records of `target` matching `q` (contacts and companies through GET /search). */
async function findRecords(target: string, q: string, signal: AbortSignal): Promise<Picked[]> {
  if (target === 'contacts' || target === 'companies') {
    if (!q) return [];
    const r = await api.get<{ data: SearchResult[] }>('/search', { q, limit: 20 }, { signal });
    const type = target === 'contacts' ? 'contact' : 'company';
    return r.data.filter((x) => x.type === type).map((x) => ({ id: x.id, title: x.title }));
  }
  const r = await api.get<Page<RecordItem>>(objectPath(target), { q: q || undefined, limit: 20 }, { signal });
  return r.data.map((x) => ({ id: x.id, title: x.title }));
}

type RecordPickerProps = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  target: string;
  value: string | null;
  /** The current value's title when known (from the record's `include`). */
  valueTitle?: string | null;
  onChange: (id: string | null, title: string | null) => void;
};

export function RecordPicker({ target, value, valueTitle, onChange, ...rest }: RecordPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [picked, setPicked] = useState<Picked | null>(null);
  const found = useQuery({
    queryKey: ['record-picker', target, debounced],
    queryFn: ({ signal }) => findRecords(target, debounced, signal),
    staleTime: 30_000,
  });
  const options = new Map<string, string>();
  if (value) options.set(value, picked?.id === value ? picked.title : valueTitle ?? '…');
  for (const r of found.data ?? []) options.set(r.id, r.title);
  return (
    <Select
      {...rest}
      searchable
      clearable
      data={[...options].map(([v, l]) => ({ value: v, label: l }))}
      value={value}
      onChange={(v, opt) => {
        setPicked(v ? { id: v, title: opt?.label ?? '' } : null);
        onChange(v, opt?.label ?? null);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      nothingFoundMessage={found.isFetching ? t('common.loading') : t('records.typeToSearch')}
      rightSection={found.isFetching ? <Loader size={14} /> : undefined}
    />
  );
}

type RecordMultiPickerProps = Omit<MultiSelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  target: string;
  value: string[];
  /** Titles of the current values when known (the record's `includedMany`). */
  valueTitles?: Picked[];
  onChange: (ids: string[]) => void;
};

/** Several records of `target` (many-to-many fields, has_any/has_all filters): chips, searched on the server as the user types. */
export function RecordMultiPicker({ target, value, valueTitles, onChange, ...rest }: RecordMultiPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [known, setKnown] = useState<Map<string, string>>(() => new Map((valueTitles ?? []).map((x) => [x.id, x.title])));
  const found = useQuery({
    queryKey: ['record-picker', target, debounced],
    queryFn: ({ signal }) => findRecords(target, debounced, signal),
    staleTime: 30_000,
  });
  const options = new Map<string, string>();
  for (const id of value) options.set(id, known.get(id) ?? valueTitles?.find((x) => x.id === id)?.title ?? '…');
  for (const r of found.data ?? []) if (!options.has(r.id)) options.set(r.id, r.title);
  return (
    <MultiSelect
      {...rest}
      searchable
      clearable
      data={[...options].map(([v, l]) => ({ value: v, label: l }))}
      value={value}
      onChange={(ids) => {
        const next = new Map(known);
        for (const id of ids) if (!next.has(id)) next.set(id, options.get(id) ?? '');
        setKnown(next);
        setSearch('');
        onChange(ids);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      nothingFoundMessage={found.isFetching ? t('common.loading') : t('records.typeToSearch')}
      rightSection={found.isFetching ? <Loader size={14} /> : undefined}
    />
  );
}

/** The directory every signed-in user may read (active users and teams, names only), cached for 5 minutes. */
function useDirectory() {
  return useQuery({
    queryKey: ['/directory'],
    queryFn: ({ signal }) => api.get<Directory>('/directory', undefined, { signal }),
    staleTime: 5 * 60_000,
  });
}

/** Colleagues from the directory, as select options. */
export function usePeopleOptions(): { value: string; label: string }[] {
  const q = useDirectory();
  return (q.data?.users ?? []).map((u) => ({ value: u.id, label: u.name })).sort((a, b) => a.label.localeCompare(b.label));
}

/** Teams from the directory, as select options (fields with `display: 'team'`). */
export function useTeamOptions(): { value: string; label: string }[] {
  const q = useDirectory();
  return (q.data?.teams ?? []).map((x) => ({ value: x.id, label: x.name })).sort((a, b) => a.label.localeCompare(b.label));
}

/** A team's name by id (the id itself while the directory loads or for a deleted team). */
export function useTeamName(): (id: string | null | undefined) => string {
  const teams = useTeamOptions();
  return (id) => (id ? teams.find((x) => x.value === id)?.label ?? id : '');
}

/** A colleague's name by id (the id itself while the directory loads or for someone who left). */
export function usePersonName(): (id: string | null | undefined) => string {
  const people = usePeopleOptions();
  return (id) => (id ? people.find((p) => p.value === id)?.label ?? id : '');
}
