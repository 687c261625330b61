/**
 * The ticket conversation: list a ticket's messages, post an agent's public reply or internal note (with files),
 * serve attachments. A reply to a requester with an email is queued for mail-out in the same transaction
 * (tickets.mail.ts sends it from a job); a note is never mailed.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { TicketMessage, TicketMessageInput } from '../../../../contracts/ticket-messages.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/db.js';
import { emitEvent } from '../../platform/events/outbox.js';
import { AppError, invalid, notFound } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { enqueue } from '../../platform/jobs/jobs.js';
import { addressOf } from '../../platform/mail/mailer.js';
import { assertCan, definitionOf, loadLive, pipeline, reads } from '../../platform/records/index.js';
import { attachmentPath } from '../activities/index.js';
import { bodyOf, messageIds } from './tickets.mail.logic.js';
import { messagesRepository as repo, type AttachmentRow, type MessageRow } from './tickets.messages.repository.js';

export const MAIL_OUT_JOB = 'tickets.mail-out';
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** The per-file limit: the attachments' setting `attachments.maxBytes` (default 10 MiB), shared with activities. */
export async function attachmentLimit(ex: Executor): Promise<number> {
  const row = await ex.selectFrom('settings').select('value').where('key', '=', 'attachments.maxBytes').executeTakeFirst();
  const n = row ? Number(JSON.parse(row.value)) : NaN;
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_MAX_BYTES;
}

/** A new Message-ID on MAIL_FROM's domain: `<uuid@support.example.vn>`. */
export function newMessageId(mailFrom: string): string {
  const domain = addressOf(mailFrom).split('@')[1]?.replace(/[^a-zA-Z0-9.-]/g, '') || 'kith.local';
  return `<${newId()}@${domain}>`;
}

/** A filename safe on disk headers and in Content-Disposition. */
export function safeName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f"<>|:*?]/g, '_').trim();
  return (base || 'file').slice(0, 200);
}

export interface FileToStore { filename: string; contentType: string; content: Buffer; contentId?: string | null }

/** Writes files to `<dataDir>/attachments/<yyyy>/<mm>/<id>`; returns their rows (to insert in the caller's transaction). */
export async function writeFiles(dataDir: string, messageId: string, files: FileToStore[]): Promise<AttachmentRow[]> {
  const rows: AttachmentRow[] = [];
  const now = new Date();
  for (const f of files) {
    const id = newId();
    const rel = path.join('attachments', String(now.getUTCFullYear()), String(now.getUTCMonth() + 1).padStart(2, '0'), id);
    const abs = attachmentPath(dataDir, rel);
    await fs.promises.mkdir(path.dirname(abs), { recursive: true });
    await fs.promises.writeFile(abs, f.content);
    rows.push({
      id, message_id: messageId, filename: safeName(f.filename), content_type: (f.contentType || 'application/octet-stream').slice(0, 200), size: f.content.length,
      path: rel, sha256: createHash('sha256').update(f.content).digest('hex'), content_id: f.contentId ?? null, created_at: now.toISOString(),
    });
  }
  return rows;
}

export async function removeWritten(dataDir: string, rows: AttachmentRow[]): Promise<void> {
  for (const r of rows) await fs.promises.rm(attachmentPath(dataDir, r.path), { force: true });
}

export function presentMessage(m: MessageRow, atts: AttachmentRow[]): TicketMessage {
  return {
    id: m.id, ticketId: m.ticket_id, kind: m.kind as TicketMessage['kind'], direction: m.direction as TicketMessage['direction'],
    author: m.author_user_id ? { id: m.author_user_id, name: m.author_name ?? '' } : null, contactId: m.author_contact_id,
    fromAddress: m.from_address, toAddress: m.to_address, subject: m.subject, bodyText: m.body_text, bodyHtml: m.body_html, fullText: m.full_text,
    messageId: m.message_id, inReplyTo: m.in_reply_to, mailStatus: m.mail_status,
    attachments: atts.map((a) => ({
      id: a.id, filename: a.filename, contentType: a.content_type, size: Number(a.size), contentId: a.content_id,
      url: `/api/v1/tickets/${m.ticket_id}/messages/${m.id}/attachments/${a.id}`,
    })),
    createdAt: m.created_at,
  };
}

/** Messages with their attachments (two queries). */
export async function presentMessages(ex: Executor, rows: MessageRow[]): Promise<TicketMessage[]> {
  const atts = await repo.attachmentsOf(ex, rows.map((r) => r.id));
  return rows.map((r) => presentMessage(r, atts.filter((a) => a.message_id === r.id)));
}

