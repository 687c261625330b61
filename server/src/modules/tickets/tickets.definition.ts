/**
 * Tickets as a standard object of the records engine: one customer request, numbered `#10001`, `#10002`, ... from a
 * counter row, with its requester (a contact), channel, category, priority, status, team and agent, and the SLA
 * clock's read-only fields (dues, first response, solved, pause). The domain rules live in tickets.hooks.ts.
 */
import { field, option, ordered, registerStandardObject, type ObjectDefinition } from '../../platform/records/index.js';
import { ticketHooks } from './tickets.hooks.js';

const label = (en: string, vi: string) => ({ en, vi });
const ro = { readOnly: true } as const;

export const ticketStatuses = ['new', 'open', 'waiting_on_customer', 'on_hold', 'solved', 'closed'] as const;
export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export const ticketChannels = ['email', 'web_form', 'chat', 'phone', 'api'] as const;

export const ticketFields = ordered([
  field('number', 'text', label('Number', 'Số phiếu'), { ...ro, unique: true, classification: 'public', searchable: true }),
  field('subject', 'text', label('Subject', 'Tiêu đề'), { required: true, classification: 'public', searchable: true }),
  field('description', 'long_text', label('Description', 'Mô tả')),
  field('status', 'select', label('Status', 'Trạng thái'), {
    default: 'new', required: true,
    options: [
      option('new', 'New', 'Mới', 'blue'), option('open', 'Open', 'Đang xử lý', 'cyan'), option('waiting_on_customer', 'Waiting on customer', 'Chờ khách hàng', 'yellow'),
      option('on_hold', 'On hold', 'Tạm dừng', 'orange'), option('solved', 'Solved', 'Đã giải quyết', 'green'), option('closed', 'Closed', 'Đã đóng', 'gray'),
    ],
  }),
  field('priority', 'select', label('Priority', 'Mức ưu tiên'), {
    default: 'normal', required: true,
    options: [option('low', 'Low', 'Thấp', 'gray'), option('normal', 'Normal', 'Bình thường', 'blue'), option('high', 'High', 'Cao', 'orange'), option('urgent', 'Urgent', 'Khẩn cấp', 'red')],
  }),
  field('channel', 'select', label('Channel', 'Kênh'), {
    default: 'api', required: true,
    options: [
      option('email', 'Email', 'Email', 'blue'), option('web_form', 'Web form', 'Biểu mẫu web', 'cyan'), option('chat', 'Chat', 'Trò chuyện', 'green'),
      option('phone', 'Phone', 'Điện thoại', 'violet'), option('api', 'API', 'API', 'gray'),
    ],
  }),
  field('category', 'select', label('Category', 'Danh mục'), {
    options: [
      option('question', 'Question', 'Câu hỏi', 'blue'), option('incident', 'Incident', 'Sự cố', 'red'), option('billing', 'Billing', 'Thanh toán', 'orange'),
      option('account', 'Account', 'Tài khoản', 'cyan'), option('feature_request', 'Feature request', 'Đề xuất tính năng', 'violet'), option('other', 'Other', 'Khác', 'gray'),
    ],
  }),
  field('requester', 'relation', label('Requester', 'Người yêu cầu'), { relationTarget: 'contacts' }),
  field('company', 'relation', label('Company', 'Công ty'), { relationTarget: 'companies' }),
  // Stored as the team's id (checked by the hook); `display: 'team'` makes the clients show and pick it by name.
  field('team', 'text', label('Team', 'Nhóm'), { display: 'team', help: label('The team handling the ticket', 'Nhóm xử lý phiếu') }),
  field('agent', 'user', label('Agent', 'Nhân viên xử lý')),
  field('tags', 'text', label('Tags', 'Nhãn'), { searchable: true }),
  field('language', 'select', label('Language', 'Ngôn ngữ'), { default: 'en', options: [option('en', 'English', 'Tiếng Anh', 'blue'), option('vi', 'Vietnamese', 'Tiếng Việt', 'red')] }),
  field('first_response_due', 'datetime', label('First response due', 'Hạn phản hồi đầu'), ro),
  field('resolution_due', 'datetime', label('Resolution due', 'Hạn giải quyết'), ro),
  field('first_responded_at', 'datetime', label('First responded', 'Phản hồi đầu lúc'), ro),
  field('solved_at', 'datetime', label('Solved', 'Giải quyết lúc'), ro),
  field('sla_paused_at', 'datetime', label('SLA paused since', 'SLA tạm dừng từ'), ro),
  field('sla_paused_minutes', 'number', label('SLA paused (minutes)', 'SLA tạm dừng (phút)'), ro),
  field('assignment', 'text', label('Assigned by', 'Phân công bởi'), { ...ro, filterable: false, sortable: false }),
  // The requester's customer tier, taken at create (tickets.tiers.ts, migration 20261207_1620_ticket_agents_tiers).
  field('customer_tier', 'select', label('Customer tier', 'Hạng khách hàng'), {
    ...ro,
    options: [option('standard', 'Standard', 'Tiêu chuẩn', 'gray'), option('silver', 'Silver', 'Bạc', 'cyan'), option('gold', 'Gold', 'Vàng', 'yellow'), option('vip', 'VIP', 'VIP', 'red')],
  }),
  // SLA escalation (tickets.escalation.ts): the target the clock runs for, its due and warning times, the sweep's stamps.
  field('next_response_due', 'datetime', label('Next response due', 'Hạn phản hồi tiếp'), ro),
  field('sla_target', 'select', label('SLA target', 'Mục tiêu SLA'), {
    ...ro,
    options: [
      option('first_response', 'First response', 'Phản hồi đầu', 'blue'), option('next_response', 'Next response', 'Phản hồi tiếp', 'cyan'),
      option('resolution', 'Resolution', 'Giải quyết', 'violet'),
    ],
  }),
  field('sla_due_at', 'datetime', label('SLA due', 'Hạn SLA'), ro),
  field('sla_warn_at', 'datetime', label('SLA warning at', 'Cảnh báo SLA lúc'), ro),
  field('sla_warned_at', 'datetime', label('SLA warned', 'Đã cảnh báo SLA lúc'), ro),
  field('sla_breached_at', 'datetime', label('SLA breached', 'Vi phạm SLA lúc'), ro),
  // Satisfaction survey (tickets.survey.ts) and follow-ups of closed tickets (tickets.merge.ts).
  field('satisfaction', 'rating', label('Satisfaction', 'Mức hài lòng'), ro),
  field('satisfaction_comment', 'long_text', label('Satisfaction comment', 'Nhận xét của khách'), ro),
  field('follow_up_of', 'relation', label('Follow-up of', 'Tiếp nối phiếu'), { ...ro, relationTarget: 'tickets' }),
  // Links to the sale behind the request (migration 20261207_1600_tickets_deal_order_links): the deal's and the order's pages list the ticket.
  field('deal', 'relation', label('Deal', 'Cơ hội'), { relationTarget: 'deals' }),
  field('order', 'relation', label('Order', 'Đơn hàng'), { column: 'order_id', relationTarget: 'orders' }),
]);

export const ticketsDefinition: Omit<ObjectDefinition, 'custom' | 'version' | 'createdAt' | 'updatedAt'> = {
  name: 'tickets', apiPath: 'tickets', table: 'tickets', icon: 'lifebuoy', titleField: 'subject', permissionModule: 'tickets',
  labels: { en: { singular: 'Ticket', plural: 'Tickets' }, vi: { singular: 'Phiếu hỗ trợ', plural: 'Phiếu hỗ trợ' } },
  fields: ticketFields,
  hooks: ticketHooks,
};

registerStandardObject(ticketsDefinition);
