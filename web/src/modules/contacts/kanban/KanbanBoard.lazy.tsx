/**
 * The kanban board, loaded when a list switches to it: dnd-kit is about 25 kB gzipped that the table view
 * does not use (web/budgets.json). Same props as ./KanbanBoard.
 */
import { lazy, Suspense, type ComponentProps } from 'react';
import type { KanbanBoard as Board } from './KanbanBoard';
import { LoadingState } from '../../../ui/states';

const LazyBoard = lazy(async () => ({ default: (await import('./KanbanBoard')).KanbanBoard }));

export function KanbanBoard(props: ComponentProps<typeof Board>) {
  return (
    <Suspense fallback={<LoadingState />}>
      <LazyBoard {...props} />
    </Suspense>
  );
}
