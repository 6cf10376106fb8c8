import { randomBytes } from 'node:crypto';
import { formatTrackingCode } from '@hopso/shared/petitions';
import type { Db } from './client.ts';
import { petitionRules, petitions } from './schema/index.ts';

/** The Vietnam calendar date `days` from `now`, as YYYY-MM-DD. */
function vnDate(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86400_000 + 7 * 3600_000).toISOString().slice(0, 10);
}
const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * 86400_000);

/**
 * The demo council's voter petitions (kiến nghị cử tri): keyword rules for the classification suggestions, and
 * petitions from every channel in every status — two answered and published (one raised by two voters and
 * merged), one past its answer deadline, two look-alikes waiting to be merged — so the secretariat's list, the
 * overdue list, the merge suggestions, the portal and the KPI dashboard have something to show.
 */
export async function seedPetitionsDemo(tx: Db, input: { councilId: string; createdBy: string; now: Date }): Promise<void> {
  const { councilId, createdBy, now } = input;
  await tx.insert(petitionRules).values([
    { kind: 'field' as const, value: 'Giao thông', keywords: ['đường', 'cầu', 'giao thông', 'ổ gà'] },
    { kind: 'field' as const, value: 'Thủy lợi', keywords: ['kênh', 'mương', 'thủy lợi', 'trạm bơm'] },
    { kind: 'field' as const, value: 'Điện, chiếu sáng', keywords: ['đèn', 'chiếu sáng', 'điện'] },
    { kind: 'field' as const, value: 'Môi trường', keywords: ['rác', 'ô nhiễm', 'nước thải'] },
    { kind: 'agency' as const, value: 'Phòng Kinh tế', keywords: ['đường', 'cầu', 'kênh', 'mương', 'đèn'] },
    { kind: 'agency' as const, value: 'Công an xã', keywords: ['trật tự', 'an ninh', 'trộm'] },
    { kind: 'locality' as const, value: 'Ấp Tân Hòa', keywords: ['tân hòa'] },
    { kind: 'locality' as const, value: 'Ấp Tân Lợi', keywords: ['tân lợi'] },
  ].map((r, position) => ({ councilId, ...r, position })));

  const code = () => formatTrackingCode(randomBytes(10));
  const common = { councilId, createdBy };
  const [published] = await tx.insert(petitions).values({
    ...common, code: code(), channel: 'meeting', status: 'published', locality: 'Ấp Tân Hòa', field: 'Giao thông', agency: 'Phòng Kinh tế',
    submitterName: 'Nguyễn Văn Hùng', content: 'Đường liên ấp Tân Hòa – Tân Lợi xuống cấp, nhiều ổ gà, đề nghị sớm sửa chữa trước mùa mưa.',
    summary: 'Cử tri ấp Tân Hòa đề nghị sửa chữa đường liên ấp Tân Hòa – Tân Lợi bị xuống cấp.',
    answer: 'UBND xã đã bố trí 450 triệu đồng từ ngân sách xã năm nay; công trình sửa chữa khởi công trong tháng tới và hoàn thành trước mùa mưa.',
    deadline: vnDate(now, -20), receivedAt: daysAgo(now, 50), classifiedAt: daysAgo(now, 48), assignedAt: daysAgo(now, 47), answeredAt: daysAgo(now, 25), publishedAt: daysAgo(now, 20),
  }).returning({ id: petitions.id });
  await tx.insert(petitions).values([
    {
      ...common, code: code(), channel: 'web', status: 'merged', mergedInto: published!.id, locality: 'Ấp Tân Lợi', field: 'Giao thông',
      content: 'Con đường nối ấp Tân Lợi với ấp Tân Hòa hư hỏng nặng, xe cộ đi lại khó khăn.', receivedAt: daysAgo(now, 45), closedAt: daysAgo(now, 44),
    },
    {
      ...common, code: code(), channel: 'email', status: 'published', locality: 'Ấp Tân Lợi', field: 'Môi trường', agency: 'UBND xã Tân Phú',
      submitterName: 'Lê Thị Mai', submitterContact: 'lethimai@example.vn',
      content: 'Điểm tập kết rác gần chợ Tân Lợi không được thu gom thường xuyên, gây mùi hôi.',
      answer: 'Từ tháng này tổ thu gom rác thu gom mỗi ngày tại điểm chợ Tân Lợi; UBND xã đã nhắc nhở đơn vị thu gom.',
      deadline: vnDate(now, -5), receivedAt: daysAgo(now, 35), classifiedAt: daysAgo(now, 34), assignedAt: daysAgo(now, 33), answeredAt: daysAgo(now, 12), publishedAt: daysAgo(now, 10),
    },
    {
      ...common, code: code(), channel: 'meeting', status: 'assigned', locality: 'Ấp Tân Hòa', field: 'Điện, chiếu sáng', agency: 'Phòng Kinh tế',
      content: 'Đề nghị lắp đèn chiếu sáng đoạn đường trước Trường Tiểu học Tân Hòa.', deadline: vnDate(now, -3),
      receivedAt: daysAgo(now, 40), classifiedAt: daysAgo(now, 39), assignedAt: daysAgo(now, 38),
    },
    {
      ...common, code: code(), channel: 'web', status: 'assigned', locality: 'Ấp Tân Lợi', field: 'Giao thông', agency: 'Phòng Kinh tế',
      content: 'Cầu khỉ qua rạch Tân Lợi đã mục, đề nghị xây cầu bê tông cho học sinh đi học an toàn.', deadline: vnDate(now, 20),
      receivedAt: daysAgo(now, 9), classifiedAt: daysAgo(now, 8), assignedAt: daysAgo(now, 7),
    },
    {
      ...common, code: code(), channel: 'zalo', status: 'classified', locality: 'Ấp Tân Hòa', field: 'Thủy lợi',
      content: 'Kênh thủy lợi ấp Tân Hòa bị bồi lắng, đề nghị nạo vét trước vụ lúa đông xuân.', receivedAt: daysAgo(now, 4), classifiedAt: daysAgo(now, 3),
    },
    {
      ...common, code: code(), channel: 'web', status: 'received', locality: 'Tân Hòa',
      submitterName: 'Phạm Văn Tư', content: 'Cử tri đề nghị nạo vét kênh thủy lợi ấp Tân Hòa bị bồi lắng trước vụ đông xuân.', receivedAt: daysAgo(now, 2),
    },
    {
      ...common, code: code(), channel: 'web', status: 'received', locality: 'Ấp Tân Lợi',
      content: 'Tình trạng trộm cắp vặt ở khu vực chợ Tân Lợi về đêm, đề nghị tăng cường tuần tra bảo đảm trật tự.', receivedAt: daysAgo(now, 1),
    },
  ]);
}
