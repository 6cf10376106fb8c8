import type { HandbookPage } from './content.ts';
import type { HandbookRole } from './roles.ts';

// Sổ tay tiếng Việt. Nút và mục trên màn hình viết {{khóa}} (xem content.ts), không gõ lại nhãn bằng tay.
export const handbookVi: Record<HandbookRole, HandbookPage> = {
  delegate: {
    title: 'Sổ tay Đại biểu',
    intro: 'Mọi việc của đại biểu trong một phiên họp đều làm trên máy tính bảng: điểm danh, đọc tài liệu, phát biểu, chất vấn và biểu quyết.',
    sections: [
      { heading: 'Vào phiên họp', steps: [
        'Đăng nhập bằng tên đăng nhập và mật khẩu Văn phòng cấp. Trang {{nav.myMeetings}} liệt kê các cuộc họp bạn được mời.',
        'Chạm vào cuộc họp, rồi chạm {{live.links.delegate}}.',
        'Chạm {{live.checkIn.button}} khi đã có mặt tại hội trường.',
      ] },
      { heading: 'Đọc tài liệu', steps: [
        'Mục {{live.item.documents}} hiện tài liệu của nội dung đang họp; chạm vào tên tài liệu để mở.',
        'Chạm một nội dung khác trong {{live.agenda.title}} để xem trước; chạm {{live.item.backToLive}} để về nội dung đang họp.',
      ] },
      { heading: 'Phát biểu và chất vấn', steps: [
        'Chạm {{live.speakers.request}} để xin phát biểu; chạm {{live.speakers.withdraw}} nếu đổi ý.',
        'Trong {{live.questions.title}}, ghi người bị chất vấn và nội dung, rồi chạm {{live.questions.send}}.',
      ] },
      { heading: 'Biểu quyết', steps: [
        'Khi chủ tọa mở biểu quyết, phiếu hiện trên màn hình. Chạm lựa chọn của bạn rồi chạm {{live.ballot.confirm}}; chạm {{live.ballot.change}} nếu chọn nhầm.',
        'Phiên có dải {{guidance.rehearsal.marker}} là phiên diễn tập: cứ bấm thử, kết quả không được tính.',
      ] },
      { heading: 'Cần giúp đỡ', steps: ['Chạm {{guidance.help}} ở đầu trang, rồi {{guidance.restartTour}} để xem lại hướng dẫn từng bước.'] },
    ],
  },
  chair: {
    title: 'Sổ tay Chủ tọa',
    intro: 'Chủ tọa điều khiển phiên họp: mời phát biểu, mở và kết thúc biểu quyết, rồi ký số nghị quyết đã thông qua.',
    sections: [
      { heading: 'Điều hành', steps: [
        'Trên trang cuộc họp, chạm {{live.links.console}}.',
        'Mời đại biểu theo danh sách bằng {{live.speakers.start}}; chạm {{live.speakers.stop}} khi xong.',
      ] },
      { heading: 'Biểu quyết', steps: [
        'Chọn nội dung biểu quyết đã chuẩn bị và chạm {{live.polls.open}} (cần đủ số đại biểu có mặt).',
        'Khi mọi người đã bỏ phiếu, chạm {{live.polls.close}}: kết quả hiện trên màn hình trình chiếu.',
        'Cuối phiên, chạm {{live.end.button}}.',
      ] },
      { heading: 'Ký số nghị quyết và biên bản', steps: [
        'Mở {{nav.resolutions}}, chọn nghị quyết, rồi chạm {{sign.submit}} và chọn tệp chữ ký số của bạn.',
        'Biên bản đã hoàn thiện được ký trong {{record.link}}.',
      ] },
    ],
  },
  secretary: {
    title: 'Sổ tay Thư ký kỳ họp / Văn phòng',
    intro: 'Văn phòng chuẩn bị cuộc họp, điều hành chương trình trực tiếp và lập biên bản, nghị quyết.',
    sections: [
      { heading: 'Chuẩn bị', steps: [
        'Trong trang Văn phòng, mục {{council.tab.meetings}}, tạo cuộc họp và chương trình.',
        'Khi xong, chạm {{meeting.publish}}: đại biểu được mời sẽ thấy cuộc họp.',
      ] },
      { heading: 'Diễn tập trước kỳ họp', steps: [
        'Trong {{live.links.console}}, chạm {{guidance.rehearsal.start}}: một phiên tập có cùng chương trình, tài liệu và đại biểu được tạo ra.',
        'Mọi màn hình của phiên tập đều có dải {{guidance.rehearsal.marker}}; biểu quyết tập không thành nghị quyết, không vào biên bản, báo cáo hay cổng thông tin.',
      ] },
      { heading: 'Trong phiên họp', steps: [
        'Chạm {{live.links.console}}, rồi {{live.console.openProjector}} trên máy chiếu.',
        'Chạm {{live.agenda.setLive}} ở nội dung cần họp; mọi máy tính bảng tự chuyển theo. {{live.agenda.end}} khi xong.',
        'Tạo biểu quyết bằng {{live.polls.create}}, rồi {{live.polls.open}} và {{live.polls.close}}.',
        'Cuối phiên, chạm {{live.end.button}}.',
      ] },
      { heading: 'Sau phiên họp', steps: [
        'Trong {{record.link}}, bổ sung diễn biến, {{record.minutes.save}}, rồi {{record.minutes.finalize}}.',
        'Trong {{nav.resolutions}}, chạm {{resolutions.create}} cho từng dự thảo đã thông qua; sau khi ký và đóng dấu, chạm {{resolutions.publish}}.',
      ] },
    ],
  },
  clerk: {
    title: 'Sổ tay Chuyên viên',
    intro: 'Chuyên viên tải tài liệu lên cho cuộc họp và tiếp nhận kiến nghị cử tri.',
    sections: [
      { heading: 'Tài liệu', steps: [
        'Trên trang cuộc họp, phần {{documents.upload.title}}: chạm {{documents.upload.choose}}, chọn tệp PDF, rồi {{documents.upload.submit}}.',
        'Tài liệu mật chỉ được liệt kê, không bao giờ gửi xuống máy tính bảng.',
      ] },
      { heading: 'Kiến nghị cử tri', steps: [
        'Mở {{petitions.title}} từ trang Văn phòng.',
        'Kiến nghị nêu tại buổi tiếp xúc cử tri nhập một lần bằng {{petitions.bulkLink}}.',
      ] },
    ],
  },
  guest: {
    title: 'Sổ tay Khách mời',
    intro: 'Khách mời theo dõi phiên họp và đọc tài liệu không mật; khách mời không biểu quyết.',
    sections: [
      { heading: 'Theo dõi phiên họp', steps: [
        'Mở cuộc họp từ {{nav.myMeetings}} và chạm {{live.links.delegate}}.',
        'Mục {{live.item.documents}} hiện tài liệu của nội dung đang họp.',
        'Khi được chất vấn, Thường trực HĐND sẽ mời bạn trả lời tại hội trường.',
      ] },
    ],
  },
  admin: {
    title: 'Sổ tay Quản trị',
    intro: 'Quản trị viên quản lý các HĐND, tài khoản và danh sách chứng thư số tin cậy.',
    sections: [
      { heading: 'HĐND và tài khoản', steps: [
        'Mở {{nav.admin}}, chọn HĐND và chạm {{admin.open}}.',
        'Đại biểu được nhập từ tệp CSV ở mục {{council.tab.members}}; mật khẩu ban đầu chỉ hiện một lần.',
      ] },
      { heading: 'Bảo mật', steps: [
        'Trong {{trust.title}}, chạm {{trust.add}} để thêm chứng thư gốc hoặc trung gian của tổ chức cấp chữ ký số.',
        'Trong {{nav.account}}, chạm {{totp.start}}.',
      ] },
    ],
  },
};
