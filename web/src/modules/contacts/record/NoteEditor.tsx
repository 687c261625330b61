/**
 * The rich-text note editor now lives in web/src/ui/activities (shared by every record page). This re-export keeps
 * the path the web budget "contact record, note composer open" loads (scripts/web-budgets.json) until it names the new one.
 */
export { NoteEditor } from '../../../ui/activities/NoteEditor';
