/**
 * Support mailboxes (Settings › Service desk › Mailboxes): create, replace, delete, test. The password is kept in the
 * table and never presented (`hasPassword`); a PUT without one keeps it. Each write is audited without the password.
 */
import type { TicketMailbox } from '../../../../contracts/ticket-mailboxes.js';
import { ticketMailboxInput } from '../../../../contracts/ticket-mailboxes.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/db.js';
import { appendAudit } from '../../platform/audit/audit.js';
import type { Principal } from '../../platform/auth/principal.js';
import { invalid, notFound } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { imapRepository as repo, type MailboxRow } from './tickets.imap.repository.js';
import { pollMailbox, testConnection } from './tickets.imap.js';
import { ticketsRepository } from './tickets.repository.js';

type Input = ReturnType<typeof ticketMailboxInput.parse>;

export const presentMailbox = (r: MailboxRow): TicketMailbox => ({
  id: r.id, name: r.name, host: r.host, port: Number(r.port), tls: !!r.tls, username: r.username, hasPassword: !!r.password,
  folder: r.folder, afterAction: r.after_action as 'seen' | 'move', moveTo: r.move_to, teamId: r.team_id, enabled: !!r.enabled,
  lastUid: Number(r.last_uid), uidValidity: r.uid_validity, lastPollAt: r.last_poll_at, lastSuccessAt: r.last_success_at,
  lastError: r.last_error, createdAt: r.created_at, updatedAt: r.updated_at,
});

/** What the audit log keeps of a mailbox: everything but the password. */
const audited = (r: MailboxRow) => ({ name: r.name, host: r.host, port: r.port, tls: !!r.tls, username: r.username, folder: r.folder, afterAction: r.after_action, moveTo: r.move_to, teamId: r.team_id, enabled: !!r.enabled });
const actor = (p: Principal) => ({ id: p.userId, label: p.email });

async function check(ex: Executor, input: Input): Promise<void> {
  if (input.teamId && !(await ticketsRepository.team(ex, input.teamId))) throw invalid('teamId', 'no such team');
  if (input.afterAction === 'move' && !input.moveTo) throw invalid('moveTo', 'the folder to move handled mail to is required');
  if (input.afterAction === 'move' && input.moveTo === input.folder) throw invalid('moveTo', 'must differ from the folder read');
}

const columns = (input: Input) => ({
  name: input.name, host: input.host, port: input.port, tls: input.tls ? 1 : 0, username: input.username, folder: input.folder,
  after_action: input.afterAction, move_to: input.afterAction === 'move' ? input.moveTo : null, team_id: input.teamId, enabled: input.enabled ? 1 : 0,
});

export const mailboxesService = {
  list: async (ctx: AppContext) => (await repo.list(ctx.database.db)).map(presentMailbox),

  async get(ctx: AppContext, id: string): Promise<TicketMailbox> {
    const row = await repo.get(ctx.database.db, id);
    if (!row) throw notFound('mailbox');
    return presentMailbox(row);
  },

  async create(ctx: AppContext, p: Principal, input: Input): Promise<TicketMailbox> {
    if (!input.password) throw invalid('password', 'required');
    return ctx.database.db.transaction().execute(async (trx) => {
      await check(trx, input);
      const now = nowIso();
      const row: MailboxRow = {
        id: newId(), ...columns(input), password: input.password!, uid_validity: null, last_uid: 0, locked_until: null,
        last_poll_at: null, last_success_at: null, last_error: null, created_at: now, updated_at: now,
      };
      await repo.insert(trx, row);
      await appendAudit(trx, { actor: actor(p), action: 'create', entity: 'ticket_mailbox', entityId: row.id, after: audited(row) });
      return presentMailbox(row);
    });
  },

  /** Replaces a mailbox's settings; the password only when one is given. Another host, user or folder starts the UIDs over. */
  async update(ctx: AppContext, p: Principal, id: string, input: Input): Promise<TicketMailbox> {
    return ctx.database.db.transaction().execute(async (trx) => {
      const before = await repo.get(trx, id);
      if (!before) throw notFound('mailbox');
      await check(trx, input);
      const moved = before.host !== input.host || before.username !== input.username || before.folder !== input.folder;
      const set: Partial<MailboxRow> = {
        ...columns(input), ...(input.password ? { password: input.password } : {}), updated_at: nowIso(),
        ...(moved ? { uid_validity: null, last_uid: 0 } : {}),
        // New settings deserve a fresh verdict at the next poll.
        last_error: null,
      };
      await repo.update(trx, id, set);
      const after = { ...before, ...set };
      await appendAudit(trx, { actor: actor(p), action: 'update', entity: 'ticket_mailbox', entityId: id, before: audited(before), after: { ...audited(after), ...(input.password ? { passwordChanged: true } : {}) } });
      return presentMailbox(after);
    });
  },

  async remove(ctx: AppContext, p: Principal, id: string): Promise<void> {
    await ctx.database.db.transaction().execute(async (trx) => {
      const before = await repo.get(trx, id);
      if (!before) throw notFound('mailbox');
      await repo.remove(trx, id);
      await appendAudit(trx, { actor: actor(p), action: 'delete', entity: 'ticket_mailbox', entityId: id, before: audited(before) });
    });
  },

  /** Connects with the stored settings and opens the folder; the result (ok or the error) is also kept on the mailbox. */
  async test(ctx: AppContext, id: string) {
    const row = await repo.get(ctx.database.db, id);
    if (!row) throw notFound('mailbox');
    const result = await testConnection(row);
    await repo.update(ctx.database.db, id, { last_error: result.error });
    return result;
  },

  async poll(ctx: AppContext, id: string) {
    const row = await repo.get(ctx.database.db, id);
    if (!row) throw notFound('mailbox');
    return pollMailbox(ctx, id);
  },
};
