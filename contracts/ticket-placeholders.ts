/**
 * Placeholders of canned responses (contracts/ticket-workspace.ts), without zod so the web app's composer can fill
 * them too: `{{requester.name}}`, `{{ticket.number}}`, `{{ticket.subject}}`, `{{agent.name}}`.
 */

/** The placeholders a body may use; any other `{{…}}` is a 400 naming `body`. */
export const cannedPlaceholders = ['requester.name', 'ticket.number', 'ticket.subject', 'agent.name'] as const;
export type CannedPlaceholder = (typeof cannedPlaceholders)[number];

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * The placeholders of a body that are not known (the server refuses them).
 * @example unknownPlaceholders('Hi {{requester.name}} {{foo}}') // ['foo']
 */
export function unknownPlaceholders(body: string): string[] {
  return [...body.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').filter((p) => !(cannedPlaceholders as readonly string[]).includes(p));
}

/**
 * A body with its placeholders filled; a missing value leaves an empty string.
 * @example renderCanned('Chào {{requester.name}}', { 'requester.name': 'Lan' }) // 'Chào Lan'
 */
export function renderCanned(body: string, values: Partial<Record<CannedPlaceholder, string | null>>): string {
  return body.replace(PLACEHOLDER, (whole, key: string) => ((cannedPlaceholders as readonly string[]).includes(key) ? values[key as CannedPlaceholder] ?? '' : whole));
}
