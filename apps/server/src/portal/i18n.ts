import { getCookie, setCookie } from 'hono/cookie';
import type { AppContext } from '../http/context.ts';

// The portal's words, Vietnamese first. The portal is server-rendered HTML outside the SvelteKit app, so it
// keeps its own small dictionary; both languages must have the same keys (the type enforces it).

export type Lang = 'vi' | 'en';

const vi = {
  site: 'Cổng thông tin công khai', brand: 'Họp Số', skip: 'Bỏ qua, đến nội dung chính', home: 'Trang chủ',
  councils: 'Hội đồng nhân dân', councilsIntro: 'Lịch họp, tài liệu kỳ họp và nghị quyết đã ban hành của Hội đồng nhân dân, công khai theo quy định.',
  noCouncils: 'Chưa có Hội đồng nhân dân nào.', resolutionsCount: 'nghị quyết đã công bố',
  upcoming: 'Kỳ họp sắp tới', noUpcoming: 'Chưa có kỳ họp công khai sắp tới.', latestResolutions: 'Nghị quyết mới công bố', noResolutions: 'Chưa có nghị quyết được công bố.',
  allResolutions: 'Tất cả nghị quyết', calendar: 'Lịch họp', subscribe: 'Thêm vào lịch (ICS)', feed: 'Tin mới (Atom)', pastMeetings: 'Kỳ họp đã diễn ra', noMeetings: 'Chưa có kỳ họp công khai.',
  meeting: 'Kỳ họp', time: 'Thời gian', place: 'Địa điểm', livestream: 'Truyền hình trực tiếp', documents: 'Tài liệu công khai', noDocuments: 'Chưa có tài liệu công khai.',
  recordings: 'Bản ghi phiên họp', noRecordings: 'Chưa có bản ghi.', download: 'Tải về', pages: 'trang',
  resolutions: 'Nghị quyết', number: 'Số, ký hiệu', title: 'Trích yếu', adoptedOn: 'Ngày thông qua', publishedAt: 'Ngày công bố', signedAt: 'Ngày ký',
  sha256: 'Mã băm SHA-256', verified: 'Chữ ký số đã xác thực', verifyHow: 'Tự kiểm tra chữ ký của tệp tại trang xác thực', notVerified: 'Chưa có chữ ký số',
  search: 'Tìm kiếm', searchLabel: 'Từ khóa', searchPlaceholder: 'Số nghị quyết, trích yếu, nội dung…', searchResults: 'Kết quả tìm kiếm', noResults: 'Không tìm thấy kết quả phù hợp.',
  searchIntro: 'Tìm trong nghị quyết, kỳ họp, tài liệu, kết quả giám sát và trả lời kiến nghị cử tri đã công bố.', meetings: 'Kỳ họp', supervision: 'Kết quả giám sát', petitions: 'Kiến nghị cử tri', latestAnswers: 'Trả lời kiến nghị cử tri', allAnswers: 'Tất cả kiến nghị đã trả lời',
  notFound: 'Không tìm thấy trang', notFoundText: 'Trang bạn tìm không tồn tại hoặc chưa được công bố.', backHome: 'Về trang chủ cổng thông tin',
  openData: 'Dữ liệu mở (JSON, CSV)', language: 'Ngôn ngữ', other: 'English', otherLang: 'en', breadcrumb: 'Đường dẫn', more: 'Xem tiếp',
  live: 'Đang họp', held: 'Đã họp', scheduled: 'Sắp họp', footer: 'Thông tin do Thường trực Hội đồng nhân dân công bố. Chỉ nội dung đã công bố được hiển thị.',
  kind_regular: 'Kỳ họp thường lệ', kind_thematic: 'Kỳ họp chuyên đề', kind_extraordinary: 'Kỳ họp bất thường', kind_standing: 'Phiên họp Thường trực',
  kind_committee: 'Cuộc họp Ban', kind_group: 'Cuộc họp Tổ đại biểu', kind_voterContact: 'Tiếp xúc cử tri',
  level_commune: 'Cấp xã', level_ward: 'Cấp phường', level_province: 'Cấp tỉnh',
};
export type Words = typeof vi;

