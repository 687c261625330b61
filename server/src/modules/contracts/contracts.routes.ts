/** HTTP routes of the contracts module beside the engine's generic `/contracts` routes. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorSchema, idParams, idSchema } from '../../../../contracts/common.js';
import { contractFromQuoteBody, contractRenewResult, quoteIdResult } from '../../../../contracts/quotes.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { addFile, contractFromQuote, deleteFile, listFiles, openFile, renewContract } from './contracts.service.js';

const tags = ['contracts'];
const errors = { '4xx': errorSchema } as const;
const read = { access: { module: 'contracts', action: 'read' as const } };
const update = { access: { module: 'contracts', action: 'update' as const } };
const create = { access: { module: 'contracts', action: 'create' as const } };
const fileSchema = z.object({ id: idSchema, filename: z.string(), contentType: z.string(), size: z.number().int(), createdAt: z.string() });
const fileBody = z.strictObject({
  filename: z.string().trim().min(1).max(200),
  contentType: z.enum(['application/pdf', 'image/png', 'image/jpeg']),
  /** The file's bytes, base64 (at most 5 MiB decoded). */
  data: z.string().min(1).max(7_100_000),
});
const fileParams = z.object({ id: idSchema, fileId: idSchema });

export function contractsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);
  const db = ctx.database.db;

  r.post('/quotes/:id/contract', {
    config: create,
    schema: { tags, summary: 'A contract from an accepted quote (its parties, deal, total as value)', operationId: 'contractFromQuote', params: idParams, body: contractFromQuoteBody, response: { 201: quoteIdResult, ...errors } },
  }, async (req, reply) => reply.status(201).send(await db.transaction().execute((trx) => contractFromQuote(trx, principalOf(req), req.params.id, req.body))));

  r.post('/contracts/:id/renew', {
    config: update,
    schema: { tags, summary: 'Renew: a new deal (and a draft quote with the same lines when the contract came from a quote)', operationId: 'renewContract', params: idParams, response: { 201: contractRenewResult, ...errors } },
  }, async (req, reply) => reply.status(201).send(await db.transaction().execute((trx) => renewContract(trx, principalOf(req), req.params.id))));

  r.get('/contracts/:id/files', {
    config: read, schema: { tags, summary: 'Signed files of a contract', operationId: 'listContractFiles', params: idParams, response: { 200: z.object({ data: z.array(fileSchema) }), ...errors } },
  }, async (req) => listFiles(db, principalOf(req), req.params.id));

  r.post('/contracts/:id/files', {
    config: update,
    bodyLimit: 8 * 1024 * 1024,
    schema: { tags, summary: 'Attach a signed file (PDF, PNG or JPEG, base64, ≤ 5 MiB)', operationId: 'addContractFile', params: idParams, body: fileBody, response: { 201: fileSchema, ...errors } },
  }, async (req, reply) => reply.status(201).send(await db.transaction().execute((trx) => addFile(trx, principalOf(req), req.params.id, req.body))));

  r.get('/contracts/:id/files/:fileId', {
    config: read, schema: { tags, summary: 'Download a signed file', operationId: 'getContractFile', params: fileParams, response: { 200: z.any(), ...errors } },
  }, async (req, reply) => {
    const f = await openFile(db, principalOf(req), req.params.id, req.params.fileId);
    return reply.type(f.contentType).header('content-disposition', `attachment; filename="${encodeURIComponent(f.filename)}"`)
      .header('x-content-type-options', 'nosniff').header('content-security-policy', "sandbox; default-src 'none'").send(f.bytes);
  });

  r.delete('/contracts/:id/files/:fileId', {
    config: update, schema: { tags, summary: 'Remove a signed file', operationId: 'deleteContractFile', params: fileParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await db.transaction().execute((trx) => deleteFile(trx, principalOf(req), req.params.id, req.params.fileId));
    return reply.status(204).send(null);
  });
}
