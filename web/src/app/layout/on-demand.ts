/**
 * Header controls whose popup code loads on demand (user menu, notification panel, command palette): a light
 * placeholder button asks for the real control when the pointer first reaches it (so it is usually there by the
 * time of the click) or when it is pressed; the real control, once loaded, replaces the placeholder and, when
 * the placeholder was pressed, presses its own button, so it opens exactly as it would have (focus included).
 */
import { useEffect, useRef, useState, type RefObject } from 'react';

export interface Wanted {
  /** The placeholder was pressed: open as soon as the control is there. */
  pressed: boolean;
}

/**
 * `[wanted, handlers]`: spread the handlers on the placeholder; render the real control once `wanted`. A press
 * counts from the pointer going down, not only from the click: when the real control replaces the placeholder
 * between the button going down and coming up, the browser sends no click at all (down and up landed on two
 * elements), and the press would be lost. The click still counts for the keyboard (Enter, Space).
 */
export function useOnDemand(): [Wanted | null, { onPointerEnter: () => void; onPointerDown: () => void; onClick: () => void }] {
  const [wanted, setWanted] = useState<Wanted | null>(null);
  const press = () => setWanted((w) => (w?.pressed ? w : { pressed: true }));
  return [wanted, {
    onPointerEnter: () => setWanted((w) => w ?? { pressed: false }),
    onPointerDown: press,
    onClick: press,
  }];
}

/** Once, after the real control mounts: focus and press its button if the placeholder was pressed. */
export function usePressOnArrival(target: RefObject<HTMLElement | null>, pressed: boolean): void {
  const done = useRef(false);
  useEffect(() => {
    if (!pressed || done.current) return;
    done.current = true;
    target.current?.focus();
    target.current?.click();
  }, [pressed, target]);
}
