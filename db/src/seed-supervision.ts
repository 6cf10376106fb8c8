import type { Db } from './client.ts';
import { supervisionMembers, supervisionRecommendations, supervisionSchedule, supervisionTopics } from './schema/index.ts';

/** The Vietnam calendar date `days` from `now`, as YYYY-MM-DD. */
function vnDate(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86400_000 + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * The demo council's supervision topic (giám sát chuyên đề): held over the past two months by a delegation of
 * three delegates, its report issued and published, with three recommendations — one carried out, one in
 * progress, one past its due date — so the portal, the follow-up list and the KPI dashboard have something to show.
 */
export async function seedSupervisionDemo(tx: Db, input: { councilId: string; delegateIds: string[]; createdBy: string; now: Date }): Promise<void> {
  const { councilId, delegateIds, createdBy, now } = input;
  const [topic] = await tx.insert(supervisionTopics).values({
    councilId, createdBy, status: 'done', doneOn: vnDate(now, -10), publishedAt: new Date(now.getTime() - 7 * 86400_000),
    title: 'Giám sát việc giải quyết kiến nghị của cử tri trước và sau kỳ họp giữa năm',
    scope: 'UBND xã Tân Phú; Công an xã; các ấp Tân Hòa, Tân Lợi.\nKiến nghị cử tri tiếp nhận từ đầu năm đến hết tháng 6.',
    periodFrom: vnDate(now, -60), periodTo: vnDate(now, -15),
    findings: 'UBND xã đã giải quyết 38/45 kiến nghị (84%), đúng hạn 31 kiến nghị.\nMột số kiến nghị về giao thông nông thôn và cấp nước sạch còn chậm do chưa bố trí được kinh phí.\nViệc thông tin kết quả giải quyết đến cử tri chưa kịp thời.',
  }).returning({ id: supervisionTopics.id });
  const topicId = topic!.id;
  await tx.insert(supervisionMembers).values(delegateIds.slice(1, 4).map((memberId, i) => ({ topicId, memberId, role: i === 0 ? 'head' as const : 'member' as const })));
  await tx.insert(supervisionSchedule).values([
    { topicId, startsAt: new Date(`${vnDate(now, -40)}T08:00:00+07:00`), place: 'Trụ sở UBND xã Tân Phú', subject: 'UBND xã Tân Phú', activity: 'Làm việc về kết quả giải quyết kiến nghị cử tri' },
    { topicId, startsAt: new Date(`${vnDate(now, -33)}T14:00:00+07:00`), place: 'Nhà văn hóa ấp Tân Hòa', subject: 'Ban điều hành ấp Tân Hòa', activity: 'Khảo sát thực tế tuyến đường liên ấp' },
  ]);
  await tx.insert(supervisionRecommendations).values([
    { topicId, position: 0, content: 'Thông báo kết quả giải quyết từng kiến nghị đến cử tri qua cổng thông tin và loa truyền thanh xã.', addressee: 'UBND xã Tân Phú', dueOn: vnDate(now, -2), status: 'done', doneOn: vnDate(now, -3), progress: 'Đã đăng tải trên cổng thông tin xã và phát trên loa truyền thanh.' },
    { topicId, position: 1, content: 'Bố trí kinh phí sửa chữa tuyến đường liên ấp Tân Hòa – Tân Lợi trong dự toán năm sau.', addressee: 'UBND xã Tân Phú', dueOn: vnDate(now, 60), status: 'inProgress', progress: 'Đang lập dự toán trình HĐND tại kỳ họp cuối năm.' },
    { topicId, position: 2, content: 'Rà soát, trả lời dứt điểm 7 kiến nghị tồn đọng về cấp nước sạch.', addressee: 'UBND xã Tân Phú', dueOn: vnDate(now, -5), status: 'pending' },
  ]);
}
