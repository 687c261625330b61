/**
 * Kanban cards as links that drag (@dnd-kit/core): a card is one `<a>` to its record, dragged with the mouse or a
 * finger from anywhere on it, or from the keyboard with Space (Enter still opens the record, as on any link).
 * dnd-kit's draggable attributes would make the card a `role="button"` around a link (axe: nested-interactive);
 * the link keeps its own role and takes only the description and the "draggable" role description.
 *
 * @example <Link ref={setNodeRef} to={href} {...listeners} {...cardAria(attributes)} draggable={false} className={CARD_LINK.className}>…</Link>
 */
import type { CSSProperties } from 'react';
import type { DraggableAttributes, KeyboardCodes } from '@dnd-kit/core';

/** The card link's look: a block that reads as a card, with Mantine's keyboard focus ring (class `mantine-focus-auto`). */
export const CARD_LINK = { className: 'mantine-focus-auto', style: { display: 'block', color: 'inherit', textDecoration: 'none', borderRadius: 'var(--mantine-radius-md)' } satisfies CSSProperties };

/** Space picks up and drops, arrows move, Escape cancels; Enter is left to the link. */
export const KANBAN_KEYS: KeyboardCodes = { start: ['Space'], cancel: ['Escape'], end: ['Space'] };

/** The draggable attributes a link may carry (no role, no aria-pressed; tabIndex is the link's own). */
export function cardAria(a: DraggableAttributes): { 'aria-roledescription': string; 'aria-describedby': string; 'aria-disabled': boolean } {
  return { 'aria-roledescription': a['aria-roledescription'], 'aria-describedby': a['aria-describedby'], 'aria-disabled': a['aria-disabled'] };
}
