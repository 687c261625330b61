/**
 * Timeline items of other modules' types. A module that contributes a view for its type (WebModule.timelineItems in
 * app/registry.ts) draws the body, loaded when such an item shows; until then the item's title stands in, and a view
 * that fails falls back to the generic body. Types without a view are drawn generically: their data in words (no ids,
 * dates in the user's format), and their link.
 */
import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Anchor, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TimelineItemView } from '../../../app/registry';
import { formatDate, formatDateTime, formatNumber } from '../../../ui/format';
import type { TimelineItem } from './data';
import { genericEntries, humanizeKey } from './logic';

/** An item's link: inside the app by the router, anything else in a new tab. */
export function ItemLink({ item, children }: { item: TimelineItem; children: ReactNode }) {
  if (!item.link) return <>{children}</>;
  return item.link.startsWith('/') && !item.link.startsWith('/api/')
    ? <Anchor component={Link} to={item.link} size="sm">{children}</Anchor>
    : <Anchor href={item.link} size="sm" target="_blank" rel="noopener noreferrer">{children}</Anchor>;
}

/** An item of a type no module draws: (its title when asked), a few of its data fields in words, and its link. */
export function Generic({ item, withTitle = false }: { item: TimelineItem; withTitle?: boolean }) {
  const { t } = useTranslation();
  const entries = genericEntries(item.data, {
    date: formatDate, dateTime: formatDateTime, number: (n) => formatNumber(n), yes: t('record.item.yes'), no: t('record.item.no'),
  });
  return (
    <Stack gap={2}>
      {withTitle && <Text size="sm" fw={500}>{item.title}</Text>}
      {entries.length > 0 && (
        <Group gap="xs" data-testid="timeline-item-data">
          {entries.map(({ key, value }) => (
            <Text key={key} size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {t(`record.data.${key}`, { defaultValue: humanizeKey(key) })}: {value}
            </Text>
          ))}
        </Group>
      )}
      {item.link && <ItemLink item={item}>{t('record.item.open')}</ItemLink>}
    </Stack>
  );
}

type ViewComponent = ComponentType<{ item: TimelineItem }>;
const loaded = new WeakMap<TimelineItemView, ViewComponent>();

function lazyView(view: TimelineItemView): ViewComponent {
  let c = loaded.get(view);
  if (!c) {
    c = lazy(view.load);
    loaded.set(view, c);
  }
  return c;
}

class ViewBoundary extends Component<{ type: string; fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    console.error(`timeline view of "${this.props.type}" failed`, error);
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** The body of an item drawn by the module that contributes its type's view. */
export function ModuleItem({ view, item }: { view: TimelineItemView; item: TimelineItem }) {
  const View = lazyView(view);
  return (
    <ViewBoundary type={item.type} fallback={<Generic item={item} withTitle />}>
      <Suspense fallback={<Text size="sm" fw={500}>{item.title}</Text>}><View item={item} /></Suspense>
    </ViewBoundary>
  );
}
