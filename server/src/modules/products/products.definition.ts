/**
 * Products as a standard object of the records engine (`/api/v1/products`): the catalogue's items and services with
 * their SKU (unique), names in English and Vietnamese, price and cost (integer minor units, one currency per product),
 * Vietnam's VAT rate, stock or service, serial tracking, backorders, warranty and the reorder level that raises a
 * low-stock alert. The domain rules live in products.hooks.ts.
 *
 * `tax_rate` is a select whose values are the VAT rate in whole percent as text: '0', '5', '8', '10'
 * (`taxRatePercent(product)` gives the number).
 */
import { ANY_CURRENCY, field, option, ordered, registerStandardObject, type ObjectDefinition } from '../../platform/records/index.js';
import { productHooks } from './products.hooks.js';

const label = (en: string, vi: string) => ({ en, vi });

export const productFields = ordered([
  field('sku', 'text', label('SKU', 'Mã hàng'), { required: true, unique: true, classification: 'public', searchable: true }),
  field('name', 'text', label('Name', 'Tên'), { required: true, classification: 'public', searchable: true }),
  field('name_vi', 'text', label('Name (Vietnamese)', 'Tên tiếng Việt'), { classification: 'public', searchable: true }),
  field('description', 'long_text', label('Description', 'Mô tả'), { classification: 'public' }),
  field('category', 'select', label('Category', 'Danh mục'), {
    options: [
      option('electronics', 'Electronics', 'Điện tử', 'blue'), option('appliances', 'Appliances', 'Đồ gia dụng', 'cyan'),
      option('accessories', 'Accessories', 'Phụ kiện', 'violet'), option('spare_parts', 'Spare parts', 'Linh kiện', 'orange'),
      option('software', 'Software', 'Phần mềm', 'grape'), option('services', 'Services', 'Dịch vụ', 'green'), option('other', 'Other', 'Khác', 'gray'),
    ],
  }),
  field('unit', 'text', label('Unit', 'Đơn vị tính'), { default: 'pcs' }),
  field('price', 'money', label('Price', 'Giá bán'), { currency: ANY_CURRENCY, required: true, classification: 'public' }),
  field('cost', 'money', label('Cost', 'Giá vốn'), { currency: ANY_CURRENCY }),
  field('tax_rate', 'select', label('VAT rate', 'Thuế suất GTGT'), {
    default: '10', required: true,
    options: [option('0', '0 %', '0 %', 'gray'), option('5', '5 %', '5 %', 'blue'), option('8', '8 %', '8 %', 'cyan'), option('10', '10 %', '10 %', 'violet')],
  }),
  field('kind', 'select', label('Kind', 'Loại'), {
    default: 'stock', required: true,
    options: [option('stock', 'Stock item', 'Hàng tồn kho', 'blue'), option('service', 'Service', 'Dịch vụ', 'green')],
  }),
  field('serial_tracked', 'boolean', label('Serial numbers', 'Theo dõi số sê-ri'), { default: false }),
  field('allow_backorder', 'boolean', label('Allow backorders', 'Cho phép bán khi hết hàng'), { default: false }),
  field('warranty_months', 'number', label('Warranty (months)', 'Bảo hành (tháng)'), { default: 0 }),
  field('reorder_level', 'number', label('Reorder level', 'Mức tồn tối thiểu'), {
    help: label('A low-stock alert is sent when the available quantity falls below this level', 'Cảnh báo sắp hết hàng khi số lượng khả dụng xuống dưới mức này'),
  }),
  field('image', 'url', label('Image', 'Hình ảnh'), { help: label('The address of the product picture', 'Địa chỉ hình ảnh sản phẩm') }),
  field('status', 'select', label('Status', 'Trạng thái'), {
    default: 'active', required: true,
    options: [option('active', 'Active', 'Đang bán', 'green'), option('archived', 'Archived', 'Ngừng bán', 'gray')],
  }),
]);

/** The VAT rate of a product's `tax_rate` value in percent (0, 5, 8, 10). */
export const taxRatePercent = (value: unknown): number => Number(value ?? 0);

export const productsDefinition: Omit<ObjectDefinition, 'custom' | 'version' | 'createdAt' | 'updatedAt'> = {
  name: 'products', apiPath: 'products', table: 'products', icon: 'package', titleField: 'name', permissionModule: 'products',
  labels: { en: { singular: 'Product', plural: 'Products' }, vi: { singular: 'Sản phẩm', plural: 'Sản phẩm' } },
  fields: productFields,
  hooks: productHooks,
};

registerStandardObject(productsDefinition);
