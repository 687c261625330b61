import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

/** ETag of a versioned record: `"<version>"`; clients send it back in If-Match. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

export function setEtag(reply: FastifyReply, version: number): void {
  reply.header('ETag', etagOf(version));
}

/**
 * The version a write expects: from If-Match, else from a `version` field in the body, else undefined
 * (last write wins, as most API clients expect). A mismatch later raises 412 from the repository.
 */
export function expectedVersion(req: FastifyRequest, bodyVersion?: number): number | undefined {
  const header = req.headers['if-match'];
  if (typeof header === 'string' && header !== '*') {
    const m = /^(?:W\/)?"(\d+)"$/.exec(header.trim());
    if (!m) throw new AppError('validation_failed', 'If-Match: expected an ETag like "3"', [{ path: 'If-Match', message: 'expected an ETag like "3"' }]);
    return Number(m[1]);
  }
  return bodyVersion;
}

/** Throws 412 when the stored version is not the one the client last read. */
export function assertVersion(expected: number | undefined, actual: number): void {
  if (expected !== undefined && expected !== actual) {
    throw new AppError('precondition_failed', `The record changed since you loaded it (version ${actual}, you sent ${expected}); reload and try again`);
  }
}
