/**
 * Strings of the generic record screens (web/src/ui/records) and Settings › Objects, registered under
 * `records.` by the records web module (web/src/modules/records). `vi` has exactly the same keys.
 */
export { en } from './i18n.en';
export { vi } from './i18n.vi';
