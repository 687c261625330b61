import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest, preHandlerHookHandler, preSerializationHookHandler } from 'fastify';
import type { Database } from '../db/db.js';
import { nowIso } from '../ids.js';
import { invalidCursor } from './pagination.js';

/** Settings row holding the cursor key: created by the first node that starts, read by every other. */
export const CURSOR_KEY_SETTING = 'http.cursor_key';
const MAC_BYTES = 16;

/**
 * The key every node signs list cursors with. Stored in `settings` on first start (insert-if-absent, so
 * two nodes starting together agree on one), never a per-process random: a cursor issued by one node must
 * be accepted by the next.
 */
export async function loadCursorKey(database: Database): Promise<Buffer> {
  const { db } = database;
  await db
    .insertInto('settings')
    .values({ key: CURSOR_KEY_SETTING, value: crypto.randomBytes(32).toString('base64url'), updated_at: nowIso() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', CURSOR_KEY_SETTING).executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'base64url');
}

/**
 * What a cursor is bound to: method, path and every query parameter but `cursor` and `limit` (as parsed,
 * keys sorted). A cursor from another list, another record's list or another sort is refused, so a
 * handler only ever sees sort values its own query produced.
 */
export function contextOf(req: Pick<FastifyRequest, 'method' | 'url' | 'query'>): string {
  const q = (req.query ?? {}) as Record<string, unknown>;
  const rest = Object.keys(q)
    .filter((k) => k !== 'cursor' && k !== 'limit' && q[k] !== undefined)
    .sort()
    .map((k) => [k, q[k]]);
  return `${req.method} ${req.url.split('?')[0]} ${JSON.stringify(rest)}`;
}

function macOf(key: Buffer, context: string, payload: string): Buffer {
  return crypto.createHmac('sha256', key).update(context).update('\n').update(payload).digest().subarray(0, MAC_BYTES);
}

/** `<payload>.<mac>`: the payload is pagination.ts's cursor (base64url JSON), the MAC binds it to its list. */
export function signCursor(key: Buffer, context: string, payload: string): string {
  return `${payload}.${macOf(key, context, payload).toString('base64url')}`;
}

/** The payload of a cursor this server signed for this context; anything else is a 400 naming `cursor`. */
export function verifyCursor(key: Buffer, context: string, cursor: string): string {
  const dot = cursor.lastIndexOf('.');
  if (dot <= 0) throw invalidCursor();
  const payload = cursor.slice(0, dot);
  const given = Buffer.from(cursor.slice(dot + 1), 'base64url');
  const expected = macOf(key, context, payload);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) throw invalidCursor();
  return payload;
}

function hasCursorParam(querystring: unknown): boolean {
  const shape = (querystring as { shape?: Record<string, unknown> } | undefined)?.shape;
  return !!shape && Object.prototype.hasOwnProperty.call(shape, 'cursor');
}

/**
 * Authenticated list cursors. Every route whose query has a `cursor` parameter gets two hooks (by onRoute,
 * so other routes pay nothing): before the handler, a cursor is checked against its HMAC and replaced by
 * its payload (what `decodeCursor` reads); before serialisation, the page's `nextCursor` is signed.
 * Handlers and repositories keep working with plain cursors; a forged, altered or borrowed cursor is a
 * 400 `validation_failed` naming `cursor` on every list, before any query runs.
 * `app.cursorRoutes` lists the routes it guards (`METHOD url`), for the test that walks them all.
 */
export async function registerCursors(app: FastifyInstance, database: Database): Promise<void> {
  const key = await loadCursorKey(database);
  const guarded: string[] = [];
  app.decorate('cursorRoutes', guarded);
  const verify: preHandlerHookHandler = async (req) => {
    const q = req.query as { cursor?: unknown } | undefined;
    if (!q || q.cursor === undefined || q.cursor === '') return;
    if (typeof q.cursor !== 'string') throw invalidCursor();
    q.cursor = verifyCursor(key, contextOf(req), q.cursor);
  };
  const sign: preSerializationHookHandler<unknown> = async (req, _reply, payload) => {
    const page = payload as { nextCursor?: unknown } | null;
    if (page && typeof page === 'object' && typeof page.nextCursor === 'string') {
      return { ...page, nextCursor: signCursor(key, contextOf(req), page.nextCursor) };
    }
    return payload;
  };
  const list = <T>(h: T | T[] | undefined): T[] => (h === undefined ? [] : Array.isArray(h) ? h : [h]);
  app.addHook('onRoute', (route) => {
    if (!hasCursorParam(route.schema?.querystring)) return;
    guarded.push(`${String(route.method)} ${route.url}`);
    route.preHandler = [verify, ...list(route.preHandler)];
    route.preSerialization = [...list(route.preSerialization), sign];
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Routes whose `cursor` is authenticated (`GET /api/v1/contacts`, …), filled as routes register. */
    cursorRoutes?: string[];
  }
}
