/**
 * The command palette (Ctrl/Cmd+K), loaded by CommandPalette.tsx on first use: pages and settings from the registry,
 * module actions, language and sign-out, plus records once the query has 2+ characters — every object's records
 * (deals, leads, tasks, tickets, custom objects…) from the engine's one cross-object search (`GET /record-search`),
 * grouped by object with its icon and plural label, next to the modules' own search providers (contacts,
 * companies). A provider whose key names an engine object (or `records`) is left out: the global search covers it.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Loader } from '@mantine/core';
import { Spotlight, spotlight } from '@mantine/spotlight';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCash, IconCheckbox, IconFileInvoice, IconLanguage, IconLifebuoy, IconLogout, IconSearch, IconTarget, IconUserCircle } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useAuth, useChangeLocale, useUser } from '../auth';
import type { PaletteResult } from '../registry';
import { useRegistry } from '../registry-context';
import { fold } from '../../ui/format';
import { recordHref, TYPES_KEY } from '../../ui/records/data';
import { objectIcon } from '../../ui/records/icons';
import { typeLabel, type RecordType } from '../../ui/records/types';
import { paletteArrived, paletteLeft } from './CommandPalette';
import '@mantine/spotlight/styles.css';

interface Item {
  id: string;
  label: string;
  description?: string;
  icon?: ReactNode;
  keywords?: string[];
  run: () => void;
}

function matches(item: Item, q: string): boolean {
  if (!q) return true;
  const hay = fold([item.label, item.description ?? '', ...(item.keywords ?? [])].join(' '));
  return fold(q).split(/\s+/).every((w) => hay.includes(w));
}

/**
 * Icons of the standard objects that ui/records/icons.ts (the sidebar's set, in the entry chunk) does not carry; here
 * they cost the palette's own chunk only.
 */
const STANDARD_ICONS: Record<string, typeof IconTarget> = {
  target: IconTarget, checkbox: IconCheckbox, lifebuoy: IconLifebuoy, 'file-invoice': IconFileInvoice, cash: IconCash,
};
const iconOf = (name: string) => STANDARD_ICONS[name] ?? objectIcon(name);

interface Found {
  key: string;
  label: string;
  items: PaletteResult[];
}

/** Records of every object the user may read, one request; grouped per object in the order of `types`. */
export async function searchRecords(q: string, types: RecordType[], lang: string, untitled: string, signal: AbortSignal): Promise<Found[]> {
  const { data } = await api.get<{ data: { object: string; id: string; title: string }[] }>('/record-search', { q, limit: 5 }, { signal });
  const order = new Map(types.map((t, i) => [t.name, i]));
  const objects = [...new Set(data.map((r) => r.object))].sort((a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9));
  return objects.map((name) => {
    const type = types.find((t) => t.name === name);
    const Icon = iconOf(type?.icon ?? '');
    return {
      key: `object-${name}`,
      label: type ? typeLabel(type, lang, 'plural') : name,
      items: data.filter((r) => r.object === name).map((r) => ({
        id: `${name}-${r.id}`, label: r.title || untitled, path: recordHref(name, r.id), icon: <Icon size={18} />,
      })),
    };
  });
}

