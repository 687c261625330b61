/** Strings of the quotes module (quotes and contracts), registered under `quotes.`; `vi` has the same keys (i18n.test.ts). */
export const en = {
  palette: { group: 'Quotes' },
  actions: {
    pdf: 'Download PDF', send: 'Send', revise: 'Revise', approve: 'Approve discount', contract: 'Create contract', order: 'Create order', createFromDeal: 'Create quote', renew: 'Renew',
  },
  send: {
    title: 'Send the quote', to: 'Email', message: 'Message (optional)', language: 'Language', submit: 'Send', sent: 'Quote sent to {{to}}', link: 'Customer link',
  },
  lines: {
    title: 'Lines', product: 'Product', pickProduct: 'Pick a product', description: 'Description', unit: 'Unit', quantity: 'Qty', unitPrice: 'Unit price',
    discount: 'Discount', discountMode: 'Discount type', percent: '%', amount: 'Amount', tax: 'Tax %', lineTotal: 'Amount', add: 'Add line', save: 'Save lines',
    saved: 'Lines saved', empty: 'No lines yet.', remove: 'Remove line {{n}}', subtotal: 'Subtotal', discountTotal: 'Discount', taxTotal: 'Tax', total: 'Total',
    words: 'In words', readOnly: 'This quote is {{status}}: it is read-only. Revise it to change it.',
    pending: 'A discount above {{threshold}} % needs a manager\'s approval before the quote can be sent.',
    approved: 'The discount was approved.',
  },
  done: { approved: 'Discount approved', revised: 'Version {{n}} created', contract: 'Contract created', order: 'Order created', renewed: 'Renewal deal created' },
  public: {
    title: 'Quote {{number}}', from: 'From', for: 'For', validUntil: 'Valid until {{date}}', expired: 'This quote expired on {{date}} and can no longer be accepted.',
    answered: 'This quote was answered on {{date}} by {{name}}.', closed: 'This quote can no longer be answered.', name: 'Your full name', reason: 'Reason (optional)',
    accept: 'Accept the quote', decline: 'Decline', accepted: 'Thank you — you accepted the quote.', declined: 'You declined the quote. Thank you for letting us know.',
    pdf: 'Download PDF', notFound: 'This link is not valid.', words: 'In words', total: 'Total', lines: 'Lines',
  },
};

export const vi: typeof en = {
  palette: { group: 'Báo giá' },
  actions: {
    pdf: 'Tải PDF', send: 'Gửi', revise: 'Điều chỉnh', approve: 'Duyệt chiết khấu', contract: 'Tạo hợp đồng', order: 'Tạo đơn hàng', createFromDeal: 'Tạo báo giá', renew: 'Gia hạn',
  },
  send: {
    title: 'Gửi báo giá', to: 'Email', message: 'Lời nhắn (không bắt buộc)', language: 'Ngôn ngữ', submit: 'Gửi', sent: 'Đã gửi báo giá tới {{to}}', link: 'Liên kết cho khách',
  },
  lines: {
    title: 'Các dòng', product: 'Sản phẩm', pickProduct: 'Chọn sản phẩm', description: 'Diễn giải', unit: 'Đơn vị', quantity: 'SL', unitPrice: 'Đơn giá',
    discount: 'Chiết khấu', discountMode: 'Kiểu chiết khấu', percent: '%', amount: 'Số tiền', tax: 'Thuế %', lineTotal: 'Thành tiền', add: 'Thêm dòng', save: 'Lưu các dòng',
    saved: 'Đã lưu các dòng', empty: 'Chưa có dòng nào.', remove: 'Xóa dòng {{n}}', subtotal: 'Cộng tiền hàng', discountTotal: 'Chiết khấu', taxTotal: 'Thuế', total: 'Tổng cộng',
    words: 'Bằng chữ', readOnly: 'Báo giá đang ở trạng thái {{status}}: chỉ xem. Hãy điều chỉnh để sửa.',
    pending: 'Chiết khấu trên {{threshold}} % cần quản lý duyệt trước khi gửi báo giá.',
    approved: 'Chiết khấu đã được duyệt.',
  },
  done: { approved: 'Đã duyệt chiết khấu', revised: 'Đã tạo phiên bản {{n}}', contract: 'Đã tạo hợp đồng', order: 'Đã tạo đơn hàng', renewed: 'Đã tạo cơ hội gia hạn' },
  public: {
    title: 'Báo giá {{number}}', from: 'Bên báo giá', for: 'Kính gửi', validUntil: 'Hiệu lực đến {{date}}', expired: 'Báo giá đã hết hạn ngày {{date}} và không thể chấp nhận nữa.',
    answered: 'Báo giá đã được {{name}} trả lời ngày {{date}}.', closed: 'Báo giá này không thể trả lời nữa.', name: 'Họ và tên của Quý khách', reason: 'Lý do (không bắt buộc)',
    accept: 'Chấp nhận báo giá', decline: 'Từ chối', accepted: 'Cảm ơn Quý khách đã chấp nhận báo giá.', declined: 'Quý khách đã từ chối báo giá. Cảm ơn đã phản hồi.',
    pdf: 'Tải PDF', notFound: 'Liên kết không hợp lệ.', words: 'Bằng chữ', total: 'Tổng cộng', lines: 'Các dòng',
  },
};
