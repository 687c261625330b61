/** Lead use cases: public capture, scoring and assignment rules (admin), rescore. Each write is one transaction. */
import type { AssignmentRuleInput, PublicLeadInput, ScoringRuleInput } from '../../../../contracts/leads.js';
import type { Database, Executor } from '../../platform/db/db.js';
import { AppError, invalid, notFound } from '../../platform/http/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { definitionOf, fromColumn, pipeline } from '../../platform/records/index.js';
import { scoreLead, systemPrincipal } from './leads.assignment.js';
import { leadsRepository as repo, type AssignmentRuleRow, type ScoringRuleRow } from './leads.repository.js';
import { scoreOf } from './leads.logic.js';

/** Public form names of lead fields, for errors that name what the form sent. */
const publicNames: Record<string, string> = { company_name: 'company', job_title: 'jobTitle', product_interest: 'productInterest' };

/** A value the referrer field accepts, or null (a malformed Referer header is dropped, not an error). */
function referrerOf(header: string | undefined): string | null {
  if (!header) return null;
  try {
    const u = new URL(header);
    return u.protocol === 'http:' || u.protocol === 'https:' ? header.slice(0, 2000) : null;
  } catch {
    return null;
  }
}

export const leadsService = {
  /**
   * Stores a web-form lead as the system (source web_form, owner from the assignment rules). A filled honeypot
   * stores nothing and answers like a success. 400 naming the form's field.
   */
  async capture(database: Database, input: PublicLeadInput, refererHeader: string | undefined): Promise<void> {
    if (input.website) return;
    const email = input.email || null;
    const phone = input.phone || null;
    if (!email && !phone) throw invalid('email', 'an email or a phone is required');
    const values: Record<string, unknown> = {
      name: input.name || email || phone, email, phone, company_name: input.company || null, job_title: input.jobTitle || null,
      message: input.message || null, product_interest: input.productInterest || null, region: input.region || null,
      utm_source: input.utm_source || null, utm_medium: input.utm_medium || null, utm_campaign: input.utm_campaign || null,
      utm_term: input.utm_term || null, utm_content: input.utm_content || null, referrer: input.referrer || referrerOf(refererHeader), source: 'web_form',
    };
    try {
      await database.db.transaction().execute(async (trx) => {
        const { def, defs } = await definitionOf(trx, 'leads');
        await pipeline.create(trx, def, defs, systemPrincipal(), { values, ownerId: null });
      });
    } catch (err) {
      if (err instanceof AppError && err.fields?.length) {
        const fields = err.fields.map((f) => { const key = f.path.replace(/^values\./, ''); return { path: publicNames[key] ?? key, message: f.message }; });
        throw new AppError(err.code, `${fields[0]!.path}: ${fields[0]!.message}`, fields);
      }
      throw err;
    }
  },

  listScoringRules: (db: Executor) => repo.scoringRules(db),

  async createScoringRule(database: Database, input: ScoringRuleInput): Promise<ScoringRuleRow> {
    return database.db.transaction().execute(async (trx) => {
      const value = await checkScoringRule(trx, input);
      const now = nowIso();
      const row: ScoringRuleRow = {
        id: newId(), field: input.field, operator: input.operator, value, points: input.points, active: input.active === false ? 0 : 1,
        position: await repo.nextScoringPosition(trx), created_at: now, updated_at: now,
      };
      await repo.insertScoringRule(trx, row);
      return row;
    });
  },

  async updateScoringRule(database: Database, id: string, input: ScoringRuleInput): Promise<ScoringRuleRow> {
    return database.db.transaction().execute(async (trx) => {
      if (!(await repo.scoringRule(trx, id))) throw notFound('scoring rule');
      const value = await checkScoringRule(trx, input);
      await repo.updateScoringRule(trx, id, { field: input.field, operator: input.operator, value, points: input.points, active: input.active === false ? 0 : 1, updated_at: nowIso() });
      return (await repo.scoringRule(trx, id))!;
    });
  },

  async deleteScoringRule(database: Database, id: string): Promise<void> {
    const r = await repo.deleteScoringRule(database.db, id);
    if (Number(r.numDeletedRows) === 0) throw notFound('scoring rule');
  },

  /** Recomputes every live lead's score with the current rules (one transaction); returns counts. */
  async rescore(database: Database): Promise<{ scored: number; changed: number }> {
    return database.db.transaction().execute(async (trx) => {
      const { def } = await definitionOf(trx, 'leads');
      const rules = await repo.scoringRules(trx, true);
      const fields = def.fields.filter((f) => rules.some((r) => r.field === f.key));
      const columns = [...new Set(fields.map((f) => f.column))];
      let scored = 0;
      let changed = 0;
      let after: string | null = null;
      for (;;) {
        const page = await repo.leadsPage(trx, columns, after, 500);
        for (const row of page) {
          const values = Object.fromEntries(fields.map((f) => [f.key, fromColumn(f, row[f.column])]));
          const score = scoreOf(rules, values);
          scored++;
          if (row.score === null || Number(row.score) !== score) { await repo.setScore(trx, String(row.id), score); changed++; }
        }
        if (page.length < 500) return { scored, changed };
        after = String(page[page.length - 1]!.id);
      }
    });
  },

  listAssignmentRules: (db: Executor) => repo.assignmentRules(db),

  async createAssignmentRule(database: Database, input: AssignmentRuleInput): Promise<AssignmentRuleRow> {
    return database.db.transaction().execute(async (trx) => {
      await checkAssignmentRule(trx, input);
      const now = nowIso();
      const id = newId();
      const rules = await repo.assignmentRules(trx);
      await repo.insertAssignmentRule(trx, {
        id, name: input.name, position: rules.length, conditions: JSON.stringify(input.conditions ?? {}), team_id: input.teamId ?? null,
        user_id: input.userId ?? null, active: input.active === false ? 0 : 1, created_at: now, updated_at: now,
      });
      if (input.position !== undefined) await move(trx, id, input.position);
      return (await repo.assignmentRule(trx, id))!;
    });
  },

  async updateAssignmentRule(database: Database, id: string, input: AssignmentRuleInput): Promise<AssignmentRuleRow> {
    return database.db.transaction().execute(async (trx) => {
      if (!(await repo.assignmentRule(trx, id))) throw notFound('assignment rule');
      await checkAssignmentRule(trx, input);
      await repo.updateAssignmentRule(trx, id, {
        name: input.name, conditions: JSON.stringify(input.conditions ?? {}), team_id: input.teamId ?? null, user_id: input.userId ?? null,
        active: input.active === false ? 0 : 1, updated_at: nowIso(),
      });
      if (input.position !== undefined) await move(trx, id, input.position);
      return (await repo.assignmentRule(trx, id))!;
    });
  },

  async deleteAssignmentRule(database: Database, id: string): Promise<void> {
    await database.db.transaction().execute(async (trx) => {
      const r = await repo.deleteAssignmentRule(trx, id);
      if (Number(r.numDeletedRows) === 0) throw notFound('assignment rule');
      await repo.reorderAssignmentRules(trx, (await repo.assignmentRules(trx)).map((x) => x.id));
    });
  },

  /** A lead's score as the rules would compute it now (tests and the settings page's preview). */
  scoreOf: scoreLead,
};

