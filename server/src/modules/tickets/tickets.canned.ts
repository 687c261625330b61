/**
 * Canned responses: the table's SQL, the checks and the presenter (a small use case in one file). Every agent with
 * tickets read sees them all; writing needs tickets update. Unknown placeholders are a 400 naming `body`.
 */
import type { CannedResponse, CannedResponseInput } from '../../../../contracts/ticket-workspace.js';
import { unknownPlaceholders } from '../../../../contracts/ticket-workspace.js';
import type { Database, Executor } from '../../platform/db/db.js';
import { escapeLike, ilike } from '../../platform/db/dialect.js';
import { invalid, notFound } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import './tickets.canned.tables.js';
import type { TicketCannedResponsesTable } from './tickets.canned.tables.js';

const present = (r: TicketCannedResponsesTable): CannedResponse => ({
  id: r.id, title: r.title, body: r.body, language: r.language as CannedResponse['language'], createdBy: r.created_by, updatedAt: r.updated_at,
});

function check(input: CannedResponseInput): void {
  const bad = unknownPlaceholders(input.body);
  if (bad.length) throw invalid('body', `unknown placeholder {{${bad[0]}}}; use {{requester.name}}, {{ticket.number}}, {{ticket.subject}} or {{agent.name}}`);
}

export const cannedService = {
  async list(database: Database, o: { language?: string; q?: string }): Promise<CannedResponse[]> {
    let query = database.db.selectFrom('ticket_canned_responses').selectAll().orderBy('title').orderBy('id').limit(500);
    if (o.language) query = query.where('language', '=', o.language);
    if (o.q) {
      const like = `%${escapeLike(o.q)}%`;
      query = query.where((eb) => eb.or([ilike(database.dialect, eb.ref('title'), like), ilike(database.dialect, eb.ref('body'), like)]));
    }
    return (await query.execute()).map(present);
  },
  async create(db: Executor, userId: string, input: CannedResponseInput): Promise<CannedResponse> {
    check(input);
    const now = nowIso();
    const row = { id: newId(), title: input.title, body: input.body, language: input.language, created_by: userId, created_at: now, updated_at: now };
    await db.insertInto('ticket_canned_responses').values(row).execute();
    return present(row);
  },
  async update(db: Executor, id: string, input: CannedResponseInput): Promise<CannedResponse> {
    check(input);
    const res = await db.updateTable('ticket_canned_responses').set({ title: input.title, body: input.body, language: input.language, updated_at: nowIso() }).where('id', '=', id).executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw notFound('canned response');
    return present((await db.selectFrom('ticket_canned_responses').selectAll().where('id', '=', id).executeTakeFirstOrThrow()));
  },
  async remove(db: Executor, id: string): Promise<void> {
    const res = await db.deleteFrom('ticket_canned_responses').where('id', '=', id).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw notFound('canned response');
  },
};
