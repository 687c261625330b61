import type { FastifyInstance, FastifyRequest } from 'fastify';
import { invalid } from './errors.js';

/** Deepest JSON nesting a body may have; no Kith contract comes close (custom values, filters: < 8). */
export const MAX_JSON_DEPTH = 32;

/**
 * Refuses, before any route sees them, two inputs the API fuzzer turned into 500s:
 * - U+0000 in path parameters, query parameters and JSON bodies (400 naming the field). PostgreSQL text
 *   cannot hold it ("invalid byte sequence"); SQLite stores it and C APIs truncate at it — refused on both.
 * - JSON nested deeper than MAX_JSON_DEPTH (400 naming `body`): recursive walkers (JSON.stringify for
 *   idempotency hashes, schema validation, proto-poisoning checks) overflowed the stack on 200,000 levels.
 * Hot-path cost: one `includes` over the URL; one pass over the raw JSON text.
 *
 *   registerInputGuard(app) // before the routes
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('onRequest', (req, _reply, done) => {
    if (!req.url.includes('%00')) return done();
    done(nulError(urlField(req)));
  });
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body as string;
    if (tooDeep(text)) return done(invalid('body', `is nested deeper than ${MAX_JSON_DEPTH} levels`), undefined);
    json(req, text, (err, value) => {
      if (err || !text.includes('\\u0000')) return done(err, value);
      const path = nulPath(value, '');
      // `\\u0000` (an escaped backslash, then "u0000") also matches the raw text; only a real NUL is refused.
      if (path === null) return done(null, value);
      done(nulError(path), undefined);
    });
  });
}

/** True when brackets outside strings nest deeper than MAX_JSON_DEPTH (one pass, stops early). */
function tooDeep(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > MAX_JSON_DEPTH) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}

const nulError = (path: string) => invalid(path, 'must not contain the NUL character (U+0000)');

/** The name of the path or query parameter holding a NUL (the query key itself when the key holds it). */
function urlField(req: FastifyRequest): string {
  for (const source of [req.params, req.query] as unknown[]) {
    if (!source || typeof source !== 'object') continue;
    for (const [k, v] of Object.entries(source)) {
      const values = Array.isArray(v) ? v : [v];
      if (k.includes('\0') || values.some((x) => typeof x === 'string' && x.includes('\0'))) return k.replace(/\0/g, '\\0') || '(query)';
    }
  }
  return 'url';
}

/** Dotted path of the first string or key holding a NUL, `(root)` for the body itself, or null. */
function nulPath(v: unknown, path: string): string | null {
  if (typeof v === 'string') return v.includes('\0') ? path || '(root)' : null;
  if (!v || typeof v !== 'object') return null;
  for (const [k, child] of Object.entries(v)) {
    const here = path ? `${path}.${k}` : k;
    if (k.includes('\0')) return here.replace(/\0/g, '\\0');
    const found = nulPath(child, here);
    if (found !== null) return found;
  }
  return null;
}
