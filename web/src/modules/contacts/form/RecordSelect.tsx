/**
 * A searchable select of contacts or companies: asks the server as the user types (accent-insensitive
 * search), and shows the current value's name even before any search.
 */
import { useState } from 'react';
import { Loader, Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api';
import { entityPath, type Company, type Contact } from '../data';
import { contactName, type Entity } from '../logic';
import type { ListPage } from '../list/rows';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  entity: Entity;
  value: string | null;
  onChange: (id: string | null, label: string | null) => void;
  /** Name of the current value when the caller knows it (saves a request). */
  valueLabel?: string | null;
  exclude?: string;
};

export function RecordSelect({ entity, value, onChange, valueLabel, exclude, ...rest }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const path = entityPath(entity);
  const label = (r: Contact | Company) => (entity === 'company' ? (r as Company).name : contactName(r as Contact));

  const found = useQuery({
    queryKey: [path, 'picker', debounced],
    queryFn: ({ signal }) => api.get<ListPage<Contact | Company>>(path, { q: debounced || undefined, limit: 20, total: 'false', sort: entity === 'company' ? 'name' : undefined }, { signal }),
    staleTime: 30_000,
  });
  const current = useQuery({
    queryKey: [path, value, 'label'],
    enabled: Boolean(value) && !valueLabel,
    queryFn: ({ signal }) => api.get<Contact | Company>(`${path}/${value}`, undefined, { signal }),
    staleTime: 60_000,
  });

  const options = new Map<string, string>();
  if (value) options.set(value, valueLabel ?? (current.data ? label(current.data) : '…'));
  for (const r of found.data?.data ?? []) if (r.id !== exclude) options.set(r.id, label(r));

  return (
    <Select
      {...rest}
      searchable
      clearable
      data={[...options].map(([v, l]) => ({ value: v, label: l }))}
      value={value}
      onChange={(v, opt) => onChange(v, opt?.label ?? null)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      nothingFoundMessage={found.isFetching ? t('common.loading') : t('palette.nothing')}
      placeholder={rest.placeholder ?? t(entity === 'company' ? 'contacts.form.selectCompany' : 'contacts.form.selectContact')}
      rightSection={found.isFetching ? <Loader size={14} /> : undefined}
    />
  );
}
