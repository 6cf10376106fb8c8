import { Hono } from 'hono';
import { html } from 'hono/html';
import type { PublicCouncil } from '@hopso/shared/portal';
import { vietnamToday, type DelegationRole, type FollowUpStatus, type PublicSupervisionTopic, type SupervisionDocumentKind } from '@hopso/shared/supervision';
import { AppError } from '../http/errors.ts';
import { idParam, type AppEnv } from '../http/context.ts';
import { council, listQuery, render } from '../portal/context.ts';
import { formatDate, portalLang, words, type Lang } from '../portal/i18n.ts';
import { portalBase, searchForm, type Html } from '../portal/layout.ts';
import { publishedTopics, publishedTopic } from './published.ts';

// /cong-khai/:council/giam-sat — published supervision results (kết quả giám sát) on the public portal,
// server-rendered like the other portal sections (portal/context.ts), mounted by portal/routes.ts.

const vi = {
  intro: 'Kết quả các cuộc giám sát chuyên đề của Hội đồng nhân dân: phạm vi, đoàn giám sát, kết quả, kiến nghị và tình hình thực hiện kiến nghị.',
  none: 'Chưa có kết quả giám sát được công bố.', period: 'Thời gian giám sát', doneOn: 'Ngày báo cáo kết quả', scope: 'Phạm vi, đối tượng',
  delegation: 'Đoàn giám sát', findings: 'Kết quả giám sát', recommendations: 'Kiến nghị và tình hình thực hiện', noRecommendations: 'Không có kiến nghị.',
  addressee: 'Cơ quan thực hiện', due: 'Thời hạn', progress: 'Kết quả thực hiện', documents: 'Văn bản', noDocuments: 'Chưa có văn bản công khai.',
  recommendationsCount: 'kiến nghị', doneCount: 'đã thực hiện',
  role_head: 'Trưởng đoàn', role_deputy: 'Phó Trưởng đoàn', role_member: 'Thành viên',
  follow_pending: 'Chưa thực hiện', follow_inProgress: 'Đang thực hiện', follow_done: 'Đã thực hiện', follow_overdue: 'Quá hạn',
  kind_plan: 'Kế hoạch', kind_report: 'Báo cáo kết quả', kind_conclusion: 'Thông báo kết luận', kind_other: 'Văn bản khác',
};
const en: typeof vi = {
  intro: "Results of the People's Council's thematic supervision: scope, delegation, findings, recommendations and how they are carried out.",
  none: 'No supervision results published yet.', period: 'Period', doneOn: 'Report issued on', scope: 'Scope and subjects',
  delegation: 'Delegation', findings: 'Findings', recommendations: 'Recommendations and follow-up', noRecommendations: 'No recommendations.',
  addressee: 'Responsible agency', due: 'Due', progress: 'What was done', documents: 'Documents', noDocuments: 'No public documents yet.',
  recommendationsCount: 'recommendations', doneCount: 'done',
  role_head: 'Head', role_deputy: 'Deputy head', role_member: 'Member',
  follow_pending: 'Not started', follow_inProgress: 'In progress', follow_done: 'Done', follow_overdue: 'Overdue',
  kind_plan: 'Plan', kind_report: 'Report', kind_conclusion: 'Conclusion', kind_other: 'Other',
};
const supervisionWords = { vi, en };

const base = (c: PublicCouncil) => `${portalBase}/${c.slug}/giam-sat`;
const followTag: Record<FollowUpStatus, string> = { done: 'tag-closed', overdue: 'tag-live', inProgress: '', pending: '' };
const followLabel = (lang: Lang, f: FollowUpStatus) => supervisionWords[lang][`follow_${f}`];
const roleLabel = (lang: Lang, r: DelegationRole) => supervisionWords[lang][`role_${r}`];
const kindLabel = (lang: Lang, k: SupervisionDocumentKind) => supervisionWords[lang][`kind_${k}`];
const period = (lang: Lang, t: PublicSupervisionTopic) => `${formatDate(lang, t.periodFrom)} – ${formatDate(lang, t.periodTo)}`;

/** Published topics as a list, or the empty notice; also the portal search's supervision results. */
export function topicList(lang: Lang, c: PublicCouncil, list: PublicSupervisionTopic[]): Html {
  const w = supervisionWords[lang];
  return list.length ? html`<ul class="list">${list.map((t) => html`<li><a href="${base(c)}/${t.id}">${t.title}</a>
  <span class="meta">${w.period}: ${period(lang, t)}${t.doneOn ? html` · ${w.doneOn}: ${formatDate(lang, t.doneOn)}` : ''}</span>
  <span class="meta">${t.recommendations.length} ${w.recommendationsCount} · ${t.recommendations.filter((r) => r.followUp === 'done').length} ${w.doneCount}</span></li>`)}</ul>` : html`<p class="empty">${w.none}</p>`;
}

