/**
 * Leads as a standard object of the records engine: a person or business not yet qualified, captured from the UI,
 * the API or the public web-form endpoint (with its UTM parameters and referrer), scored by rules, assigned by
 * rules, and converted into a contact + company + deal. Score, conversion links and the assignment explanation are
 * read-only (set by the leads module).
 */
import { field, option, ordered, registerStandardObject, type ObjectDefinition } from '../../platform/records/index.js';
import { leadHooks } from './leads.assignment.js';

const label = (en: string, vi: string) => ({ en, vi });

export const leadFields = ordered([
  field('name', 'text', label('Name', 'Họ tên'), { required: true, classification: 'public', searchable: true }),
  field('email', 'email', label('Email', 'Email')),
  field('phone', 'phone', label('Phone', 'Điện thoại')),
  field('company_name', 'text', label('Company', 'Công ty'), { searchable: true }),
  field('job_title', 'text', label('Job title', 'Chức danh')),
  field('source', 'select', label('Source', 'Nguồn'), {
    default: 'manual',
    options: [
      option('web_form', 'Web form', 'Biểu mẫu web', 'blue'), option('api', 'API', 'API', 'cyan'), option('manual', 'Entered by hand', 'Nhập tay', 'gray'),
      option('referral', 'Referral', 'Giới thiệu', 'green'), option('event', 'Event', 'Sự kiện', 'violet'), option('advertising', 'Advertising', 'Quảng cáo', 'orange'),
      option('cold_call', 'Cold call', 'Gọi điện chào hàng', 'yellow'), option('other', 'Other', 'Khác', 'grape'),
    ],
  }),
  field('status', 'select', label('Status', 'Trạng thái'), {
    default: 'new', required: true,
    options: [
      option('new', 'New', 'Mới', 'blue'), option('contacted', 'Contacted', 'Đã liên hệ', 'cyan'), option('qualified', 'Qualified', 'Đủ điều kiện', 'green'),
      option('unqualified', 'Unqualified', 'Không phù hợp', 'gray'), option('converted', 'Converted', 'Đã chuyển đổi', 'violet'),
    ],
  }),
  field('score', 'number', label('Score', 'Điểm'), { readOnly: true }),
  field('region', 'text', label('Region', 'Khu vực')),
  field('product_interest', 'text', label('Product interest', 'Sản phẩm quan tâm')),
  field('message', 'long_text', label('Message', 'Lời nhắn')),
  field('utm_source', 'text', label('UTM source', 'UTM source')),
  field('utm_medium', 'text', label('UTM medium', 'UTM medium')),
  field('utm_campaign', 'text', label('UTM campaign', 'UTM campaign')),
  field('utm_term', 'text', label('UTM term', 'UTM term')),
  field('utm_content', 'text', label('UTM content', 'UTM content')),
  field('referrer', 'url', label('Referrer', 'Trang giới thiệu')),
  field('assignment', 'text', label('Assigned by', 'Phân công bởi'), { readOnly: true, filterable: false, sortable: false }),
  field('converted_at', 'datetime', label('Converted', 'Chuyển đổi lúc'), { readOnly: true }),
  field('contact', 'relation', label('Contact', 'Liên hệ'), { relationTarget: 'contacts', readOnly: true }),
  field('company', 'relation', label('Company record', 'Hồ sơ công ty'), { relationTarget: 'companies', readOnly: true }),
  field('deal', 'relation', label('Deal', 'Cơ hội'), { relationTarget: 'deals', readOnly: true }),
  field('next_step_at', 'datetime', label('Next step', 'Bước tiếp theo'), { readOnly: true }),
]);

export const leadsDefinition: Omit<ObjectDefinition, 'custom' | 'version' | 'createdAt' | 'updatedAt'> = {
  name: 'leads', apiPath: 'leads', table: 'leads', icon: 'user-search', titleField: 'name', permissionModule: 'leads',
  labels: { en: { singular: 'Lead', plural: 'Leads' }, vi: { singular: 'Khách hàng tiềm năng', plural: 'Khách hàng tiềm năng' } },
  fields: leadFields,
  hooks: leadHooks,
};

registerStandardObject(leadsDefinition);
