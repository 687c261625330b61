import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { AppError, errorBody, type FieldError } from './errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Where server faults are logged (logServerErrors); Fastify's own logger is off for speed. */
    errorLog?: FastifyBaseLogger;
  }
}

/**
 * Sends every 5xx to `log` with its request id, method and url. The app runs with Fastify's logger off
 * (a child logger per request costs every request), so without this a 500 left no trace.
 */
export function logServerErrors(app: FastifyInstance, log: FastifyBaseLogger): void {
  app.decorate('errorLog', log);
}

/** Logs a server fault and answers 500 with the request id, the line an operator searches the log for. */
function serverFault(req: FastifyRequest, reply: FastifyReply, err: unknown, what: string, extra: Record<string, unknown> = {}) {
  const log = req.server.errorLog ?? req.log;
  log.error({ reqId: req.id, method: req.method, url: req.url, err, ...extra }, what);
  return reply.status(500).send(errorBody('internal', `Internal error (request ${req.id})`));
}

function zodFields(err: ZodError): FieldError[] {
  return err.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
}

const routerMessages: Record<string, string> = {
  FST_ERR_BAD_URL: 'The URL is not valid percent-encoded UTF-8',
  FST_ERR_MAX_PARAM_LENGTH: 'A path parameter is longer than 100 characters',
};

/**
 * The one place errors become HTTP: AppError by its code, request-validation failures as 400 with
 * field paths, framework 4xx (bad JSON, body too large, wrong content type) by their status,
 * everything else as a logged 500 without internals.
 */
export function errorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    if (err.status >= 500) {
      const log = req.server.errorLog ?? req.log;
      log.error({ reqId: req.id, method: req.method, url: req.url, err }, `server error: ${err.code}`);
    }
    if (err.headers) reply.headers(err.headers);
    return reply.status(err.status).send(errorBody(err.code, err.message, err.fields));
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext ?? 'body';
    const fields = err.validation.flatMap((v) => {
      const path = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
      // Strict bodies reject unknown keys (mass assignment): name each key, not the object holding it.
      const keys = v.keyword === 'unrecognized_keys' ? (v.params as { keys?: unknown }).keys : undefined;
      if (Array.isArray(keys) && keys.length) {
        return keys.map((k) => ({ path: path ? `${path}.${String(k)}` : String(k), message: 'unknown field' }));
      }
      return [{ path: path || where, message: v.message ?? 'invalid' }];
    });
    const first = fields[0];
    return reply.status(400).send(errorBody('validation_failed', first ? `${first.path}: ${first.message}` : 'Invalid request', fields));
  }
  if (err instanceof ZodError) {
    const fields = zodFields(err);
    return reply.status(400).send(errorBody('validation_failed', `${fields[0]?.path}: ${fields[0]?.message}`, fields));
  }
  if (isResponseSerializationError(err)) {
    return serverFault(req, reply, err, 'response did not match its schema', { issues: err.cause.issues });
  }
  const fe = err as FastifyError;
  const status = fe.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code =
      status === 413 ? 'payload_too_large'
      : status === 415 ? 'unsupported_media_type'
      : status === 404 ? 'not_found'
      : status === 429 ? 'rate_limited'
      : 'bad_request';
    const field = fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'body' : undefined;
    // Router errors quote the whole URL (up to the URL limit): name the problem instead of echoing it.
    const message = routerMessages[fe.code] ?? fe.message;
    return reply
      .status(status)
      .send(errorBody(code, message, field ? [{ path: field, message }] : undefined));
  }
  return serverFault(req, reply, err, 'unhandled error');
}
