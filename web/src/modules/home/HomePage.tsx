/**
 * The start page: a greeting and what the day holds, as widgets the modules contribute (WebModule.home): each loads
 * its own code and data, so this page's chunk stays small and a new module adds a card without touching this file.
 */
import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../app/auth';
import { useRegistry } from '../../app/registry-context';
import { userCallName } from './greeting';
import { WidgetSlot } from './WidgetSlot';

/** "morning" before 12:00, "afternoon" before 18:00, else "evening" — in the browser's local time. */
export function partOfDay(date: Date): 'morning' | 'afternoon' | 'evening' {
  const h = date.getHours();
  return h < 12 ? 'morning' : h < 18 ? 'afternoon' : 'evening';
}

/** The widgets the user may see, in order: two columns on wide screens, 'full' ones span both. */
function HomeWidgets() {
  const user = useUser();
  const widgets = useRegistry().homeWidgets(user);
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

export function HomePage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const today = new Intl.DateTimeFormat(i18n.language === 'vi' ? 'vi-VN' : 'en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date());

  return (
    <Stack gap="lg" maw={1100}>
      <div>
        <Text size="sm" c="dimmed" tt="capitalize">{today}</Text>
        <Title order={2} data-testid="page-title">{t(`home.greeting.${partOfDay(new Date())}`, { name: userCallName(user.name) })}</Title>
        <Text c="dimmed" mt={4}>{t('home.subtitle')}</Text>
      </div>
      <HomeWidgets />
    </Stack>
  );
}
