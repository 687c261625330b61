import { Fragment, Suspense, useEffect } from 'react';
import { Burger, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconSettings } from '@tabler/icons-react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useUser } from '../auth';
import { useRegistry } from '../registry-context';
import { LoadingState } from '../../ui/states';
import { AccessGate } from './AccessGate';
import { CommandPalette, PaletteButton } from './CommandPalette';
import { NotificationBell } from './NotificationBell';
import { UserMenu } from './UserMenu';
import { WorkspaceBrand } from './WorkspaceBrand';
import classes from './AppLayout.module.css';

// react-remove-scroll's class for fixed elements: a modal's scroll lock offsets them as it offsets the page.
const SCROLL_LOCK_OFFSET = 'right-scroll-bar-position';

/** Sidebar links from the registry, plus Settings when the user may see any settings section. */
function useNavLinks() {
  const user = useUser();
  const registry = useRegistry();
  const links = registry.nav(user).map((n) => ({ key: n.key, label: n.label, path: n.path, icon: n.icon }));
  if (registry.settings(user).length) links.push({ key: 'settings', label: 'nav.settings', path: '/settings', icon: IconSettings });
  return links;
}

export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const links = useNavLinks();
  const sections = useRegistry().sidebar();
  const headerItems = useRegistry().header();

  // A tap on a link (or any navigation) closes the phone drawer.
  useEffect(close, [location.pathname, close]);

  const isActive = (path: string) => (path === '/' ? location.pathname === '/' : location.pathname.startsWith(path));

  return (
    // Header, sidebar (a drawer on phones, opened by the burger) and page: AppLayout.module.css.
    <div className={classes.root} data-nav-opened={opened || undefined}>
      <header className={`${classes.header} ${SCROLL_LOCK_OFFSET}`}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} data-testid="nav-burger" />
            <WorkspaceBrand />
          </Group>
          <Group gap={6} wrap="nowrap">
            <PaletteButton />
            {headerItems.map((Item, i) => <Item key={i} />)}
            <NotificationBell />
            <UserMenu />
          </Group>
        </Group>
      </header>

      <nav className={classes.navbar} data-testid="sidebar">
        {/* Native scrolling: Mantine's ScrollArea would add its code to every page's first load. */}
        <div className={classes.links}>
          {links.map((l) => (
            <Fragment key={l.key}>
            {/* Modules' run-time entries (custom objects) come after the static links, before Settings. */}
            {l.key === 'settings' && sections.map((Section, i) => <Section key={i} isActive={isActive} />)}
            <NavLink
              component={Link}
              to={l.path}
              label={t(l.label)}
              leftSection={<l.icon size={18} stroke={1.6} />}
              active={isActive(l.path)}
              data-testid={`nav-${l.key}`}
              mb={2}
              style={{ borderRadius: 'var(--mantine-radius-md)' }}
            />
            </Fragment>
          ))}
          {!links.some((l) => l.key === 'settings') && sections.map((Section, i) => <Section key={i} isActive={isActive} />)}
        </div>
        <div>
          <Text size="xs" c="dimmed" px="sm" py={4}>
            {t('nav.paletteHint')}
          </Text>
        </div>
      </nav>

      <main className={classes.main}>
        <Suspense fallback={<LoadingState />}>
          <AccessGate />
        </Suspense>
      </main>
      <CommandPalette />
    </div>
  );
}
