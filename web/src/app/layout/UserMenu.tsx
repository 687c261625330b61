/**
 * The header's user button. The menu behind it (UserMenuDropdown.tsx: Mantine Menu and floating-ui) loads when
 * the pointer first reaches the button or the button is first pressed, and opens at once when pressed; until
 * then the button is the same, so the page opens without the menu's code (scripts/web-budgets.json, home).
 */
import { forwardRef, lazy, Suspense, type ComponentPropsWithoutRef } from 'react';
import { Avatar, Box, Group, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useUser } from '../auth';
import { visuallyHidden } from '../../ui/a11y';
import { useOnDemand } from './on-demand';

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** The button: the user's initials and name. Menu.Target adds its handlers and aria attributes to it. */
export const UserButton = forwardRef<HTMLButtonElement, ComponentPropsWithoutRef<'button'>>(function UserButton(props, ref) {
  const { t } = useTranslation();
  const user = useUser();
  return (
    // Named by what it shows (the user's name; visually hidden on narrow screens): an aria-label that differs
    // from the visible text fails WCAG 2.5.3 (label in name). The initials are decoration.
    <UnstyledButton ref={ref} data-testid="user-menu" title={t('userMenu.label')} {...props}>
      <Group gap={6} wrap="nowrap">
        <Avatar color="indigo" radius="xl" size={32} aria-hidden>{initials(user.name)}</Avatar>
        <Text size="sm" fw={500} visibleFrom="md" maw={160} truncate>{user.name}</Text>
        <Box component="span" hiddenFrom="md" style={visuallyHidden}>{user.name}</Box>
        <IconChevronDown size={14} aria-hidden />
      </Group>
    </UnstyledButton>
  );
});

const Dropdown = lazy(() => import('./UserMenuDropdown'));

export function UserMenu() {
  const [wanted, want] = useOnDemand();
  const placeholder = <UserButton aria-haspopup="menu" aria-expanded={false} {...want} />;
  if (!wanted) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <Dropdown pressed={wanted.pressed} />
    </Suspense>
  );
}
