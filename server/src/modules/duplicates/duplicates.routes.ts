import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorSchema } from '../../../../contracts/common.js';
import {
  companyDuplicateListQuery, companyDuplicatePage, dismissBody, duplicateCheckQuery, duplicateCheckResponse, duplicateListQuery, duplicatePage, mergeBody, mergeResponse, scanResponse,
} from '../../../../contracts/duplicates.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf, requirePermission } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';
import { checkDuplicates, dismissPair, listCompanyPairs, listPairs, mergeContacts, previewMerge } from './duplicates.service.js';
import { rescanAll } from './refresh.service.js';

const tags = ['duplicates'];
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema };

export function duplicatesRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);
  const db = ctx.database.db;

  r.get('/contacts/duplicates-check', {
    config: { access: { module: 'contacts', action: 'read' } },
    schema: { tags, summary: 'Possible duplicates of a contact being entered (same email, phone, or similar name at the company)', operationId: 'checkContactDuplicates', querystring: duplicateCheckQuery, response: { 200: duplicateCheckResponse, ...errors } },
  }, async (req) => ({ data: await checkDuplicates(db, principalOf(req), req.query, ctx.config.defaultRegion) }));

  r.get('/duplicates', {
    config: { access: { module: 'contacts', action: 'read' } },
    schema: { tags, summary: 'Candidate duplicate pairs, highest score first', operationId: 'listDuplicates', querystring: duplicateListQuery, response: { 200: duplicatePage, ...errors } },
  }, async (req) => {
    const after = decodeCursor(req.query.cursor, 2) as [number, string] | undefined;
    const { rows, more } = await listPairs(db, principalOf(req), after, req.query.limit);
    const last = rows[rows.length - 1];
    return { data: rows, nextCursor: more && last ? encodeCursor([last.score, last.id]) : null };
  });

  r.get('/duplicates/companies', {
    config: { access: { module: 'companies', action: 'read' } },
    schema: { tags, summary: 'Candidate duplicate company pairs (same domain, name or phone), highest score first', operationId: 'listCompanyDuplicates', querystring: companyDuplicateListQuery, response: { 200: companyDuplicatePage, ...errors } },
  }, async (req) => {
    const after = decodeCursor(req.query.cursor, 2) as [number, string] | undefined;
    const { rows, more } = await listCompanyPairs(db, principalOf(req), after, req.query.limit);
    const last = rows[rows.length - 1];
    return { data: rows, nextCursor: more && last ? encodeCursor([last.score, last.id]) : null };
  });

  r.post('/duplicates/scan', {
    config: { access: { module: 'contacts', action: 'manage' } },
    schema: { tags, summary: 'Rescan every contact and company now (pairs are otherwise kept current as records change, and rescanned nightly)', operationId: 'scanDuplicates', response: { 200: scanResponse, ...errors } },
  }, async () => rescanAll(ctx));

  r.post('/duplicates/dismiss', {
    config: { access: { module: 'contacts', action: 'update' } },
    schema: { tags, summary: 'Mark two contacts (or companies) as different (hidden from the list and from warnings)', operationId: 'dismissDuplicate', body: dismissBody, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    const p = principalOf(req);
    // The route's access names contacts; a company pair needs the same right on companies.
    if (req.body.entity === 'company') requirePermission(p, 'companies', 'update');
    await dismissPair(ctx, p, req.body.entity, req.body.aId, req.body.bId);
    return reply.status(204).send(null);
  });

  r.post('/contacts/merge/preview', {
    config: { access: { module: 'contacts', action: 'update' } },
    schema: { tags, summary: 'Preview a merge: the survivor as it would be, and the rows that would move', operationId: 'previewContactMerge', body: mergeBody, response: { 200: mergeResponse, ...errors } },
  }, async (req) => previewMerge(db, principalOf(req), req.body));

  r.post('/contacts/merge', {
    config: { access: { module: 'contacts', action: 'update' } },
    schema: { tags, summary: 'Merge two contacts in one transaction (relations move to the survivor; audited)', operationId: 'mergeContacts', body: mergeBody, response: { 200: mergeResponse, ...errors } },
  }, async (req) => mergeContacts(ctx, principalOf(req), req.body));
}
