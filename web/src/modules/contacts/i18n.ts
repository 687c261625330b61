/**
 * Strings of the contacts module (lists, kanban, forms, settings), registered under `contacts.` in the
 * default namespace by index.tsx. `vi` has exactly the same keys (i18n.test.ts checks).
 */
export { en } from './i18n.en';
export { vi } from './i18n.vi';
