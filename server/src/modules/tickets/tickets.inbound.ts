/**
 * Starts the conversation's background parts for the tickets module: the mail jobs and the acknowledgement listener
 * (tickets.mail.ts), the requester-timeline source, the SMTP listener when `KITH_SMTP_LISTEN_PORT` is set, and a
 * pass over mail stored but never processed (a crash between storing and processing).
 */
import type { AppContext } from '../../platform/context.js';
import { inboundService } from './tickets.inbound.service.js';
import { listenerOptionsFromEnv, startInboundListener, type InboundListener } from './tickets.inbound.listener.js';
import { startTicketMail } from './tickets.mail.js';
import './tickets.messages.timeline.js';

let listener: InboundListener | null = null;

export async function startTicketConversation(ctx: AppContext): Promise<void> {
  startTicketMail(ctx);
  const opts = listenerOptionsFromEnv();
  if (!opts || listener) return;
  listener = await startInboundListener(ctx, opts);
  const pending = await inboundService.processPending(ctx);
  if (pending) ctx.log.info({ pending }, 'inbound mail stored before a restart processed');
}

export async function stopTicketConversation(): Promise<void> {
  const l = listener;
  listener = null;
  await l?.close();
}
