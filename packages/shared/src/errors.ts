/**
 * Error codes shared by the HTTP API and (later) socket acknowledgements, each with a Vietnamese and an
 * English message. The server maps a code to an HTTP status once; the web shows the message in the UI language.
 */
export const errorCatalog = {
  bad_request: { status: 400, vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request is not valid.' },
  invalid_json: { status: 400, vi: 'Nội dung gửi lên không phải JSON hợp lệ.', en: 'The request body is not valid JSON.' },
  validation: { status: 400, vi: 'Một số trường chưa hợp lệ.', en: 'Some fields are not valid.' },
  import_invalid: { status: 400, vi: 'Tệp có dòng lỗi; chưa nhập dòng nào.', en: 'The file has invalid rows; nothing was imported.' },
  pdf_invalid: { status: 400, vi: 'Tệp không phải là PDF.', en: 'The file is not a PDF.' },
  pdf_encrypted: { status: 400, vi: 'Tệp PDF được đặt mật khẩu hoặc mã hóa; hãy tải lên bản không mã hóa.', en: 'The PDF is password-protected or encrypted; upload an unencrypted copy.' },
  pdf_damaged: { status: 400, vi: 'Tệp PDF bị hỏng, không đọc được.', en: 'The PDF is damaged and cannot be read.' },
  unauthenticated: { status: 401, vi: 'Vui lòng đăng nhập.', en: 'Please sign in.' },
  invalid_credentials: { status: 401, vi: 'Sai tên đăng nhập hoặc mật khẩu.', en: 'Wrong username or password.' },
  totp_required: { status: 401, vi: 'Nhập mã xác thực 6 số từ ứng dụng.', en: 'Enter the 6-digit code from your authenticator app.' },
  totp_invalid: { status: 401, vi: 'Mã xác thực không đúng.', en: 'The authentication code is wrong.' },
  csrf: { status: 403, vi: 'Yêu cầu bị chặn vì không đến từ ứng dụng.', en: 'Request blocked: it did not come from the app.' },
  secret_document: { status: 403, vi: 'Tài liệu mật chỉ phát hành bản giấy, không xem trên hệ thống.', en: 'Secret documents are issued on paper only, never shown on the system.' },
  forbidden: { status: 403, vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  quorum_not_reached: { status: 409, vi: 'Chưa đủ số đại biểu tham dự theo quy định để biểu quyết.', en: 'The quorum has not been reached; the poll cannot open.' },
  poll_not_open: { status: 409, vi: 'Phiên biểu quyết chưa mở hoặc đã kết thúc.', en: 'The poll is not open.' },
  already_voted: { status: 409, vi: 'Bạn đã biểu quyết nội dung này.', en: 'You have already voted in this poll.' },
  not_eligible: { status: 403, vi: 'Bạn không thuộc diện biểu quyết hoặc chưa điểm danh có mặt.', en: 'You may not vote in this poll (not a delegate, or not checked in).' },
  poll_not_adopted: { status: 409, vi: 'Chỉ dự thảo đã được biểu quyết thông qua mới trở thành nghị quyết; biểu quyết này chưa kết thúc hoặc không được thông qua.', en: 'Only an adopted draft becomes a resolution; this poll is not closed or was not adopted.' },
  resolution_state: { status: 409, vi: 'Nghị quyết không ở trạng thái cho phép thao tác này.', en: 'The resolution is not in a state that allows this.' },
  rehearsal_meeting: { status: 409, vi: 'Đây là phiên diễn tập: kết quả không được tính, không có nghị quyết, biên bản hay hồ sơ.', en: 'This is a rehearsal: its results never count and it has no resolutions, minutes or record.' },
  supervision_state: { status: 409, vi: 'Chuyên đề giám sát không ở trạng thái cho phép thao tác này.', en: 'The supervision topic is not in a state that allows this.' },
  comments_not_open: { status: 409, vi: 'Tài liệu này chưa được mở lấy ý kiến góp ý.', en: 'This document is not open for comments.' },
  comments_closed: { status: 409, vi: 'Đã hết thời hạn góp ý cho tài liệu này; không thêm, sửa hay rút góp ý được nữa.', en: 'The comment period for this document has closed; comments can no longer be added, changed or withdrawn.' },
  comment_outdated: { status: 409, vi: 'Tài liệu đã được thay thế bằng phiên bản mới; chỉ góp ý trên phiên bản hiện hành.', en: 'The document has been replaced by a new version; comment on the current version.' },
  comment_state: { status: 409, vi: 'Góp ý đã được rút hoặc đã được trả lời, không thực hiện được thao tác này.', en: 'The comment was withdrawn or already answered; this cannot be done.' },
  not_signer: { status: 403, vi: 'Chỉ Chủ tịch HĐND hoặc người được phân công mới được ký văn bản này.', en: 'Only the council chair, or the person assigned, may sign this document.' },
  signing_expired: { status: 409, vi: 'Phiên ký đã hết hạn hoặc đã dùng; hãy ký lại.', en: 'The signing session has expired or was used; sign again.' },
  signature_rejected: { status: 422, vi: 'Chữ ký số không hợp lệ, không được chấp nhận.', en: 'The digital signature is not valid and was refused.' },
  certificate_invalid: { status: 400, vi: 'Không đọc được chứng thư số hoặc danh sách thu hồi (PEM/DER).', en: 'The certificate or CRL cannot be read (PEM/DER).' },
  seal_unavailable: { status: 503, vi: 'Chưa cấu hình chứng thư số của cơ quan để đóng dấu.', en: 'The council seal certificate is not configured.' },
  minutes_final: { status: 409, vi: 'Biên bản đã hoàn thiện, không sửa được nữa.', en: 'The minutes are final and can no longer be changed.' },
  minutes_state: { status: 409, vi: 'Chỉ ký được biên bản đã hoàn thiện và chưa ký.', en: 'Only final minutes that are not yet signed can be signed.' },
  petition_state: { status: 409, vi: 'Kiến nghị không ở trạng thái cho phép thao tác này (có thể người khác vừa xử lý).', en: 'The petition is not in a state that allows this (someone may have just handled it).' },
  attachment_invalid: { status: 400, vi: 'Tệp đính kèm chỉ nhận PDF, JPEG hoặc PNG, tối đa 3 tệp, mỗi tệp không quá 5 MB.', en: 'Attachments must be PDF, JPEG or PNG: at most 3 files of 5 MB each.' },
  email_invalid: { status: 400, vi: 'Tệp không phải là thư điện tử hợp lệ (RFC 822, cần có người gửi).', en: 'The file is not a valid e-mail message (RFC 822 with a sender).' },
  webhook_signature: { status: 401, vi: 'Chữ ký của sự kiện Zalo thiếu hoặc không đúng.', en: 'The Zalo event signature is missing or wrong.' },
  webhook_stale: { status: 401, vi: 'Sự kiện Zalo đã quá hạn hoặc bị gửi lại; không nhận.', en: 'The Zalo event is too old or replayed; refused.' },
  intake_closed: { status: 403, vi: 'Hội đồng nhân dân tạm không nhận kiến nghị qua cổng thông tin.', en: 'The council is not taking petitions through the portal at the moment.' },
  poll_still_open: { status: 409, vi: 'Đang có biểu quyết mở: hãy đóng hoặc hủy biểu quyết trước khi kết thúc phiên họp.', en: 'A poll is still open: close or cancel it before ending the meeting.' },
  meeting_ended: { status: 409, vi: 'Phiên họp đã kết thúc.', en: 'The meeting has already ended.' },
  meeting_state: { status: 409, vi: 'Chỉ kết thúc được cuộc họp đã công bố hoặc đang họp (không phải bản nháp hay cuộc họp đã hủy).', en: 'Only a published or live meeting can be ended (not a draft or a cancelled meeting).' },
  rules_locked: { status: 409, vi: 'Đang có biểu quyết mở: chỉ sửa được quy định sau khi đóng biểu quyết.', en: 'A poll is open: the rules can be changed once it closes.' },
  consultation_state: { status: 409, vi: 'Phiếu xin ý kiến không ở trạng thái cho phép thao tác này.', en: 'The consultation is not in a state that allows this.' },
  consultation_closed: { status: 409, vi: 'Đã hết hạn lấy ý kiến; không nhận hoặc sửa phiếu trả lời nữa.', en: 'The consultation has closed; answers can no longer be given or changed.' },
  not_consulted: { status: 403, vi: 'Bạn không thuộc thành phần được xin ý kiến.', en: 'You are not among the members consulted.' },
  rsvp_link_unknown: { status: 404, vi: 'Đường dẫn xác nhận tham dự không đúng hoặc không còn hiệu lực.', en: 'This RSVP link is not valid.' },
  rsvp_link_expired: { status: 410, vi: 'Cuộc họp đã kết thúc hoặc bị hủy; đường dẫn xác nhận tham dự đã hết hạn.', en: 'The meeting has ended or was cancelled; this RSVP link has expired.' },
  rsvp_closed: { status: 409, vi: 'Cuộc họp đã kết thúc hoặc bị hủy; không thay đổi xác nhận tham dự được nữa.', en: 'The meeting has ended or was cancelled; the answer can no longer be changed.' },
  substitute_not_allowed: { status: 400, vi: 'Theo quy định của HĐND, cuộc họp này không được cử người dự thay.', en: 'Under the council’s rules nobody may attend this meeting in an invitee’s place.' },
  seat_taken: { status: 409, vi: 'Ghế này đã được xếp cho người khác trong cuộc họp.', en: 'This seat is already assigned to someone else in this meeting.' },
  venue_in_use: { status: 409, vi: 'Sơ đồ đang dùng cho cuộc họp đã xếp chỗ: chỉ sửa được tên, hoặc tạo sơ đồ mới.', en: 'The plan is used by a seated meeting: only its name can change; draw a new plan instead.' },
  checkin_forged: { status: 400, vi: 'Mã QR không hợp lệ: không phải mã của Họp Số hoặc sai chữ ký.', en: 'The QR code is not valid: not a Họp Số code, or its signature is wrong.' },
  checkin_expired: { status: 410, vi: 'Mã QR đã hết hạn.', en: 'The QR code has expired.' },
  checkin_other_meeting: { status: 409, vi: 'Mã QR này là của cuộc họp khác.', en: 'This QR code belongs to another meeting.' },
  checkin_used: { status: 409, vi: 'Mã QR đã được sử dụng.', en: 'The QR code has already been used.' },
  not_found: { status: 404, vi: 'Không tìm thấy.', en: 'Not found.' },
  conflict: { status: 409, vi: 'Dữ liệu bị trùng hoặc đã thay đổi.', en: 'Duplicate or changed data.' },
  payload_too_large: { status: 413, vi: 'Dữ liệu gửi lên quá lớn.', en: 'The request is too large.' },
  unsupported_media_type: { status: 415, vi: 'Định dạng nội dung không được hỗ trợ.', en: 'Unsupported content type.' },
  rate_limited: { status: 429, vi: 'Thử quá nhiều lần. Vui lòng đợi rồi thử lại.', en: 'Too many attempts. Please wait and try again.' },
  internal: { status: 500, vi: 'Lỗi hệ thống. Vui lòng thử lại.', en: 'Server error. Please try again.' },
} as const;
export type ErrorCode = keyof typeof errorCatalog;

/** One problem with one field, in both UI languages. */
export interface FieldMessage {
  vi: string;
  en: string;
}

/** Field-level problems: JSON path (e.g. "startsAt", "agenda.2.title") → messages. */
export type FieldErrors = Record<string, FieldMessage[]>;

const separator = '\u001f';

/**
 * A schema's own error message in both UI languages. zod carries one string per issue, so the two are
 * joined here and split again by `splitBilingual` when the server builds the error body.
 */
export function bilingual(vi: string, en: string): string {
  return `${vi}${separator}${en}`;
}

/** The two languages of a message made by `bilingual`; any other message is used for both. */
export function splitBilingual(message: string): FieldMessage {
  const [vi = message, en = vi] = message.split(separator);
  return { vi, en };
}

/** The body of every error response (HTTP) and every failed acknowledgement (socket). */
export interface ErrorBody {
  ok: false;
  code: ErrorCode;
  message: string;
  messageEn: string;
  fields?: FieldErrors;
  rows?: ImportRowError[];
}

/** One rejected row of an import, numbered as the user sees it in the file (header is line 1). */
export interface ImportRowError {
  line: number;
  errors: FieldErrors;
}
