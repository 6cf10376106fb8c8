import { randomBytes } from 'node:crypto';
import { count } from 'drizzle-orm';
import type { Db } from './client.ts';
import { seedSupervisionDemo } from './seed-supervision.ts';
import { seedPetitionsDemo } from './seed-petitions.ts';
import { agendaItems, committeeMembers, committees, councils, delegateGroups, invitations, meetings, members, terms, users } from './schema/index.ts';

/** The password of every demo account; printed in the README for trying the product. */
export const demoPassword = 'HopSo@2026';

const familyNames = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const middleNames = ['Văn', 'Thị', 'Hữu', 'Thị Thu', 'Minh', 'Thị Ngọc', 'Đức', 'Thanh'];
const givenNames = ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hải', 'Hạnh', 'Hòa', 'Hùng', 'Hương', 'Khánh', 'Lan', 'Long', 'Mai', 'Nam', 'Nga', 'Phúc', 'Quang', 'Sơn', 'Tâm', 'Thảo', 'Trung', 'Tuấn'];

/** The instant at 08:00 Vietnam time, `days` from `now`. */
function at8(now: Date, days: number): Date {
  const d = new Date(now.getTime() + days * 86400_000);
  const vn = new Date(d.getTime() + 7 * 3600_000);
  return new Date(Date.UTC(vn.getUTCFullYear(), vn.getUTCMonth(), vn.getUTCDate(), 1, 0));
}

/**
 * Seeds a realistic commune council when the database has no council yet: HĐND xã Tân Phú with 25
 * delegates (chair, vice-chair, 23 delegates), a secretary, a clerk, 2 committees, 3 delegate groups, an
 * upcoming regular session with a 5-item agenda, a past thematic session and a published supervision topic. Returns false when not empty.
 */
