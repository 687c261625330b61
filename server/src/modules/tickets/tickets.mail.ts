/**
 * Ticket mail out: an agent's reply (job `tickets.mail-out`, queued with the message) and the acknowledgement of a new
 * ticket from email or the web form (job `tickets.acknowledge`, queued by a listener on `record.created`), both through
 * `ctx.services.mail` with our Message-ID, In-Reply-To/References of the last inbound message and the subject tagged
 * `[#10234]`, in the ticket's language. Templates per team and language (tickets.mail.templates.ts), else DEFAULT_ACK.
 */
import type { AppContext } from '../../platform/context.js';
import type { JobInfo } from '../../platform/jobs/jobs.js';
import { enqueue } from '../../platform/jobs/jobs.js';
import { addressOf } from '../../platform/mail/mailer.js';
import { nowIso } from '../../platform/ids.js';
import { DEFAULT_ACK, messageIds, render, replyFooter, taggedSubject, textToHtml } from './tickets.mail.logic.js';
import { messagesRepository as repo } from './tickets.messages.repository.js';
import { attachmentPath } from '../activities/index.js';
import { MAIL_OUT_JOB } from './tickets.messages.service.js';
import { MAIL_IN_USER_ID } from './tickets.inbound.service.js';
import { SUPPORT_FORM_USER_ID } from './tickets.system.js';
import fs from 'node:fs';

export const ACK_JOB = 'tickets.acknowledge';
const ACK_CHANNELS = new Set(['email', 'web_form']);
const ACK_ACTORS = new Set([MAIL_IN_USER_ID, SUPPORT_FORM_USER_ID]);

const lang = (l: string | null | undefined): 'en' | 'vi' => (l === 'vi' ? 'vi' : 'en');

/** Sends a queued reply; marks it sent, skipped (no SMTP) or failed after the job's last attempt (which rethrows). */
export async function sendReply(ctx: AppContext, messageId: string, job: JobInfo): Promise<void> {
  const db = ctx.database.db;
  const m = await repo.message(db, messageId);
  if (!m || m.mail_status !== 'queued' || !m.to_address) return;
  const t = await repo.ticket(db, m.ticket_id);
  if (!t) return;
  if (!ctx.services.mail.configured()) { await repo.setMailStatus(db, m.id, 'skipped'); return; }
  const atts = await repo.attachmentsOf(db, [m.id]);
  const footer = replyFooter(t.language, t.number);
  try {
    await ctx.services.mail.send({
      to: m.to_address, subject: taggedSubject(t.number, t.subject), fromName: m.author_name ?? undefined,
      text: `${m.body_text}\n\n--\n${footer}\n`, html: `${m.body_html ?? textToHtml(m.body_text)}<hr><p>${footer}</p>`,
      messageId: m.message_id ?? undefined, inReplyTo: m.in_reply_to ?? undefined, references: m.references_header ? messageIds(m.references_header) : undefined,
      headers: { 'X-Kith-Ticket': t.number },
      attachments: await Promise.all(atts.map(async (a) => ({ filename: a.filename, contentType: a.content_type, content: await fs.promises.readFile(attachmentPath(ctx.config.dataDir, a.path)) }))),
    });
  } catch (err) {
    if (job.attempt >= job.maxAttempts) await repo.setMailStatus(db, m.id, 'failed');
    throw err;
  }
  await repo.setMailStatus(db, m.id, 'sent');
}

/**
 * Acknowledges a new ticket to its requester: the team's template in the ticket's language (else the default one,
 * else DEFAULT_ACK), stored as an automatic reply of the ticket (its Message-ID threads the customer's answer), sent
 * with `Auto-Submitted: auto-replied` so the customer's own auto-responder stays quiet. A retry re-sends the same
 * stored message; a requester without email gets nothing.
 */
export async function acknowledge(ctx: AppContext, ticketId: string, job: JobInfo): Promise<void> {
  const db = ctx.database.db;
  const t = await repo.ticket(db, ticketId);
  if (!t || t.deleted_at || !t.requester || !ctx.services.mail.configured()) return;
  const contact = await repo.contact(db, t.requester);
  if (!contact?.primary_email) return;
  const domain = addressOf(ctx.config.mailFrom).split('@')[1] ?? 'kith.local';
  const ackId = `<ack-${ticketId}@${domain}>`;
  const id = `ack-${ticketId}`;
  let m = await repo.message(db, id);
  if (!m) {
    const l = lang(t.language);
    const tpl = (await repo.templateFor(db, t.team, l)) ?? DEFAULT_ACK[l];
    const values = { number: t.number, subject: t.subject, name: contact.display_name || contact.primary_email };
    const last = await repo.lastInbound(db, ticketId);
    await repo.insertMessage(db, {
      id, ticket_id: ticketId, kind: 'reply', direction: 'out', author_user_id: null, author_contact_id: null,
      from_address: addressOf(ctx.config.mailFrom), to_address: contact.primary_email, subject: taggedSubject(t.number, render(tpl.subject, values)),
      body_text: render(tpl.body, values), body_html: null, full_text: null, message_id: ackId,
      in_reply_to: last?.message_id ?? null, references_header: last ? [...messageIds(last.references_header), last.message_id].filter(Boolean).join(' ') : null,
      mail_status: 'queued', inbound_id: null, created_at: nowIso(),
    });
    m = await repo.message(db, id);
  }
  if (!m || m.mail_status !== 'queued') return;
  try {
    await ctx.services.mail.send({
      to: m.to_address!, subject: m.subject!, text: m.body_text, html: textToHtml(m.body_text),
      messageId: ackId, inReplyTo: m.in_reply_to ?? undefined, references: m.references_header ? messageIds(m.references_header) : undefined,
      headers: { 'Auto-Submitted': 'auto-replied', 'X-Kith-Ticket': t.number },
    });
  } catch (err) {
    if (job.attempt >= job.maxAttempts) await repo.setMailStatus(db, m.id, 'failed');
    throw err;
  }
  await repo.setMailStatus(db, m.id, 'sent');
}

/** Registers the mail jobs and the listener queuing acknowledgements (a module's `start`). */
export function startTicketMail(ctx: AppContext): void {
  ctx.services.jobs.register<{ messageId: string }>(MAIL_OUT_JOB, (p, job) => sendReply(ctx, p.messageId, job));
  ctx.services.jobs.register<{ ticketId: string }>(ACK_JOB, (p, job) => acknowledge(ctx, p.ticketId, job));
  ctx.services.events.on('record.created', async (event, trx) => {
    // Only what arrived by mail or the public form: an import or an agent's API create of an email ticket is not acknowledged.
    if (event.entity !== 'tickets' || !event.entityId || !ACK_ACTORS.has(event.actorId ?? '')) return;
    const channel = (event.data as { changes?: { channel?: { new?: unknown } } } | null)?.changes?.channel?.new;
    if (typeof channel === 'string' && ACK_CHANNELS.has(channel)) {
      await enqueue(trx, ACK_JOB, { ticketId: event.entityId }, { uniqueKey: `ticket-ack:${event.entityId}`, maxAttempts: 8 });
    }
  });
}
