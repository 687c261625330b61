/** SQL of the ticket conversation: messages, their attachments, inbound mail and acknowledgement templates. */
import type { Kysely } from 'kysely';
import type { Executor } from '../../platform/db/db.js';
import type { TicketAttachmentsTable, TicketInboundMailTable, TicketMailTemplatesTable, TicketMessagesTable } from './tickets.messages.tables.js';
import './tickets.messages.tables.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const loose = (ex: Executor) => ex as unknown as Kysely<any>;

export type MessageRow = TicketMessagesTable & { author_name: string | null };
export type AttachmentRow = TicketAttachmentsTable;
export type InboundRow = TicketInboundMailTable;
export type TemplateRow = TicketMailTemplatesTable;
/** The ticket columns the conversation needs (the engine's table, read loosely). */
export interface TicketBits { id: string; number: string; subject: string; status: string; language: string | null; requester: string | null; team: string | null; deleted_at: string | null }

export const messagesRepository = {
  /** A ticket's messages, oldest first, with the writing agent's name. */
  messagesOf: (ex: Executor, ticketId: string) =>
    ex.selectFrom('ticket_messages as m').leftJoin('users as u', 'u.id', 'm.author_user_id').selectAll('m').select('u.name as author_name')
      .where('m.ticket_id', '=', ticketId).orderBy('m.created_at').orderBy('m.id').execute() as Promise<MessageRow[]>,
  message: (ex: Executor, id: string) =>
    ex.selectFrom('ticket_messages as m').leftJoin('users as u', 'u.id', 'm.author_user_id').selectAll('m').select('u.name as author_name')
      .where('m.id', '=', id).executeTakeFirst() as Promise<MessageRow | undefined>,
  insertMessage: (ex: Executor, row: TicketMessagesTable) => ex.insertInto('ticket_messages').values(row).execute(),
  setMailStatus: (ex: Executor, id: string, status: string) => ex.updateTable('ticket_messages').set({ mail_status: status }).where('id', '=', id).execute(),
  /** The ticket a message id (`<…@…>`) belongs to: the first of the given ids found, newest message first. */
  async ticketByMessageIds(ex: Executor, ids: string[]): Promise<string | null> {
    if (!ids.length) return null;
    const r = await ex.selectFrom('ticket_messages').select('ticket_id').where('message_id', 'in', ids).orderBy('created_at', 'desc').executeTakeFirst();
    return r?.ticket_id ?? null;
  },
  /** Whether a Message-ID is one we sent (a loop when it comes back in). */
  async isOurs(ex: Executor, messageId: string): Promise<boolean> {
    return (await ex.selectFrom('ticket_messages').select('id').where('message_id', '=', messageId).where('direction', '=', 'out').executeTakeFirst()) !== undefined;
  },
  /** The newest inbound message of a ticket (whose ids an agent's reply answers). */
  lastInbound: (ex: Executor, ticketId: string) =>
    ex.selectFrom('ticket_messages').selectAll().where('ticket_id', '=', ticketId).where('direction', '=', 'in').where('message_id', 'is not', null)
      .orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirst(),

  attachmentsOf: (ex: Executor, messageIds: string[]) =>
    messageIds.length ? ex.selectFrom('ticket_attachments').selectAll().where('message_id', 'in', messageIds).orderBy('created_at').orderBy('id').execute() : Promise.resolve([]),
  attachment: (ex: Executor, messageId: string, id: string) =>
    ex.selectFrom('ticket_attachments').selectAll().where('id', '=', id).where('message_id', '=', messageId).executeTakeFirst(),
  insertAttachment: (ex: Executor, row: AttachmentRow) => ex.insertInto('ticket_attachments').values(row).execute(),

  async ticket(ex: Executor, id: string): Promise<TicketBits | undefined> {
    return loose(ex).selectFrom('tickets').select(['id', 'number', 'subject', 'status', 'language', 'requester', 'team', 'deleted_at'])
      .where('id', '=', id).executeTakeFirst() as Promise<TicketBits | undefined>;
  },
  async ticketByNumber(ex: Executor, number: string): Promise<TicketBits | undefined> {
    return loose(ex).selectFrom('tickets').select(['id', 'number', 'subject', 'status', 'language', 'requester', 'team', 'deleted_at'])
      .where('number', '=', number).where('deleted_at', 'is', null).executeTakeFirst() as Promise<TicketBits | undefined>;
  },
  /** A contact's primary email and display name. */
  contact: (ex: Executor, id: string) =>
    ex.selectFrom('contacts').select(['id', 'primary_email', 'display_name', 'given_name']).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst(),

  insertInbound: (ex: Executor, row: InboundRow) => ex.insertInto('ticket_inbound_mail').values(row).execute(),
  inbound: (ex: Executor, id: string) => ex.selectFrom('ticket_inbound_mail').selectAll().where('id', '=', id).executeTakeFirst(),
  updateInbound: (ex: Executor, id: string, set: Partial<InboundRow>) => ex.updateTable('ticket_inbound_mail').set(set).where('id', '=', id).execute(),
  listInbound(ex: Executor, status: string | undefined, limit: number) {
    let q = ex.selectFrom('ticket_inbound_mail').select(['id', 'size', 'status', 'reason', 'from_address', 'subject', 'message_id', 'ticket_id', 'received_at', 'processed_at']);
    if (status) q = q.where('status', '=', status);
    return q.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  },
  listInboundById: (ex: Executor, id: string) =>
    ex.selectFrom('ticket_inbound_mail').select(['id', 'size', 'status', 'reason', 'from_address', 'subject', 'message_id', 'ticket_id', 'received_at', 'processed_at']).where('id', '=', id).executeTakeFirst(),
  /** Mail received but never processed (a crash between storing and processing): retried at start. */
  pendingInbound: (ex: Executor) => ex.selectFrom('ticket_inbound_mail').select('id').where('status', '=', 'stored').orderBy('received_at').limit(500).execute(),

  templates: (ex: Executor) => ex.selectFrom('ticket_mail_templates').selectAll().orderBy('team_id').orderBy('language').execute(),
  /** The team's template in the language, else the default (team null) one. */
  async templateFor(ex: Executor, teamId: string | null, language: string): Promise<TemplateRow | undefined> {
    const own = teamId ? await ex.selectFrom('ticket_mail_templates').selectAll().where('team_id', '=', teamId).where('language', '=', language).executeTakeFirst() : undefined;
    return own ?? ex.selectFrom('ticket_mail_templates').selectAll().where('team_id', 'is', null).where('language', '=', language).executeTakeFirst();
  },
  findTemplate(ex: Executor, teamId: string | null, language: string) {
    let q = ex.selectFrom('ticket_mail_templates').selectAll().where('language', '=', language);
    q = teamId ? q.where('team_id', '=', teamId) : q.where('team_id', 'is', null);
    return q.executeTakeFirst();
  },
  insertTemplate: (ex: Executor, row: TemplateRow) => ex.insertInto('ticket_mail_templates').values(row).execute(),
  updateTemplate: (ex: Executor, id: string, set: Partial<TemplateRow>) => ex.updateTable('ticket_mail_templates').set(set).where('id', '=', id).execute(),
  deleteTemplate: (ex: Executor, id: string) => ex.deleteFrom('ticket_mail_templates').where('id', '=', id).executeTakeFirst(),
};