async function move(trx: Executor, id: string, position: number): Promise<void> {
  const ids = (await repo.assignmentRules(trx)).map((r) => r.id).filter((x) => x !== id);
  ids.splice(Math.min(position, ids.length), 0, id);
  await repo.reorderAssignmentRules(trx, ids);
}

const NUMERIC = new Set(['number', 'percent', 'money', 'rating']);

/** Validates a scoring rule against the leads definition; returns the value to store. 400 naming the field. */
async function checkScoringRule(trx: Executor, input: ScoringRuleInput): Promise<string | null> {
  const { def } = await definitionOf(trx, 'leads');
  const f = def.fields.find((x) => x.key === input.field && !x.archived);
  if (!f || f.key === 'score') throw invalid('field', `"${input.field}" is not a field a lead can be scored on`);
  if (input.operator === 'is_set') return null;
  const value = input.value?.trim() ?? '';
  if (!value) throw invalid('value', 'required for this operator');
  if (input.operator === 'gt' || input.operator === 'lt') {
    if (!NUMERIC.has(f.type)) throw invalid('operator', `${input.operator} needs a number field; ${f.key} is ${f.type}`);
    if (!Number.isFinite(Number(value))) throw invalid('value', 'expected a number');
    return value;
  }
  if ((f.type === 'select' || f.type === 'multi_select') && input.operator !== 'contains' && !f.options?.some((o) => o.value === value)) {
    throw invalid('value', `"${value}" is not an option of ${f.key}`);
  }
  if (NUMERIC.has(f.type) && input.operator !== 'contains' && !Number.isFinite(Number(value))) throw invalid('value', 'expected a number');
  return value;
}

/** Validates an assignment rule: exactly one target that exists (an active user), known sources. 400 naming the field. */
async function checkAssignmentRule(trx: Executor, input: AssignmentRuleInput): Promise<void> {
  if (!!input.teamId === !!input.userId) throw invalid('teamId', 'give either a team (round robin) or a user');
  if (input.teamId && !(await repo.team(trx, input.teamId))) throw invalid('teamId', 'no such team');
  if (input.userId) {
    const u = await repo.user(trx, input.userId);
    if (!u || u.active !== 1) throw invalid('userId', 'no such active user');
  }
  const { def } = await definitionOf(trx, 'leads');
  const sources = def.fields.find((f) => f.key === 'source')?.options?.map((o) => o.value) ?? [];
  (input.conditions?.source ?? []).forEach((s, i) => {
    if (!sources.includes(s)) throw invalid(`conditions.source.${i}`, `"${s}" is not a lead source`);
  });
}
