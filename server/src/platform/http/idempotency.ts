import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest, onSendHookHandler, preHandlerHookHandler } from 'fastify';
import type { Database } from '../db/db.js';
import { isUniqueViolation } from '../db/dialect.js';
import { nowIso } from '../ids.js';
import { AppError } from './errors.js';

/**
 * `Idempotency-Key` on POST: the first response (2xx/4xx) is stored per caller and key for 24 h and
 * replayed for a retry with the same key; a different path or a different body with the same key is a 422
 * (a client reusing a key by mistake must not get another request's answer as if its own had run).
 * The hooks are attached to POST routes only (by onRoute), so reads do not pay for them.
 */
/**
 * Fingerprint of a request's body: SHA-256 of the parsed body (after validation, so key order and defaults
 * do not matter). A body the handler streams itself (multipart upload) is not parsed yet: its declared
 * length stands in for it.
 */
export function requestHash(req: FastifyRequest): string {
  const body = req.body === undefined ? `length:${req.headers['content-length'] ?? ''}` : JSON.stringify(req.body);
  return crypto.createHash('sha256').update(body ?? 'null').digest('hex');
}

export function registerIdempotency(app: FastifyInstance, database: Database): void {
  const { db } = database;
  const replay: preHandlerHookHandler = async (req, reply) => {
    const key = req.headers['idempotency-key'];
    if (req.method !== 'POST' || typeof key !== 'string' || !req.principal) return;
    if (key.length > 200) throw new AppError('validation_failed', 'Idempotency-Key: at most 200 characters', [{ path: 'Idempotency-Key', message: 'at most 200 characters' }]);
    const stored = await db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('principal', '=', req.principal.userId)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!stored) return;
    if (stored.path !== req.url) throw new AppError('unprocessable', 'Idempotency-Key was already used for another request');
    if (stored.request_hash !== null && stored.request_hash !== requestHash(req)) {
      throw new AppError('unprocessable', 'Idempotency-Key was already used with a different request body', [
        { path: 'Idempotency-Key', message: 'already used with a different request body; use a new key for a new request' },
      ]);
    }
    reply.header('Idempotent-Replayed', 'true');
    reply.header('Content-Type', 'application/json; charset=utf-8');
    return reply.status(stored.status_code).send(stored.response);
  };
  const store: onSendHookHandler = async (req, reply, payload) => {
    const key = req.headers['idempotency-key'];
    if (req.method !== 'POST' || typeof key !== 'string' || !req.principal || reply.getHeader('Idempotent-Replayed')) return payload;
    if (reply.statusCode >= 500 || typeof payload !== 'string') return payload;
    try {
      await db
        .insertInto('idempotency_keys')
        .values({ key, principal: req.principal.userId, method: req.method, path: req.url, status_code: reply.statusCode, response: payload, created_at: nowIso(), request_hash: requestHash(req) })
        .execute();
    } catch (err) {
      if (!isUniqueViolation(err)) throw err; // a concurrent twin stored it first
    }
    return payload;
  };
  const list = <T>(h: T | T[] | undefined): T[] => (h === undefined ? [] : Array.isArray(h) ? h : [h]);
  app.addHook('onRoute', (route) => {
    if (!list(route.method).includes('POST')) return;
    // First among the route's own hooks, as when these were global hooks.
    route.preHandler = [replay, ...list(route.preHandler)];
    route.onSend = [store, ...list(route.onSend)];
  });
}
