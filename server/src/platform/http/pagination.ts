import { z } from 'zod';
import { AppError } from './errors.js';

/** Query parameters every list accepts. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Rows per page (1–200)'),
  cursor: z.string().max(2000).optional().describe('Opaque cursor from the previous page'),
});

/** Response envelope of every list: `{ data, nextCursor }`. */
export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}

/**
 * Keyset cursors carry the sort values of the last row plus its id, base64url-encoded JSON.
 * Example: encodeCursor(['Nguyen', '0193…']) → 'WyJOZ3V5ZW4iLCIwMTkzIl0'.
 * Over HTTP a cursor also carries an HMAC binding it to its list (cursors.ts signs `nextCursor` and checks
 * `cursor` before the handler), so handlers only decode cursors the server itself produced for that query.
 */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The one error every bad cursor gets: 400 `validation_failed` naming `cursor`. */
export const invalidCursor = () =>
  new AppError('validation_failed', 'cursor: invalid cursor; start again from the first page', [{ path: 'cursor', message: 'invalid cursor' }]);

/** A sort value a keyset query may bind: text, a finite number or null (never an object or array). */
function isKeyValue(v: unknown): boolean {
  return v === null || (typeof v === 'string' && v.length <= 2000) || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean';
}

export function decodeCursor(cursor: string | undefined, length: number): unknown[] | undefined {
  if (!cursor) return undefined;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === length && values.every(isKeyValue)) return values;
  } catch {
    /* fall through */
  }
  throw invalidCursor();
}

/** Slices `limit + 1` fetched rows into a page and the cursor of its last row. */
export function toPage<T>(rows: T[], limit: number, cursorOf: (row: T) => unknown[]): { data: T[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const data = more ? rows.slice(0, limit) : rows;
  const last = data[data.length - 1];
  return { data, nextCursor: more && last ? encodeCursor(cursorOf(last)) : null };
}
