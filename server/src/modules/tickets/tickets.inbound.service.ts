/**
 * Mail in: each received message is stored raw first (`ticket_inbound_mail`, status stored) so nothing is lost, then
 * processed — threaded by In-Reply-To/References against our messages' Message-IDs, else by `[#number]` in the
 * subject, else a new ticket (channel email; the requester found by the From address or created). Auto-replies,
 * bounces and loops are kept as `ignored` (never answered nor ticketed); a mail without From or that cannot be
 * parsed is `quarantined` with the reason and can be retried. Writes as the system, one transaction per mail.
 */
import iconv from 'iconv-lite';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AppContext } from '../../platform/context.js';
import type { Database, Executor } from '../../platform/db/db.js';
import { notFound, conflict } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { definitionOf, pipeline } from '../../platform/records/index.js';
import { sanitizeBody } from '../activities/index.js';
import { contactsService, findByEmail } from '../contacts/index.js';
import { autoReason, htmlToText, messageIds, numberInSubject, trimQuoted, type HeaderBag } from './tickets.mail.logic.js';
import { isEmail, splitName } from './tickets.logic.js';
import { messagesRepository as repo, type InboundRow } from './tickets.messages.repository.js';
import { removeWritten, writeFiles, type FileToStore } from './tickets.messages.service.js';
import { ticketsRepository } from './tickets.repository.js';
import type { Principal } from '../../platform/auth/principal.js';

/** The principal inbound mail is written as (no user row). */
export const MAIL_IN_USER_ID = 'system-mail-in';
function mailPrincipal(): Principal {
  return {
    kind: 'user', userId: MAIL_IN_USER_ID, email: 'mail-in@system', name: 'Inbound mail', locale: 'en', roleId: 'system', isAdmin: true,
    teamId: null, teamIds: [], permissions: {}, maxClassification: 'restricted',
  };
}

/** Statuses of an existing ticket that a customer's answer brings back to `open`. */
const REOPEN = new Set(['waiting_on_customer', 'solved']);
const MAX_DESCRIPTION = 20_000;

/**
 * Charset labels iconv-lite does not know (VNI-era labels such as `x-vni`, typos) are read as windows-1252 so the
 * text degrades to readable Latin letters instead of U+FFFD. Only the parsing copy changes; the raw bytes stay.
 */
export function knownCharsets(raw: Buffer): Buffer {
  const head = raw.toString('latin1');
  let changed = false;
  const fixed = head
    .replace(/(charset\s*=\s*"?)([^";\s]+)/gi, (all, pre: string, label: string) => (iconv.encodingExists(label) ? all : ((changed = true), `${pre}windows-1252`)))
    .replace(/=\?([^?\s]+)\?([bq])\?/gi, (all, label: string, enc: string) => (iconv.encodingExists(label.split('*')[0]!) ? all : ((changed = true), `=?windows-1252?${enc}?`)));
  return changed ? Buffer.from(fixed, 'latin1') : raw;
}

function headerBag(mail: ParsedMail): HeaderBag {
  const bag: HeaderBag = new Map();
  for (const [k, v] of mail.headers) bag.set(k.toLowerCase(), typeof v === 'string' ? v : v && typeof v === 'object' && 'value' in v ? String((v as { value: unknown }).value) : String(v ?? ''));
  return bag;
}

const nfc = (s: string | null | undefined) => (s ?? '').normalize('NFC');
/** A guess of the writer's language: Vietnamese when the text carries its letters. */
const guessLanguage = (text: string) => (/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(text) ? 'vi' : 'en');

