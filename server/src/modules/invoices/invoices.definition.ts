/**
 * Invoices (credit notes are invoices of kind `credit_note`) and payments as standard objects of the records engine.
 * Numbers, status, dates due and every figure are the module's (read-only): lines, issuing, payments and credit
 * notes set them through invoices.service.ts and payments.service.ts. Rules: invoices.hooks.ts.
 */
import { ANY_CURRENCY, field, option, ordered, registerStandardObject, type ObjectDefinition } from '../../platform/records/index.js';
import { invoiceHooks, paymentHooks } from './invoices.hooks.js';

const label = (en: string, vi: string) => ({ en, vi });
const ro = { readOnly: true } as const;
const money = (key: string, en: string, vi: string) => field(key, 'money', label(en, vi), { ...ro, currency: ANY_CURRENCY });

/** Currencies a document may be in (the select's options; amounts are minor units of it). */
export const documentCurrencies = [option('VND', 'VND', 'VND', 'red'), option('USD', 'USD', 'USD', 'green'), option('EUR', 'EUR', 'EUR', 'blue')];

export const invoiceFields = ordered([
  field('subject', 'text', label('Subject', 'Nội dung'), { classification: 'public', searchable: true }),
  field('number', 'text', label('Number', 'Số hoá đơn'), { ...ro, unique: true, classification: 'public', searchable: true }),
  field('kind', 'select', label('Kind', 'Loại'), { ...ro, default: 'invoice', options: [option('invoice', 'Invoice', 'Hoá đơn', 'blue'), option('credit_note', 'Credit note', 'Hoá đơn điều chỉnh giảm', 'grape')] }),
  field('status', 'select', label('Status', 'Trạng thái'), {
    ...ro, default: 'draft',
    options: [
      option('draft', 'Draft', 'Nháp', 'gray'), option('issued', 'Issued', 'Đã phát hành', 'blue'), option('partially_paid', 'Partially paid', 'Thanh toán một phần', 'cyan'),
      option('paid', 'Paid', 'Đã thanh toán', 'green'), option('overdue', 'Overdue', 'Quá hạn', 'red'), option('credited', 'Credited', 'Đã điều chỉnh', 'grape'),
      option('void', 'Void', 'Đã huỷ', 'orange'),
    ],
  }),
  field('company', 'relation', label('Company', 'Công ty'), { relationTarget: 'companies' }),
  field('contact', 'relation', label('Contact', 'Liên hệ'), { relationTarget: 'contacts' }),
  field('order', 'relation', label('Order', 'Đơn hàng'), { ...ro, column: 'order_id', relationTarget: 'orders' }),
  field('credit_for', 'relation', label('Credits invoice', 'Điều chỉnh cho hoá đơn'), { ...ro, relationTarget: 'invoices' }),
  field('currency', 'select', label('Currency', 'Tiền tệ'), { required: true, default: 'VND', options: documentCurrencies }),
  field('issue_date', 'date', label('Issue date', 'Ngày phát hành')),
  field('payment_terms', 'number', label('Payment terms (days)', 'Thời hạn thanh toán (ngày)'), { default: 30 }),
  field('due_date', 'date', label('Due date', 'Hạn thanh toán'), ro),
  money('subtotal', 'Subtotal', 'Cộng tiền hàng'),
  money('tax_total', 'Tax', 'Thuế GTGT'),
  money('total', 'Total', 'Tổng cộng'),
  money('amount_paid', 'Paid', 'Đã thanh toán'),
  money('amount_credited', 'Credited', 'Đã điều chỉnh giảm'),
  money('balance', 'Balance', 'Còn phải thu'),
  field('notes', 'long_text', label('Notes', 'Ghi chú')),
]);

export const invoicesDefinition: Omit<ObjectDefinition, 'custom' | 'version' | 'createdAt' | 'updatedAt'> = {
  name: 'invoices', apiPath: 'invoices', table: 'invoices', icon: 'receipt', titleField: 'subject', permissionModule: 'invoices',
  labels: { en: { singular: 'Invoice', plural: 'Invoices' }, vi: { singular: 'Hoá đơn', plural: 'Hoá đơn' } },
  fields: invoiceFields,
  hooks: invoiceHooks,
};

export const paymentFields = ordered([
  field('number', 'text', label('Number', 'Số phiếu thu'), { ...ro, unique: true, classification: 'public', searchable: true }),
  field('method', 'select', label('Method', 'Hình thức'), {
    required: true, default: 'bank_transfer',
    options: [option('cash', 'Cash', 'Tiền mặt', 'green'), option('bank_transfer', 'Bank transfer', 'Chuyển khoản', 'blue'), option('card', 'Card', 'Thẻ', 'violet')],
  }),
  field('reference', 'text', label('Reference', 'Mã tham chiếu'), { searchable: true }),
  field('amount', 'money', label('Amount', 'Số tiền'), { required: true, currency: ANY_CURRENCY }),
  field('paid_on', 'date', label('Date', 'Ngày thanh toán')),
  field('company', 'relation', label('Company', 'Công ty'), { relationTarget: 'companies' }),
  field('contact', 'relation', label('Contact', 'Liên hệ'), { relationTarget: 'contacts' }),
  money('allocated', 'Allocated', 'Đã phân bổ'),
  money('unallocated', 'Unallocated', 'Chưa phân bổ'),
  field('notes', 'long_text', label('Notes', 'Ghi chú')),
]);

export const paymentsDefinition: Omit<ObjectDefinition, 'custom' | 'version' | 'createdAt' | 'updatedAt'> = {
  name: 'payments', apiPath: 'payments', table: 'payments', icon: 'file-text', titleField: 'number', permissionModule: 'invoices',
  labels: { en: { singular: 'Payment', plural: 'Payments' }, vi: { singular: 'Thanh toán', plural: 'Thanh toán' } },
  fields: paymentFields,
  hooks: paymentHooks,
};

registerStandardObject(invoicesDefinition);
registerStandardObject(paymentsDefinition);
