/**
 * After a failed submit the user is taken to what needs fixing: the first field showing an error (client checks
 * or the server's 400 field errors, both rendered as Mantine `error` props, hence `aria-invalid`) is scrolled
 * into view and focused; when no field owns the error, the form's alert is scrolled to.
 *
 * @example
 *   const [ref, focusError] = useFocusFirstError<HTMLFormElement>();
 *   <form ref={ref} onSubmit={async (e) => { …; if (failed) focusError(); }}>
 */
import { useCallback, useEffect, useRef, useState } from 'react';

/** What counts as a field in error; `data-invalid` marks widgets that are not inputs (a rich-text editor). */
const FIELD = '[aria-invalid="true"], [data-invalid="true"]';
const TYPING = 'input:not([type="hidden"]), textarea, select, [contenteditable="true"]';
const FOCUSABLE = `${TYPING}, button, [tabindex]`;

/** Scrolls to and focuses the first field in error inside `root` (or the form-level alert); true when found. */
export function focusFirstError(root: ParentNode | null): boolean {
  if (!root) return false;
  const field = root.querySelector<HTMLElement>(FIELD);
  const target = field ?? root.querySelector<HTMLElement>('[role="alert"]');
  if (!target) return false;
  target.scrollIntoView({ block: 'center', behavior: 'auto' });
  // Inside a widget (an editor with a toolbar), the place to type comes before its buttons.
  const focusable = target.matches(FOCUSABLE) ? target : target.querySelector<HTMLElement>(TYPING) ?? target.querySelector<HTMLElement>(FOCUSABLE);
  if (focusable) focusable.focus({ preventScroll: true });
  else if (field) {
    field.tabIndex = -1;
    field.focus({ preventScroll: true });
  }
  return true;
}

/**
 * A ref for the form and a function that focuses its first error once React has rendered the messages
 * (the focus runs in an effect after the commit that shows them).
 */
export function useFocusFirstError<T extends HTMLElement = HTMLFormElement>() {
  const ref = useRef<T | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (tick) focusFirstError(ref.current ?? document);
  }, [tick]);
  const focus = useCallback(() => setTick((n) => n + 1), []);
  return [ref, focus] as const;
}