export const inboundService = {
  /** Stores a received message raw (status stored); returns its id. `ex`: the caller's transaction (IMAP stores the UID with it). */
  async store(database: Database, raw: Buffer, ex: Executor = database.db): Promise<string> {
    const id = newId();
    await repo.insertInbound(ex, {
      id, raw, size: raw.length, status: 'stored', reason: null, from_address: null, subject: null, message_id: null, ticket_id: null,
      received_at: nowIso(), processed_at: null,
    });
    return id;
  },

  /**
   * Processes a stored message; never throws for the mail's own faults (they end in quarantine). Returns the final row.
   * `opts.from`: the requester's address chosen by an admin for a quarantined mail without a usable From;
   * `opts.team`: the team of a new ticket (an IMAP mailbox's team; else the assignment rules decide).
   */
  async process(ctx: AppContext, id: string, opts: { from?: string; team?: string | null } = {}): Promise<Pick<InboundRow, 'status' | 'reason' | 'ticket_id'>> {
    const db = ctx.database.db;
    const row = await repo.inbound(db, id);
    if (!row) throw notFound('inbound mail');
    const done = async (set: Partial<InboundRow>) => {
      await repo.updateInbound(db, id, { ...set, processed_at: nowIso() });
      return { status: set.status!, reason: set.reason ?? null, ticket_id: set.ticket_id ?? null };
    };
    let mail: ParsedMail;
    try {
      mail = await simpleParser(knownCharsets(Buffer.from(row.raw)), { skipImageLinks: true, skipHtmlToText: true });
    } catch (err) {
      return done({ status: 'quarantined', reason: `unparseable: ${(err as Error).message}`.slice(0, 500) });
    }
    const from = opts.from ?? mail.from?.value[0]?.address?.trim().toLowerCase() ?? null;
    const subject = nfc(mail.subject).trim().slice(0, 300) || null;
    const messageId = mail.messageId && /^<[^<>\s]+>$/.test(mail.messageId) ? mail.messageId : null;
    const meta = { from_address: from, subject, message_id: messageId };
    if (!from || !isEmail(from)) return done({ ...meta, status: 'quarantined', reason: from ? `invalid From address: ${from}` : 'missing From address' });
    const ours = messageId ? await repo.isOurs(db, messageId) : false;
    const why = autoReason(headerBag(mail), from, ours);
    if (why) return done({ ...meta, status: 'ignored', reason: why });

    const html = mail.html ? sanitizeBody(nfc(mail.html)) : null;
    const fullText = nfc(mail.text || (mail.html ? htmlToText(mail.html) : '')).replace(/\r\n/g, '\n').trim();
    const text = trimQuoted(fullText);
    const files: FileToStore[] = mail.attachments.map((a) => ({
      filename: nfc(a.filename) || (a.contentId ? 'inline' : 'attachment'), contentType: a.contentType, content: a.content,
      contentId: a.contentId ? a.contentId.replace(/^<|>$/g, '') : null,
    }));
    const msgId = newId();
    const written = await writeFiles(ctx.config.dataDir, msgId, files);
    const p = mailPrincipal();
    try {
      const ticketId = await db.transaction().execute(async (trx) => {
        // A re-delivered message (same Message-ID) joins nothing twice.
        if (messageId) {
          const dup = await trx.selectFrom('ticket_messages').select('ticket_id').where('message_id', '=', messageId).where('direction', '=', 'in').executeTakeFirst();
          if (dup) return { ticketId: dup.ticket_id, duplicate: true };
        }
        let contactId = (await findByEmail(trx, from))[0];
        if (!contactId) {
          const name = nfc(mail.from?.value[0]?.name).trim();
          const { givenName, familyName } = splitName(name);
          contactId = await contactsService.create(trx, p, { givenName, familyName, emails: [{ address: from }], source: 'support_email', ownerId: null });
        }
        const { def, defs } = await definitionOf(trx, 'tickets');
        const threadId = await repo.ticketByMessageIds(trx, messageIds([...(mail.inReplyTo ? [mail.inReplyTo] : []), ...(Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : [])]));
        let ticket = threadId ? await repo.ticket(trx, threadId) : undefined;
        if (ticket?.deleted_at) ticket = undefined;
        if (!ticket) {
          // The number in a subject is guessable: it threads only the requester's own mail (anyone else opens a new ticket).
          const tagged = numberInSubject(subject);
          const byNumber = tagged ? await repo.ticketByNumber(trx, tagged) : undefined;
          ticket = byNumber?.requester === contactId ? byNumber : undefined;
        }
        let followUpOf: string | null = null;
        let followUpId: string | null = null;
        if (ticket?.status === 'closed') { followUpOf = ticket.number; followUpId = ticket.id; ticket = undefined; }
        let ticketId: string;
        if (ticket) {
          ticketId = ticket.id;
          if (REOPEN.has(ticket.status)) await pipeline.update(trx, def, defs, p, ticketId, { values: { status: 'open' } });
        } else {
          const company = await ticketsRepository.contactCompany(trx, contactId);
          const description = (followUpOf ? `Follow-up of ${followUpOf}.\n\n${text}` : text).slice(0, MAX_DESCRIPTION);
          ticketId = await pipeline.create(trx, def, defs, p, {
            values: { subject: (subject ?? '(no subject)').replace(/\[#\d{1,12}\]\s*/g, '').trim() || '(no subject)', description: description || null, channel: 'email', requester: contactId, company, language: guessLanguage(`${subject ?? ''} ${text}`), ...(opts.team ? { team: opts.team } : {}) },
            ownerId: null,
            // A closed ticket is read-only: the answer opens its follow-up, linked (tickets.merge.ts).
            ...(followUpId ? { derived: { follow_up_of: followUpId } } : {}),
          });
        }
        await repo.insertMessage(trx, {
          id: msgId, ticket_id: ticketId, kind: 'reply', direction: 'in', author_user_id: null, author_contact_id: contactId,
          from_address: from, to_address: mail.to ? (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((t) => t.value.map((v) => v.address ?? '')).filter(Boolean).join(', ').slice(0, 1000) : null,
          subject, body_text: text, body_html: html, full_text: text === fullText ? null : fullText, message_id: messageId,
          in_reply_to: mail.inReplyTo && /^<[^<>\s]+>$/.test(mail.inReplyTo) ? mail.inReplyTo : null,
          references_header: messageIds(mail.references ?? null).join(' ') || null, mail_status: 'none', inbound_id: id, created_at: nowIso(),
        });
        for (const r of written) await repo.insertAttachment(trx, r);
        await repo.updateInbound(trx, id, { ...meta, status: 'ticket', reason: null, ticket_id: ticketId, processed_at: nowIso() });
        return { ticketId, duplicate: false };
      });
      if (ticketId.duplicate) {
        await removeWritten(ctx.config.dataDir, written);
        return done({ ...meta, status: 'ticket', reason: 'duplicate: this Message-ID was already received', ticket_id: ticketId.ticketId });
      }
      return { status: 'ticket', reason: null, ticket_id: ticketId.ticketId };
    } catch (err) {
      await removeWritten(ctx.config.dataDir, written);
      ctx.log.warn({ err, inboundId: id }, 'inbound mail quarantined: processing failed');
      return done({ ...meta, status: 'quarantined', reason: `processing failed: ${(err as Error).message}`.slice(0, 500) });
    }
  },

  /** Stores then processes one message (the SMTP listener's path). */
  async receive(ctx: AppContext, raw: Buffer): Promise<{ id: string; status: string; ticketId: string | null }> {
    const id = await this.store(ctx.database, raw);
    const r = await this.process(ctx, id);
    return { id, status: r.status, ticketId: r.ticket_id };
  },

  /** Retries a quarantined (or never processed) message. 409 when it already became a ticket or was ignored. */
  async retry(ctx: AppContext, id: string) {
    const row = await repo.inbound(ctx.database.db, id);
    if (!row) throw notFound('inbound mail');
    if (row.status !== 'quarantined' && row.status !== 'stored') throw conflict(`status: this mail is ${row.status}; only a quarantined one is retried`);
    await this.process(ctx, id);
    return (await repo.listInboundById(ctx.database.db, id))!;
  },

  /** Messages stored but never processed (a crash in between): processed again at start. */
  async processPending(ctx: AppContext): Promise<number> {
    const rows = await repo.pendingInbound(ctx.database.db);
    for (const r of rows) await this.process(ctx, r.id);
    return rows.length;
  },
};
