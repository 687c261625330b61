/**
 * Deals as a standard object of the records engine. A deal sits in one pipeline at one stage; the stage's
 * options (and the pipeline's) come from the `pipelines` / `pipeline_stages` tables at each registry load
 * (`prepare`), so the generic list, filters, saved views and board show stage names in both languages.
 * Status, probability, stage-entered time and close time are derived by the deals module's hooks (deals.hooks.ts);
 * pipeline and stage are not required: a new deal goes to the default pipeline's first stage.
 */
import { ANY_CURRENCY, field, option, ordered, registerStandardObject, type ObjectDefinition } from '../../platform/records/index.js';
import type { Executor } from '../../platform/db/db.js';
import type { SelectOption } from '../../../../contracts/records.js';
import { dealHooks } from './deals.hooks.js';

const label = (en: string, vi: string) => ({ en, vi });

export const dealFields = ordered([
  field('name', 'text', label('Deal name', 'Tên cơ hội'), { required: true, classification: 'public', searchable: true }),
  field('amount', 'money', label('Amount', 'Giá trị'), { currency: ANY_CURRENCY }),
  field('pipeline', 'select', label('Pipeline', 'Quy trình'), { options: [] }),
  field('stage', 'select', label('Stage', 'Giai đoạn'), { options: [] }),
  field('status', 'select', label('Status', 'Tình trạng'), {
    readOnly: true,
    options: [option('open', 'Open', 'Đang mở', 'blue'), option('won', 'Won', 'Thành công', 'green'), option('lost', 'Lost', 'Thất bại', 'red')],
  }),
  field('probability', 'percent', label('Probability', 'Xác suất'), { readOnly: true }),
  field('close_date', 'date', label('Expected close', 'Ngày chốt dự kiến')),
  field('forecast_category', 'select', label('Forecast category', 'Nhóm dự báo'), {
    default: 'pipeline',
    options: [option('pipeline', 'Pipeline', 'Tiềm năng', 'gray'), option('best_case', 'Best case', 'Khả quan', 'blue'), option('commit', 'Commit', 'Cam kết', 'green'), option('omitted', 'Omitted', 'Loại trừ', 'grape')],
  }),
  field('company', 'relation', label('Company', 'Công ty'), { relationTarget: 'companies' }),
  field('contact', 'relation', label('Primary contact', 'Liên hệ chính'), { relationTarget: 'contacts' }),
  field('lead', 'relation', label('From lead', 'Từ khách hàng tiềm năng'), { relationTarget: 'leads', readOnly: true }),
  field('lost_reason', 'text', label('Lost reason', 'Lý do thất bại')),
  field('warranty_ends', 'date', label('Warranty ends', 'Hết bảo hành')),
  field('stage_entered_at', 'datetime', label('In stage since', 'Vào giai đoạn lúc'), { readOnly: true }),
  field('closed_at', 'datetime', label('Closed', 'Đóng lúc'), { readOnly: true }),
  field('next_step_at', 'datetime', label('Next step', 'Bước tiếp theo'), { readOnly: true }),
  field('description', 'long_text', label('Description', 'Mô tả')),
]);

/** Stage and pipeline options from the module's tables (every pipeline's stages; the board shows one pipeline). */
async function prepare(db: Executor, def: ObjectDefinition): Promise<void> {
  const pipelines = await db.selectFrom('pipelines').select(['id', 'name', 'name_vi', 'position']).where('archived_at', 'is', null).orderBy('position').orderBy('id').execute();
  const stages = await db.selectFrom('pipeline_stages').select(['id', 'name', 'name_vi', 'color', 'position', 'pipeline_id']).orderBy('pipeline_id').orderBy('position').execute();
  const pipelineOptions: SelectOption[] = pipelines.map((p, i) => ({ value: p.id, labels: { en: p.name, vi: p.name_vi || p.name }, color: 'gray', position: i }) as SelectOption);
  const stageOptions: SelectOption[] = stages.map((s, i) => ({ value: s.id, labels: { en: s.name, vi: s.name_vi || s.name }, color: s.color, position: i }) as SelectOption);
  for (const f of def.fields) {
    if (f.key === 'pipeline') f.options = pipelineOptions;
    if (f.key === 'stage') f.options = stageOptions;
  }
}

export const dealsDefinition: Omit<ObjectDefinition, 'custom' | 'version' | 'createdAt' | 'updatedAt'> = {
  name: 'deals', apiPath: 'deals', table: 'deals', icon: 'target', titleField: 'name', permissionModule: 'deals',
  labels: { en: { singular: 'Deal', plural: 'Deals' }, vi: { singular: 'Cơ hội', plural: 'Cơ hội' } },
  fields: dealFields,
  prepare,
  hooks: dealHooks,
};

registerStandardObject(dealsDefinition);
