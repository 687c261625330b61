/** HTTP routes of contacts: CRUD, recycle bin, bulk, kanban, consent history. Handlers stay thin. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { idParams } from '../../../../contracts/common.js';
import {
  bulkBody, bulkResponse, contactCountQuery, contactInput, contactListQuery, contactPage, contactPatch, contactSchema, kanbanQuery, kanbanResponse,
  listCount, recycleBinQuery,
} from '../../../../contracts/contacts.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { expectedVersion, setEtag } from '../../platform/http/etag.js';
import { pageOf } from '../../../../contracts/common.js';
import { presentContact } from './contacts.presenter.js';
import { contactsService } from './contacts.service.js';
import { listDefs } from './custom-fields.repository.js';
import { listsService } from './lists.service.js';

const tags = ['contacts'];
const consentEntry = z.object({ id: z.string(), channel: z.string(), status: z.string(), source: z.string().nullable(), at: z.string(), actorId: z.string().nullable() });

export function contactRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);
  const { database } = ctx;
  const db = database.db;
  const present = async (id: string, req: Parameters<typeof principalOf>[0]) =>
    presentContact(await contactsService.view(db, id), principalOf(req), await listDefs(db, 'contact'));

  r.get('/contacts', {
    config: { access: { module: 'contacts', action: 'read' } },
    schema: { tags, summary: 'List contacts (filters, sort, keyset pages, capped total)', operationId: 'listContacts', querystring: contactListQuery, response: { 200: contactPage } },
  }, async (req) => listsService.listContacts(database, principalOf(req), req.query));

  r.get('/contacts/count', {
    config: { access: { module: 'contacts', action: 'read' } },
    schema: { tags, summary: 'Capped total of a contacts list (exact up to 10,000)', operationId: 'countContacts', querystring: contactCountQuery, response: { 200: listCount } },
  }, async (req) => listsService.countContacts(database, principalOf(req), req.query));

  r.post('/contacts', {
    config: { access: { module: 'contacts', action: 'create' } },
    schema: { tags, summary: 'Create a contact', operationId: 'createContact', body: contactInput, response: { 201: contactSchema } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const id = await db.transaction().execute((trx) => contactsService.create(trx, p, req.body));
    const out = await present(id, req);
    setEtag(reply, out.version);
    return reply.status(201).send(out);
  });

  r.get('/contacts/deleted', {
    config: { access: { module: 'contacts', action: 'read' } },
    schema: { tags, summary: 'Recycle bin: deleted contacts', operationId: 'listDeletedContacts', querystring: recycleBinQuery, response: { 200: pageOf(contactSchema) } },
  }, async (req) => listsService.deletedContacts(database, principalOf(req), req.query));

  r.get('/contacts/kanban', {
    config: { access: { module: 'contacts', action: 'read' } },
    schema: { tags, summary: 'Contacts by lifecycle stage', operationId: 'contactsKanban', querystring: kanbanQuery, response: { 200: kanbanResponse } },
  }, async (req) => listsService.kanban(database, principalOf(req), req.query));

  r.post('/contacts/bulk', {
    config: { access: { module: 'contacts', action: 'update' } },
    schema: { tags, summary: 'Bulk action on contacts (one transaction)', operationId: 'bulkContacts', body: bulkBody, response: { 200: bulkResponse } },
  }, async (req) => listsService.bulk(database, principalOf(req), req.body));

  r.get('/contacts/:id', {
    config: { access: { module: 'contacts', action: 'read' } },
    schema: { tags, summary: 'Get a contact (ETag)', operationId: 'getContact', params: idParams, response: { 200: contactSchema } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const out = presentContact(await contactsService.get(db, p, req.params.id), p, await listDefs(db, 'contact'));
    setEtag(reply, out.version);
    return out;
  });

  r.patch('/contacts/:id', {
    config: { access: { module: 'contacts', action: 'update' } },
    schema: { tags, summary: 'Update a contact (If-Match → 412 when stale)', operationId: 'updateContact', params: idParams, body: contactPatch, response: { 200: contactSchema } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const expected = expectedVersion(req);
    await db.transaction().execute((trx) => contactsService.update(trx, p, req.params.id, req.body, expected));
    const out = await present(req.params.id, req);
    setEtag(reply, out.version);
    return out;
  });

  r.delete('/contacts/:id', {
    config: { access: { module: 'contacts', action: 'delete' } },
    schema: { tags, summary: 'Move a contact to the recycle bin', operationId: 'deleteContact', params: idParams },
  }, async (req, reply) => {
    const p = principalOf(req);
    const expected = expectedVersion(req);
    await db.transaction().execute((trx) => contactsService.softDelete(trx, p, req.params.id, expected));
    return reply.status(204).send();
  });

  r.post('/contacts/:id/restore', {
    config: { access: { module: 'contacts', action: 'delete' } },
    schema: { tags, summary: 'Restore a contact from the recycle bin', operationId: 'restoreContact', params: idParams, response: { 200: contactSchema } },
  }, async (req) => {
    const p = principalOf(req);
    await db.transaction().execute((trx) => contactsService.restore(trx, p, req.params.id));
    return present(req.params.id, req);
  });

  r.get('/contacts/:id/consent-history', {
    config: { access: { module: 'contacts', action: 'read' } },
    schema: { tags, summary: 'Consent changes of a contact, newest first', operationId: 'contactConsentHistory', params: idParams, response: { 200: z.object({ data: z.array(consentEntry) }) } },
  }, async (req) => {
    const rows = await contactsService.consentHistory(db, principalOf(req), req.params.id);
    return { data: rows.map((h) => ({ id: h.id, channel: h.channel, status: h.status, source: h.source, at: h.at, actorId: h.actor_id })) };
  });
}