function listPage(lang: Lang, c: PublicCouncil, list: PublicSupervisionTopic[], q: string, next: string | null): Html {
  return html`<h1>${words[lang].supervision}</h1><p class="lead">${supervisionWords[lang].intro}</p>
${searchForm(lang, base(c), q)}
${topicList(lang, c, list)}
${next ? html`<p><a class="button" href="${next}">${words[lang].more}</a></p>` : ''}`;
}

function topicPage(lang: Lang, t: PublicSupervisionTopic): Html {
  const w = supervisionWords[lang];
  return html`<p class="kicker">${words[lang].supervision}</p><h1>${t.title}</h1>
<dl class="facts"><dt>${w.period}</dt><dd>${period(lang, t)}</dd>
${t.doneOn ? html`<dt>${w.doneOn}</dt><dd>${formatDate(lang, t.doneOn)}</dd>` : ''}
<dt>${words[lang].publishedAt}</dt><dd>${formatDate(lang, t.publishedAt)}</dd>
${t.scope ? html`<dt>${w.scope}</dt><dd class="text">${t.scope}</dd>` : ''}</dl>
<section aria-labelledby="doan"><h2 id="doan">${w.delegation}</h2>${t.delegation.length
    ? html`<ul class="list">${t.delegation.map((m) => html`<li>${m.fullName} <span class="meta">${roleLabel(lang, m.role)}</span></li>`)}</ul>`
    : html`<p class="empty">—</p>`}</section>
<section aria-labelledby="ket-qua"><h2 id="ket-qua">${w.findings}</h2><p class="text">${t.findings}</p></section>
<section aria-labelledby="kien-nghi"><h2 id="kien-nghi">${w.recommendations}</h2>${t.recommendations.length ? html`<ol class="list">${t.recommendations.map((r) => html`<li>
  <p>${r.content}</p>
  <span class="meta">${w.addressee}: ${r.addressee}${r.dueOn ? html` · ${w.due}: ${formatDate(lang, r.dueOn)}` : ''}</span>
  <span class="tag ${followTag[r.followUp]}">${followLabel(lang, r.followUp)}${r.doneOn ? html` · ${formatDate(lang, r.doneOn)}` : ''}</span>
  ${r.progress ? html`<p class="sub text"><strong>${w.progress}:</strong> ${r.progress}</p>` : ''}</li>`)}</ol>` : html`<p class="empty">${w.noRecommendations}</p>`}</section>
<section aria-labelledby="van-ban"><h2 id="van-ban">${w.documents}</h2>${t.documents.length ? html`<ul class="list">${t.documents.map((d) => html`<li><a href="${d.fileUrl}">${d.title}</a>
  <span class="meta">${kindLabel(lang, d.kind)} · PDF · ${d.pageCount} ${words[lang].pages} · ${(d.bytes / 1024).toFixed(0)} KB</span></li>`)}</ul>` : html`<p class="empty">${w.noDocuments}</p>`}</section>`;
}

const pageSize = 50;

export const supervisionPortalRoutes = new Hono<AppEnv>()
  .get('/:council/giam-sat', async (c) => {
    const lang = portalLang(c);
    const found = await council(c);
    const { q, offset } = listQuery(c);
    const list = await publishedTopics(c.var.deps.db, found.id, vietnamToday(c.var.deps.now()), { q, limit: pageSize + 1, offset });
    const next = list.length > pageSize ? `?${new URLSearchParams({ ...(q ? { q } : {}), offset: String(offset + pageSize) })}` : null;
    return render(c, { lang, title: words[lang].supervision, council: found, crumbs: [{ label: words[lang].supervision }], body: listPage(lang, found, list.slice(0, pageSize), q ?? '', next) });
  })
  .get('/:council/giam-sat/:topicId', async (c) => {
    const lang = portalLang(c);
    const found = await council(c);
    const topic = await publishedTopic(c.var.deps.db, found.id, idParam(c, 'topicId'), vietnamToday(c.var.deps.now()));
    if (!topic) throw new AppError('not_found');
    return render(c, { lang, title: topic.title, council: found, crumbs: [{ label: words[lang].supervision, href: base(found) }, { label: topic.title }], body: topicPage(lang, topic) });
  });
