/**
 * The user menu itself (Mantine Menu, with the floating-ui code it brings), loaded by UserMenu.tsx when the
 * pointer first reaches its button or the button is first pressed: the home page opens without it.
 */
import { useRef } from 'react';
import { Menu, Text } from '@mantine/core';
import { IconCheck, IconLogout, IconLogout2, IconUserCircle } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth, useChangeLocale, useUser } from '../auth';
import { LOCALES } from '../locale';
import { useConfirm } from '../../ui/confirm';
import { usePressOnArrival } from './on-demand';
import { UserButton } from './UserMenu';

export default function UserMenuDropdown({ pressed }: { pressed: boolean }) {
  const { t, i18n } = useTranslation();
  const target = useRef<HTMLButtonElement>(null);
  usePressOnArrival(target, pressed);
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
        <UserButton ref={target} data-ready="" />
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
