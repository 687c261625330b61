/**
 * The confirm dialog's Modal (with the focus trap and scroll lock it brings), loaded by confirm.tsx with the first
 * confirm. Escape is its own listener, not Mantine's: mounted after the drawer that asks, Mantine's would hear the
 * very Escape that opened it (listeners run in mount order) and close it at once. `openedAt` tells that one apart.
 */
import { Button, getDefaultZIndex, Group, Modal, Text } from '@mantine/core';
import { useWindowEvent } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { ConfirmOptions } from './confirm';

export default function ConfirmDialog({ opts, close, openedAt }: { opts: ConfirmOptions | null; close: (ok: boolean) => void; openedAt: number }) {
  const { t } = useTranslation();
  useWindowEvent('keydown', (e) => {
    if (e.key === 'Escape' && opts && !e.isComposing && e.timeStamp > openedAt) close(false);
  }, { capture: true });
  return (
    // Above the drawer or modal it may be asked from (their portals can come later in the page).
    <Modal
      opened={opts !== null} onClose={() => close(false)} closeOnEscape={false} title={opts?.title} centered
      zIndex={getDefaultZIndex('modal') + 1} data-testid="confirm-dialog"
    >
      <Text size="sm">{opts?.message}</Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={() => close(false)} data-testid="confirm-cancel">{opts?.cancelLabel ?? t('common.cancel')}</Button>
        <Button color={opts?.danger === false ? undefined : 'red'} onClick={() => close(true)} data-testid="confirm-ok">
          {opts?.confirmLabel ?? t('common.confirm')}
        </Button>
      </Group>
    </Modal>
  );
}
