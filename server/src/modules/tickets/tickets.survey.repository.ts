/** SQL of the satisfaction survey and the agents' statistics. */
import type { Kysely } from 'kysely';
import type { Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/db.js';
import { scopeWhere } from '../../platform/records/index.js';
import type { TicketSurveysTable } from './tickets.tables.js';
import './tickets.tables.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const loose = (ex: Executor) => ex as unknown as Kysely<any>;

export interface SurveyTicket {
  id: string; number: string; subject: string; status: string; language: string | null; requester: string | null; agent: string | null;
  solved_at: string | null; deleted_at: string | null; email: string | null; contact_name: string | null;
}

export const surveyRepository = {
  /** A ticket with its requester's primary email. */
  ticket: (ex: Executor, id: string) =>
    loose(ex).selectFrom('tickets as t').leftJoin('contacts as c', (j) => j.onRef('c.id', '=', 't.requester').on('c.deleted_at', 'is', null))
      .select(['t.id', 't.number', 't.subject', 't.status', 't.language', 't.requester', 't.agent', 't.solved_at', 't.deleted_at', 'c.primary_email as email', 'c.display_name as contact_name'])
      .where('t.id', '=', id).executeTakeFirst() as Promise<SurveyTicket | undefined>,
  byTicket: (ex: Executor, ticketId: string) => ex.selectFrom('ticket_surveys').selectAll().where('ticket_id', '=', ticketId).executeTakeFirst(),
  byHash: (ex: Executor, hash: string) => ex.selectFrom('ticket_surveys').selectAll().where('token_hash', '=', hash).executeTakeFirst(),
  /** The row of a ticket's survey, created once (a concurrent second insert does nothing). */
  ensure: (ex: Executor, row: TicketSurveysTable) =>
    ex.insertInto('ticket_surveys').values(row).onConflict((oc) => oc.column('ticket_id').doNothing()).execute(),
  /**
   * Claims the sending of the survey of the solve at `solvedAt` with a new token: one conditional UPDATE, so two
   * workers never both send it. Returns whether this caller won.
   */
  async claimSend(ex: Executor, ticketId: string, solvedAt: string, set: Pick<TicketSurveysTable, 'token_hash' | 'sent_at' | 'expires_at' | 'agent' | 'language' | 'requester' | 'updated_at'>): Promise<boolean> {
    const r = await ex.updateTable('ticket_surveys').set(set).where('ticket_id', '=', ticketId)
      .where((eb) => eb.or([eb('sent_at', 'is', null), eb('sent_at', '<', solvedAt)])).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  /** Gives a claim back after a refused send (the job retries). */
  release: (ex: Executor, ticketId: string, sentAt: string) =>
    ex.updateTable('ticket_surveys').set({ sent_at: null }).where('ticket_id', '=', ticketId).where('sent_at', '=', sentAt).execute(),
  answer: (ex: Executor, id: string, score: number, comment: string | null, at: string) =>
    ex.updateTable('ticket_surveys').set({ score, comment, answered_at: at, updated_at: at }).where('id', '=', id).execute(),
  /** The score on the ticket itself (derived, read-only fields; written even on a closed ticket). */
  setTicketScore: (ex: Executor, ticketId: string, score: number, comment: string | null) =>
    loose(ex).updateTable('tickets').set({ satisfaction: score, satisfaction_comment: comment }).where('id', '=', ticketId).execute(),

  /** Per agent over the tickets the reader may see: rows to aggregate (creation, first response, status, score). */
  statsRows(ex: Executor, p: Principal, from?: string, to?: string) {
    let q = loose(ex).selectFrom('tickets as t').innerJoin('users as u', 'u.id', 't.agent')
      .select(['t.agent', 'u.name', 't.status', 't.created_at', 't.first_responded_at', 't.satisfaction'])
      .where('t.deleted_at', 'is', null).where(scopeWhere(p, 'tickets', 't'));
    if (from) q = q.where('t.created_at', '>=', from);
    if (to) q = q.where('t.created_at', '<', to);
    return q.execute() as Promise<{ agent: string; name: string; status: string; created_at: string; first_responded_at: string | null; satisfaction: number | null }[]>;
  },
};
