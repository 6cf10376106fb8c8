import { html } from 'hono/html';
import { formatOffset, linkAt, type RecordingView } from '@hopso/shared/record';
import type { PublicCouncil, PublicDocument, PublicMeeting, PublicResolution } from '@hopso/shared/portal';
import { formatDate, formatDateTime, words, type Lang } from './i18n.ts';
import { portalBase, safeUrl, searchForm, type Html } from './layout.ts';

// The bodies of the portal pages (the frame is layout.ts). Every value from the database goes through the
// `html` tag, which escapes it; nothing here builds markup by string concatenation.

const kind = (lang: Lang, m: PublicMeeting) => words[lang][`kind_${m.kind}`];
const statusLabel = (lang: Lang, m: PublicMeeting) => words[lang][m.status === 'live' ? 'live' : m.status === 'closed' ? 'held' : 'scheduled'];
const base = (c: PublicCouncil) => `${portalBase}/${c.slug}`;

export function councilList(lang: Lang, councils: PublicCouncil[], counts: Map<string, number>): Html {
  const w = words[lang];
  return html`<h1>${w.councils}</h1><p class="lead">${w.councilsIntro}</p>
${councils.length ? html`<ul class="cards">${councils.map((c) => html`<li class="card"><h2><a href="${base(c)}">${c.name}</a></h2>
  <p class="meta">${w[`level_${c.level}`]} · ${c.locality}</p><p><strong>${counts.get(c.id) ?? 0}</strong> ${w.resolutionsCount}</p></li>`)}</ul>` : html`<p>${w.noCouncils}</p>`}`;
}

export function meetingList(lang: Lang, council: PublicCouncil, list: PublicMeeting[], empty: string): Html {
  if (!list.length) return html`<p class="empty">${empty}</p>`;
  return html`<ul class="list">${list.map((m) => html`<li><a href="${base(council)}/ky-hop/${m.id}">${m.title}</a>
  <span class="meta">${kind(lang, m)} · <time datetime="${m.startsAt}">${formatDateTime(lang, m.startsAt)}</time> · ${m.place}</span>
  <span class="tag tag-${m.status}">${statusLabel(lang, m)}</span></li>`)}</ul>`;
}

export function resolutionTable(lang: Lang, council: PublicCouncil, list: PublicResolution[]): Html {
  const w = words[lang];
  if (!list.length) return html`<p class="empty">${w.noResolutions}</p>`;
  return html`<div class="table-wrap"><table><thead><tr><th scope="col">${w.number}</th><th scope="col">${w.title}</th><th scope="col">${w.adoptedOn}</th></tr></thead><tbody>
${list.map((r) => html`<tr><td class="nowrap"><a href="${base(council)}/nghi-quyet/${r.id}">${r.code}</a></td><td>${r.title}${r.signatureVerified ? html` <span class="badge-sm" title="${w.verified}">✔ ${w.verified}</span>` : ''}</td><td class="nowrap">${formatDate(lang, r.adoptedOn)}</td></tr>`)}
</tbody></table></div>`;
}

/** The council's home; `sections` are other modules' summaries (latest petition answers…), shown after the resolutions. */
export function councilHome(lang: Lang, council: PublicCouncil, upcoming: PublicMeeting[], latest: PublicResolution[], sections: Html[] = []): Html {
  const w = words[lang];
  return html`<h1>${council.name}</h1>
${searchForm(lang, `${base(council)}/tim-kiem`)}
<section aria-labelledby="sap-toi"><h2 id="sap-toi">${w.upcoming}</h2>${meetingList(lang, council, upcoming, w.noUpcoming)}
<p><a href="${base(council)}/lich">${w.calendar}</a> · <a href="${base(council)}/lich.ics">${w.subscribe}</a></p></section>
<section aria-labelledby="nghi-quyet"><h2 id="nghi-quyet">${w.latestResolutions}</h2>${resolutionTable(lang, council, latest)}
<p><a href="${base(council)}/nghi-quyet">${w.allResolutions}</a></p></section>
${sections}`;
}

export function calendarPage(lang: Lang, council: PublicCouncil, upcoming: PublicMeeting[], past: PublicMeeting[]): Html {
  const w = words[lang];
  return html`<h1>${w.calendar}</h1>
<p><a class="button" href="${base(council)}/lich.ics">${w.subscribe}</a></p>
<section aria-labelledby="sap-toi"><h2 id="sap-toi">${w.upcoming}</h2>${meetingList(lang, council, upcoming, w.noUpcoming)}</section>
<section aria-labelledby="da-hop"><h2 id="da-hop">${w.pastMeetings}</h2>${meetingList(lang, council, past, w.noMeetings)}</section>`;
}

export function documentList(lang: Lang, docs: PublicDocument[]): Html {
  const w = words[lang];
  if (!docs.length) return html`<p class="empty">${w.noDocuments}</p>`;
  return html`<ul class="list">${docs.map((d) => html`<li>${d.fileUrl ? html`<a href="${d.fileUrl}">${d.title}</a>` : d.title}
  <span class="meta">PDF${d.pageCount ? html` · ${d.pageCount} ${w.pages}` : ''}${d.bytes ? html` · ${(d.bytes / 1024).toFixed(0)} KB` : ''}</span></li>`)}</ul>`;
}

