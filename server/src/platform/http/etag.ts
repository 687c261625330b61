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
 * `If-Match: *` is refused (400): by HTTP it only asks that the record exist, so honouring it would let a
 * client that believes it sent a precondition overwrite a newer version; send the record's ETag instead,
 * or no If-Match for last-write-wins. A list of ETags is refused the same way.
 */
export function expectedVersion(req: FastifyRequest, bodyVersion?: number): number | undefined {
  const header = req.headers['if-match'];
  if (typeof header === 'string') {
    const m = /^(?:W\/)?"(\d+)"$/.exec(header.trim());
    if (!m) {
      const message = header.trim() === '*' ? 'send the record\'s ETag (like "3"), not *' : 'expected an ETag like "3"';
      throw new AppError('validation_failed', `If-Match: ${message}`, [{ path: 'If-Match', message }]);
    }
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
