/**
 * Confirm dialogs for destructive actions, as a promise: `if (await confirm({...})) remove()`.
 * The provider renders one Modal; buttons carry data-testid="confirm-ok" / "confirm-cancel".
 */
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';
import { Button, getDefaultZIndex, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

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
  const { t } = useTranslation();
  const [opts, setOpts] = useState<ConfirmOptions | null>(null);
  const resolver = useRef<((ok: boolean) => void) | null>(null);

  const confirm = useCallback<Confirm>((o) => {
    resolver.current?.(false);
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
      {/* Above the drawer or modal it may be asked from (their portals can come later in the page). */}
      <Modal opened={opts !== null} onClose={() => close(false)} title={opts?.title} centered zIndex={getDefaultZIndex('modal') + 1} data-testid="confirm-dialog">
        <Text size="sm">{opts?.message}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => close(false)} data-testid="confirm-cancel">{opts?.cancelLabel ?? t('common.cancel')}</Button>
          <Button color={opts?.danger === false ? undefined : 'red'} onClick={() => close(true)} data-testid="confirm-ok">
            {opts?.confirmLabel ?? t('common.confirm')}
          </Button>
        </Group>
      </Modal>
    </ConfirmContext.Provider>
  );
}

export function useConfirm(): Confirm {
  const c = useContext(ConfirmContext);
  if (!c) throw new Error('useConfirm outside ConfirmProvider');
  return c;
}
