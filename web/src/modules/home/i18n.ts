/**
 * Strings of the home page's widgets, registered under `homeWidgets.` by index.ts (the greeting's `home.` strings
 * stay in the shell's bundle). `vi` has exactly the same keys (i18n.test.ts checks).
 */
export const en = {
  failed: 'This card could not be loaded.',
  viewAll: 'View all',
  recent: {
    title: 'My recent records',
    empty: 'Records you open appear here, so you can get back to them in one click.',
    kinds: { contact: 'Contact', company: 'Company', record: 'Record' },
  },
  assigned: {
    title: 'Assigned to me',
    contacts: 'Contacts ({{count}})',
    companies: 'Companies ({{count}})',
    empty: 'Nothing is assigned to you yet. Records whose owner you are appear here, newest first.',
  },
  notifications: {
    title: 'Unread notifications',
    empty: 'You are all caught up: no unread notifications or mentions.',
    mention: 'Mention',
    markAll: 'Mark all read',
    count_one: '{{count}} unread',
    count_other: '{{count}} unread',
  },
  numbers: {
    title: 'Key numbers',
    myContacts: 'My contacts',
    newThisWeek: 'New this week',
    myCompanies: 'My companies',
    duplicates: 'Possible duplicates',
    more: '{{count}}+',
  },
  checklist: {
    title: 'Get your workspace ready',
    progress: '{{done}} of {{total}} done',
    dismiss: 'Hide this item',
    dismissAll: 'Hide the checklist',
    done: 'Done',
    allDone: 'Your workspace is ready. You can hide this checklist.',
    items: {
      invite: { label: 'Invite your colleagues', hint: 'Add the users who will work in Kith.' },
      import: { label: 'Import your contacts', hint: 'Bring in a spreadsheet or CSV of contacts or companies.' },
      workspace: { label: 'Set up the workspace', hint: 'Company name, currency, time zone and formats.' },
      pipeline: { label: 'Set up a sales pipeline', hint: 'Name the stages your deals go through.' },
    },
  },
  account: {
    title: 'Your account',
  },
};

export const vi: typeof en = {
  failed: 'Không tải được thẻ này.',
  viewAll: 'Xem tất cả',
  recent: {
    title: 'Bản ghi tôi xem gần đây',
    empty: 'Các bản ghi bạn mở sẽ hiện ở đây để bạn quay lại chỉ với một lần bấm.',
    kinds: { contact: 'Liên hệ', company: 'Công ty', record: 'Bản ghi' },
  },
  assigned: {
    title: 'Giao cho tôi',
    contacts: 'Liên hệ ({{count}})',
    companies: 'Công ty ({{count}})',
    empty: 'Chưa có gì được giao cho bạn. Các bản ghi do bạn phụ trách sẽ hiện ở đây, mới nhất trước.',
  },
  notifications: {
    title: 'Thông báo chưa đọc',
    empty: 'Bạn đã xem hết: không có thông báo hay lượt nhắc tên nào chưa đọc.',
    mention: 'Nhắc tên',
    markAll: 'Đánh dấu đã đọc tất cả',
    count_one: '{{count}} chưa đọc',
    count_other: '{{count}} chưa đọc',
  },
  numbers: {
    title: 'Số liệu chính',
    myContacts: 'Liên hệ của tôi',
    newThisWeek: 'Mới trong tuần',
    myCompanies: 'Công ty của tôi',
    duplicates: 'Có thể trùng lặp',
    more: '{{count}}+',
  },
  checklist: {
    title: 'Chuẩn bị không gian làm việc',
    progress: 'Đã xong {{done}}/{{total}}',
    dismiss: 'Ẩn mục này',
    dismissAll: 'Ẩn danh sách',
    done: 'Đã xong',
    allDone: 'Không gian làm việc đã sẵn sàng. Bạn có thể ẩn danh sách này.',
    items: {
      invite: { label: 'Mời đồng nghiệp', hint: 'Thêm những người dùng sẽ làm việc trên Kith.' },
      import: { label: 'Nhập danh bạ', hint: 'Đưa vào bảng tính hoặc tệp CSV liên hệ hay công ty.' },
      workspace: { label: 'Thiết lập không gian làm việc', hint: 'Tên công ty, tiền tệ, múi giờ và định dạng.' },
      pipeline: { label: 'Thiết lập quy trình bán hàng', hint: 'Đặt tên các giai đoạn mà cơ hội bán hàng đi qua.' },
    },
  },
  account: {
    title: 'Tài khoản của bạn',
  },
};
