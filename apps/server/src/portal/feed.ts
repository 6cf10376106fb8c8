import { html } from 'hono/html';
import type { PublicPetition } from '@hopso/shared/petitions';
import type { PublicCouncil, PublicDocument, PublicMeeting, PublicResolution } from '@hopso/shared/portal';
import type { PublicSupervisionTopic } from '@hopso/shared/supervision';
import { excerpt, portalBase } from './layout.ts';

// Atom (RFC 4287) feed of a council's publications: resolutions, public meetings and their public
// documents, supervision results and answers to voters' petitions, newest first. The `html` tag's escaping (& < > " ') is also correct XML escaping.

interface Entry { id: string; title: string; href: string; updated: string; summary: string }

interface FeedItems { resolutions: PublicResolution[]; meetings: PublicMeeting[]; documents: PublicDocument[]; topics: PublicSupervisionTopic[]; answers: PublicPetition[] }

export function councilFeed(origin: string, council: PublicCouncil, items: FeedItems): Promise<string> | string {
  const home = `${origin}${portalBase}/${council.slug}`;
  const entries: Entry[] = [
    ...items.resolutions.map((r) => ({ id: `urn:uuid:${r.id}`, title: `Nghị quyết ${r.code}: ${r.title}`, href: `${home}/nghi-quyet/${r.id}`, updated: r.publishedAt, summary: `SHA-256 ${r.sha256}` })),
    ...items.meetings.map((m) => ({ id: `urn:uuid:${m.id}`, title: m.title, href: `${home}/ky-hop/${m.id}`, updated: m.startsAt, summary: m.place })),
    ...items.documents.filter((d) => d.uploadedAt).map((d) => ({ id: `urn:uuid:${d.id}`, title: d.title, href: `${home}/ky-hop/${d.meetingId}`, updated: d.uploadedAt!, summary: d.filename ?? '' })),
    ...items.topics.map((t) => ({ id: `urn:uuid:${t.id}`, title: `Kết quả giám sát: ${t.title}`, href: `${home}/giam-sat/${t.id}`, updated: t.publishedAt, summary: excerpt(t.findings, 300) })),
    ...items.answers.map((p) => ({ id: `urn:uuid:${p.id}`, title: `Trả lời kiến nghị cử tri: ${excerpt(p.content, 120)}`, href: `${home}/kien-nghi/${p.id}`, updated: p.publishedAt, summary: excerpt(p.answer, 300) })),
  ].sort((a, b) => b.updated.localeCompare(a.updated)).slice(0, 50);
  const updated = entries[0]?.updated ?? new Date(0).toISOString();
  return html`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">
<id>${home}</id>
<title>${council.name} — Cổng thông tin công khai</title>
<link rel="alternate" type="text/html" href="${home}"/>
<link rel="self" type="application/atom+xml" href="${home}/feed.xml"/>
<updated>${updated}</updated>
<author><name>${council.name}</name></author>
${entries.map((e) => html`<entry><id>${e.id}</id><title>${e.title}</title><link rel="alternate" type="text/html" href="${e.href}"/><updated>${e.updated}</updated><summary>${e.summary}</summary></entry>
`)}</feed>
` as Promise<string> | string;
}
