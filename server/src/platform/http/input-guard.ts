import type { FastifyInstance, FastifyRequest } from 'fastify';
import { invalid } from './errors.js';

/**
 * Refuses U+0000 in path parameters, query parameters and JSON bodies with a 400 naming the field.
 * PostgreSQL text cannot hold it (every such request was a 500 there: "invalid byte sequence"), SQLite
 * stores it and truncates at it in C APIs — so it is refused on both, before any route sees it.
 * Cost on the hot path: one `includes` over the URL, and one over the raw JSON text.
 *
 *   registerNulGuard(app) // before the routes
 */
export function registerNulGuard(app: FastifyInstance): void {
  app.addHook('onRequest', (req, _reply, done) => {
    if (!req.url.includes('%00')) return done();
    done(nulError(urlField(req)));
  });
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    json(req, body as string, (err, value) => {
      if (err || !(body as string).includes('\\u0000')) return done(err, value);
      const path = nulPath(value, '');
      // `\\u0000` (an escaped backslash, then "u0000") also matches the raw text; only a real NUL is refused.
      if (path === null) return done(null, value);
      done(nulError(path), undefined);
    });
  });
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