export const messagesService = {
  /** A ticket's conversation, oldest first; needs read on the ticket (404 when not visible). */
  async list(ctx: AppContext, p: Principal, ticketId: string): Promise<TicketMessage[]> {
    const db = ctx.database.db;
    const { def, defs } = await definitionOf(db, 'tickets');
    await reads.get(db, def, defs, p, ticketId);
    return presentMessages(db, await repo.messagesOf(db, ticketId));
  },

  /**
   * Posts an agent's reply or note. `body` is required (400 naming it). A reply sets the ticket's status to
   * `status` when given, else a `new` ticket becomes `open` — leaving `new` stamps the first response (hooks). A
   * reply to a requester with an email is queued for mail-out (Message-ID stored; In-Reply-To/References of the
   * last inbound message). Files are written first, their rows in the transaction (removed again on failure).
   */
  async post(ctx: AppContext, p: Principal, ticketId: string, input: TicketMessageInput): Promise<TicketMessage> {
    if (!input.body.trim()) throw invalid('body', 'required');
    if (input.kind === 'note' && input.status) throw invalid('status', 'only a reply changes the status');
    assertCan(p, 'tickets', 'update');
    const db = ctx.database.db;
    const limit = await attachmentLimit(db);
    const files: FileToStore[] = (input.attachments ?? []).map((f, i) => {
      const content = Buffer.from(f.contentBase64, 'base64');
      if (content.length > limit) throw new AppError('payload_too_large', `attachments.${i}: larger than the ${Math.round(limit / 1048576)} MiB limit`, [{ path: `attachments.${i}`, message: 'too large' }]);
      return { filename: f.filename, contentType: f.contentType ?? 'application/octet-stream', content };
    });
    const { text, html } = bodyOf(input.body);
    const id = newId();
    const written = await writeFiles(ctx.config.dataDir, id, files);
    try {
      await db.transaction().execute(async (trx) => {
        const { def, defs } = await definitionOf(trx, 'tickets');
        await loadLive(trx, def, p, ticketId);
        const ticket = (await repo.ticket(trx, ticketId))!;
        if (ticket.status === 'closed') throw new AppError('conflict', 'status: a closed ticket is read-only; open a follow-up ticket instead', [{ path: 'status', message: 'the ticket is closed' }]);
        let to: string | null = null;
        let mailStatus = 'none';
        let threading: { in_reply_to: string | null; references_header: string | null } = { in_reply_to: null, references_header: null };
        if (input.kind === 'reply') {
          const last = await repo.lastInbound(trx, ticketId);
          // The address the requester last wrote from (a secondary one, say), else the contact's primary email.
          const primary = ticket.requester ? (await repo.contact(trx, ticket.requester))?.primary_email ?? null : null;
          to = last?.author_contact_id && last.author_contact_id === ticket.requester && last.from_address ? last.from_address : primary;
          mailStatus = to ? 'queued' : 'skipped';
          if (last?.message_id) {
            threading = { in_reply_to: last.message_id, references_header: [...messageIds(last.references_header), last.message_id].slice(-20).join(' ') };
          }
        }
        await repo.insertMessage(trx, {
          id, ticket_id: ticketId, kind: input.kind, direction: 'out', author_user_id: p.userId, author_contact_id: null,
          from_address: input.kind === 'reply' ? addressOf(ctx.config.mailFrom) : null, to_address: to, subject: ticket.subject, body_text: text, body_html: html,
          full_text: null, message_id: input.kind === 'reply' ? newMessageId(ctx.config.mailFrom) : null, ...threading, mail_status: mailStatus, inbound_id: null,
          created_at: nowIso(),
        });
        for (const r of written) await repo.insertAttachment(trx, r);
        if (input.kind === 'reply') {
          const status = input.status ?? (ticket.status === 'new' ? 'open' : undefined);
          if (status && status !== ticket.status) await pipeline.update(trx, def, defs, p, ticketId, { values: { status } });
          if (to) await enqueue(trx, MAIL_OUT_JOB, { messageId: id }, { uniqueKey: `ticket-mail:${id}`, maxAttempts: 8 });
        }
        await emitEvent(trx, { type: 'ticket_message.created', entity: 'tickets', entityId: ticketId, actorId: p.userId, data: { messageId: id, kind: input.kind } });
      });
    } catch (err) {
      await removeWritten(ctx.config.dataDir, written);
      throw err;
    }
    const row = await repo.message(db, id);
    return presentMessage(row!, written);
  },

  /** An attachment's row and file stream; needs read on the ticket. */
  async openAttachment(ctx: AppContext, p: Principal, ticketId: string, messageId: string, attId: string) {
    const db = ctx.database.db;
    const { def, defs } = await definitionOf(db, 'tickets');
    await reads.get(db, def, defs, p, ticketId);
    const msg = await repo.message(db, messageId);
    if (!msg || msg.ticket_id !== ticketId) throw notFound('message');
    const row = await repo.attachment(db, messageId, attId);
    if (!row) throw notFound('attachment');
    const abs = attachmentPath(ctx.config.dataDir, row.path);
    if (!fs.existsSync(abs)) throw new AppError('gone', 'The attachment file is missing from the data folder');
    return { row, stream: fs.createReadStream(abs) };
  },
};
