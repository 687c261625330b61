import { notifications } from '@mantine/notifications';
import i18n from '../i18n';

/** Every toast's close button is named (screen readers, axe's button-name rule). */
const closeButtonProps = () => ({ 'aria-label': i18n.t('common.close') });

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 3000, closeButtonProps: closeButtonProps() });
}

export function notifyError(message: string, title?: string): void {
  notifications.show({ color: 'red', title, message, autoClose: 6000, closeButtonProps: closeButtonProps() });
}