export function meetingPage(lang: Lang, council: PublicCouncil, m: PublicMeeting, agenda: { number: string; title: string }[], docs: PublicDocument[], recordings: RecordingView[]): Html {
  const w = words[lang];
  const live = safeUrl(m.livestreamUrl);
  return html`<h1>${m.title}</h1>
<dl class="facts"><dt>${w.meeting}</dt><dd>${kind(lang, m)} <span class="tag tag-${m.status}">${statusLabel(lang, m)}</span></dd>
<dt>${w.time}</dt><dd><time datetime="${m.startsAt}">${formatDateTime(lang, m.startsAt)}</time></dd><dt>${w.place}</dt><dd>${m.place}</dd>
${live ? html`<dt>${w.livestream}</dt><dd><a href="${live}" rel="noopener noreferrer">${live}</a></dd>` : ''}</dl>
${agenda.length ? html`<section aria-labelledby="chuong-trinh"><h2 id="chuong-trinh">${lang === 'vi' ? 'Chương trình' : 'Agenda'}</h2><ol class="agenda">${agenda.map((a) => html`<li><span class="num">${a.number}.</span> ${a.title}</li>`)}</ol></section>` : ''}
<section aria-labelledby="tai-lieu"><h2 id="tai-lieu">${w.documents}</h2>${documentList(lang, docs)}</section>
<section aria-labelledby="ban-ghi"><h2 id="ban-ghi">${w.recordings}</h2>${recordings.length ? html`<ul class="list">${recordings.map((r) => {
    const url = safeUrl(r.url);
    // Each agenda item with where it starts in the recording, linked to that moment (Media Fragments `#t=`).
    return html`<li>${url ? html`<a href="${url}" rel="noopener noreferrer">${r.title}</a>` : r.title}${r.items.length ? html`<ul class="sub">${r.items.map((i) => html`<li>${url
      ? html`<a href="${linkAt(url, i.offsetSeconds)}" rel="noopener noreferrer"><time datetime="PT${i.offsetSeconds}S">${formatOffset(i.offsetSeconds)}</time></a>`
      : html`<time datetime="PT${i.offsetSeconds}S">${formatOffset(i.offsetSeconds)}</time>`} ${i.title}</li>`)}</ul>` : ''}</li>`;
  })}</ul>` : html`<p class="empty">${w.noRecordings}</p>`}</section>`;
}

export function resolutionsPage(lang: Lang, council: PublicCouncil, list: PublicResolution[], q: string, next: string | null): Html {
  const w = words[lang];
  return html`<h1>${w.resolutions}</h1>${searchForm(lang, `${base(council)}/nghi-quyet`, q)}${resolutionTable(lang, council, list)}
${next ? html`<p><a class="button" href="${next}">${w.more}</a></p>` : ''}`;
}

export function resolutionPage(lang: Lang, council: PublicCouncil, r: PublicResolution, meeting: PublicMeeting | null): Html {
  const w = words[lang];
  return html`<p class="kicker">${w.resolutions} ${r.code}</p><h1>${r.title}</h1>
${r.signatureVerified
    ? html`<p><a class="badge" href="/verify" title="${w.verifyHow}"><span aria-hidden="true">✔</span> ${w.verified}</a></p>`
    : html`<p class="badge badge-none">${w.notVerified}</p>`}
<dl class="facts"><dt>${w.number}</dt><dd>${r.code}</dd><dt>${w.adoptedOn}</dt><dd>${formatDate(lang, r.adoptedOn)}</dd>
${r.signedAt ? html`<dt>${w.signedAt}</dt><dd>${formatDate(lang, r.signedAt)}</dd>` : ''}<dt>${w.publishedAt}</dt><dd>${formatDate(lang, r.publishedAt)}</dd>
${meeting ? html`<dt>${w.meeting}</dt><dd><a href="${base(council)}/ky-hop/${meeting.id}">${meeting.title}</a></dd>` : ''}
<dt>${w.sha256}</dt><dd><code class="hash">${r.sha256}</code></dd></dl>
<p><a class="button" href="${r.fileUrl}" download>${w.download} PDF</a> <a href="/verify">${w.verifyHow}</a></p>`;
}

/** Results of another portal section (supervision, petitions), rendered by that section. */
export interface SearchSection { heading: string; count: number; body: Html }

export function searchPage(lang: Lang, council: PublicCouncil, q: string, found: { resolutions: PublicResolution[]; meetings: PublicMeeting[]; documents: PublicDocument[]; sections: SearchSection[] } | null): Html {
  const w = words[lang];
  const total = found ? found.resolutions.length + found.meetings.length + found.documents.length + found.sections.reduce((n, s) => n + s.count, 0) : 0;
  return html`<h1>${w.search}</h1><p>${w.searchIntro}</p>${searchForm(lang, `${base(council)}/tim-kiem`, q)}
${found ? html`<h2>${w.searchResults}</h2>${total === 0 ? html`<p class="empty">${w.noResults}</p>` : html`
${found.resolutions.length ? html`<h3>${w.resolutions}</h3>${resolutionTable(lang, council, found.resolutions)}` : ''}
${found.meetings.length ? html`<h3>${w.meetings}</h3>${meetingList(lang, council, found.meetings, '')}` : ''}
${found.documents.length ? html`<h3>${w.documents}</h3>${documentList(lang, found.documents)}` : ''}
${found.sections.filter((s) => s.count).map((s) => html`<h3>${s.heading}</h3>${s.body}`)}`}` : ''}`;
}

export function notFoundPage(lang: Lang): Html {
  const w = words[lang];
  return html`<h1>${w.notFound}</h1><p>${w.notFoundText}</p><p><a href="${portalBase}">${w.backHome}</a></p>`;
}
