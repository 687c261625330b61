import { Anchor, Badge, Card, Group, Kbd, SimpleGrid, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { IconBell, IconChevronRight, IconSearch, IconShieldCheck, IconShieldExclamation, IconUserCircle } from '@tabler/icons-react';
import { spotlight } from '@mantine/spotlight';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../app/api';
import { useUser } from '../../app/auth';
import type { Icon } from '../../app/registry';
import { useRegistry } from '../../app/registry-context';
import type { AppNotification } from '../../app/layout/NotificationBell';
import { formatRelative } from '../../ui/format';
import { userCallName } from './greeting';
import { WidgetSlot } from './WidgetSlot';

/** "morning" before 12:00, "afternoon" before 18:00, else "evening" — in the browser's local time. */
export function partOfDay(date: Date): 'morning' | 'afternoon' | 'evening' {
  const h = date.getHours();
  return h < 12 ? 'morning' : h < 18 ? 'afternoon' : 'evening';
}

/** The widgets modules contribute (WebModule.home), in order: two columns on wide screens, 'full' ones span both. */
function HomeWidgets() {
  const user = useUser();
  const widgets = useRegistry().homeWidgets(user);
  if (widgets.length === 0) return null;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" data-testid="home-widgets">
      {widgets.map((w) => (
        <div key={w.key} data-testid={`home-widget-${w.key}`} style={w.size === 'full' ? { gridColumn: '1 / -1' } : undefined}>
          <WidgetSlot widget={w} />
        </div>
      ))}
    </SimpleGrid>
  );
}

interface QuickLink { key: string; label: string; description?: string; path: string; icon: Icon }

function QuickLinkCard({ link }: { link: QuickLink }) {
  const { t } = useTranslation();
  return (
    <Card component={Link} to={link.path} withBorder padding="md" data-testid={`quick-link-${link.key}`}>
      <Group wrap="nowrap" justify="space-between">
        <Group wrap="nowrap" gap="sm">
          <ThemeIcon variant="light" size={38} radius="md"><link.icon size={20} /></ThemeIcon>
          <div>
            <Text fw={600}>{t(link.label)}</Text>
            {link.description && <Text size="xs" c="dimmed">{t(link.description)}</Text>}
          </div>
        </Group>
        <IconChevronRight size={16} color="var(--mantine-color-gray-5)" />
      </Group>
    </Card>
  );
}

export function HomePage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const registry = useRegistry();
  const latest = useQuery({
    queryKey: ['/notifications', 'home'],
    queryFn: () => api.get<Page<AppNotification>>('/notifications', { limit: 5 }),
  });

  const links: QuickLink[] = [
    ...registry.nav(user).filter((n) => n.key !== 'home').map((n) => ({ key: n.key, label: n.label, path: n.path, icon: n.icon })),
    ...registry.settings(user).map((s) => ({ key: s.key, label: s.label, description: 'nav.settings', path: `/settings/${s.path}`, icon: s.icon })),
    { key: 'profile', label: 'nav.profile', description: 'home.profileHint', path: '/profile', icon: IconUserCircle },
  ];
  const today = new Intl.DateTimeFormat(i18n.language === 'vi' ? 'vi-VN' : 'en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date());
  const notes = latest.data?.data ?? [];

  return (
    <Stack gap="lg" maw={1100}>
      <div>
        <Text size="sm" c="dimmed" tt="capitalize">{today}</Text>
        <Title order={2} data-testid="page-title">{t(`home.greeting.${partOfDay(new Date())}`, { name: userCallName(user.name) })}</Title>
        <Text c="dimmed" mt={4}>{t('home.subtitle')}</Text>
      </div>

      <HomeWidgets />

      <div>
        <Title order={4} mb="sm">{t('home.quickLinks')}</Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
          {links.map((l) => <QuickLinkCard key={l.key} link={l} />)}
        </SimpleGrid>
      </div>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        <Card withBorder padding="md">
          <Group justify="space-between" mb="xs">
            <Group gap="xs"><IconBell size={18} /><Text fw={600}>{t('home.latestNotifications')}</Text></Group>
          </Group>
          {notes.length === 0 ? (
            <Text size="sm" c="dimmed">{latest.isPending ? t('common.loading') : t('notifications.empty')}</Text>
          ) : (
            <Stack gap={8}>
              {notes.map((n) => (
                <Group key={n.id} justify="space-between" wrap="nowrap" gap="xs">
                  {n.link ? <Anchor component={Link} to={n.link} size="sm" lineClamp={1}>{n.title}</Anchor> : <Text size="sm" lineClamp={1}>{n.title}</Text>}
                  <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>{formatRelative(n.createdAt)}</Text>
                </Group>
              ))}
            </Stack>
          )}
        </Card>

        <Card withBorder padding="md" data-testid="home-account">
          <Text fw={600} mb="xs">{t('home.yourAccount')}</Text>
          <Stack gap={8}>
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
            <UnstyledButton onClick={spotlight.open} mt={4}>
              <Group gap={6} wrap="nowrap">
                <IconSearch size={14} />
                <Text size="sm" c="dimmed">{t('home.paletteTip')}</Text>
                <Kbd size="xs">Ctrl K</Kbd>
              </Group>
            </UnstyledButton>
          </Stack>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
