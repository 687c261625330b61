import zlib from 'node:zlib';
import type { FastifyInstance, RouteOptions } from 'fastify';
import fastifyCompress from '@fastify/compress';

/**
 * Response bodies smaller than this go out as they are. Chosen from bench/compress.bench.ts: below about
 * 1 KiB a compressed body saves less than one TCP packet while costing the same fixed set-up per response.
 */
export const COMPRESS_THRESHOLD = 1024;
/**
 * Brotli quality for on-the-fly compression. bench/compress.bench.ts: quality 4 compresses a 50-contact
 * page about as small as gzip -6 at a fraction of quality 11's CPU (see bench/README.md for the figures).
 */
export const BROTLI_QUALITY = 4;
/** gzip level for clients that do not accept brotli (zlib's default speed/size balance). */
export const GZIP_LEVEL = 6;

/** Which routes compress: the REST API and the OpenAPI document, never /api/health or websockets. */
export function compressesRoute(route: Pick<RouteOptions, 'url'> & { websocket?: boolean }): boolean {
  if (route.websocket) return false;
  return route.url.startsWith('/api/v1/') || route.url === '/api/openapi.json';
}

/**
 * Compresses API responses above {@link COMPRESS_THRESHOLD} bytes by `Accept-Encoding` (br, then gzip) with
 * `Vary: Accept-Encoding`. @fastify/compress attaches its hooks per route as routes are registered; this
 * marks every other route `compress: false`, so /api/health, the static web app (served pre-compressed)
 * and metrics carry no compression hook at all. Register before any route.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', (route) => {
    const options = route as RouteOptions & { compress?: false | object; websocket?: boolean };
    if (options.compress === undefined && !compressesRoute(options)) options.compress = false;
  });
  await app.register(fastifyCompress, {
    global: true,
    // Request bodies stay plain: nothing Kith accepts is sent compressed, and the hook would cost every POST.
    globalDecompression: false,
    threshold: COMPRESS_THRESHOLD,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } },
    zlibOptions: { level: GZIP_LEVEL },
  });
}
