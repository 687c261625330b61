/** SQL of merge and split: moving a conversation's messages (their attachments follow them) between tickets. */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/db.js';
import './tickets.messages.tables.js';

export const mergeRepository = {
  message: (ex: Executor, id: string) => ex.selectFrom('ticket_messages').select(['id', 'ticket_id', 'body_text', 'created_at']).where('id', '=', id).executeTakeFirst(),
  /** Moves every message of `from` to `to`; returns how many moved. */
  async moveAll(ex: Executor, from: string, to: string): Promise<number> {
    const r = await ex.updateTable('ticket_messages').set({ ticket_id: to }).where('ticket_id', '=', from).executeTakeFirst();
    return Number(r.numUpdatedRows);
  },
  /** Moves the messages of `from` at or after `(createdAt, id)` in conversation order to `to`; returns how many moved. */
  async moveFrom(ex: Executor, from: string, to: string, createdAt: string, id: string): Promise<number> {
    const r = await ex.updateTable('ticket_messages').set({ ticket_id: to }).where('ticket_id', '=', from)
      .where(sql<boolean>`(created_at > ${createdAt} or (created_at = ${createdAt} and id >= ${id}))`).executeTakeFirst();
    return Number(r.numUpdatedRows);
  },
};
