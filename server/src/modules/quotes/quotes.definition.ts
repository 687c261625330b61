/**
 * Quotes as a standard object of the records engine (`/api/v1/quotes`). Number (series Q-<year>-0001), revision,
 * status, approval, totals and the customer's answer are read-only: the quotes module's own code sets them (lines,
 * send, approve, revise, the public link). A quote that left draft is read-only (quotes.hooks.ts); revise it instead.
 */
import { ANY_CURRENCY, field, option, ordered, registerStandardObject, type ObjectDefinition } from '../../platform/records/index.js';
import { quoteHooks } from './quotes.hooks.js';

const label = (en: string, vi: string) => ({ en, vi });

export const QUOTE_STATUSES = ['draft', 'pending_approval', 'sent', 'accepted', 'declined', 'expired', 'revised'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

export const quoteFields = ordered([
  field('number', 'text', label('Number', 'Số báo giá'), { readOnly: true, classification: 'public', searchable: true }),
  field('revision', 'number', label('Version', 'Phiên bản'), { readOnly: true }),
  field('title', 'text', label('Title', 'Tiêu đề'), { classification: 'public', searchable: true }),
  field('status', 'select', label('Status', 'Trạng thái'), {
    readOnly: true,
    options: [
      option('draft', 'Draft', 'Nháp', 'gray'), option('pending_approval', 'Pending approval', 'Chờ duyệt', 'orange'),
      option('sent', 'Sent', 'Đã gửi', 'blue'), option('accepted', 'Accepted', 'Đã chấp nhận', 'green'),
      option('declined', 'Declined', 'Bị từ chối', 'red'), option('expired', 'Expired', 'Hết hạn', 'grape'),
      option('revised', 'Revised', 'Đã điều chỉnh', 'indigo'),
    ],
  }),
  field('deal', 'relation', label('Deal', 'Cơ hội'), { relationTarget: 'deals' }),
  field('company', 'relation', label('Company', 'Công ty'), { relationTarget: 'companies' }),
  field('contact', 'relation', label('Contact', 'Liên hệ'), { relationTarget: 'contacts' }),
  // ISO 4217 code (VND, USD, EUR); text, not a select: option values are lower-case slugs.
  field('currency', 'text', label('Currency (ISO 4217)', 'Tiền tệ (ISO 4217)'), { default: 'VND' }),
  field('valid_until', 'date', label('Valid until', 'Hiệu lực đến')),
  field('language', 'select', label('Language', 'Ngôn ngữ'), { options: [option('vi', 'Vietnamese', 'Tiếng Việt', 'gray'), option('en', 'English', 'Tiếng Anh', 'gray')] }),
  field('subtotal', 'money', label('Subtotal', 'Cộng tiền hàng'), { currency: ANY_CURRENCY, readOnly: true }),
  field('discount_total', 'money', label('Discount', 'Chiết khấu'), { currency: ANY_CURRENCY, readOnly: true }),
  field('tax_total', 'money', label('Tax', 'Thuế'), { currency: ANY_CURRENCY, readOnly: true }),
  field('total', 'money', label('Total', 'Tổng cộng'), { currency: ANY_CURRENCY, readOnly: true }),
  field('max_discount', 'percent', label('Largest discount', 'Chiết khấu lớn nhất'), { readOnly: true }),
  field('approval', 'select', label('Discount approval', 'Duyệt chiết khấu'), {
    readOnly: true,
    options: [option('not_needed', 'Not needed', 'Không cần', 'gray'), option('pending', 'Pending', 'Chờ duyệt', 'orange'), option('approved', 'Approved', 'Đã duyệt', 'green')],
  }),
  field('approved_by', 'user', label('Approved by', 'Người duyệt'), { readOnly: true }),
  field('approved_at', 'datetime', label('Approved', 'Duyệt lúc'), { readOnly: true }),
  field('sent_at', 'datetime', label('Sent', 'Gửi lúc'), { readOnly: true }),
  field('sent_to', 'email', label('Sent to', 'Gửi tới'), { readOnly: true }),
  field('decided_at', 'datetime', label('Answered', 'Khách trả lời lúc'), { readOnly: true }),
  field('decided_by_name', 'text', label('Answered by', 'Người trả lời'), { readOnly: true }),
  field('decided_ip', 'text', label('Answer IP address', 'Địa chỉ IP khi trả lời'), { readOnly: true }),
  field('decline_reason', 'text', label('Decline reason', 'Lý do từ chối'), { readOnly: true }),
  field('previous', 'relation', label('Previous version', 'Phiên bản trước'), { relationTarget: 'quotes', readOnly: true }),
  field('notes', 'long_text', label('Notes', 'Ghi chú')),
]);

export const quotesDefinition: Omit<ObjectDefinition, 'custom' | 'version' | 'createdAt' | 'updatedAt'> = {
  name: 'quotes', apiPath: 'quotes', table: 'quotes', icon: 'file-invoice', titleField: 'number', permissionModule: 'quotes',
  labels: { en: { singular: 'Quote', plural: 'Quotes' }, vi: { singular: 'Báo giá', plural: 'Báo giá' } },
  fields: quoteFields,
  hooks: quoteHooks,
};

registerStandardObject(quotesDefinition);
