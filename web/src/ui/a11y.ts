import type { CSSProperties } from 'react';

/**
 * Text for screen readers only (the usual clip pattern): a span's style, lighter than Mantine's VisuallyHidden
 * component on pages near their JavaScript budget.
 *
 * @example <span style={visuallyHidden}>{t('contacts.kanban')}</span>
 */
export const visuallyHidden: CSSProperties = {
  position: 'absolute', width: 1, height: 1, padding: 0, margin: -1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0,
};
