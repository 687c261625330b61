/**
 * The deals board of one pipeline: per stage the count, sum and weighted sum (amount × stage probability, per
 * currency) of the deals the caller may see (the list's scope, filters and search), and the first cards of each
 * stage, newest first; `stage` + `cursor` pages one column. Each column is one index range (deals_board).
 */
import { sql, type SqlBool } from 'kysely';
import type { Board, BoardColumn, boardQuery } from '../../../../contracts/deals.js';
import type { z } from 'zod';
import type { Principal } from '../../platform/auth/principal.js';
import type { Database } from '../../platform/db/db.js';
import { invalid, notFound } from '../../platform/http/errors.js';
import { decodeCursor, encodeCursor, invalidCursor } from '../../platform/http/pagination.js';
import {
  assertCan, canSeeField, definitionOf, engineConfig, listConditions, presentRecord, recordsRepository, specOf, type RecordRow,
} from '../../platform/records/index.js';
import { canSeeRow } from '../../platform/records/policy.js';
import { dealsRepository as repo } from './deals.repository.js';
import { presentPipeline } from './pipelines.service.js';

type BoardQuery = z.output<typeof boardQuery>;
const DAY = 86_400_000;

/** Rounded weighted amount: sum × probability %. */
export const weighted = (sum: number, probability: number) => Math.round((sum * probability) / 100);

/**
 * @param signFor signs a column's next-page cursor for the request that will send it back (`stage` = that column).
 */
export async function board(database: Database, p: Principal, q: BoardQuery, signFor: (stageId: string, pipelineId: string, payload: string) => string): Promise<Board> {
  assertCan(p, 'deals', 'read');
  const db = database.db;
  const { def, defs } = await definitionOf(db, 'deals');
  const pipelineRow = q.pipeline ? await repo.pipeline(db, q.pipeline) : await repo.defaultPipeline(db);
  if (!pipelineRow) throw q.pipeline ? invalid('pipeline', 'no such pipeline') : notFound('pipeline');
  const stageRows = await repo.stages(db, [pipelineRow.id]);
  const pipeline = presentPipeline(pipelineRow, stageRows);
  if (q.stage && !stageRows.some((s) => s.id === q.stage)) throw invalid('stage', 'not a stage of this pipeline');
  if (q.cursor && !q.stage) throw invalid('cursor', 'page one column: send stage with cursor');

  const base = listConditions(database.dialect, def, defs, p, specOf(def, p, { filter: q.filter, q: q.q }), 'r', engineConfig.region);
  base.push(sql<SqlBool>`r.pipeline = ${pipelineRow.id}`);
  const amountField = def.fields.find((f) => f.key === 'amount');
  const seeAmounts = !!amountField && canSeeField(p, amountField);
  const totalsRows = await repo.stageTotals(db, base);
  const now = Date.now();

  const columns: BoardColumn[] = [];
  for (const stage of pipeline.stages) {
    if (q.stage && stage.id !== q.stage) continue;
    const mine = totalsRows.filter((t) => t.stage === stage.id);
    const where = [...base, sql<SqlBool>`r.stage = ${stage.id}`];
    const after = decodeCursor(q.cursor, 2);
    if (q.cursor && !after) throw invalidCursor();
    if (after) where.push(sql<SqlBool>`(r.created_at < ${after[0]} or (r.created_at = ${after[0]} and r.id < ${after[1]}))`);
    const rows = await recordsRepository.page(db, def, where, [sql`r.created_at desc`, sql`r.id desc`], q.limit + 1);
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    columns.push({
      stage,
      count: mine.reduce((n, t) => n + t.n, 0),
      totals: seeAmounts ? mine.filter((t) => t.currency !== null).map((t) => ({ currency: t.currency!, sum: t.total, weighted: weighted(t.total, stage.probability) })) : [],
      cards: await cards(database, def, p, page, stage.rotDays, now),
      nextCursor: rows.length > q.limit && last ? signFor(stage.id, pipelineRow.id, encodeCursor([last.created_at, last.id])) : null,
    });
  }
  const byCurrency = new Map<string, { sum: number; weighted: number }>();
  for (const c of columns) for (const t of c.totals) {
    const acc = byCurrency.get(t.currency) ?? { sum: 0, weighted: 0 };
    byCurrency.set(t.currency, { sum: acc.sum + t.sum, weighted: acc.weighted + t.weighted });
  }
  return { pipeline, columns, totals: [...byCurrency].map(([currency, t]) => ({ currency, ...t })) };
}

async function cards(database: Database, def: Parameters<typeof presentRecord>[0], p: Principal, rows: RecordRow[], rotDays: number | null, now: number): Promise<BoardColumn['cards']> {
  const db = database.db;
  const records = rows.map((r) => presentRecord(def, r, p));
  const companyIds = records.map((r) => r.values.company).filter((v): v is string => typeof v === 'string');
  const companies = new Map((await recordsRepository.refs(db, 'companies', 'name', companyIds))
    .filter((c) => c.deleted_at === null && canSeeRow(p, 'companies', c)).map((c) => [c.id, String(c.title ?? '')]));
  const owners = await repo.userNames(db, [...new Set(records.map((r) => r.ownerId).filter((v): v is string => !!v))]);
  const next = await repo.nextSteps(db, records.map((r) => r.id));
  return records.map((r) => {
    const v = r.values;
    const entered = typeof v.stage_entered_at === 'string' ? v.stage_entered_at : null;
    const days = entered ? Math.floor((now - Date.parse(entered)) / DAY) : null;
    const company = typeof v.company === 'string' && companies.has(v.company) ? { id: v.company, title: companies.get(v.company)! } : null;
    return {
      id: r.id, name: r.title, version: r.version, amount: (v.amount as { amount: number; currency: string } | null) ?? null,
      ownerId: r.ownerId, ownerName: r.ownerId ? owners.get(r.ownerId) ?? null : null, company,
      closeDate: typeof v.close_date === 'string' ? v.close_date : null, stageEnteredAt: entered, daysInStage: days,
      rotting: rotDays !== null && days !== null && days > rotDays,
      nextStepAt: next.get(r.id) ?? null, noNextStep: !next.has(r.id),
    };
  });
}
