/**
 * HTTP routes of the deals module beside the engine's generic `/deals` routes: pipelines (read with deals `read`,
 * changed with deals `manage`), the board, line items, contacts with roles and stage history of a deal.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorSchema, idParams } from '../../../../contracts/common.js';
import {
  boardQuery, boardSchema, dealContactsBody, dealContactsResult, lineItemsBody, lineItemsResult, pipelineInput, pipelineList, pipelineListQuery,
  pipelinePatch, pipelineSchema, stageHistoryResult,
} from '../../../../contracts/deals.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { contextOf, loadCursorKey, signCursor } from '../../platform/http/cursors.js';
import { expectedVersion } from '../../platform/http/etag.js';
import { board } from './deals.board.js';
import { getDealContacts, getLineItems, putDealContacts, putLineItems, stageHistory } from './deals.service.js';
import { archivePipeline, createPipeline, getPipeline, listPipelines, updatePipeline } from './pipelines.service.js';

const tags = ['deals'];
const errors = { '4xx': errorSchema } as const;
const read = { access: { module: 'deals', action: 'read' as const } };
const update = { access: { module: 'deals', action: 'update' as const } };
const manage = { access: { module: 'deals', action: 'manage' as const } };

export async function dealsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = apiRouter(app);
  const db = ctx.database.db;
  const cursorKey = await loadCursorKey(ctx.database);

  r.get('/pipelines', {
    config: read,
    schema: { tags, summary: 'Pipelines with their ordered stages', operationId: 'listPipelines', querystring: pipelineListQuery, response: { 200: pipelineList, ...errors } },
  }, async (req) => ({ data: await listPipelines(db, req.query.archived === 'true') }));

  r.get('/pipelines/:id', {
    config: read,
    schema: { tags, summary: 'One pipeline with its stages', operationId: 'getPipeline', params: idParams, response: { 200: pipelineSchema, ...errors } },
  }, async (req) => getPipeline(db, req.params.id));

  r.post('/pipelines', {
    config: manage,
    schema: { tags, summary: 'Create a pipeline with its ordered stages', operationId: 'createPipeline', body: pipelineInput, response: { 201: pipelineSchema, ...errors } },
  }, async (req, reply) => {
    const out = await db.transaction().execute((trx) => createPipeline(trx, principalOf(req), req.body));
    return reply.status(201).send(out);
  });

  r.patch('/pipelines/:id', {
    config: manage,
    schema: { tags, summary: 'Change a pipeline; `stages` replaces the ordered stage list', operationId: 'updatePipeline', params: idParams, body: pipelinePatch, response: { 200: pipelineSchema, ...errors } },
  }, async (req) => db.transaction().execute((trx) => updatePipeline(trx, principalOf(req), req.params.id, req.body)));

  r.delete('/pipelines/:id', {
    config: manage,
    schema: { tags, summary: 'Archive a pipeline (its deals stay; not the default pipeline)', operationId: 'archivePipeline', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await db.transaction().execute((trx) => archivePipeline(trx, principalOf(req), req.params.id));
    return reply.status(204).send(null);
  });

  r.get('/deals/board', {
    config: read,
    schema: { tags, summary: 'Board of one pipeline: per stage count, sum, weighted sum and first cards', operationId: 'dealsBoard', querystring: boardQuery, response: { 200: boardSchema, ...errors } },
  }, async (req) => board(ctx.database, principalOf(req), req.query, (stage, pipeline, payload) => {
    // Signed for the request that pages this column: the same query with `pipeline` and `stage` set.
    const query = { ...req.query, pipeline, stage, cursor: undefined, limit: undefined };
    return signCursor(cursorKey, contextOf({ method: 'GET', url: req.url, query }), payload);
  }));

  r.get('/deals/:id/line-items', {
    config: read,
    schema: { tags, summary: 'Line items of a deal with totals', operationId: 'getDealLineItems', params: idParams, response: { 200: lineItemsResult, ...errors } },
  }, async (req) => getLineItems(db, principalOf(req), req.params.id));

  r.put('/deals/:id/line-items', {
    config: update,
    schema: { tags, summary: 'Replace the line items of a deal (optionally set its amount to the total)', operationId: 'putDealLineItems', params: idParams, body: lineItemsBody, response: { 200: lineItemsResult, ...errors } },
  }, async (req) => db.transaction().execute((trx) => putLineItems(trx, principalOf(req), req.params.id, req.body, expectedVersion(req))));

  r.get('/deals/:id/contacts', {
    config: read,
    schema: { tags, summary: 'Contacts of a deal with their roles', operationId: 'getDealContacts', params: idParams, response: { 200: dealContactsResult, ...errors } },
  }, async (req) => getDealContacts(db, principalOf(req), req.params.id));

  r.put('/deals/:id/contacts', {
    config: update,
    schema: { tags, summary: 'Replace the contacts of a deal with their roles', operationId: 'putDealContacts', params: idParams, body: dealContactsBody, response: { 200: dealContactsResult, ...errors } },
  }, async (req) => db.transaction().execute((trx) => putDealContacts(trx, principalOf(req), req.params.id, req.body)));

  r.get('/deals/:id/stage-history', {
    config: read,
    schema: { tags, summary: 'Stages a deal went through, oldest first, with time spent in the previous one', operationId: 'getDealStageHistory', params: idParams, response: { 200: stageHistoryResult, ...errors } },
  }, async (req) => stageHistory(db, principalOf(req), req.params.id));
}
