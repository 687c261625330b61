/**
 * The audit log in words, English and Vietnamese: every action the server writes (contracts' auditActions;
 * server/src/modules/audit/audit.actions.test.ts fails on an action written without being listed there,
 * and the Record type below fails the build on a listed action without words), and the record types.
 */
import type { AuditAction } from '../../../../contracts/audit';

export type Lang = 'en' | 'vi';
type Words = Record<Lang, string>;

export const actionWords: Record<AuditAction, Words> = {
  create: { en: 'created', vi: 'đã tạo' },
  update: { en: 'updated', vi: 'đã sửa' },
  delete: { en: 'deleted', vi: 'đã xoá' },
  restore: { en: 'restored', vi: 'đã khôi phục' },
  permission_change: { en: 'changed permissions', vi: 'đã đổi quyền' },
  revoke: { en: 'revoked', vi: 'đã thu hồi' },
  login: { en: 'signed in', vi: 'đã đăng nhập' },
  login_failed: { en: 'sign-in failed', vi: 'đăng nhập thất bại' },
  logout: { en: 'signed out', vi: 'đã đăng xuất' },
  logout_all: { en: 'signed out everywhere', vi: 'đã đăng xuất mọi nơi' },
  password_change: { en: 'changed password', vi: 'đã đổi mật khẩu' },
  totp_setup: { en: 'started two-step setup', vi: 'đã bắt đầu cài xác minh hai bước' },
  totp_enable: { en: 'turned on two-step sign-in', vi: 'đã bật xác minh hai bước' },
  totp_disable: { en: 'turned off two-step sign-in', vi: 'đã tắt xác minh hai bước' },
  export: { en: 'exported', vi: 'đã xuất' },
  erase: { en: 'erased (personal data)', vi: 'đã xoá vĩnh viễn (dữ liệu cá nhân)' },
  purge: { en: 'purged from the recycle bin', vi: 'đã dọn khỏi thùng rác' },
  merge: { en: 'merged', vi: 'đã gộp' },
  merged_into: { en: 'merged into', vi: 'đã gộp vào' },
  dismiss_duplicate: { en: 'marked not a duplicate', vi: 'đã đánh dấu không trùng' },
  import_start: { en: 'import started', vi: 'đã bắt đầu nhập' },
  import: { en: 'imported', vi: 'đã nhập' },
  import_discard: { en: 'import discarded', vi: 'đã huỷ lần nhập' },
  import_revert_start: { en: 'import revert started', vi: 'đã bắt đầu hoàn tác lần nhập' },
  import_revert: { en: 'import reverted', vi: 'đã hoàn tác lần nhập' },
  import_follow_up: { en: 'corrected rows imported', vi: 'đã nhập các dòng đã sửa' },
};

/** Record types the log names (custom objects are `object:<name>`, labelled from their definition). */
export const entityWords: Record<string, Words> = {
  contact: { en: 'Contact', vi: 'Liên hệ' },
  company: { en: 'Company', vi: 'Công ty' },
  user: { en: 'User', vi: 'Người dùng' },
  team: { en: 'Team', vi: 'Nhóm' },
  role: { en: 'Role', vi: 'Vai trò' },
  api_key: { en: 'API key', vi: 'Khoá API' },
  import: { en: 'Import', vi: 'Lần nhập' },
  activity: { en: 'Activity', vi: 'Hoạt động' },
  attachment: { en: 'Attachment', vi: 'Tệp đính kèm' },
  saved_view: { en: 'Saved view', vi: 'Chế độ xem đã lưu' },
  custom_field: { en: 'Custom field', vi: 'Trường tuỳ chỉnh' },
  setting: { en: 'Setting', vi: 'Cài đặt' },
  notification_preferences: { en: 'Notification preferences', vi: 'Cài đặt thông báo' },
  record_type: { en: 'Object type', vi: 'Loại đối tượng' },
  contact_pair: { en: 'Possible duplicate', vi: 'Cặp có thể trùng' },
  company_pair: { en: 'Possible duplicate company', vi: 'Cặp công ty có thể trùng' },
  price_list: { en: 'Price list', vi: 'Bảng giá' },
  warehouse: { en: 'Warehouse', vi: 'Kho hàng' },
  product_image: { en: 'Product image', vi: 'Ảnh sản phẩm' },
  ticket_mailbox: { en: 'Support mailbox', vi: 'Hộp thư hỗ trợ' },
};

export const langOf = (language: string): Lang => (language.startsWith('vi') ? 'vi' : 'en');

/** An action in words; an unknown one (written by a newer server) is shown as written. */
export function actionText(action: string, lang: Lang): string {
  return (actionWords as Record<string, Words>)[action]?.[lang] ?? action;
}

/** A record type in words; `objectLabel` names custom objects (`object:<name>`). */
export function entityText(entity: string, lang: Lang, objectLabel?: (name: string) => string | undefined): string {
  if (entity.startsWith('object:')) return objectLabel?.(entity.slice(7)) ?? entity.slice(7);
  return entityWords[entity]?.[lang] ?? entity;
}

/** Where a record of the log lives in the app; null when it has no page (or is gone). */
export function entityLink(entity: string, id: string | null): string | null {
  if (!id) return null;
  const e = encodeURIComponent(id);
  if (entity.startsWith('object:')) return `/objects/${encodeURIComponent(entity.slice(7))}/${e}`;
  switch (entity) {
    case 'contact': return `/contacts/${e}`;
    case 'company': return `/companies/${e}`;
    case 'import': return `/imports/${e}`;
    case 'role': return `/settings/roles/${e}`;
    case 'record_type': return `/settings/objects/${e}`;
    case 'user': return '/settings/users';
    case 'team': return '/settings/teams';
    case 'api_key': return '/settings/api-keys';
    case 'warehouse': return '/settings/inventory';
    case 'price_list': return '/settings/inventory?tab=priceLists';
    default: return null;
  }
}
