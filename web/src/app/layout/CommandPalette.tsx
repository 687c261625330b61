/**
 * The command palette (Ctrl/Cmd+K): pages and settings from the registry, module actions, language and
 * sign-out, plus async record results from modules' search providers once the query has 2+ characters.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { ActionIcon, Group, Kbd, Loader, Text, UnstyledButton } from '@mantine/core';
import { Spotlight, spotlight } from '@mantine/spotlight';
import { useDebouncedValue } from '@mantine/hooks';
import { IconLanguage, IconLogout, IconSearch, IconUserCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth, useChangeLocale, useUser } from '../auth';
import { useRegistry } from '../registry-context';
import { fold } from '../../ui/format';
import '@mantine/spotlight/styles.css';

interface Item {
  id: string;
  label: string;
  description?: string;
  icon?: ReactNode;
  keywords?: string[];
  run: () => void;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function PaletteButton() {
  const { t } = useTranslation();
  return (
    <>
      <UnstyledButton
        onClick={spotlight.open}
        visibleFrom="sm"
        data-testid="palette-open"
        px="sm"
        h={34}
        w={260}
        style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-md)', color: 'var(--mantine-color-dimmed)' }}
      >
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
            <IconSearch size={15} style={{ flexShrink: 0 }} />
            <Text size="sm" truncate>{t('palette.open')}</Text>
          </Group>
          <Kbd size="xs" style={{ whiteSpace: 'nowrap', flexShrink: 0 }}>{isMac ? '⌘ K' : 'Ctrl K'}</Kbd>
        </Group>
      </UnstyledButton>
      <ActionIcon variant="subtle" color="gray" size="lg" onClick={spotlight.open} hiddenFrom="sm" aria-label={t('palette.open')} data-testid="palette-open-mobile">
        <IconSearch size={20} />
      </ActionIcon>
    </>
  );
}

function matches(item: Item, q: string): boolean {
  if (!q) return true;
  const hay = fold([item.label, item.description ?? '', ...(item.keywords ?? [])].join(' '));
  return fold(q).split(/\s+/).every((w) => hay.includes(w));
}

export function CommandPalette() {
  const { t, i18n } = useTranslation();
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
    queryKey: ['palette-search', debounced],
    enabled: debounced.length >= 2 && providers.length > 0,
    staleTime: 10_000,
    queryFn: async ({ signal }) => {
      const settled = await Promise.allSettled(providers.map((p) => p.search(debounced, signal)));
      return providers.map((p, i) => {
        const r = settled[i];
        return { key: p.key, label: t(p.group), items: r?.status === 'fulfilled' ? r.value : [] };
      });
    },
  });

  const visible = groups.map((g) => ({ ...g, items: g.items.filter((i) => matches(i, query.trim())) })).filter((g) => g.items.length);
  const found = (search.data ?? []).filter((g) => g.items.length);
  const empty = !visible.length && !found.length && !search.isFetching;

  return (
    <Spotlight.Root query={query} onQueryChange={setQuery} shortcut={['mod + K']} scrollable maxHeight={440} data-testid="palette">
      <Spotlight.Search
        placeholder={t('palette.placeholder')}
        leftSection={<IconSearch size={18} />}
        rightSection={search.isFetching ? <Loader size="xs" /> : null}
        data-testid="palette-input"
      />
      <Spotlight.ActionsList>
        {found.map((g) => (
          <Spotlight.ActionsGroup key={g.key} label={g.label}>
            {g.items.map((r) => (
              <Spotlight.Action key={`${g.key}-${r.id}`} label={r.label} description={r.description} leftSection={r.icon} onClick={() => navigate(r.path)} />
            ))}
          </Spotlight.ActionsGroup>
        ))}
        {visible.map((g) => (
          <Spotlight.ActionsGroup key={g.key} label={g.label}>
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
