/** Ticket use cases outside the engine's generic routes: the public request form. Each write is one transaction. */
import type { PublicTicketInput } from '../../../../contracts/tickets.js';
import type { Database } from '../../platform/db/db.js';
import { AppError, invalid } from '../../platform/http/errors.js';
import { definitionOf, pipeline } from '../../platform/records/index.js';
import { contactsService, findByEmail } from '../contacts/index.js';
import { isEmail, splitName } from './tickets.logic.js';
import { ticketsRepository as repo } from './tickets.repository.js';
import { systemPrincipal } from './tickets.system.js';

/** Renames an engine error's `values.<key>` paths to the form's names (subject, description, category). */
function asFormError(err: unknown): unknown {
  if (!(err instanceof AppError) || !err.fields?.length) return err;
  const fields = err.fields.map((f) => ({ path: f.path.replace(/^values\./, ''), message: f.message }));
  return new AppError(err.code, `${fields[0]!.path}: ${fields[0]!.message}`, fields);
}

export const ticketsService = {
  /**
   * Stores a request from the public form: finds the requester's contact by email (or creates it), then the
   * ticket (channel web_form) — one transaction, written as the system. A filled honeypot stores nothing and
   * answers like a success (number null). 400 naming the form's field.
   */
  async submit(database: Database, input: PublicTicketInput): Promise<{ number: string | null }> {
    if (input.website) return { number: null };
    const email = input.email.trim().toLowerCase();
    if (!email) throw invalid('email', 'required');
    if (!isEmail(email)) throw invalid('email', 'not an email address');
    if (!input.subject) throw invalid('subject', 'required');
    if (!input.description) throw invalid('description', 'required');
    const p = systemPrincipal();
    try {
      return await database.db.transaction().execute(async (trx) => {
        let contactId = (await findByEmail(trx, email))[0];
        if (!contactId) {
          const { givenName, familyName } = splitName(input.name ?? '');
          contactId = await contactsService.create(trx, p, { givenName, familyName, emails: [{ address: email }], source: 'support_form', ownerId: null });
        }
        const company = await repo.contactCompany(trx, contactId);
        const { def, defs } = await definitionOf(trx, 'tickets');
        const id = await pipeline.create(trx, def, defs, p, {
          values: {
            subject: input.subject, description: input.description, channel: 'web_form', requester: contactId, company,
            language: input.language ?? 'en', ...(input.category ? { category: input.category } : {}),
          },
          ownerId: null,
        });
        return { number: await repo.numberOf(trx, id) };
      });
    } catch (err) {
      throw asFormError(err);
    }
  },
};