const en: Words = {
  site: 'Public information portal', brand: 'Họp Số', skip: 'Skip to main content', home: 'Home',
  councils: "People's Councils", councilsIntro: "Meeting calendars, session documents and adopted resolutions of the People's Councils, published as the law requires.",
  noCouncils: 'No councils yet.', resolutionsCount: 'published resolutions',
  upcoming: 'Upcoming meetings', noUpcoming: 'No upcoming public meetings.', latestResolutions: 'Latest resolutions', noResolutions: 'No resolutions published yet.',
  allResolutions: 'All resolutions', calendar: 'Calendar', subscribe: 'Add to calendar (ICS)', feed: 'News feed (Atom)', pastMeetings: 'Past meetings', noMeetings: 'No public meetings yet.',
  meeting: 'Meeting', time: 'Time', place: 'Place', livestream: 'Livestream', documents: 'Public documents', noDocuments: 'No public documents yet.',
  recordings: 'Recordings', noRecordings: 'No recordings yet.', download: 'Download', pages: 'pages',
  resolutions: 'Resolutions', number: 'Number', title: 'Title', adoptedOn: 'Adopted on', publishedAt: 'Published on', signedAt: 'Signed on',
  sha256: 'SHA-256 hash', verified: 'Digital signature verified', verifyHow: 'Check the file’s signature yourself on the verify page', notVerified: 'Not digitally signed',
  search: 'Search', searchLabel: 'Keywords', searchPlaceholder: 'Resolution number, title, text…', searchResults: 'Search results', noResults: 'Nothing matches.',
  searchIntro: 'Search published resolutions, meetings, documents, supervision results and answers to voters’ petitions.', meetings: 'Meetings', supervision: 'Supervision results', petitions: "Voters' petitions", latestAnswers: 'Answers to voters’ petitions', allAnswers: 'All answered petitions',
  notFound: 'Page not found', notFoundText: 'The page does not exist or has not been published.', backHome: 'Back to the portal home',
  openData: 'Open data (JSON, CSV)', language: 'Language', other: 'Tiếng Việt', otherLang: 'vi', breadcrumb: 'Breadcrumb', more: 'More',
  live: 'In session', held: 'Held', scheduled: 'Scheduled', footer: "Published by the Standing Committee of the People's Council. Only published content is shown.",
  kind_regular: 'Regular session', kind_thematic: 'Thematic session', kind_extraordinary: 'Extraordinary session', kind_standing: 'Standing Committee meeting',
  kind_committee: 'Committee meeting', kind_group: 'Delegate group meeting', kind_voterContact: 'Voter contact meeting',
  level_commune: 'Commune', level_ward: 'Ward', level_province: 'Province',
};

export const words: Record<Lang, Words> = { vi, en };
const cookieName = 'hopso_portal_lang';

/** ?lang=en|vi switches and is remembered in a cookie (a year); otherwise the cookie, otherwise Vietnamese. */
export function portalLang(c: AppContext): Lang {
  const asked = c.req.query('lang');
  if (asked === 'vi' || asked === 'en') {
    setCookie(c, cookieName, asked, { path: '/cong-khai', maxAge: 365 * 86400, sameSite: 'Lax', httpOnly: true });
    return asked;
  }
  return getCookie(c, cookieName) === 'en' ? 'en' : 'vi';
}

const zone = 'Asia/Ho_Chi_Minh';
export function formatDateTime(lang: Lang, iso: string): string {
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: zone, dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));
}
/** A calendar date ("2026-12-01") or an instant, as a date in Vietnam. */
export function formatDate(lang: Lang, value: string): string {
  const at = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00+07:00`) : new Date(value);
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: zone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(at);
}
