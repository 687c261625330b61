/** HTTP of the ticket conversation: messages, attachment downloads, the inbound-mail quarantine, acknowledgement templates. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorSchema, idParams, idSchema } from '../../../../contracts/common.js';
import { ticketMessageInput, ticketMessageList, ticketMessageSchema } from '../../../../contracts/ticket-messages.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { messagesService } from './tickets.messages.service.js';

const tags = ['tickets'];
const errors = { '4xx': errorSchema } as const;

/** `attachment; filename="…"; filename*=UTF-8''…` (non-ASCII names kept in the extended form). */
function contentDisposition(filename: string): string {
  const ascii = filename.normalize('NFKD').replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function ticketMessagesRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

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
}
