/**
 * Contracts as a standard object of the records engine (`/api/v1/contracts`): parties (company, contact), terms,
 * start/end, value, renewal (manual/automatic), status, the quote and deal it came from, and the days before the end
 * at which the owner is reminded (contracts.jobs.ts). Signed files: `/contracts/{id}/files`.
 */
import { AppError } from '../../platform/http/errors.js';
import { ANY_CURRENCY, field, option, ordered, registerStandardObject, type ObjectDefinition, type WriteContext } from '../../platform/records/index.js';

const label = (en: string, vi: string) => ({ en, vi });

export const contractFields = ordered([
  field('title', 'text', label('Title', 'Tên hợp đồng'), { required: true, classification: 'public', searchable: true }),
  field('status', 'select', label('Status', 'Trạng thái'), {
    default: 'draft',
    options: [
      option('draft', 'Draft', 'Nháp', 'gray'), option('active', 'Active', 'Hiệu lực', 'green'), option('expired', 'Ended', 'Đã kết thúc', 'grape'),
      option('renewed', 'Renewed', 'Đã gia hạn', 'blue'), option('terminated', 'Terminated', 'Đã chấm dứt', 'red'),
    ],
  }),
  field('company', 'relation', label('Company', 'Công ty'), { relationTarget: 'companies' }),
  field('contact', 'relation', label('Contact', 'Liên hệ'), { relationTarget: 'contacts' }),
  field('start_date', 'date', label('Start', 'Ngày bắt đầu')),
  field('end_date', 'date', label('End', 'Ngày kết thúc')),
  field('value', 'money', label('Value', 'Giá trị'), { currency: ANY_CURRENCY }),
  field('renewal', 'select', label('Renewal', 'Gia hạn'), {
    default: 'manual', options: [option('manual', 'Manual', 'Thủ công', 'gray'), option('automatic', 'Automatic', 'Tự động', 'teal')],
  }),
  field('reminder_days', 'number', label('Remind days before the end', 'Nhắc trước khi hết hạn (ngày)'), { default: 30 }),
  field('terms', 'long_text', label('Terms', 'Điều khoản')),
  field('quote', 'relation', label('From quote', 'Từ báo giá'), { relationTarget: 'quotes', readOnly: true }),
  field('deal', 'relation', label('Deal', 'Cơ hội'), { relationTarget: 'deals' }),
  field('renewal_deal', 'relation', label('Renewal deal', 'Cơ hội gia hạn'), { relationTarget: 'deals', readOnly: true }),
]);

async function beforeWrite(ctx: WriteContext): Promise<void> {
  if (ctx.kind !== 'created' && ctx.kind !== 'updated') return;
  const merged = { ...(ctx.before ?? {}), ...ctx.values };
  if (merged.start_date && merged.end_date && String(merged.end_date) < String(merged.start_date)) {
    throw new AppError('validation_failed', 'values.end_date: the end is before the start', [{ path: 'values.end_date', message: 'the end is before the start' }]);
  }
  const value = merged.value as { amount: number } | null | undefined;
  if (value && value.amount < 0) throw new AppError('validation_failed', 'values.value: must not be negative', [{ path: 'values.value', message: 'must not be negative' }]);
  const days = merged.reminder_days;
  if (days !== null && days !== undefined && (!Number.isInteger(days) || Number(days) < 0 || Number(days) > 365)) {
    throw new AppError('validation_failed', 'values.reminder_days: expected whole days from 0 to 365', [{ path: 'values.reminder_days', message: 'expected whole days from 0 to 365' }]);
  }
}

export const contractsDefinition: Omit<ObjectDefinition, 'custom' | 'version' | 'createdAt' | 'updatedAt'> = {
  name: 'contracts', apiPath: 'contracts', table: 'contracts', icon: 'file-certificate', titleField: 'title', permissionModule: 'contracts',
  labels: { en: { singular: 'Contract', plural: 'Contracts' }, vi: { singular: 'Hợp đồng', plural: 'Hợp đồng' } },
  fields: contractFields,
  hooks: { beforeWrite },
};

registerStandardObject(contractsDefinition);
