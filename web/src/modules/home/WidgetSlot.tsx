/**
 * One home widget in its place: its code loads on first render (React.lazy, cached per widget so a re-render does not
 * reload it), a skeleton shows meanwhile, and an error in it — loading or rendering — becomes a small notice in its
 * card instead of taking the home page down.
 */
import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Card, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { HomeWidget } from '../../app/registry';

const loaded = new WeakMap<HomeWidget, ComponentType>();

function lazyWidget(widget: HomeWidget): ComponentType {
  let c = loaded.get(widget);
  if (!c) {
    c = lazy(widget.load);
    loaded.set(widget, c);
  }
  return c;
}

function WidgetFailed({ widgetKey }: { widgetKey: string }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" data-testid={`home-widget-failed-${widgetKey}`}>
      <Text size="sm" c="red.8"><IconAlertTriangle size={14} style={{ verticalAlign: -2 }} /> {t('homeWidgets.failed')}</Text>
    </Card>
  );
}

class WidgetBoundary extends Component<{ widgetKey: string; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    console.error(`home widget "${this.props.widgetKey}" failed`, error);
  }
  override render() {
    return this.state.failed ? <WidgetFailed widgetKey={this.props.widgetKey} /> : this.props.children;
  }
}

function WidgetLoading() {
  return (
    <Card withBorder padding="md" aria-busy="true">
      <Stack gap="xs"><Skeleton h={16} w="40%" /><Skeleton h={12} /><Skeleton h={12} w="80%" /></Stack>
    </Card>
  );
}

export function WidgetSlot({ widget }: { widget: HomeWidget }) {
  const Widget = lazyWidget(widget);
  return (
    <WidgetBoundary widgetKey={widget.key}>
      <Suspense fallback={<WidgetLoading />}>
        <Widget />
      </Suspense>
    </WidgetBoundary>
  );
}
