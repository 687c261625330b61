/** HTTP routes: custom field definitions, saved views, global search, lifecycle-stage settings. */
import type { FastifyInstance } from 'fastify';
import { idParams } from '../../../../contracts/common.js';
import { contactSettingsResponse, lifecycleStagesBody, lifecycleStagesResponse, searchQuery, searchResponse } from '../../../../contracts/contacts.js';
import { customFieldInput, customFieldList, customFieldListQuery, customFieldPatch, customFieldSchema } from '../../../../contracts/custom-fields.js';
import { viewInput, viewList, viewListQuery, viewPatch, viewSchema } from '../../../../contracts/views.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { expectedVersion, setEtag } from '../../platform/http/etag.js';
import { customFieldsService } from './custom-fields.service.js';
import { listsService } from './lists.service.js';
import { getStages, putStages } from './settings.service.js';
import { presentView, viewsService } from './views.service.js';

export function miscRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);
  const { database, config } = ctx;
  const db = database.db;
  const cf = ['custom-fields'];

  r.get('/custom-fields', {
    config: { access: 'authenticated' },
    schema: { tags: cf, summary: 'List custom field definitions', operationId: 'listCustomFields', querystring: customFieldListQuery, response: { 200: customFieldList } },
  }, async (req) => ({ data: await customFieldsService.list(db, req.query.entity) }));

  r.post('/custom-fields', {
    config: { access: 'admin' },
    schema: { tags: cf, summary: 'Define a custom field', operationId: 'createCustomField', body: customFieldInput, response: { 201: customFieldSchema } },
  }, async (req, reply) => reply.status(201).send(await customFieldsService.create(database, principalOf(req), req.body, config.defaultRegion)));

  r.patch('/custom-fields/:id', {
    config: { access: 'admin' },
    schema: { tags: cf, summary: 'Change a custom field (entity, key, type are fixed)', operationId: 'updateCustomField', params: idParams, body: customFieldPatch, response: { 200: customFieldSchema } },
  }, async (req, reply) => {
    const out = await customFieldsService.update(database, principalOf(req), req.params.id, req.body, expectedVersion(req), config.defaultRegion);
    setEtag(reply, out.version);
    return out;
  });

  r.delete('/custom-fields/:id', {
    config: { access: 'admin' },
    schema: { tags: cf, summary: 'Remove a custom field definition', operationId: 'deleteCustomField', params: idParams },
  }, async (req, reply) => {
    await customFieldsService.remove(database, principalOf(req), req.params.id);
    return reply.status(204).send();
  });

  const vt = ['views'];
  r.get('/views', {
    config: { access: 'authenticated' },
    schema: { tags: vt, summary: 'My saved views and those shared with my teams', operationId: 'listViews', querystring: viewListQuery, response: { 200: viewList } },
  }, async (req) => {
    const p = principalOf(req);
    return { data: (await viewsService.list(database, p, req.query.entity)).map((v) => presentView(v, p)) };
  });
  r.post('/views', {
    config: { access: 'authenticated' },
    schema: { tags: vt, summary: 'Save a view', operationId: 'createView', body: viewInput, response: { 201: viewSchema } },
  }, async (req, reply) => {
    const p = principalOf(req);
    return reply.status(201).send(presentView(await viewsService.create(database, p, req.body), p));
  });
  r.get('/views/:id', {
    config: { access: 'authenticated' },
    schema: { tags: vt, summary: 'Get a saved view', operationId: 'getView', params: idParams, response: { 200: viewSchema } },
  }, async (req) => {
    const p = principalOf(req);
    return presentView(await viewsService.get(database, p, req.params.id), p);
  });
  r.patch('/views/:id', {
    config: { access: 'authenticated' },
    schema: { tags: vt, summary: 'Change a saved view (owner or admin)', operationId: 'updateView', params: idParams, body: viewPatch, response: { 200: viewSchema } },
  }, async (req) => {
    const p = principalOf(req);
    return presentView(await viewsService.update(database, p, req.params.id, req.body, expectedVersion(req)), p);
  });
  r.delete('/views/:id', {
    config: { access: 'authenticated' },
    schema: { tags: vt, summary: 'Delete a saved view (owner or admin)', operationId: 'deleteView', params: idParams },
  }, async (req, reply) => {
    await viewsService.remove(database, principalOf(req), req.params.id);
    return reply.status(204).send();
  });

  r.get('/search', {
    config: { access: 'authenticated' },
    schema: { tags: ['search'], summary: 'Search contacts and companies (accent-insensitive, any phone format)', operationId: 'search', querystring: searchQuery, response: { 200: searchResponse } },
  }, async (req) => ({ data: await listsService.search(database, principalOf(req), req.query.q, req.query.limit) }));

  // Every signed-in user reads the stages (lists, kanban, forms need their labels); only admins change them.
  r.get('/settings/lifecycle-stages', {
    config: { access: 'authenticated' },
    schema: { tags: ['settings'], summary: 'Lifecycle stages', operationId: 'getLifecycleStages', response: { 200: lifecycleStagesResponse } },
  }, async () => ({ stages: await getStages(db) }));
  // The web formats phone numbers for the workspace's region: "0912 345 678" in VN, "+84 912 345 678" elsewhere.
  r.get('/settings/contacts', {
    config: { access: 'authenticated' },
    schema: { tags: ['settings'], summary: 'Contact display settings (default phone region)', operationId: 'getContactSettings', response: { 200: contactSettingsResponse } },
  }, async () => ({ defaultRegion: config.defaultRegion.toUpperCase() }));
  r.put('/settings/lifecycle-stages', {
    config: { access: 'admin' },
    schema: { tags: ['settings'], summary: 'Replace the lifecycle stages', operationId: 'putLifecycleStages', body: lifecycleStagesBody, response: { 200: lifecycleStagesResponse } },
  }, async (req) => ({ stages: await putStages(database, principalOf(req), req.body.stages) }));
}
