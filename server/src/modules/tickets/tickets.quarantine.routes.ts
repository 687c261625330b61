/** HTTP of the quarantine's actions (beside list/retry/raw in tickets.messages.routes.ts) and the built-in acknowledgement. */
import type { FastifyInstance } from 'fastify';
import { errorSchema, idParams } from '../../../../contracts/common.js';
import { inboundParsedSchema, inboundToTicketInput, mailTemplateDefaults } from '../../../../contracts/ticket-mailboxes.js';
import { inboundMailSchema } from '../../../../contracts/ticket-messages.js';
import type { AppContext } from '../../platform/context.js';
import { principalOf } from '../../platform/http/access.js';
import { apiRouter } from '../../platform/http/api-router.js';
import { DEFAULT_ACK } from './tickets.mail.logic.js';
import type { InboundRow } from './tickets.messages.repository.js';
import { quarantineService } from './tickets.quarantine.js';

const tags = ['tickets'];
const errors = { '4xx': errorSchema } as const;
const manage = { access: { module: 'tickets', action: 'manage' as const } };

const presentInbound = (r: Omit<InboundRow, 'raw'>) => ({
  id: r.id, status: r.status as 'stored', reason: r.reason, fromAddress: r.from_address, subject: r.subject, size: Number(r.size), ticketId: r.ticket_id,
  receivedAt: r.received_at, processedAt: r.processed_at,
});

export function ticketQuarantineRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = apiRouter(app);
  r.get('/tickets-inbound/:id/parsed', {
    config: manage,
    schema: { tags, summary: 'A received mail read for a person: headers, text, attachments, the start of its source', operationId: 'readTicketInboundMail', params: idParams, response: { 200: inboundParsedSchema, ...errors } },
  }, async (req) => quarantineService.parsed(ctx, req.params.id));
  r.post('/tickets-inbound/:id/ticket', {
    config: manage,
    schema: {
      tags, summary: 'Turn a quarantined mail into a ticket', operationId: 'ticketFromInboundMail', params: idParams, body: inboundToTicketInput, response: { 200: inboundMailSchema, ...errors },
      description: 'Processes the mail again, with `email` as the requester when given (for a mail without a usable From). Answers the mail with its new status; still quarantined → 400 naming `email` with the reason; not quarantined → 409.',
    },
  }, async (req) => presentInbound(await quarantineService.toTicket(ctx, req.params.id, req.body.email)));
  r.post('/tickets-inbound/:id/discard', {
    config: manage,
    schema: { tags, summary: 'Discard a quarantined mail (kept as ignored, with who discarded it)', operationId: 'discardTicketInboundMail', params: idParams, response: { 200: inboundMailSchema, ...errors } },
  }, async (req) => presentInbound(await quarantineService.discard(ctx, principalOf(req), req.params.id)));
  r.get('/ticket-mail-templates/defaults', {
    config: { access: { module: 'tickets', action: 'read' } },
    schema: { tags, summary: 'The built-in acknowledgement per language and the placeholders', operationId: 'ticketMailTemplateDefaults', response: { 200: mailTemplateDefaults, ...errors } },
  }, async () => ({ ...DEFAULT_ACK, placeholders: ['{{number}}', '{{subject}}', '{{name}}'] }));
}
