/**
 * Conversion of a lead into a contact + company + deal, reusing existing records the user picked from the
 * preview's duplicates (contacts by email/phone, companies by name/domain). One transaction: every record, the
 * lead's links and its status, or nothing.
 */
import type { ConvertInput, ConvertPreview } from '../../../../contracts/leads.js';
import type { Principal } from '../../platform/auth/principal.js';
import { canAccessRecord } from '../../platform/auth/principal.js';
import type { Database, Executor } from '../../platform/db/db.js';
import { AppError, invalid } from '../../platform/http/errors.js';
import { nowIso } from '../../platform/ids.js';
import { assertCan, definitionOf, loadLive, pipeline, rowValues } from '../../platform/records/index.js';
import { assertLinkable, companiesService, contactsService, findByEmail, findByPhone, normaliseText } from '../contacts/index.js';
import { companyDomainOf, splitName } from './leads.logic.js';
import { leadsRepository as repo } from './leads.repository.js';

type Lead = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

async function loadLead(ex: Executor, p: Principal, id: string): Promise<{ lead: Lead; owner: string | null }> {
  const { def } = await definitionOf(ex, 'leads');
  const row = await loadLive(ex, def, p, id);
  return { lead: rowValues(def, row), owner: row.owner_id };
}

/** Errors of a nested write named under the input's key (`values.stage` of the deal → `deal.stage`). */
async function under<T>(prefix: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AppError && err.fields?.length && err.code === 'validation_failed') {
      const fields = err.fields.map((f) => ({ path: `${prefix}.${f.path.replace(/^values\./, '')}`, message: f.message }));
      throw new AppError(err.code, `${fields[0]!.path}: ${fields[0]!.message}`, fields);
    }
    throw err;
  }
}

export const convertService = {
  /** Existing contacts and companies this lead duplicates, visible to the reader. */
  async preview(db: Executor, p: Principal, id: string): Promise<ConvertPreview> {
    const { lead } = await loadLead(db, p, id);
    const reasons = new Map<string, Set<string>>();
    const add = (k: string, why: string) => { if (!reasons.has(k)) reasons.set(k, new Set()); reasons.get(k)!.add(why); };
    const email = str(lead.email);
    const phone = str(lead.phone);
    if (email) for (const c of await findByEmail(db, email)) add(c, 'email');
    if (phone) for (const c of await findByPhone(db, phone)) add(c, 'phone');
    const contacts = (await repo.contactsByIds(db, [...reasons.keys()]))
      .filter((c) => canAccessRecord(p, 'contacts', { ownerId: c.owner_id, teamId: c.team_id }))
      .map((c) => ({ id: c.id, name: c.display_name, detail: c.primary_email ?? c.primary_phone, reasons: [...reasons.get(c.id)!] }));
    const nameKey = str(lead.company_name) ? normaliseText(String(lead.company_name)) : null;
    const domain = companyDomainOf(email);
    const companies = nameKey || domain
      ? (await repo.companiesLike(db, nameKey, domain)).filter((c) => canAccessRecord(p, 'companies', { ownerId: c.owner_id, teamId: c.team_id })).map((c) => ({
        id: c.id, name: c.name, detail: c.domain,
        reasons: [...(nameKey && c.name_key === nameKey ? ['name'] : []), ...(domain && c.domain === domain ? ['domain'] : [])],
      }))
      : [];
    return { contacts, companies, converted: lead.status === 'converted' };
  },

  /** Converts a lead; 409 naming `status` when it already is. */
  async convert(database: Database, p: Principal, id: string, input: ConvertInput): Promise<{ leadId: string; contactId: string; companyId: string | null; dealId: string | null }> {
    assertCan(p, 'leads', 'update');
    return database.db.transaction().execute(async (trx) => {
      const { def, defs } = await definitionOf(trx, 'leads');
      const { lead, owner } = await loadLead(trx, p, id);
      if (lead.status === 'converted') throw new AppError('conflict', 'status: the lead is already converted', [{ path: 'status', message: 'already converted' }]);
      const ownerId = owner ?? undefined;
      const companyName = str(lead.company_name);
      const companyChoice = input.company === undefined ? (companyName ? 'new' : null) : input.company;
      let companyId: string | null = null;
      if (companyChoice === 'new') {
        if (!companyName) throw invalid('company', 'the lead names no company to create');
        companyId = await under('company', () => companiesService.create(trx, p, { name: companyName, domain: companyDomainOf(str(lead.email)), ownerId }));
      } else if (companyChoice) {
        await assertLinkable(trx, p, 'company', companyChoice.id, 'company.id');
        companyId = companyChoice.id;
      }
      let contactId: string;
      const contactChoice = input.contact ?? 'new';
      if (contactChoice === 'new') {
        const { givenName, familyName, nameOrder } = splitName(str(lead.name) ?? '');
        const email = str(lead.email);
        const phone = str(lead.phone);
        contactId = await under('contact', () => contactsService.create(trx, p, {
          givenName, familyName, nameOrder, emails: email ? [{ address: email }] : [], phones: phone ? [{ number: phone }] : [],
          jobTitle: str(lead.job_title), companyId, source: str(lead.source) ?? 'lead', ownerId,
        }));
      } else {
        await assertLinkable(trx, p, 'contact', contactChoice.id, 'contact.id');
        contactId = contactChoice.id;
      }
      let dealId: string | null = null;
      if (input.deal) {
        const deals = await definitionOf(trx, 'deals');
        const stage = input.deal.stage && input.deal.pipeline ? { pipeline: input.deal.pipeline, stage: input.deal.stage } : await repo.defaultStage(trx, input.deal.pipeline);
        if (!stage) throw invalid('deal.pipeline', 'no such pipeline with an open stage');
        const d = input.deal;
        dealId = await under('deal', () => pipeline.create(trx, deals.def, deals.defs, p, {
          values: {
            name: d.name, pipeline: stage.pipeline, stage: d.stage ?? stage.stage, contact: contactId, company: companyId,
            ...(d.amount !== undefined ? { amount: { amount: d.amount, currency: d.currency ?? 'VND' } } : {}),
          },
          derived: { lead: id },
          ownerId,
        }));
      }
      await pipeline.update(trx, def, defs, p, id, { derived: { status: 'converted', converted_at: nowIso(), contact: contactId, company: companyId, deal: dealId } });
      return { leadId: id, contactId, companyId, dealId };
    });
  },
};
