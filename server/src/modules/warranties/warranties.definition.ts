/**
 * Warranties as a standard object of the records engine: one per delivered item (per serial number when the product
 * tracks them), from the delivery day for the product's `warranty_months`. Created by the orders module at delivery;
 * claims open service-desk tickets (warranties.service.ts). A warranty may also be recorded by hand (item, serial,
 * period); its product and order are the module's.
 */
import { field, option, ordered, registerStandardObject, type ObjectDefinition } from '../../platform/records/index.js';

const label = (en: string, vi: string) => ({ en, vi });
const ro = { readOnly: true } as const;

export const warrantyFields = ordered([
  field('item', 'text', label('Item', 'Sản phẩm'), { required: true, classification: 'public', searchable: true }),
  field('product', 'relation', label('Product', 'Sản phẩm (danh mục)'), { ...ro, relationTarget: 'products' }),
  field('serial', 'text', label('Serial number', 'Số sê-ri'), { searchable: true }),
  field('quantity', 'number', label('Quantity', 'Số lượng')),
  field('order', 'relation', label('Order', 'Đơn hàng'), { ...ro, column: 'order_id', relationTarget: 'orders' }),
  field('company', 'relation', label('Company', 'Công ty'), { relationTarget: 'companies' }),
  field('contact', 'relation', label('Contact', 'Liên hệ'), { relationTarget: 'contacts' }),
  field('start_date', 'date', label('Starts', 'Bắt đầu')),
  field('end_date', 'date', label('Ends', 'Kết thúc')),
  field('status', 'select', label('Status', 'Trạng thái'), {
    ...ro, default: 'active',
    options: [option('active', 'Active', 'Còn hiệu lực', 'green'), option('expired', 'Expired', 'Hết hạn', 'gray'), option('void', 'Void', 'Đã huỷ', 'orange')],
  }),
  field('renewal_task', 'text', label('Renewal task (id)', 'Công việc gia hạn (mã)'), { ...ro, filterable: false, sortable: false }),
  field('notes', 'long_text', label('Notes', 'Ghi chú')),
]);

export const warrantiesDefinition: Omit<ObjectDefinition, 'custom' | 'version' | 'createdAt' | 'updatedAt'> = {
  name: 'warranties', apiPath: 'warranties', table: 'warranties', icon: 'tool', titleField: 'item', permissionModule: 'warranties',
  labels: { en: { singular: 'Warranty', plural: 'Warranties' }, vi: { singular: 'Bảo hành', plural: 'Bảo hành' } },
  fields: warrantyFields,
};

registerStandardObject(warrantiesDefinition);
