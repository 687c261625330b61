/** Acknowledgement templates per team (null = the default) and language; a missing one falls back to DEFAULT_ACK. */
import type { MailTemplate, MailTemplateInput } from '../../../../contracts/ticket-messages.js';
import type { Database } from '../../platform/db/db.js';
import { invalid, notFound } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { messagesRepository as repo, type TemplateRow } from './tickets.messages.repository.js';
import { ticketsRepository } from './tickets.repository.js';

const present = (r: TemplateRow): MailTemplate => ({ id: r.id, teamId: r.team_id, language: r.language as 'en' | 'vi', subject: r.subject, body: r.body, updatedAt: r.updated_at });

export const templatesService = {
  list: async (database: Database) => (await repo.templates(database.db)).map(present),
  /** Creates or replaces the template of (teamId, language). An unknown team is a 400 naming `teamId`. */
  async save(database: Database, input: MailTemplateInput): Promise<MailTemplate> {
    return database.db.transaction().execute(async (trx) => {
      if (input.teamId && !(await ticketsRepository.team(trx, input.teamId))) throw invalid('teamId', 'no such team');
      const now = nowIso();
      const existing = await repo.findTemplate(trx, input.teamId, input.language);
      if (existing) {
        await repo.updateTemplate(trx, existing.id, { subject: input.subject, body: input.body, updated_at: now });
        return present({ ...existing, subject: input.subject, body: input.body, updated_at: now });
      }
      const row: TemplateRow = { id: newId(), team_id: input.teamId, language: input.language, subject: input.subject, body: input.body, created_at: now, updated_at: now };
      await repo.insertTemplate(trx, row);
      return present(row);
    });
  },
  async remove(database: Database, id: string): Promise<void> {
    const r = await repo.deleteTemplate(database.db, id);
    if (!Number(r.numDeletedRows)) throw notFound('template');
  },
};
