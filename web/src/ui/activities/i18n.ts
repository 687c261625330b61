/**
 * Strings of the activity screens (web/src/ui/activities: composer, note editor, attachments, activity bodies, an
 * engine record's timeline), registered under `activity.` by the records web module. `vi` has exactly the same keys.
 */
export { en } from './i18n.en';
export { vi } from './i18n.vi';
