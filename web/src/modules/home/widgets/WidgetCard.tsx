/** The frame every home widget shares: a titled card (h3 under the page's h2), an optional action, loading and empty states. */
import type { ReactNode } from 'react';
import { Anchor, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { Icon } from '../../../app/registry';

export function WidgetCard({ id, icon: IconC, title, action, children }: { id: string; icon: Icon; title: string; action?: ReactNode; children: ReactNode }) {
  return (
    <Card withBorder padding="md" h="100%" component="section" aria-labelledby={`home-${id}-title`} data-testid={`widget-${id}`}>
      <Group justify="space-between" mb="sm" wrap="nowrap" gap="xs">
        <Group gap="xs" wrap="nowrap">
          <IconC size={18} />
          <Title order={3} size="h5" id={`home-${id}-title`}>{title}</Title>
        </Group>
        {action}
      </Group>
      {children}
    </Card>
  );
}

export function WidgetLink({ to, children }: { to: string; children: ReactNode }) {
  return <Anchor component={Link} to={to} size="sm">{children}</Anchor>;
}

export function WidgetLoading() {
  return <Stack gap="xs" aria-busy="true"><Skeleton h={12} /><Skeleton h={12} w="80%" /><Skeleton h={12} w="60%" /></Stack>;
}

export function WidgetEmpty({ children }: { children: ReactNode }) {
  return <Text size="sm" c="dimmed" data-testid="widget-empty">{children}</Text>;
}
