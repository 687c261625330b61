/**
 * Everything a signed-in page needs around it: confirm dialogs (Mantine's Modal and the scroll and floating
 * code it brings) and the app layout. Loaded after sign-in (router.tsx), so the sign-in page's JavaScript
 * stays within its budget (web/budgets.json).
 */
import { ConfirmProvider } from '../../ui/confirm';
import { AppLayout } from './AppLayout';

export function SignedIn() {
  return (
    <ConfirmProvider>
      <AppLayout />
    </ConfirmProvider>
  );
}
