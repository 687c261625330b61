/** Mantine's toast host, loaded by Toasts.tsx with the first toast. */
import { Notifications } from '@mantine/notifications';
import classes from './ToastHost.module.css';

export default function ToastHost() {
  // Bottom right: a toast never covers the header (menu, notifications) or a page's actions at the top; where it sits
  // over a control lower down, clicks pass through it (ToastHost.module.css).
  return <Notifications position="bottom-right" limit={4} classNames={{ notification: classes.toast }} />;
}
