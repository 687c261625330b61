/**
 * Confirm dialogs for destructive actions, as a promise: `if (await confirm({...})) remove()`.
 * The provider renders one Modal (ConfirmDialog.tsx, loaded with the first confirm so pages open without its code);
 * buttons carry data-testid="confirm-ok" / "confirm-cancel".
 */
import { createContext, lazy, Suspense, useCallback, useContext, useRef, useState, type ReactNode } from 'react';

const ConfirmDialog = lazy(() => import('./ConfirmDialog'));

export interface ConfirmOptions {
  title: string;
  message: ReactNode;
  confirmLabel?: string;
  /** The label of the button that declines (default "Cancel"). */
  cancelLabel?: string;
  /** Red confirm button; true by default, since confirmations guard destructive actions. */
  danger?: boolean;
}

type Confirm = (opts: ConfirmOptions) => Promise<boolean>;
const ConfirmContext = createContext<Confirm | null>(null);

export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [used, setUsed] = useState(false);
  const [opts, setOpts] = useState<ConfirmOptions | null>(null);
  const resolver = useRef<((ok: boolean) => void) | null>(null);
  const openedAt = useRef(0);

  const confirm = useCallback<Confirm>((o) => {
    resolver.current?.(false);
    openedAt.current = performance.now();
    setUsed(true);
    setOpts(o);
    return new Promise<boolean>((resolve) => {
      resolver.current = resolve;
    });
  }, []);

  const close = (ok: boolean) => {
    resolver.current?.(ok);
    resolver.current = null;
    setOpts(null);
  };

  return (
    <ConfirmContext.Provider value={confirm}>
      {children}
      {used && (
        <Suspense fallback={null}>
          <ConfirmDialog opts={opts} close={close} openedAt={openedAt.current} />
        </Suspense>
      )}
    </ConfirmContext.Provider>
  );
}

export function useConfirm(): Confirm {
  const c = useContext(ConfirmContext);
  if (!c) throw new Error('useConfirm outside ConfirmProvider');
  return c;
}
