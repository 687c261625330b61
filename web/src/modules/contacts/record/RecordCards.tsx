/**
 * The cards other modules add to the contact and company pages (WebModule.recordCards, e.g. the orders module's
 * purchases). Each loads its own code when shown, behind a skeleton; a card that fails is left out (logged) instead
 * of taking the page down.
 */
import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Card, Skeleton, Stack } from '@mantine/core';
import { useUser } from '../../../app/auth';
import type { RecordCard, RecordCardEntity } from '../../../app/registry';
import { useRegistry } from '../../../app/registry-context';

type CardComponent = ComponentType<{ entity: RecordCardEntity; id: string }>;
const loaded = new WeakMap<RecordCard, CardComponent>();

function lazyCard(card: RecordCard): CardComponent {
  let c = loaded.get(card);
  if (!c) {
    c = lazy(card.load);
    loaded.set(card, c);
  }
  return c;
}

class CardBoundary extends Component<{ cardKey: string; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    console.error(`record card "${this.props.cardKey}" failed`, error);
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

const loading = <Card withBorder radius="md" aria-busy="true"><Stack gap="xs"><Skeleton h={16} w="40%" /><Skeleton h={12} /><Skeleton h={12} w="80%" /></Stack></Card>;

/** The objects the cards on this page already list (RecordCard.covers), for the related records to leave out. */
export function useCoveredObjects(entity: RecordCardEntity): string[] {
  const user = useUser();
  return useRegistry().coveredObjects(user, entity);
}

export function RecordCards({ entity, id }: { entity: RecordCardEntity; id: string }) {
  const user = useUser();
  const cards = useRegistry().recordCards(user, entity);
  return (
    <>
      {cards.map((card) => {
        const C = lazyCard(card);
        return (
          <CardBoundary key={card.key} cardKey={card.key}>
            <Suspense fallback={loading}><C entity={entity} id={id} /></Suspense>
          </CardBoundary>
        );
      })}
    </>
  );
}
