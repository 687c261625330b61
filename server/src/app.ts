import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext, KithModule } from './platform/context.js';
import { ping } from './platform/db/db.js';
import { errorHandler, logServerErrors } from './platform/http/error-handler.js';
import { registerCursors } from './platform/http/cursors.js';
import { errorBody } from './platform/http/errors.js';
import { registerAuth } from './platform/http/auth-hook.js';
import { registerRateLimit } from './platform/http/rate-limit.js';
import { registerInputGuard } from './platform/http/input-guard.js';
import { registerMetrics } from './platform/http/metrics.js';
import { registerIdempotency } from './platform/http/idempotency.js';
import { registerSecurityHeaders } from './platform/http/security-headers.js';
import { registerCookies } from './platform/http/cookies.js';
import { guardUpgrades, mountWebsocketRoutes } from './platform/http/websocket.js';
import { registerCompression } from './platform/http/compress.js';
import { serveWebApp } from './platform/http/static.js';

/** JSON Schema of the error body every 4xx/5xx carries (errors.ts). */
const errorResponse = {
  description: 'Error: `{ error: { code, message, fields? } }` — 4xx for bad input (fields name the paths), 5xx for server faults',
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', examples: ['validation_failed'] },
        message: { type: 'string' },
        fields: { type: 'array', items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } } },
      },
    },
  },
};

/** zod → JSON Schema, plus the shared error response on every operation that does not declare its own 4XX. */
const withErrorResponses: typeof jsonSchemaTransform = (args) => {
  const out = jsonSchemaTransform(args);
  const schema = out.schema as { response?: Record<string, unknown>; hide?: boolean };
  const response = { ...(schema.response ?? {}) };
  if (!Object.keys(response).some((code) => code.startsWith('4'))) response['4XX'] = errorResponse;
  return { ...out, schema: { ...schema, response } as typeof out.schema };
};

const HEALTH_OK = { status: 'ok' as const };
const HEALTH_UNAVAILABLE = { status: 'unavailable' as const };

export interface BuildOptions {
  /** Folder of the built web app; served with an SPA fallback when it exists. */
  webDir?: string;
  logger?: boolean | object;
}

/** Builds the HTTP app: platform plugins, every module's routes under /api/v1, the web app. */
export async function buildApp(ctx: AppContext, modules: KithModule[], opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: ctx.config.trustProxy,
    ajv: { customOptions: { coerceTypes: 'array' } },
    // Router errors (malformed URL encoding, a path parameter over 100 characters) skip the error handler
    // unless routed here; without it they answered Fastify's own body, not the error shape (API fuzzer).
    frameworkErrors: errorHandler,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  logServerErrors(app, ctx.log);
  // Unguarded API routes must not exist: refuse to boot instead of serving one.
  app.addHook('onRoute', (route) => {
    const url = route.url;
    if (url.startsWith('/api/v1') && route.config?.access === undefined) {
      throw new Error(`route ${route.method} ${url} has no access declaration`);
    }
  });

  registerCookies(app);
  registerSecurityHeaders(app);
  guardUpgrades(app);
  registerRateLimit(app, ctx.config.rateLimitPerMinute);
  registerInputGuard(app);
  // Before any plugin that adds routes: the auth hook is attached to each route as it is registered.
  const authenticate = registerAuth(app, ctx.database, { idleMinutes: ctx.config.sessionIdleMinutes, absoluteHours: ctx.config.sessionAbsoluteHours });
  app.setNotFoundHandler({ preValidation: authenticate }, (req, reply) => {
    reply.status(404).send(errorBody('not_found', `No route ${req.method} ${req.url.split('?')[0]}`));
  });
  // Before any route: compression hooks are attached per route (API only) as routes are registered.
  await registerCompression(app);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kith API',
        version: '1.0.0',
        description: 'REST API of Kith CRM. Authenticate with `Authorization: Bearer <api key>` or a session cookie.',
        license: { name: 'AGPL-3.0-only', identifier: 'AGPL-3.0-only' },
      },
      servers: [{ url: ctx.config.baseUrl }],
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'API key created in Settings → API keys' },
          session: { type: 'apiKey', in: 'cookie', name: 'kith_session' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: withErrorResponses,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  registerIdempotency(app, ctx.database);
  registerMetrics(app, ctx.config);
  await registerCursors(app, ctx.database);

  app.get('/api/health', {
    config: { access: 'public' },
    schema: {
      tags: ['platform'],
      summary: 'Health check: 200 when the database answers',
      operationId: 'health',
      response: { 200: z.object({ status: z.literal('ok') }), 503: z.object({ status: z.literal('unavailable') }) },
    },
    // The body is one of two literals built right here: the schemas document it, parsing it again is waste.
    serializerCompiler: () => (data) => JSON.stringify(data),
  }, (_req, reply) => {
    // Not async: on SQLite the check answers synchronously, and the reply needs no promise of its own.
    const pending = ping(ctx.database);
    if (!pending) return reply.send(HEALTH_OK);
    return pending.then(() => reply.send(HEALTH_OK), () => reply.status(503).send(HEALTH_UNAVAILABLE));
  });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => {
    // Modules add what changes at run time (the records platform's custom objects) to a copy of the document.
    let doc = app.swagger() as unknown as Record<string, unknown>;
    for (const m of modules) if (m.openapi) doc = await m.openapi(structuredClone(doc), ctx);
    return doc;
  });

  await app.register(
    async (api) => {
      for (const m of modules) await m.routes?.(api, ctx);
      await mountWebsocketRoutes(api);
    },
    { prefix: '/api/v1' },
  );

  // Pre-compressed, cached by content hash, SPA fallback (platform/http/static.ts).
  if (opts.webDir) await serveWebApp(app, opts.webDir);
  return app;
}
