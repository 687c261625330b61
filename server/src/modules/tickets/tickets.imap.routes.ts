/** HTTP of the IMAP support mailboxes (tickets manage): list, create, replace, delete, test the connection, poll now. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorSchema, idParams } from '../../../../contracts/common.js';
import { mailboxPollResult, mailboxTestResult, ticketMailboxInput, ticketMailboxList, ticketMailboxSchema } from '../../../../contracts/ticket-mailboxes.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { mailboxesService } from './tickets.imap.service.js';

const tags = ['tickets'];
const errors = { '4xx': errorSchema } as const;
const manage = { access: { module: 'tickets', action: 'manage' as const } };
const PATH = '/ticket-mailboxes';

export function ticketImapRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);
  r.get(PATH, {
    config: manage, schema: { tags, summary: 'Support mailboxes polled over IMAP, with the last poll and its error (never the password)', operationId: 'listTicketMailboxes', response: { 200: ticketMailboxList, ...errors } },
  }, async () => ({ data: await mailboxesService.list(ctx) }));
  r.post(PATH, {
    config: manage,
    schema: {
      tags, summary: 'Add a support mailbox', operationId: 'createTicketMailbox', body: ticketMailboxInput, response: { 201: ticketMailboxSchema, ...errors },
      description: '`password` is required here; unknown `teamId` → 400 naming it; `afterAction` move without `moveTo` → 400 naming `moveTo`.',
    },
  }, async (req, reply) => reply.status(201).send(await mailboxesService.create(ctx, principalOf(req), req.body)));
  r.get(`${PATH}/:id`, {
    config: manage, schema: { tags, summary: 'One support mailbox', operationId: 'getTicketMailbox', params: idParams, response: { 200: ticketMailboxSchema, ...errors } },
  }, async (req) => mailboxesService.get(ctx, req.params.id));
  r.put(`${PATH}/:id`, {
    config: manage,
    schema: { tags, summary: 'Replace a support mailbox’s settings (without `password` the stored one is kept)', operationId: 'updateTicketMailbox', params: idParams, body: ticketMailboxInput, response: { 200: ticketMailboxSchema, ...errors } },
  }, async (req) => mailboxesService.update(ctx, principalOf(req), req.params.id, req.body));
  r.delete(`${PATH}/:id`, {
    config: manage, schema: { tags, summary: 'Delete a support mailbox (mail already received stays)', operationId: 'deleteTicketMailbox', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => { await mailboxesService.remove(ctx, principalOf(req), req.params.id); return reply.status(204).send(null); });
  r.post(`${PATH}/:id/test`, {
    config: manage, schema: { tags, summary: 'Connect, log in and open the folder with the stored settings', operationId: 'testTicketMailbox', params: idParams, response: { 200: mailboxTestResult, ...errors } },
  }, async (req) => mailboxesService.test(ctx, req.params.id));
  r.post(`${PATH}/:id/poll`, {
    config: manage, schema: { tags, summary: 'Poll the mailbox now (as the job does)', operationId: 'pollTicketMailbox', params: idParams, response: { 200: mailboxPollResult, ...errors } },
  }, async (req) => mailboxesService.poll(ctx, req.params.id));
}
