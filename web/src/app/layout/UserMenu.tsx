import { Avatar, Box, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconCheck, IconChevronDown, IconLogout, IconLogout2, IconUserCircle } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth, useChangeLocale, useUser } from '../auth';
import { LOCALES } from '../locale';
import { useConfirm } from '../../ui/confirm';
import { visuallyHidden } from '../../ui/a11y';

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

export function UserMenu() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const { signOut } = useAuth();
  const changeLocale = useChangeLocale();
  const confirm = useConfirm();

  const signOutEverywhere = async () => {
    const ok = await confirm({ title: t('userMenu.signOutEverywhere'), message: t('userMenu.signOutEverywhereConfirm'), confirmLabel: t('userMenu.signOutEverywhere') });
    if (ok) await signOut(true);
  };

  return (
    <Menu position="bottom-end" width={240} shadow="md" withinPortal>
      <Menu.Target>
        {/* Named by what it shows (the user's name; visually hidden on narrow screens): an aria-label that differs
            from the visible text fails WCAG 2.5.3 (label in name). The initials are decoration. */}
        <UnstyledButton data-testid="user-menu" title={t('userMenu.label')}>
          <Group gap={6} wrap="nowrap">
            <Avatar color="indigo" radius="xl" size={32} aria-hidden>{initials(user.name)}</Avatar>
            <Text size="sm" fw={500} visibleFrom="md" maw={160} truncate>{user.name}</Text>
            <Box component="span" hiddenFrom="md" style={visuallyHidden}>{user.name}</Box>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate>{user.name}</Text>
          <Text size="xs" c="dimmed" truncate>{user.email}</Text>
        </Menu.Label>
        <Menu.Item component={Link} to="/profile" leftSection={<IconUserCircle size={16} />} data-testid="menu-profile">
          {t('nav.profile')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Label>{t('userMenu.language')}</Menu.Label>
        {LOCALES.map((l) => (
          <Menu.Item
            key={l}
            onClick={() => void changeLocale(l)}
            rightSection={i18n.language === l ? <IconCheck size={14} /> : null}
            data-testid={`language-${l}`}
          >
            {t(`languages.${l}`)}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void signOut()} data-testid="sign-out">
          {t('userMenu.signOut')}
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout2 size={16} />} color="red" onClick={() => void signOutEverywhere()} data-testid="sign-out-everywhere">
          {t('userMenu.signOutEverywhere')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
