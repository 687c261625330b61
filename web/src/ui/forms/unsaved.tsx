/**
 * Forms never lose work by accident (issue 14 item 3): a changed form asks before it is closed (Escape, a click
 * outside its drawer or modal, Cancel), before the app navigates elsewhere (a react-router blocker: links, the
 * back button) and before the tab is closed or reloaded (beforeunload).
 *
 * A drawer or modal that holds a form is a `GuardedDrawer` / `GuardedModal` (Mantine's, with the same props);
 * the form inside calls `useUnsavedGuard(isDirty)` once, and uses the returned `close` for its Cancel button.
 *
 * @example
 *   <GuardedDrawer opened={open} onClose={close}><MyForm onCancel={close} /></GuardedDrawer>
 *   function MyForm({ onCancel }) {
 *     const form = useForm({ initialValues });
 *     const guard = useUnsavedGuard(form.isDirty);
 *     return <form>…<Button onClick={() => guard.close(onCancel)}>Cancel</Button></form>;
 *   }
 */
import { createContext, useCallback, useContext, useEffect, useRef, type ReactNode } from 'react';
import { Drawer, Modal, type DrawerProps, type ModalProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';
import { useConfirm } from '../confirm';

/** Resolves true when the form may be left: unchanged, or the user chose to discard. */
type Leave = () => Promise<boolean>;
interface Scope {
  register: (leave: Leave | null) => void;
}
const ScopeContext = createContext<Scope | null>(null);

/** Asks once at a time: a second Escape while the question is open is not a second question. */
function useAskDiscard() {
  const confirm = useConfirm();
  const { t } = useTranslation();
  const asking = useRef<Promise<boolean> | null>(null);
  return useCallback(() => {
    asking.current ??= confirm({
      title: t('forms.unsavedTitle'), message: t('forms.unsavedBody'), confirmLabel: t('forms.discard'), cancelLabel: t('forms.keepEditing'),
    }).finally(() => {
      asking.current = null;
    });
    return asking.current;
  }, [confirm, t]);
}

/**
 * Guards the form it is called in; `isDirty` is read when a close or navigation happens (so it may read refs).
 * Returns `close(fn)`: runs `fn` at once when nothing changed, after the user agrees otherwise; and `allow()`,
 * which lets the next close or navigation through (call it when the form was saved and moves on).
 */
export function useUnsavedGuard(isDirty: () => boolean) {
  const ask = useAskDiscard();
  const dirtyRef = useRef(isDirty);
  dirtyRef.current = isDirty;
  // Set once the user agreed to discard (or the form was saved): the navigation that follows passes.
  const released = useRef(false);
  const dirty = () => !released.current && dirtyRef.current();

  const leave = useCallback<Leave>(async () => {
    if (released.current || !dirtyRef.current()) return true;
    const ok = await ask();
    if (ok) released.current = true;
    return ok;
  }, [ask]);

  const scope = useContext(ScopeContext);
  useEffect(() => {
    scope?.register(leave);
    return () => scope?.register(null);
  }, [scope, leave]);

  const blocker = useBlocker(({ currentLocation: a, nextLocation: b }) => (a.pathname !== b.pathname || a.search !== b.search) && dirty());
  // One answer per blocked navigation, however often the page renders meanwhile.
  const answering = useRef(false);
  useEffect(() => {
    if (blocker.state !== 'blocked' || answering.current) return;
    answering.current = true;
    void ask().then((ok) => {
      answering.current = false;
      if (ok) {
        released.current = true;
        blocker.proceed();
      } else blocker.reset();
    });
  }, [blocker, ask]);

  useEffect(() => {
    const onUnload = (e: BeforeUnloadEvent) => {
      if (released.current || !dirtyRef.current()) return;
      e.preventDefault();
      // Older Chromium shows the dialog only when returnValue is set.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onUnload);
    return () => window.removeEventListener('beforeunload', onUnload);
  }, []);

  return {
    close: (fn: () => void) => void leave().then((ok) => ok && fn()),
    allow: () => {
      released.current = true;
    },
  };
}

/** The close of a drawer or modal, asking the guarded form inside (if any) first. */
function useScope(onClose: () => void) {
  const leave = useRef<Leave | null>(null);
  const scope = useRef<Scope>({ register: (l) => (leave.current = l) }).current;
  const close = () => {
    if (!leave.current) onClose();
    else void leave.current().then((ok) => ok && onClose());
  };
  return { scope, close };
}

/** Mantine's Drawer whose Escape, click outside and close button ask a changed form inside before closing. */
export function GuardedDrawer({ onClose, children, ...props }: DrawerProps & { children?: ReactNode }) {
  const { scope, close } = useScope(onClose);
  return (
    <Drawer {...props} onClose={close}>
      <ScopeContext.Provider value={scope}>{children}</ScopeContext.Provider>
    </Drawer>
  );
}

/** Mantine's Modal whose Escape, click outside and close button ask a changed form inside before closing. */
export function GuardedModal({ onClose, children, ...props }: ModalProps & { children?: ReactNode }) {
  const { scope, close } = useScope(onClose);
  return (
    <Modal {...props} onClose={close}>
      <ScopeContext.Provider value={scope}>{children}</ScopeContext.Provider>
    </Modal>
  );
}
