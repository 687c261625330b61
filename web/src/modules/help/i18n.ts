/**
 * Strings of the help menu and the guide viewer, registered under `help.` by index.tsx. `vi` has exactly the same
 * keys (i18n.test.ts checks). `howTo.<page>` are the "How to …" links that pages' empty states show (ui/HelpLink.tsx).
 */
export const en = {
  menu: 'Help',
  guide: 'User guide',
  allPages: 'All guide pages',
  guideDescription: 'Step-by-step answers to what people do in Kith every day.',
  loading: 'Loading the guide…',
  empty: 'The guide is not installed on this server',
  emptyHint: 'Its pages live in docs/guide of the Kith installation.',
  notFound: 'This guide page does not exist',
  back: 'All guide pages',
  paletteOpen: 'Open the user guide',
  howTo: {
    'getting-started': 'How to get started',
    'contacts-and-companies': 'How to add contacts and log calls',
    'import-contacts': 'How to import your contacts',
    'export-contacts': 'How to export a list',
    'merge-duplicates': 'How to find and merge duplicates',
    'custom-objects': 'How to create your own objects',
    'roles-and-permissions': 'How to give colleagues access',
    'audit-log': 'How to find who changed what',
  },
};

export const vi: typeof en = {
  menu: 'Trợ giúp',
  guide: 'Hướng dẫn sử dụng',
  allPages: 'Tất cả trang hướng dẫn',
  guideDescription: 'Hướng dẫn từng bước cho những việc hằng ngày trong Kith.',
  loading: 'Đang tải hướng dẫn…',
  empty: 'Máy chủ này chưa cài hướng dẫn',
  emptyHint: 'Các trang hướng dẫn nằm trong thư mục docs/guide của bản cài đặt Kith.',
  notFound: 'Trang hướng dẫn này không tồn tại',
  back: 'Tất cả trang hướng dẫn',
  paletteOpen: 'Mở hướng dẫn sử dụng',
  howTo: {
    'getting-started': 'Cách bắt đầu',
    'contacts-and-companies': 'Cách thêm liên hệ và ghi lại cuộc gọi',
    'import-contacts': 'Cách nhập danh bạ',
    'export-contacts': 'Cách xuất danh sách',
    'merge-duplicates': 'Cách tìm và gộp liên hệ trùng lặp',
    'custom-objects': 'Cách tạo đối tượng riêng',
    'roles-and-permissions': 'Cách cấp quyền cho đồng nghiệp',
    'audit-log': 'Cách tìm ai đã sửa gì',
  },
};
