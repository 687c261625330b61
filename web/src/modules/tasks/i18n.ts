/** Strings of the tasks module, registered under `tasks.` by index.ts; `vi` has the same keys (i18n.test.ts). */
export const en = {
  nav: 'Tasks',
  myDay: { title: 'My day', description: 'Your open tasks: overdue, due today and coming up.', overdue: 'Overdue', today: 'Today', upcoming: 'Upcoming', empty: 'Nothing here.', noDue: 'No due time', all: 'All tasks', calendar: 'Calendar', complete: 'Mark “{{title}}” done', completed: 'Task done', subscribe: 'Subscribe in your calendar app' },
  outcome: { title: 'How did it go?', label: 'Outcome', hint: 'Logged on the contact’s timeline.', save: 'Complete', cancel: 'Cancel' },
  calendar: { title: 'Calendar', day: 'Day', week: 'Week', month: 'Month', today: 'Today', previous: 'Previous', next: 'Next', moved: 'Task moved to {{when}}', stale: 'Someone changed this task meanwhile; the calendar was reloaded.', dragHint: 'Drag a task to another day or hour to reschedule it.', hint: 'Times in {{zone}}. Drag a task to another day or hour, or use its Move to… button.', zone: 'Time zone', workspaceZone: 'Workspace ({{zone}})', moveTo: 'Move “{{title}}” to…', moveTitle: 'Move “{{title}}”', date: 'Date', time: 'Time', inZone: 'In {{zone}}.', badDate: 'Enter a date', badTime: 'Enter a time', move: 'Move', cancel: 'Cancel' },
  feed: { title: 'Subscribe in your calendar app', intro: 'Add this address to Google Calendar, Outlook or Apple Calendar to see your open tasks there. Keep it secret: anyone with it can read your tasks.', create: 'Create address', rotate: 'Make a new address', revoke: 'Stop sharing', shownOnce: 'Copy it now: it is shown only once.', active: 'A calendar address is active since {{when}}.', inactive: 'No calendar address yet.', revoked: 'Calendar address revoked' },
  palette: { newTask: 'New task', newTaskHint: 'Create a task', myDay: 'My day', myDayHint: 'Your tasks for today' },
  widget: { title: 'My tasks today', open: 'Open My day', none: 'No tasks due today.', overdue: '{{count}} overdue' },
  types: { todo: 'To-do', call: 'Call', meeting: 'Meeting', email: 'Email' },
  timeline: { badge: 'Task', status: { open: 'Open', done: 'Done', cancelled: 'Cancelled' }, due: 'Due {{when}}', done: 'Done {{when}}', outcome: 'Outcome' },
};

export const vi: typeof en = {
  nav: 'Công việc',
  myDay: { title: 'Hôm nay của tôi', description: 'Công việc đang mở của bạn: quá hạn, đến hạn hôm nay và sắp tới.', overdue: 'Quá hạn', today: 'Hôm nay', upcoming: 'Sắp tới', empty: 'Không có gì.', noDue: 'Chưa có hạn', all: 'Tất cả công việc', calendar: 'Lịch', complete: 'Đánh dấu “{{title}}” đã xong', completed: 'Đã xong công việc', subscribe: 'Đăng ký trong ứng dụng lịch' },
  outcome: { title: 'Kết quả thế nào?', label: 'Kết quả', hint: 'Được ghi vào dòng thời gian của liên hệ.', save: 'Hoàn thành', cancel: 'Huỷ' },
  calendar: { title: 'Lịch', day: 'Ngày', week: 'Tuần', month: 'Tháng', today: 'Hôm nay', previous: 'Trước', next: 'Sau', moved: 'Đã dời công việc sang {{when}}', stale: 'Ai đó vừa sửa công việc này; lịch đã được tải lại.', dragHint: 'Kéo một công việc sang ngày hoặc giờ khác để dời lịch.', hint: 'Giờ theo {{zone}}. Kéo công việc sang ngày hoặc giờ khác, hoặc dùng nút Dời sang….', zone: 'Múi giờ', workspaceZone: 'Theo không gian làm việc ({{zone}})', moveTo: 'Dời “{{title}}” sang…', moveTitle: 'Dời “{{title}}”', date: 'Ngày', time: 'Giờ', inZone: 'Theo múi giờ {{zone}}.', badDate: 'Nhập ngày', badTime: 'Nhập giờ', move: 'Dời', cancel: 'Huỷ' },
  feed: { title: 'Đăng ký trong ứng dụng lịch', intro: 'Thêm địa chỉ này vào Google Calendar, Outlook hoặc Lịch Apple để xem công việc đang mở của bạn. Hãy giữ bí mật: ai có địa chỉ này đều đọc được công việc của bạn.', create: 'Tạo địa chỉ', rotate: 'Tạo địa chỉ mới', revoke: 'Ngừng chia sẻ', shownOnce: 'Hãy sao chép ngay: địa chỉ chỉ hiện một lần.', active: 'Địa chỉ lịch đang hoạt động từ {{when}}.', inactive: 'Chưa có địa chỉ lịch.', revoked: 'Đã thu hồi địa chỉ lịch' },
  palette: { newTask: 'Công việc mới', newTaskHint: 'Tạo một công việc', myDay: 'Hôm nay của tôi', myDayHint: 'Công việc của bạn hôm nay' },
  widget: { title: 'Công việc hôm nay', open: 'Mở Hôm nay của tôi', none: 'Hôm nay không có công việc đến hạn.', overdue: '{{count}} quá hạn' },
  types: { todo: 'Việc cần làm', call: 'Gọi điện', meeting: 'Cuộc họp', email: 'Email' },
  timeline: { badge: 'Công việc', status: { open: 'Đang mở', done: 'Đã xong', cancelled: 'Đã huỷ' }, due: 'Hạn {{when}}', done: 'Xong lúc {{when}}', outcome: 'Kết quả' },
};
