/** HTTP of the ticket conversation: messages, attachment downloads, the inbound-mail quarantine, acknowledgement templates. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorSchema, idParams, idSchema } from '../../../../contracts/common.js';
import {
  inboundMailList, inboundMailQuery, inboundMailSchema, mailTemplateInput, mailTemplateList, mailTemplateSchema, ticketMessageInput, ticketMessageList, ticketMessageSchema,
} from '../../../../contracts/ticket-messages.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { notFound } from '../../platform/http/errors.js';
import { inboundService } from './tickets.inbound.service.js';
import { templatesService } from './tickets.mail.templates.js';
import { messagesRepository } from './tickets.messages.repository.js';
import { messagesService } from './tickets.messages.service.js';
import type { InboundRow } from './tickets.messages.repository.js';

const tags = ['tickets'];
const errors = { '4xx': errorSchema } as const;

/** `attachment; filename="…"; filename*=UTF-8''…` (non-ASCII names kept in the extended form). */
const presentInbound = (r: Omit<InboundRow, 'raw'>) => ({
  id: r.id, status: r.status as 'stored', reason: r.reason, fromAddress: r.from_address, subject: r.subject, size: Number(r.size), ticketId: r.ticket_id,
  receivedAt: r.received_at, processedAt: r.processed_at,
});
const manage = { access: { module: 'tickets', action: 'manage' as const } };

function contentDisposition(filename: string): string {
  const ascii = filename.normalize('NFKD').replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function ticketMessagesRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);

  r.get('/tickets/:id/messages', {
    config: { access: { module: 'tickets', action: 'read' } },
    schema: { tags, summary: "A ticket's conversation (replies and notes, oldest first)", operationId: 'listTicketMessages', params: idParams, response: { 200: ticketMessageList, ...errors } },
  }, async (req) => ({ data: await messagesService.list(ctx, principalOf(req), req.params.id) }));

  r.post('/tickets/:id/messages', {
    config: { access: { module: 'tickets', action: 'update' } },
    bodyLimit: 40 * 1024 * 1024,
    schema: {
      tags, summary: 'Reply to the requester or add an internal note', operationId: 'createTicketMessage',
      description: '`kind` reply (public: mailed to the requester when the ticket has one with an email, threaded on the last inbound message) or note (internal, never mailed). `body` (plain text or HTML, sanitised) is required: 400 naming `body`. A reply sets the ticket to `status` when given, else a `new` ticket becomes `open` (the first response). `attachments`: up to 10 files as base64 (each within `attachments.maxBytes`, 413 naming `attachments.<i>`). A closed ticket is a 409.',
      params: idParams, body: ticketMessageInput, response: { 201: ticketMessageSchema, ...errors },
    },
  }, async (req, reply) => reply.status(201).send(await messagesService.post(ctx, principalOf(req), req.params.id, req.body)));

  r.get('/tickets/:id/messages/:messageId/attachments/:attId', {
    config: { access: { module: 'tickets', action: 'read' } },
    schema: {
      tags, summary: "Download a ticket message's attachment (always as a download)", operationId: 'downloadTicketAttachment',
      params: z.object({ id: idSchema, messageId: idSchema, attId: idSchema }), response: { 200: z.unknown().describe('The file bytes'), 410: errorSchema, ...errors },
    },
  }, async (req, reply) => {
    const { row, stream } = await messagesService.openAttachment(ctx, principalOf(req), req.params.id, req.params.messageId, req.params.attId);
    return reply
      .header('Content-Type', row.content_type)
      .header('Content-Length', String(row.size))
      .header('Content-Disposition', contentDisposition(row.filename))
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      .header('Cache-Control', 'private, no-store')
      .send(stream);
  });

  r.get('/tickets-inbound', {
    config: manage,
    schema: { tags, summary: 'Received mail (e.g. the quarantine: status=quarantined), newest first', operationId: 'listTicketInboundMail', querystring: inboundMailQuery, response: { 200: inboundMailList, ...errors } },
  }, async (req) => ({ data: (await messagesRepository.listInbound(ctx.database.db, req.query.status, req.query.limit)).map(presentInbound) }));
  r.post('/tickets-inbound/:id/retry', {
    config: manage,
    schema: { tags, summary: 'Process a quarantined mail again', description: 'Answers the mail with its new status (ticket, ignored or quarantined again with the reason). 409 when it is not quarantined.', operationId: 'retryTicketInboundMail', params: idParams, response: { 200: inboundMailSchema, ...errors } },
  }, async (req) => presentInbound(await inboundService.retry(ctx, req.params.id)));
  r.get('/tickets-inbound/:id/raw', {
    config: manage,
    schema: { tags, summary: 'The received mail as it arrived (message/rfc822, as a download)', operationId: 'downloadTicketInboundMail', params: idParams, response: { 200: z.unknown(), ...errors } },
  }, async (req, reply) => {
    const row = await messagesRepository.inbound(ctx.database.db, req.params.id);
    if (!row) throw notFound('inbound mail');
    return reply.header('Content-Type', 'message/rfc822').header('Content-Disposition', contentDisposition(`${row.id}.eml`)).header('X-Content-Type-Options', 'nosniff').send(Buffer.from(row.raw));
  });

  r.get('/ticket-mail-templates', {
    config: { access: { module: 'tickets', action: 'read' } },
    schema: { tags, summary: 'Acknowledgement templates per team and language', operationId: 'listTicketMailTemplates', response: { 200: mailTemplateList, ...errors } },
  }, async () => ({ data: await templatesService.list(ctx.database) }));
  r.put('/ticket-mail-templates', {
    config: manage,
    schema: { tags, summary: 'Create or replace the acknowledgement of a team (null: the default) in a language', description: 'Placeholders {{number}}, {{subject}}, {{name}}. Without a template the built-in en/vi text is sent. An unknown team is a 400 naming `teamId`.', operationId: 'saveTicketMailTemplate', body: mailTemplateInput, response: { 200: mailTemplateSchema, ...errors } },
  }, async (req) => templatesService.save(ctx.database, req.body));
  r.delete('/ticket-mail-templates/:id', {
    config: manage,
    schema: { tags, summary: 'Delete an acknowledgement template (the default text applies again)', operationId: 'deleteTicketMailTemplate', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => { await templatesService.remove(ctx.database, req.params.id); return reply.status(204).send(null); });
}
