/** HTTP routes of companies: CRUD and recycle bin. */
import type { FastifyInstance } from 'fastify';
import { idParams, pageOf } from '../../../../contracts/common.js';
import { companyCountQuery, companyInput, companyListQuery, companyPage, companyPatch, companySchema, listCount, recycleBinQuery } from '../../../../contracts/contacts.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { expectedVersion, setEtag } from '../../platform/http/etag.js';
import { presentCompany } from './contacts.presenter.js';
import { companiesService } from './companies.service.js';
import { listDefs } from './custom-fields.repository.js';
import { listsService } from './lists.service.js';

const tags = ['companies'];

export function companyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);
  const { database } = ctx;
  const db = database.db;
  const present = async (id: string, req: Parameters<typeof principalOf>[0]) =>
    presentCompany(await companiesService.view(db, id), principalOf(req), await listDefs(db, 'company'));

  r.get('/companies', {
    config: { access: { module: 'companies', action: 'read' } },
    schema: { tags, summary: 'List companies', operationId: 'listCompanies', querystring: companyListQuery, response: { 200: companyPage } },
  }, async (req) => listsService.listCompanies(database, principalOf(req), req.query));

  r.get('/companies/count', {
    config: { access: { module: 'companies', action: 'read' } },
    schema: { tags, summary: 'Capped total of a companies list (exact up to 10,000)', operationId: 'countCompanies', querystring: companyCountQuery, response: { 200: listCount } },
  }, async (req) => listsService.countCompanies(database, principalOf(req), req.query));

  r.post('/companies', {
    config: { access: { module: 'companies', action: 'create' } },
    schema: { tags, summary: 'Create a company', operationId: 'createCompany', body: companyInput, response: { 201: companySchema } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const id = await db.transaction().execute((trx) => companiesService.create(trx, p, req.body));
    const out = await present(id, req);
    setEtag(reply, out.version);
    return reply.status(201).send(out);
  });

  r.get('/companies/deleted', {
    config: { access: { module: 'companies', action: 'read' } },
    schema: { tags, summary: 'Recycle bin: deleted companies', operationId: 'listDeletedCompanies', querystring: recycleBinQuery, response: { 200: pageOf(companySchema) } },
  }, async (req) => listsService.deletedCompanies(database, principalOf(req), req.query));

  r.get('/companies/:id', {
    config: { access: { module: 'companies', action: 'read' } },
    schema: { tags, summary: 'Get a company (ETag)', operationId: 'getCompany', params: idParams, response: { 200: companySchema } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const out = presentCompany(await companiesService.get(db, p, req.params.id), p, await listDefs(db, 'company'));
    setEtag(reply, out.version);
    return out;
  });

  r.patch('/companies/:id', {
    config: { access: { module: 'companies', action: 'update' } },
    schema: { tags, summary: 'Update a company (If-Match → 412 when stale)', operationId: 'updateCompany', params: idParams, body: companyPatch, response: { 200: companySchema } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const expected = expectedVersion(req);
    await db.transaction().execute((trx) => companiesService.update(trx, p, req.params.id, req.body, expected));
    const out = await present(req.params.id, req);
    setEtag(reply, out.version);
    return out;
  });

  r.delete('/companies/:id', {
    config: { access: { module: 'companies', action: 'delete' } },
    schema: { tags, summary: 'Move a company to the recycle bin', operationId: 'deleteCompany', params: idParams },
  }, async (req, reply) => {
    const p = principalOf(req);
    const expected = expectedVersion(req);
    await db.transaction().execute((trx) => companiesService.softDelete(trx, p, req.params.id, expected));
    return reply.status(204).send();
  });

  r.post('/companies/:id/restore', {
    config: { access: { module: 'companies', action: 'delete' } },
    schema: { tags, summary: 'Restore a company from the recycle bin', operationId: 'restoreCompany', params: idParams, response: { 200: companySchema } },
  }, async (req) => {
    const p = principalOf(req);
    await db.transaction().execute((trx) => companiesService.restore(trx, p, req.params.id));
    return present(req.params.id, req);
  });
}