export default function PaletteDialog() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  useEffect(() => {
    if (paletteArrived()) spotlight.open();
    return paletteLeft;
  }, []);
  const user = useUser();
  const { signOut } = useAuth();
  const changeLocale = useChangeLocale();
  const registry = useRegistry();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 250);

  const groups = useMemo(() => {
    const go = (path: string) => () => navigate(path);
    const pages: Item[] = registry.nav(user).map((n) => ({ id: `nav-${n.key}`, label: t(n.label), icon: <n.icon size={18} />, run: go(n.path) }));
    pages.push({ id: 'nav-profile', label: t('nav.profile'), icon: <IconUserCircle size={18} />, run: go('/profile') });
    const settings: Item[] = registry.settings(user).map((s) => ({
      id: `settings-${s.key}`,
      label: t(s.label),
      description: t('nav.settings'),
      icon: <s.icon size={18} />,
      keywords: ['settings', 'cài đặt'],
      run: go(`/settings/${s.path}`),
    }));
    const ctx = { navigate: (to: string) => navigate(to), user };
    const actions: Item[] = registry.palette(user).map((a) => ({
      id: a.id,
      label: t(a.label),
      description: a.description ? t(a.description) : undefined,
      icon: a.icon ? <a.icon size={18} /> : undefined,
      keywords: a.keywords,
      run: () => a.run(ctx),
    }));
    const other = i18n.language === 'vi' ? 'en' : 'vi';
    actions.push(
      {
        id: 'language',
        label: t('palette.switchLanguage', { language: t(`languages.${other}`) }),
        icon: <IconLanguage size={18} />,
        keywords: ['language', 'ngôn ngữ', 'english', 'tiếng việt'],
        run: () => void changeLocale(other),
      },
      { id: 'sign-out', label: t('userMenu.signOut'), icon: <IconLogout size={18} />, keywords: ['logout', 'đăng xuất'], run: () => void signOut() },
    );
    return [
      { key: 'pages', label: t('palette.groups.pages'), items: pages },
      { key: 'settings', label: t('palette.groups.settings'), items: settings },
      { key: 'actions', label: t('palette.groups.actions'), items: actions },
    ];
  }, [registry, user, t, i18n.language, navigate, signOut, changeLocale]);

  const providers = registry.search(user);
  const search = useQuery({
    queryKey: ['palette-search', debounced, i18n.language],
    enabled: debounced.length >= 2,
    staleTime: 10_000,
    queryFn: async ({ signal }): Promise<Found[]> => {
      const types = await qc.ensureQueryData({
        queryKey: TYPES_KEY, queryFn: () => api.get<{ data: RecordType[] }>('/record-types', undefined, { signal }), staleTime: 60_000,
      }).then((r) => r.data).catch(() => [] as RecordType[]);
      const engine = new Set(['records', ...types.map((x) => x.name)]);
      const own = providers.filter((p) => !engine.has(p.key));
      const [records, ...settled] = await Promise.allSettled([
        searchRecords(debounced, types, i18n.language, t('palette.untitled'), signal),
        ...own.map((p) => p.search(debounced, signal)),
      ]);
      const fromProviders = own.map((p, i) => {
        const r = settled[i] as PromiseSettledResult<PaletteResult[]> | undefined;
        return { key: p.key, label: t(p.group), items: r?.status === 'fulfilled' ? r.value : [] };
      });
      return [...fromProviders, ...(records.status === 'fulfilled' ? records.value : [])];
    },
  });

  const visible = groups.map((g) => ({ ...g, items: g.items.filter((i) => matches(i, query.trim())) })).filter((g) => g.items.length);
  const found = (search.data ?? []).filter((g) => g.items.length);
  const empty = !visible.length && !found.length && !search.isFetching;

  return (
    // The shortcut is CommandPalette.tsx's (it loads this dialog on the first Ctrl/Cmd+K).
    <Spotlight.Root query={query} onQueryChange={setQuery} shortcut={null} scrollable maxHeight={440} data-testid="palette">
      <Spotlight.Search
        placeholder={t('palette.placeholder')}
        leftSection={<IconSearch size={18} />}
        rightSection={search.isFetching ? <Loader size="xs" /> : null}
        data-testid="palette-input"
      />
      <Spotlight.ActionsList>
        {found.map((g) => (
          // The group's title is CSS content (Mantine's): role and aria-label give it to screen readers too.
          <Spotlight.ActionsGroup key={g.key} label={g.label} role="group" aria-label={g.label} data-testid={`palette-group-${g.key}`}>
            {g.items.map((r) => (
              <Spotlight.Action key={`${g.key}-${r.id}`} label={r.label} description={r.description} leftSection={r.icon} onClick={() => navigate(r.path)} data-testid={`palette-result-${g.key}`} />
            ))}
          </Spotlight.ActionsGroup>
        ))}
        {visible.map((g) => (
          <Spotlight.ActionsGroup key={g.key} label={g.label} role="group" aria-label={g.label}>
            {g.items.map((i) => (
              <Spotlight.Action key={i.id} label={i.label} description={i.description} leftSection={i.icon} onClick={i.run} data-testid={`palette-${i.id}`} />
            ))}
          </Spotlight.ActionsGroup>
        ))}
        {empty && <Spotlight.Empty>{t('palette.nothing')}</Spotlight.Empty>}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
