/** SQL of the IMAP support mailboxes and the messages taken from them. */
import type { Executor } from '../../platform/db/db.js';
import type { TicketMailboxesTable, TicketMailboxMessagesTable } from './tickets.imap.tables.js';
import './tickets.imap.tables.js';

export type MailboxRow = TicketMailboxesTable;

export const imapRepository = {
  list: (ex: Executor) => ex.selectFrom('ticket_mailboxes').selectAll().orderBy('name').orderBy('id').execute(),
  get: (ex: Executor, id: string) => ex.selectFrom('ticket_mailboxes').selectAll().where('id', '=', id).executeTakeFirst(),
  enabledIds: async (ex: Executor) => (await ex.selectFrom('ticket_mailboxes').select('id').where('enabled', '=', 1).orderBy('id').execute()).map((r) => r.id),
  insert: (ex: Executor, row: MailboxRow) => ex.insertInto('ticket_mailboxes').values(row).execute(),
  update: (ex: Executor, id: string, set: Partial<MailboxRow>) => ex.updateTable('ticket_mailboxes').set(set).where('id', '=', id).execute(),
  remove: (ex: Executor, id: string) => ex.deleteFrom('ticket_mailboxes').where('id', '=', id).executeTakeFirst(),

  /** Takes the mailbox's polling lease when it is free or expired; false when another worker holds it. */
  async claim(ex: Executor, id: string, now: string, until: string): Promise<boolean> {
    const r = await ex.updateTable('ticket_mailboxes').set({ locked_until: until })
      .where('id', '=', id).where('enabled', '=', 1)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },
  release: (ex: Executor, id: string, set: Partial<MailboxRow>) => ex.updateTable('ticket_mailboxes').set({ ...set, locked_until: null }).where('id', '=', id).execute(),

  /** Whether a UID of this UIDVALIDITY was already taken. */
  taken: async (ex: Executor, mailboxId: string, uidValidity: string, uid: number) =>
    !!(await ex.selectFrom('ticket_mailbox_messages').select('uid').where('mailbox_id', '=', mailboxId).where('uid_validity', '=', uidValidity).where('uid', '=', uid).executeTakeFirst()),
  insertMessage: (ex: Executor, row: TicketMailboxMessagesTable) => ex.insertInto('ticket_mailbox_messages').values(row).execute(),
  /** Messages stored but not yet flagged \Seen (or moved) in the folder, with their inbound status. */
  unflagged: (ex: Executor, mailboxId: string, uidValidity: string) =>
    ex.selectFrom('ticket_mailbox_messages as m').innerJoin('ticket_inbound_mail as i', 'i.id', 'm.inbound_id')
      .select(['m.uid', 'm.inbound_id', 'i.status']).where('m.mailbox_id', '=', mailboxId).where('m.uid_validity', '=', uidValidity)
      .where('m.flagged_at', 'is', null).orderBy('m.uid').limit(500).execute(),
  flagged: (ex: Executor, mailboxId: string, uidValidity: string, uids: number[], at: string) =>
    ex.updateTable('ticket_mailbox_messages').set({ flagged_at: at }).where('mailbox_id', '=', mailboxId).where('uid_validity', '=', uidValidity).where('uid', 'in', uids).execute(),
  /** Messages of an older UIDVALIDITY never get flagged (their UIDs mean nothing now): they stop being pending. */
  forgetOtherValidity: (ex: Executor, mailboxId: string, uidValidity: string, at: string) =>
    ex.updateTable('ticket_mailbox_messages').set({ flagged_at: at }).where('mailbox_id', '=', mailboxId).where('uid_validity', '<>', uidValidity).where('flagged_at', 'is', null).execute(),
};
