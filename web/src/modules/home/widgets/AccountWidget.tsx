/** The user's role and two-factor state (with the way to turn it on), and the palette tip. */
import { Anchor, Badge, Group, Kbd, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconSearch, IconShieldCheck, IconShieldExclamation, IconUserCircle } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../../app/auth';
import { openPalette } from '../../../app/layout/CommandPalette';
import { WidgetCard } from './WidgetCard';

export default function AccountWidget() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <WidgetCard id="account" icon={IconUserCircle} title={t('home.yourAccount')}>
      <Stack gap={8} data-testid="home-account">
        <Group gap="xs"><Text size="sm" c="dimmed" w={110}>{t('home.role')}</Text><Badge variant="light">{user.roleName}</Badge></Group>
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" c="dimmed" w={110}>{t('home.twoFactor')}</Text>
          {user.totpEnabled ? (
            <Badge color="teal" variant="light" leftSection={<IconShieldCheck size={12} />}>{t('home.twoFactorOn')}</Badge>
          ) : (
            <Anchor component={Link} to="/profile#two-factor" size="sm">
              <Group gap={4} wrap="nowrap"><IconShieldExclamation size={14} />{t('home.twoFactorOff')}</Group>
            </Anchor>
          )}
        </Group>
        <UnstyledButton onClick={openPalette} mt={4}>
          <Group gap={6} wrap="nowrap">
            <IconSearch size={14} />
            <Text size="sm" c="dimmed">{t('home.paletteTip')}</Text>
            <Kbd size="xs">Ctrl K</Kbd>
          </Group>
        </UnstyledButton>
      </Stack>
    </WidgetCard>
  );
}
