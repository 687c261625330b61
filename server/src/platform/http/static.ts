import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { errorBody } from './errors.js';

/** Vite names every file under assets/ by its content hash: a changed file gets a new name. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html, favicon and any later service worker keep their names: the browser revalidates them (ETag → 304). */
export const REVALIDATE = 'no-cache';

/** The Cache-Control a built file is served with, by its path inside the web build. */
export function cacheControlFor(filePath: string, webDir: string): string {
  const rel = path.relative(webDir, filePath).split(path.sep).join('/');
  return rel.startsWith('assets/') ? IMMUTABLE : REVALIDATE;
}

/**
 * Serves the built web app (`dist/web`) with an SPA fallback.
 *
 * Every text file has brotli and gzip copies written by the build (scripts/build.mjs: `x.js.br`, `x.js.gz`);
 * @fastify/static picks one by `Accept-Encoding` (`preCompressed`), sets `Content-Encoding` and
 * `Vary: Accept-Encoding`, and falls back to the plain file. Hashed assets are cached for a year
 * (`immutable`); the rest revalidate with a weak ETag (size + mtime of the file sent) and get a 304
 * when unchanged. Nothing is compressed per request.
 *
 * @example await serveWebApp(app, 'dist/web') // after the API routes
 */
export async function serveWebApp(app: FastifyInstance, webDir: string): Promise<boolean> {
  if (!fs.existsSync(path.join(webDir, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: webDir,
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    // Cache-Control is ours (setHeaders); send's default `public, max-age=0` would make every visit revalidate assets.
    cacheControl: false,
    setHeaders: (reply, filePath) => void reply.header('cache-control', cacheControlFor(filePath, webDir)),
  });
  // Client-side routes fall back to index.html; unknown /api paths stay JSON 404s.
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, (req, reply: FastifyReply) => {
    // Unknown API paths stay JSON 404s; a missing build asset is a 404, not index.html (a stale tab
    // after an upgrade must fail loudly rather than render a blank page).
    if (req.url.startsWith('/api/') || req.url.startsWith('/assets/')) {
      return reply.status(404).send(errorBody('not_found', `No route ${req.method} ${req.url.split('?')[0]}`));
    }
    return reply.sendFile('index.html');
  });
  return true;
}
