/**
 * Run-time entries of the records module: a sidebar link per custom object the user may read, and the
 * command-palette search over custom objects' records (each object's `q` search, in parallel).
 */
import { NavLink } from '@mantine/core';
import i18n from '../../i18n';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../app/api';
import type { PaletteResult, PaletteSearchProvider } from '../../app/registry';
import { useRecordTypes, objectPath, recordHref } from '../../ui/records/data';
import { objectIcon } from '../../ui/records/icons';
import { typeLabel, type RecordItem, type RecordType } from '../../ui/records/types';

export function ObjectsNav({ isActive }: { isActive: (path: string) => boolean }) {
  const { i18n } = useTranslation();
  const types = (useRecordTypes().data ?? []).filter((t) => t.custom && t.permissions.read);
  return (
    <>
      {types.map((type) => {
        const Icon = objectIcon(type.icon);
        const path = `/objects/${type.name}`;
        return (
          <NavLink
            key={type.name} component={Link} to={path} label={typeLabel(type, i18n.language, 'plural')}
            leftSection={<Icon size={18} stroke={1.6} />} active={isActive(path)} data-testid={`nav-object-${type.name}`}
            mb={2} style={{ borderRadius: 'var(--mantine-radius-md)' }}
          />
        );
      })}
    </>
  );
}

let typesCache: { at: number; promise: Promise<RecordType[]> } | null = null;
/** The object list for palette searches, kept for a minute (the palette asks on every keystroke pause). */
function readableTypes(): Promise<RecordType[]> {
  if (!typesCache || Date.now() - typesCache.at > 60_000) {
    const promise = api.get<{ data: RecordType[] }>('/record-types').then((r) => r.data.filter((t) => t.custom && t.permissions.read));
    promise.catch(() => { typesCache = null; });
    typesCache = { at: Date.now(), promise };
  }
  return typesCache.promise;
}

export const recordsSearch: PaletteSearchProvider = {
  key: 'records',
  group: 'records.palette.group',
  search: async (q, signal): Promise<PaletteResult[]> => {
    const types = await readableTypes();
    const lang = i18n.language;
    const pages = await Promise.allSettled(types.map((t) => api.get<Page<RecordItem>>(objectPath(t.name), { q, limit: 5 }, { signal })));
    return types.flatMap((t, i) => {
      const r = pages[i];
      if (r?.status !== 'fulfilled') return [];
      return r.value.data.map((rec) => ({ id: `${t.name}-${rec.id}`, label: rec.title, description: typeLabel(t, lang, 'singular'), path: recordHref(t.name, rec.id) }));
    });
  },
};
