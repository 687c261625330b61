/**
 * The question mark in the header. The menu behind it (HelpMenuDropdown.tsx: Mantine Menu and floating-ui) loads
 * when the pointer first reaches the button or the button is first pressed, and opens at once when pressed
 * (app/layout/on-demand.ts, as the user menu); until then the button is the same.
 */
import { forwardRef, lazy, Suspense, type ComponentPropsWithoutRef } from 'react';
import { ActionIcon } from '@mantine/core';
import { IconHelp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOnDemand } from '../../app/layout/on-demand';

/** The button. Menu.Target adds its handlers and aria attributes to it. */
export const HelpButton = forwardRef<HTMLButtonElement, ComponentPropsWithoutRef<'button'>>(function HelpButton(props, ref) {
  const { t } = useTranslation();
  return (
    <ActionIcon ref={ref} variant="subtle" color="gray" size="lg" aria-label={t('help.menu')} data-testid="help-menu" {...props}>
      <IconHelp size={20} />
    </ActionIcon>
  );
});

const Dropdown = lazy(() => import('./HelpMenuDropdown'));

export function HelpMenu() {
  const [wanted, want] = useOnDemand();
  const placeholder = <HelpButton aria-haspopup="menu" aria-expanded={false} {...want} />;
  if (!wanted) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <Dropdown pressed={wanted.pressed} />
    </Suspense>
  );
}
