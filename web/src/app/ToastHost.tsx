/** Mantine's toast host, loaded by Toasts.tsx with the first toast. */
import { Notifications } from '@mantine/notifications';

export default function ToastHost() {
  // Bottom right: a toast never covers the header (menu, notifications) or a page's actions at the top.
  return <Notifications position="bottom-right" limit={4} />;
}
