/**
 * Merge, split and follow-up of tickets — each one transaction, written through the engine as the caller (scope,
 * permissions, hooks, audit and events apply):
 * - merge: every message of the source (with its attachments) moves to the target; the source is closed with an
 *   internal note "Merged into #n" and the target gets "Merged from #m";
 * - split: the message named and every later one move to a new ticket (same requester, company, team, agent,
 *   priority, category, channel, language; the message's text as description), both noted;
 * - follow-up: a closed ticket is read-only, so further work opens a new ticket linked by `follow_up_of`.
 */
import type { TicketLinkAnswer } from '../../../../contracts/tickets.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Database, Executor } from '../../platform/db/db.js';
import { AppError, invalid } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { definitionOf, loadLive, pipeline, rowValues } from '../../platform/records/index.js';
import { mergeRepository as repo } from './tickets.merge.repository.js';
import { messagesRepository } from './tickets.messages.repository.js';
import { ticketsRepository } from './tickets.repository.js';

const closedConflict = () => new AppError('conflict', 'status: a closed ticket is read-only; open a follow-up ticket instead', [{ path: 'status', message: 'the ticket is closed' }]);

/** An internal note on a ticket, by the user doing the merge or split. */
async function note(trx: Executor, p: Principal, ticketId: string, text: string): Promise<void> {
  await messagesRepository.insertMessage(trx, {
    id: newId(), ticket_id: ticketId, kind: 'note', direction: 'out', author_user_id: p.userId, author_contact_id: null, from_address: null, to_address: null,
    subject: null, body_text: text, body_html: null, full_text: null, message_id: null, in_reply_to: null, references_header: null, mail_status: 'none',
    inbound_id: null, created_at: nowIso(),
  });
}

/** The values a new ticket takes over from the one it continues. */
const carried = (v: Record<string, unknown>) =>
  Object.fromEntries(['requester', 'company', 'team', 'agent', 'priority', 'category', 'channel', 'language'].filter((k) => v[k] != null).map((k) => [k, v[k]]));

export const mergeService = {
  async merge(database: Database, p: Principal, id: string, into: string): Promise<TicketLinkAnswer> {
    if (into === id) throw invalid('into', 'a ticket cannot be merged into itself');
    return database.db.transaction().execute(async (trx) => {
      const { def, defs } = await definitionOf(trx, 'tickets');
      const source = rowValues(def, await loadLive(trx, def, p, id));
      if (source.status === 'closed') throw closedConflict();
      const target = rowValues(def, await loadLive(trx, def, p, into).catch(() => { throw invalid('into', 'no such ticket'); }));
      if (target.status === 'closed') throw invalid('into', 'the target ticket is closed');
      const [from, to] = [String(source.number), String(target.number)];
      const moved = await repo.moveAll(trx, id, into);
      await note(trx, p, id, `Merged into ${to}`);
      await note(trx, p, into, `Merged from ${from}`);
      await pipeline.update(trx, def, defs, p, id, { values: { status: 'closed' } });
      return { id: into, number: to, movedMessages: moved };
    });
  },

  async split(database: Database, p: Principal, id: string, messageId: string): Promise<TicketLinkAnswer> {
    return database.db.transaction().execute(async (trx) => {
      const { def, defs } = await definitionOf(trx, 'tickets');
      const source = rowValues(def, await loadLive(trx, def, p, id));
      if (source.status === 'closed') throw closedConflict();
      const m = await repo.message(trx, messageId);
      if (!m || m.ticket_id !== id) throw invalid('messageId', 'no such message on this ticket');
      const newTicket = await pipeline.create(trx, def, defs, p, {
        values: { ...carried(source), subject: String(source.subject), description: m.body_text.slice(0, 20_000) || null, status: 'open' },
      });
      const number = await ticketsRepository.numberOf(trx, newTicket);
      const moved = await repo.moveFrom(trx, id, newTicket, m.created_at, m.id);
      await note(trx, p, id, `Split into ${number}`);
      await note(trx, p, newTicket, `Split from ${String(source.number)}`);
      return { id: newTicket, number, movedMessages: moved };
    });
  },

  async followUp(database: Database, p: Principal, id: string, input: { subject?: string; description?: string }): Promise<TicketLinkAnswer> {
    return database.db.transaction().execute(async (trx) => {
      const { def, defs } = await definitionOf(trx, 'tickets');
      const closed = rowValues(def, await loadLive(trx, def, p, id));
      if (closed.status !== 'closed') throw new AppError('conflict', 'status: only a closed ticket gets a follow-up; reopen this one instead', [{ path: 'status', message: 'the ticket is not closed' }]);
      const newTicket = await pipeline.create(trx, def, defs, p, {
        values: { ...carried(closed), subject: input.subject ?? String(closed.subject), description: input.description ?? `Follow-up of ${String(closed.number)}` },
        derived: { follow_up_of: id },
      });
      return { id: newTicket, number: await ticketsRepository.numberOf(trx, newTicket), movedMessages: 0 };
    });
  },
};

/**
 * The engine values that link a new ticket to the closed one it continues (for inbound mail on a closed ticket):
 * pass them as the create's `derived`.
 */
export const followUpOf = (closedTicketId: string) => ({ follow_up_of: closedTicketId });
