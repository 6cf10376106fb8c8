import type { PetitionStatus } from '@hopso/shared/petitions';
import type { Lang } from '../portal/i18n.ts';

// The petition pages' words on the portal, Vietnamese first; both languages have the same keys (the type says so).

const vi = {
  title: 'Kiến nghị cử tri', intro: 'Gửi kiến nghị, phản ánh tới Hội đồng nhân dân và tra cứu kết quả trả lời của cơ quan có thẩm quyền.',
  send: 'Gửi kiến nghị', lookup: 'Tra cứu kiến nghị', answers: 'Kiến nghị đã được trả lời', noAnswers: 'Chưa có kiến nghị nào được công bố trả lời.',
  formTitle: 'Gửi kiến nghị tới Hội đồng nhân dân', formIntro: 'Các ô có dấu * là bắt buộc. Sau khi gửi, bạn nhận được mã tra cứu để theo dõi kết quả.',
  name: 'Họ và tên', contact: 'Số điện thoại, e-mail hoặc địa chỉ liên hệ', contactHint: 'Chỉ cơ quan tiếp nhận thấy; không công khai.',
  locality: 'Thôn, ấp, tổ dân phố hoặc địa bàn', localityHint: 'Ví dụ: Ấp Bình An', content: 'Nội dung kiến nghị', contentHint: 'Tối thiểu 10 ký tự, tối đa 5.000 ký tự.',
  files: 'Tệp đính kèm (không bắt buộc)', filesHint: 'Ảnh JPEG, PNG hoặc tệp PDF; tối đa 3 tệp, mỗi tệp không quá 5 MB.',
  honeypot: 'Để trống ô này', submit: 'Gửi kiến nghị', optional: '(không bắt buộc)', required: '*',
  fixErrors: 'Chưa gửi được: vui lòng sửa các ô được đánh dấu bên dưới.', closed: 'Hội đồng nhân dân tạm không nhận kiến nghị qua cổng thông tin. Bạn có thể gửi trực tiếp tại trụ sở hoặc qua các buổi tiếp xúc cử tri.',
  tooMany: 'Bạn đã gửi nhiều kiến nghị trong thời gian ngắn. Vui lòng đợi 15 phút rồi thử lại.', tooLarge: 'Tệp đính kèm quá lớn: mỗi tệp không quá 5 MB, tổng cộng tối đa 3 tệp.',
  badFiles: 'Tệp đính kèm chỉ nhận ảnh JPEG, PNG hoặc tệp PDF; tối đa 3 tệp, mỗi tệp không quá 5 MB.',
  received: 'Đã nhận kiến nghị của bạn. Xin cảm ơn!', receivedNoCode: 'Đã nhận nội dung bạn gửi. Xin cảm ơn!', keepCode: 'Hãy ghi lại mã tra cứu dưới đây để theo dõi kết quả trả lời:',
  code: 'Mã tra cứu', codeHint: 'Ví dụ: KN-7Q2MX-4HD9A', find: 'Tra cứu', notFoundCode: 'Không tìm thấy kiến nghị có mã này. Vui lòng kiểm tra lại mã.',
  status: 'Tình trạng', receivedAt: 'Ngày nhận', answer: 'Trả lời', agency: 'Cơ quan trả lời', field: 'Lĩnh vực', publishedAt: 'Ngày công bố', answeredAt: 'Ngày trả lời',
  voters: 'Số lượt cử tri kiến nghị', readAnswer: 'Xem trả lời', mergedNote: 'Kiến nghị của bạn có cùng nội dung với kiến nghị của cử tri khác và được tổng hợp, trả lời chung.',
  notYet: 'Kết quả trả lời sẽ được công bố tại đây khi cơ quan có thẩm quyền trả lời.', searchLabel: 'Tìm trong kiến nghị đã trả lời', searchPlaceholder: 'Nội dung, địa bàn, lĩnh vực…',
  channel_web: 'Cổng thông tin', channel_email: 'Thư điện tử', channel_zalo: 'Zalo', channel_meeting: 'Tiếp xúc cử tri',
  status_received: 'Đã tiếp nhận', status_classified: 'Đã phân loại', status_assigned: 'Đang chờ cơ quan trả lời', status_answered: 'Đã có trả lời, chờ công bố',
  status_published: 'Đã công bố trả lời', status_closed: 'Đã kết thúc xử lý', status_merged: 'Đã tổng hợp với kiến nghị cùng nội dung',
};
export type PetitionWords = typeof vi;

const en: PetitionWords = {
  title: "Voters' petitions", intro: "Send a petition to the People's Council and look up the answer of the competent agency.",
  send: 'Send a petition', lookup: 'Look up a petition', answers: 'Answered petitions', noAnswers: 'No answers to petitions have been published yet.',
  formTitle: "Send a petition to the People's Council", formIntro: 'Fields marked * are required. After sending you get a tracking code to follow the answer.',
  name: 'Full name', contact: 'Phone, e-mail or postal address', contactHint: 'Seen only by the receiving office; never published.',
  locality: 'Village, hamlet or neighbourhood', localityHint: 'For example: Ấp Bình An', content: 'Your petition', contentHint: 'At least 10 and at most 5,000 characters.',
  files: 'Attachments (optional)', filesHint: 'JPEG or PNG photos or PDF files; up to 3 files of 5 MB each.',
  honeypot: 'Leave this field empty', submit: 'Send the petition', optional: '(optional)', required: '*',
  fixErrors: 'Not sent yet: please correct the fields marked below.', closed: 'The council is not taking petitions through the portal at the moment. You can hand them in at its office or at a voter contact meeting.',
  tooMany: 'You have sent many petitions in a short time. Please wait 15 minutes and try again.', tooLarge: 'The attachments are too large: up to 3 files of 5 MB each.',
  badFiles: 'Attachments must be JPEG or PNG photos or PDF files: up to 3 files of 5 MB each.',
  received: 'Your petition has been received. Thank you!', receivedNoCode: 'What you sent has been received. Thank you!', keepCode: 'Write down this tracking code to follow the answer:',
  code: 'Tracking code', codeHint: 'For example: KN-7Q2MX-4HD9A', find: 'Look up', notFoundCode: 'No petition has this code. Please check it.',
  status: 'Status', receivedAt: 'Received on', answer: 'Answer', agency: 'Answering agency', field: 'Field', publishedAt: 'Published on', answeredAt: 'Answered on',
  voters: 'Voters who raised it', readAnswer: 'Read the answer', mergedNote: 'Other voters raised the same issue; the petitions were combined and answered together.',
  notYet: 'The answer will be published here once the competent agency has answered.', searchLabel: 'Search answered petitions', searchPlaceholder: 'Text, place, field…',
  channel_web: 'Portal', channel_email: 'E-mail', channel_zalo: 'Zalo', channel_meeting: 'Voter contact meeting',
  status_received: 'Received', status_classified: 'Classified', status_assigned: 'Waiting for the agency’s answer', status_answered: 'Answered, to be published',
  status_published: 'Answer published', status_closed: 'Closed', status_merged: 'Combined with petitions on the same issue',
};

export const petitionWords: Record<Lang, PetitionWords> = { vi, en };
export const statusWord = (lang: Lang, status: PetitionStatus) => petitionWords[lang][`status_${status}`];
