/**
 * The database type. Each module adds its own tables by declaration merging from its `*.tables.ts`:
 *
 *   declare module '../../platform/db/schema.js' { interface DB { contacts: ContactsTable } }
 *
 * Conventions (both dialects): ids are app-generated text (UUIDv7), timestamps are ISO 8601 UTC text
 * (`2026-11-24T01:02:03.456Z`, sortable as text), booleans are integers 0/1, JSON is text.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DB {}