export async function seedDemo(db: Db, hashPassword: (pw: string) => Promise<string>, now = new Date()): Promise<boolean> {
  const [existing] = await db.select({ n: count() }).from(councils);
  if ((existing?.n ?? 0) > 0) return false;
  const passwordHash = await hashPassword(demoPassword);
  const token = () => randomBytes(24).toString('base64url');
  const year = new Date(now.getTime() + 7 * 3600_000).getUTCFullYear();

  await db.transaction(async (tx) => {
    const [council] = await tx.insert(councils).values({ name: 'HĐND xã Tân Phú', level: 'commune', locality: 'Xã Tân Phú' }).returning();
    const councilId = council!.id;
    await tx.insert(terms).values({ councilId, name: 'Nhiệm kỳ 2026–2031', startsOn: '2026-03-15', endsOn: '2031-03-14' });
    const [phapChe, kinhTe] = await tx.insert(committees).values([{ councilId, name: 'Ban Pháp chế' }, { councilId, name: 'Ban Kinh tế – Xã hội' }]).returning();
    const groups = await tx.insert(delegateGroups).values([1, 2, 3].map((n) => ({ councilId, name: `Tổ đại biểu số ${n}` }))).returning();

    const people: { username: string; fullName: string; role: 'admin' | 'chair' | 'secretary' | 'clerk' | 'delegate'; title?: string; admin?: boolean }[] = [
      { username: 'admin', fullName: 'Quản trị hệ thống', role: 'admin', admin: true },
      { username: 'chutich', fullName: 'Nguyễn Văn Thành', role: 'chair', title: 'Chủ tịch HĐND xã' },
      { username: 'phochutich', fullName: 'Trần Thị Minh Hoa', role: 'delegate', title: 'Phó Chủ tịch HĐND xã' },
      { username: 'thuky', fullName: 'Lê Thị Thu Trang', role: 'secretary', title: 'Chuyên viên Văn phòng HĐND và UBND xã' },
      { username: 'chuyenvien', fullName: 'Phạm Quốc Bảo', role: 'clerk', title: 'Chuyên viên tổng hợp' },
      ...Array.from({ length: 23 }, (_, i) => ({
        username: `daibieu${String(i + 1).padStart(2, '0')}`,
        fullName: `${familyNames[i % familyNames.length]} ${middleNames[(i * 3) % middleNames.length]} ${givenNames[i]}`,
        role: 'delegate' as const,
        title: 'Đại biểu HĐND xã',
      })),
    ];
    const userRows = await tx.insert(users).values(people.map((p, i) => ({
      username: p.username, fullName: p.fullName, passwordHash, isSystemAdmin: p.admin ?? false, calendarToken: token(),
      email: `${p.username}@tanphu.example.vn`, phone: `09${String(12345600 + i).padStart(8, '0')}`,
      // The demo council already works on its tablets; accounts imported later get the first-run tour.
      tourSeenAt: new Date(),
    }))).returning();
    const memberRows = await tx.insert(members).values(people.map((p, i) => {
      const isDelegate = p.role === 'chair' || p.role === 'delegate';
      return { councilId, userId: userRows[i]!.id, role: p.role, title: p.title ?? null, delegateGroupId: isDelegate ? groups[i % 3]!.id : null };
    })).returning();
    const delegates = memberRows.filter((m) => m.role === 'delegate' || m.role === 'chair');
    await tx.insert(committeeMembers).values([
      ...delegates.slice(2, 7).map((m) => ({ committeeId: phapChe!.id, memberId: m.id })),
      ...delegates.slice(7, 12).map((m) => ({ committeeId: kinhTe!.id, memberId: m.id })),
    ]);

    const secretary = userRows.find((u) => u.username === 'thuky')!;
    const [session] = await tx.insert(meetings).values({
      councilId, kind: 'regular', status: 'published', createdBy: secretary.id,
      title: `Kỳ họp thường lệ cuối năm ${year} – HĐND xã Tân Phú khóa I`,
      startsAt: at8(now, 10), endsAt: new Date(at8(now, 10).getTime() + 8.5 * 3600_000),
      place: 'Hội trường UBND xã Tân Phú', livestreamUrl: 'https://tanphu.example.vn/truc-tiep',
    }).returning();
    await tx.insert(agendaItems).values([
      { title: 'Khai mạc kỳ họp; thông qua chương trình kỳ họp', presenter: 'Chủ tọa kỳ họp', durationMinutes: 15 },
      { title: `Báo cáo tình hình kinh tế – xã hội năm ${year}, phương hướng, nhiệm vụ năm ${year + 1}`, presenter: 'UBND xã', durationMinutes: 45 },
      { title: `Báo cáo thẩm tra dự toán ngân sách năm ${year + 1}`, presenter: 'Ban Kinh tế – Xã hội', durationMinutes: 30 },
      { title: 'Thảo luận và biểu quyết thông qua các dự thảo nghị quyết', presenter: 'Chủ tọa kỳ họp', durationMinutes: 120 },
      { title: 'Bế mạc kỳ họp', presenter: 'Chủ tịch HĐND xã', durationMinutes: 15 },
    ].map((item, position) => ({ ...item, meetingId: session!.id, position })));

    const [past] = await tx.insert(meetings).values({
      councilId, kind: 'thematic', status: 'closed', createdBy: secretary.id,
      title: 'Kỳ họp chuyên đề về điều chỉnh kế hoạch đầu tư công trung hạn',
      startsAt: at8(now, -45), endsAt: new Date(at8(now, -45).getTime() + 4 * 3600_000), place: 'Hội trường UBND xã Tân Phú',
    }).returning();
    await tx.insert(agendaItems).values({ meetingId: past!.id, position: 0, title: 'Xem xét, quyết định điều chỉnh kế hoạch đầu tư công trung hạn', status: 'done' });

    await seedSupervisionDemo(tx, { councilId, delegateIds: delegates.map((m) => m.id), createdBy: secretary.id, now });
    await seedPetitionsDemo(tx, { councilId, createdBy: secretary.id, now });

    const invited = memberRows.map((m) => m.userId);
    await tx.insert(invitations).values([...invited.map((userId) => ({ meetingId: session!.id, userId })), ...invited.map((userId) => ({ meetingId: past!.id, userId }))]);
  });
  return true;
}
