/** Strings of the public satisfaction survey page (/survey/:token), registered under `ticketSurvey.` by the page itself. */
export const en = {
  title: 'How did we do?',
  about: 'Your request {{number}}: {{subject}}',
  question: 'How satisfied are you with the help you received?',
  scores: { 1: 'Very unsatisfied', 2: 'Unsatisfied', 3: 'Neutral', 4: 'Satisfied', 5: 'Very satisfied' },
  scoreLabel: 'Your rating',
  comment: 'Anything you would like to add? (optional)',
  send: 'Send',
  update: 'Update my answer',
  thanks: 'Thank you! Your rating ({{score}} of 5) has been recorded.',
  changeHint: 'You can change your rating or add a comment until the link expires.',
  loading: 'Loading the survey…',
  notFound: 'This survey link is not valid. Please check that you opened the whole link from the email.',
  expired: 'This survey link has expired. Thank you all the same!',
  failed: 'Your answer could not be saved. Please try again.',
};

export const vi: typeof en = {
  title: 'Chúng tôi hỗ trợ bạn thế nào?',
  about: 'Yêu cầu {{number}} của bạn: {{subject}}',
  question: 'Bạn hài lòng với sự hỗ trợ đã nhận được ở mức nào?',
  scores: { 1: 'Rất không hài lòng', 2: 'Không hài lòng', 3: 'Bình thường', 4: 'Hài lòng', 5: 'Rất hài lòng' },
  scoreLabel: 'Đánh giá của bạn',
  comment: 'Bạn có muốn nói thêm điều gì không? (không bắt buộc)',
  send: 'Gửi',
  update: 'Cập nhật câu trả lời',
  thanks: 'Xin cảm ơn! Đánh giá của bạn ({{score}} trên 5) đã được ghi nhận.',
  changeHint: 'Bạn có thể đổi đánh giá hoặc thêm nhận xét cho đến khi liên kết hết hạn.',
  loading: 'Đang tải khảo sát…',
  notFound: 'Liên kết khảo sát không hợp lệ. Vui lòng kiểm tra bạn đã mở đầy đủ liên kết trong email.',
  expired: 'Liên kết khảo sát đã hết hạn. Dù sao cũng xin cảm ơn bạn!',
  failed: 'Không lưu được câu trả lời. Vui lòng thử lại.',
};
