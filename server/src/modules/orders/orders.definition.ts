/**
 * Orders as a standard object of the records engine: numbered `ORD-<year>-000001` at creation, with the customer,
 * the deal (and quote) it comes from, its currency and figures. Status, number, figures and shipping stamps are the
 * module's (read-only): lines, status moves and shipments go through orders.service.ts. Rules: orders.hooks.ts.
 */
import { ANY_CURRENCY, field, option, ordered, registerStandardObject, type ObjectDefinition } from '../../platform/records/index.js';
import { orderHooks } from './orders.hooks.js';
import { orderIntake } from './orders.intake.js';

const label = (en: string, vi: string) => ({ en, vi });
const ro = { readOnly: true } as const;
const money = (key: string, en: string, vi: string) => field(key, 'money', label(en, vi), { ...ro, currency: ANY_CURRENCY });

export const orderFields = ordered([
  field('number', 'text', label('Number', 'Số đơn hàng'), { ...ro, unique: true, classification: 'public', searchable: true }),
  field('subject', 'text', label('Subject', 'Nội dung'), { classification: 'public', searchable: true }),
  field('status', 'select', label('Status', 'Trạng thái'), {
    ...ro, default: 'confirmed',
    options: [
      option('confirmed', 'Confirmed', 'Đã xác nhận', 'blue'), option('picking', 'Picking', 'Đang soạn hàng', 'cyan'), option('shipped', 'Shipped', 'Đã gửi hàng', 'violet'),
      option('delivered', 'Delivered', 'Đã giao', 'teal'), option('completed', 'Completed', 'Hoàn tất', 'green'), option('cancelled', 'Cancelled', 'Đã huỷ', 'gray'),
      option('returned', 'Returned', 'Đã trả hàng', 'orange'),
    ],
  }),
  field('deal', 'relation', label('Deal', 'Cơ hội'), { relationTarget: 'deals' }),
  field('quote', 'text', label('Quote (id)', 'Báo giá (mã)'), ro),
  field('company', 'relation', label('Company', 'Công ty'), { relationTarget: 'companies' }),
  field('contact', 'relation', label('Contact', 'Liên hệ'), { relationTarget: 'contacts' }),
  field('currency', 'select', label('Currency', 'Tiền tệ'), {
    required: true, default: 'VND', options: [option('VND', 'VND', 'VND', 'red'), option('USD', 'USD', 'USD', 'green'), option('EUR', 'EUR', 'EUR', 'blue')],
  }),
  field('order_date', 'date', label('Order date', 'Ngày đặt hàng')),
  money('subtotal', 'Subtotal', 'Cộng tiền hàng'),
  money('tax_total', 'Tax', 'Thuế GTGT'),
  money('total', 'Total', 'Tổng cộng'),
  field('carrier', 'text', label('Carrier', 'Đơn vị vận chuyển'), ro),
  field('tracking', 'text', label('Tracking number', 'Mã vận đơn'), { ...ro, searchable: true }),
  field('shipped_at', 'datetime', label('Shipped', 'Gửi hàng lúc'), ro),
  field('delivered_at', 'date', label('Delivered', 'Ngày giao'), ro),
  field('notes', 'long_text', label('Notes', 'Ghi chú')),
  field('external_ref', 'text', label('External reference', 'Mã đơn bên ngoài'), { ...ro, unique: true, classification: 'public', searchable: true }),
]);

export const ordersDefinition: Omit<ObjectDefinition, 'custom' | 'version' | 'createdAt' | 'updatedAt'> = {
  name: 'orders', apiPath: 'orders', table: 'orders', icon: 'shopping-cart', titleField: 'number', permissionModule: 'orders',
  labels: { en: { singular: 'Order', plural: 'Orders' }, vi: { singular: 'Đơn hàng', plural: 'Đơn hàng' } },
  fields: orderFields,
  hooks: orderHooks,
  intake: orderIntake,
};

registerStandardObject(ordersDefinition);
