/**
 * Actions on the quarantine (Settings › Service desk › Quarantine) beside retry (tickets.inbound.service.ts): turn a
 * quarantined mail into a ticket — with the requester's address an admin gives when the mail had no usable From —
 * or discard it (kept as `ignored` with who discarded it: received mail is never deleted).
 */
import { simpleParser } from 'mailparser';
import type { InboundParsed } from '../../../../contracts/ticket-mailboxes.js';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { conflict, invalid, notFound } from '../../platform/http/errors.js';
import { nowIso } from '../../platform/ids.js';
import { inboundService, knownCharsets } from './tickets.inbound.service.js';
import { htmlToText } from './tickets.mail.logic.js';
import { messagesRepository as repo } from './tickets.messages.repository.js';

const OPEN = new Set(['quarantined', 'stored']);
const SOURCE_CHARS = 200_000;

export const quarantineService = {
  /** Processes the mail again as a ticket (From replaced by `email` when given). Still quarantined → 400 naming `email`. */
  async toTicket(ctx: AppContext, id: string, email: string | undefined) {
    const row = await repo.inbound(ctx.database.db, id);
    if (!row) throw notFound('inbound mail');
    if (!OPEN.has(row.status)) throw conflict(`status: this mail is ${row.status}; only a quarantined one becomes a ticket`);
    const r = await inboundService.process(ctx, id, email ? { from: email } : {});
    if (r.status === 'quarantined') throw invalid('email', r.reason ?? 'the mail is still quarantined');
    return (await repo.listInboundById(ctx.database.db, id))!;
  },

  /** The mail read for a person: headers, text, attachment names and the start of the source. Never fails on the mail. */
  async parsed(ctx: AppContext, id: string): Promise<InboundParsed> {
    const row = await repo.inbound(ctx.database.db, id);
    if (!row) throw notFound('inbound mail');
    const raw = Buffer.from(row.raw);
    const source = raw.subarray(0, SOURCE_CHARS * 4).toString('utf8').slice(0, SOURCE_CHARS);
    try {
      const mail = await simpleParser(knownCharsets(raw), { skipImageLinks: true, skipHtmlToText: true });
      const addr = (a: typeof mail.to) => (a ? (Array.isArray(a) ? a : [a]).map((x) => x.text).join(', ') : null);
      return {
        from: mail.from?.text ?? null, to: addr(mail.to), subject: mail.subject ?? null, date: mail.date ? mail.date.toISOString() : null,
        messageId: mail.messageId ?? null, text: (mail.text || (mail.html ? htmlToText(mail.html) : '')).normalize('NFC').replace(/\r\n/g, '\n').trim(),
        attachments: mail.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, size: a.size })), source, error: null,
      };
    } catch (err) {
      return { from: null, to: null, subject: null, date: null, messageId: null, text: '', attachments: [], source, error: (err as Error).message };
    }
  },

  async discard(ctx: AppContext, p: Principal, id: string) {
    const row = await repo.inbound(ctx.database.db, id);
    if (!row) throw notFound('inbound mail');
    if (!OPEN.has(row.status)) throw conflict(`status: this mail is ${row.status}; only a quarantined one is discarded`);
    await repo.updateInbound(ctx.database.db, id, { status: 'ignored', reason: `discarded by ${p.name || p.email}`.slice(0, 500), processed_at: nowIso() });
    return (await repo.listInboundById(ctx.database.db, id))!;
  },
};
