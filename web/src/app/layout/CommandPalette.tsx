/**
 * The command palette's button and shortcut (Ctrl/Cmd+K). The palette itself (PaletteDialog.tsx: Mantine Spotlight,
 * its Modal and the search) loads on first use — the pointer on the button, a press, or the shortcut — so the
 * pages open without it (scripts/web-budgets.json, home). `openPalette()` opens it from anywhere (the home's tip).
 */
import { lazy, Suspense, useSyncExternalStore } from 'react';
import { ActionIcon, Group, Kbd, Text, UnstyledButton } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { spotlight } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { loadAllTranslations } from '../translations';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

// Whether the dialog is wanted (mounted), whether it opens as it arrives, and whether it has arrived.
let state = { wanted: false, openOnArrival: false };
let arrived = false;
const listeners = new Set<() => void>();
const set = (next: typeof state) => {
  state = next;
  listeners.forEach((l) => l());
};

/**
 * Called by PaletteDialog when it mounts: from then on the store's open/toggle act on it directly. Answers whether
 * it was asked to open (once: a later mount, after signing out and in again, does not open by itself).
 */
export function paletteArrived(): boolean {
  arrived = true;
  const open = state.openOnArrival;
  // In place: the flag only matters at the next mount, so no one need re-render for it.
  state.openOnArrival = false;
  return open;
}

/** Called by PaletteDialog when it unmounts (signed out): the next open waits for it again. */
export function paletteLeft(): void {
  arrived = false;
}

/** Loads the palette (when not yet there) without opening it. */
export function preloadPalette(): void {
  if (!state.wanted) set({ wanted: true, openOnArrival: false });
}

/** Opens the palette, loading it first on the first call. */
export function openPalette(): void {
  if (arrived) spotlight.open();
  else set({ wanted: true, openOnArrival: true });
}

function togglePalette(): void {
  if (arrived) spotlight.toggle();
  else openPalette();
}

export function PaletteButton() {
  const { t } = useTranslation();
  return (
    <>
      <UnstyledButton
        onClick={openPalette}
        onPointerEnter={preloadPalette}
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
      <ActionIcon variant="subtle" color="gray" size="lg" onClick={openPalette} hiddenFrom="sm" aria-label={t('palette.open')} data-testid="palette-open-mobile">
        <IconSearch size={20} />
      </ActionIcon>
    </>
  );
}

// With every module's strings: the palette lists every module's pages and actions (the home page loads only its own).
const Dialog = lazy(() => Promise.all([import('./PaletteDialog'), loadAllTranslations()]).then(([m]) => m));
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** The shortcut (in inputs too, as Spotlight's own) and, once wanted, the palette. */
export function CommandPalette() {
  const wanted = useSyncExternalStore(subscribe, () => state);
  useHotkeys([['mod+K', togglePalette]], []);
  if (!wanted.wanted) return null;
  return (
    <Suspense fallback={null}>
      <Dialog />
    </Suspense>
  );
}
