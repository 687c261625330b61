/**
 * Tasks as a standard object of the records engine: planned calls, meetings, emails and to-dos, assigned to a
 * user, due at a time, linked to a contact, company, deal or lead. `source_key` makes generated tasks (a deal
 * stage's tasks) exactly-once: a unique index over live rows.
 */
import { field, option, ordered, registerStandardObject, type ObjectDefinition } from '../../platform/records/index.js';
import { taskHooks } from './tasks.hooks.js';

const label = (en: string, vi: string) => ({ en, vi });

export const taskFields = ordered([
  field('title', 'text', label('Title', 'Tiêu đề'), { required: true, classification: 'public', searchable: true }),
  field('type', 'select', label('Type', 'Loại'), {
    default: 'todo',
    options: [option('todo', 'To-do', 'Việc cần làm', 'gray'), option('call', 'Call', 'Gọi điện', 'blue'), option('meeting', 'Meeting', 'Cuộc họp', 'violet'), option('email', 'Email', 'Email', 'cyan')],
  }),
  field('status', 'select', label('Status', 'Trạng thái'), {
    default: 'open', required: true,
    options: [option('open', 'Open', 'Đang mở', 'blue'), option('done', 'Done', 'Đã xong', 'green'), option('cancelled', 'Cancelled', 'Đã huỷ', 'gray')],
  }),
  field('priority', 'select', label('Priority', 'Mức ưu tiên'), {
    default: 'normal',
    options: [option('low', 'Low', 'Thấp', 'gray'), option('normal', 'Normal', 'Bình thường', 'blue'), option('high', 'High', 'Cao', 'orange'), option('urgent', 'Urgent', 'Khẩn cấp', 'red')],
  }),
  field('due_at', 'datetime', label('Due', 'Hạn')),
  field('remind_at', 'datetime', label('Reminder', 'Nhắc lúc')),
  field('assignee', 'user', label('Assignee', 'Người phụ trách')),
  field('description', 'long_text', label('Description', 'Mô tả')),
  field('outcome', 'long_text', label('Outcome', 'Kết quả')),
  field('completed_at', 'datetime', label('Completed', 'Hoàn thành lúc'), { readOnly: true }),
  field('contact', 'relation', label('Contact', 'Liên hệ'), { relationTarget: 'contacts' }),
  field('company', 'relation', label('Company', 'Công ty'), { relationTarget: 'companies' }),
  field('deal', 'relation', label('Deal', 'Cơ hội'), { relationTarget: 'deals' }),
  field('lead', 'relation', label('Lead', 'Khách hàng tiềm năng'), { relationTarget: 'leads' }),
  field('source_key', 'text', label('Created by', 'Tạo bởi'), { readOnly: true, unique: true, filterable: false, sortable: false, searchable: false }),
]);

export const tasksDefinition: Omit<ObjectDefinition, 'custom' | 'version' | 'createdAt' | 'updatedAt'> = {
  name: 'tasks', apiPath: 'tasks', table: 'tasks', icon: 'checkbox', titleField: 'title', permissionModule: 'tasks',
  labels: { en: { singular: 'Task', plural: 'Tasks' }, vi: { singular: 'Công việc', plural: 'Công việc' } },
  fields: taskFields,
  hooks: taskHooks,
};

registerStandardObject(tasksDefinition);
