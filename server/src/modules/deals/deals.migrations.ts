import { sql, type Kysely } from 'kysely';
import type { MigrationSet } from '../../platform/db/migrate.js';
import type { Executor } from '../../platform/db/db.js';
import { addObjectColumn, createFieldIndex, createObjectTable } from '../../platform/db/records-ddl.js';
import { newId, nowIso } from '../../platform/ids.js';

/**
 * The seeds' whole process as the default pipeline: prospect → qualified → proposal → negotiation → won (purchase)
 * → shipping → after-sale care → warranty, plus lost. Won and the stages after it count as won; each of those
 * creates its follow-up task (delivery, satisfaction call, renewal offer before the warranty ends).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function seedDefaultPipeline(db: Kysely<any>): Promise<void> {
  const now = nowIso();
  const pipelineId = newId();
  await db.insertInto('pipelines').values({ id: pipelineId, name: 'Sales', name_vi: 'Bán hàng', currency: 'VND', is_default: 1, position: 0, created_at: now, updated_at: now }).execute();
  const task = (en: string, vi: string, type: string, dueInDays: number, from = 'entered') => ({ title: { en, vi }, type, dueInDays, from, assignee: 'owner' });
  const stages = [
    { name: 'Prospect', name_vi: 'Tiềm năng', probability: 10, rot_days: 14, outcome: 'open', color: 'gray', tasks: [task('Qualify the need and budget', 'Xác định nhu cầu và ngân sách', 'call', 2)] },
    { name: 'Qualified', name_vi: 'Đủ điều kiện', probability: 25, rot_days: 14, outcome: 'open', color: 'blue', tasks: [] },
    { name: 'Proposal', name_vi: 'Báo giá', probability: 50, rot_days: 10, outcome: 'open', color: 'cyan', tasks: [], required_fields: ['amount'] },
    { name: 'Negotiation', name_vi: 'Đàm phán', probability: 75, rot_days: 7, outcome: 'open', color: 'violet', tasks: [], required_fields: ['amount', 'close_date'] },
    { name: 'Won', name_vi: 'Đã mua', probability: 100, rot_days: null, outcome: 'won', color: 'green', tasks: [task('Schedule the delivery', 'Lên lịch giao hàng', 'todo', 1)], required_fields: ['amount'] },
    { name: 'Shipping', name_vi: 'Giao hàng', probability: 100, rot_days: 7, outcome: 'won', color: 'teal', tasks: [task('Call to check satisfaction', 'Gọi hỏi thăm mức độ hài lòng', 'call', 7)] },
    { name: 'After-sale care', name_vi: 'Chăm sóc sau bán', probability: 100, rot_days: null, outcome: 'won', color: 'lime', tasks: [] },
    { name: 'Warranty', name_vi: 'Bảo hành', probability: 100, rot_days: null, outcome: 'won', color: 'yellow', tasks: [task('Send a renewal offer', 'Gửi đề nghị gia hạn', 'email', -30, 'warranty_end')], required_fields: ['warranty_ends'] },
    { name: 'Lost', name_vi: 'Thất bại', probability: 0, rot_days: null, outcome: 'lost', color: 'red', tasks: [], required_fields: ['lost_reason'] },
  ];
  for (const [i, st] of stages.entries()) {
    await db.insertInto('pipeline_stages').values({
      id: newId(), pipeline_id: pipelineId, name: st.name, name_vi: st.name_vi, position: i, probability: st.probability, rot_days: st.rot_days,
      outcome: st.outcome, required_fields: JSON.stringify(st.required_fields ?? []), tasks: JSON.stringify(st.tasks), color: st.color,
    }).execute();
  }
}

/** Frozen: never edit a migration that has landed; add a new one. */
export const dealsMigrations: MigrationSet = {
  '20261207_0610_deals': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>, dialect) {
      await db.schema.createTable('pipelines')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_vi', 'text')
        .addColumn('currency', 'text', (c) => c.notNull().defaultTo('VND'))
        .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('archived_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('pipeline_stages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('pipeline_id', 'text', (c) => c.notNull().references('pipelines.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_vi', 'text')
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('probability', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('rot_days', 'integer')
        .addColumn('outcome', 'text', (c) => c.notNull().defaultTo('open'))
        .addColumn('required_fields', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('tasks', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('color', 'text', (c) => c.notNull().defaultTo('gray'))
        .execute();
      await db.schema.createIndex('pipeline_stages_pipeline').on('pipeline_stages').columns(['pipeline_id', 'position']).execute();

      const ex = db as unknown as Executor;
      await createObjectTable(ex, dialect, 'deals');
      const columns: [string, 'text' | 'real' | 'bigint' | 'integer'][] = [
        ['name', 'text'], ['amount', 'bigint'], ['amount_currency', 'text'], ['pipeline', 'text'], ['stage', 'text'], ['status', 'text'],
        ['probability', 'real'], ['close_date', 'text'], ['forecast_category', 'text'], ['company', 'text'], ['contact', 'text'],
        ['lead', 'text'], ['lost_reason', 'text'], ['warranty_ends', 'text'], ['stage_entered_at', 'text'], ['closed_at', 'text'],
        ['next_step_at', 'text'], ['description', 'text'],
      ];
      for (const [c, kind] of columns) await addObjectColumn(ex, dialect, 'deals', c, kind);
      for (const c of ['name', 'amount', 'status', 'probability', 'close_date', 'forecast_category', 'company', 'contact', 'lead', 'warranty_ends', 'stage_entered_at', 'closed_at', 'next_step_at']) {
        await createFieldIndex(ex, dialect, 'deals', c, c === 'status' || c === 'forecast_category');
      }
      // The board: one pipeline's live deals per stage, newest first; forecast: by close date within a pipeline.
      await sql`create index deals_board on deals (pipeline, stage, created_at, id) where deleted_at is null`.execute(db);
      await sql`create index deals_forecast on deals (close_date, pipeline, owner_id) where deleted_at is null`.execute(db);

      await db.schema.createTable('deal_stage_history')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('deal_id', 'text', (c) => c.notNull())
        .addColumn('pipeline_id', 'text', (c) => c.notNull())
        .addColumn('from_stage', 'text')
        .addColumn('to_stage', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('seconds_in_previous', 'integer')
        .execute();
      await db.schema.createIndex('deal_stage_history_deal').on('deal_stage_history').columns(['deal_id', 'at']).execute();
      await db.schema.createTable('deal_line_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('deal_id', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('product_id', 'text')
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('quantity', 'real', (c) => c.notNull())
        .addColumn('unit_price', 'bigint', (c) => c.notNull())
        .addColumn('discount_percent', 'real', (c) => c.notNull().defaultTo(0))
        .addColumn('total', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('deal_line_items_deal').on('deal_line_items').columns(['deal_id', 'position']).execute();
      await db.schema.createTable('deal_contacts')
        .addColumn('deal_id', 'text', (c) => c.notNull())
        .addColumn('contact_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text')
        .addPrimaryKeyConstraint('deal_contacts_pk', ['deal_id', 'contact_id'])
        .execute();
      await db.schema.createIndex('deal_contacts_contact').on('deal_contacts').columns(['contact_id']).execute();
      await db.schema.createTable('quotas')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .addUniqueConstraint('quotas_user_period', ['user_id', 'period'])
        .execute();
      await seedDefaultPipeline(db);
    },
  },
  '20261207_0700_deals_board_totals': {
    // The board's per-stage totals read only these columns: a covering index makes them an index-only scan.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await sql`create index deals_board_totals on deals (pipeline, stage, amount_currency, amount) where deleted_at is null`.execute(db);
    },
  },
};
