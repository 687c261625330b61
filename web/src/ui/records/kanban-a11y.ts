/**
 * Kanban cards as links that drag (@dnd-kit/core): a card is one `<a>` to its record, dragged with the mouse or a
 * finger from anywhere on it, or from the keyboard with Space (Enter still opens the record, as on any link).
 * dnd-kit's draggable attributes would make the card a `role="button"` around a link (axe: nested-interactive);
 * the link keeps its own role and takes only the description and the "draggable" role description.
 *
 * @example <Link ref={setNodeRef} to={href} {...listeners} {...cardAria(attributes)} draggable={false} className={CARD_LINK.className}>…</Link>
 */
import type { CSSProperties } from 'react';
import {
  KeyboardSensor, PointerSensor, TouchSensor, useSensor, useSensors,
  type DraggableAttributes, type KeyboardCodes, type KeyboardCoordinateGetter, type SensorDescriptor, type SensorOptions,
} from '@dnd-kit/core';

/** The card link's look: a block that reads as a card, with Mantine's keyboard focus ring (class `mantine-focus-auto`). */
export const CARD_LINK = { className: 'mantine-focus-auto', style: { display: 'block', color: 'inherit', textDecoration: 'none', borderRadius: 'var(--mantine-radius-md)' } satisfies CSSProperties };

/** Space picks up and drops, arrows move, Escape cancels; Enter is left to the link. */
export const KANBAN_KEYS: KeyboardCodes = { start: ['Space'], cancel: ['Escape'], end: ['Space'] };

/**
 * Left and right arrows carry a picked-up card one whole column (to the centre of the next droppable on that side),
 * instead of dnd-kit's default 25 px steps: one press is one column whatever the board's width, and a screen-reader
 * user hears each column once. Up and down keep small steps inside a column.
 */
export const columnByColumn: KeyboardCoordinateGetter = (event, { context, currentCoordinates }) => {
  if (event.code === 'ArrowDown' || event.code === 'ArrowUp') return { ...currentCoordinates, y: currentCoordinates.y + (event.code === 'ArrowDown' ? 25 : -25) };
  const dir = event.code === 'ArrowRight' ? 1 : event.code === 'ArrowLeft' ? -1 : 0;
  const rect = context.collisionRect;
  if (!rect || dir === 0) return undefined;
  const centreOf = (r: { left: number; width: number }) => r.left + r.width / 2;
  const here = context.over ? context.droppableRects.get(context.over.id) : undefined;
  const from = here ? centreOf(here) : centreOf(rect);
  const centres = context.droppableContainers.getEnabled()
    .filter((c) => c.id !== context.over?.id)
    .map((c) => context.droppableRects.get(c.id))
    .filter((r): r is NonNullable<typeof r> => r !== undefined)
    .map(centreOf)
    .filter((x) => (x - from) * dir > 0)
    .sort((a, b) => (a - b) * dir);
  const target = centres[0];
  return target === undefined ? currentCoordinates : { x: currentCoordinates.x + target - centreOf(rect), y: currentCoordinates.y };
};

/** The board's sensors: the mouse after 6 px, a finger after a 200 ms press, the keyboard column by column. */
export function useKanbanSensors(): SensorDescriptor<SensorOptions>[] {
  return useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
    useSensor(KeyboardSensor, { keyboardCodes: KANBAN_KEYS, coordinateGetter: columnByColumn }),
  );
}

/** The draggable attributes a link may carry (no role, no aria-pressed; tabIndex is the link's own). */
export function cardAria(a: DraggableAttributes): { 'aria-roledescription': string; 'aria-describedby': string; 'aria-disabled': boolean } {
  return { 'aria-roledescription': a['aria-roledescription'], 'aria-describedby': a['aria-describedby'], 'aria-disabled': a['aria-disabled'] };
}
