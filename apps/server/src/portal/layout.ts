import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { PublicCouncil } from '@hopso/shared/portal';
import { words, type Lang } from './i18n.ts';

// The page frame every portal page shares: landmarks (header, nav, main, footer), a skip link, the language
// switch as a plain link and the search form as a GET form, so everything works without JavaScript.

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export const portalBase = '/cong-khai';
export const cssPath = `${portalBase}/tai-nguyen/portal.css`;

/** Only http(s) links from the database become hrefs: a `javascript:` URL must stay inert text. */
export function safeUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export interface Crumb { label: string; href?: string }

export interface PageInput {
  lang: Lang;
  title: string;
  council?: PublicCouncil;
  crumbs?: Crumb[];
  /** The Atom feed of the council, advertised in <head>. */
  feed?: string;
  /** The current path, for the language switch. */
  path: string;
  body: Html;
}

export function page(p: PageInput): Html {
  const w = words[p.lang];
  const councilBase = p.council ? `${portalBase}/${p.council.slug}` : null;
  const crumbs: Crumb[] = [{ label: w.home, href: portalBase }, ...(p.council ? [{ label: p.council.name, href: councilBase! }] : []), ...(p.crumbs ?? [])];
  return html`<!doctype html>
<html lang="${p.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title} — ${p.council ? p.council.name : w.site}</title>
<link rel="stylesheet" href="${cssPath}">
${p.feed ? html`<link rel="alternate" type="application/atom+xml" title="${w.feed}" href="${p.feed}">` : ''}
</head>
<body>
<a class="skip" href="#noi-dung">${w.skip}</a>
<header class="masthead">
  <div class="wrap masthead-row">
    <a class="brand" href="${councilBase ?? portalBase}">
      <span class="emblem" aria-hidden="true">★</span>
      <span><span class="brand-top">${w.site}</span><span class="brand-name">${p.council ? p.council.name : w.councils}</span></span>
    </a>
    <a class="lang" href="${p.path}?lang=${w.otherLang}" lang="${w.otherLang}" hreflang="${w.otherLang}">${w.other}</a>
  </div>
  ${councilBase ? html`<nav class="menu" aria-label="${p.council!.name}"><div class="wrap">
    <a href="${councilBase}">${w.home}</a><a href="${councilBase}/lich">${w.calendar}</a><a href="${councilBase}/nghi-quyet">${w.resolutions}</a><a href="${councilBase}/giam-sat">${w.supervision}</a><a href="${councilBase}/kien-nghi">${w.petitions}</a><a href="${councilBase}/tim-kiem">${w.search}</a>
  </div></nav>` : ''}
</header>
<nav class="wrap crumbs" aria-label="${w.breadcrumb}"><ol>${crumbs.map((c, i) => (c.href && i < crumbs.length - 1 ? html`<li><a href="${c.href}">${c.label}</a></li>` : html`<li aria-current="page">${c.label}</li>`))}</ol></nav>
<main id="noi-dung" class="wrap">
${p.body}
</main>
<footer class="footer"><div class="wrap">
  <p>${w.footer}</p>
  <p>${councilBase ? html`<a href="${councilBase}/feed.xml">${w.feed}</a> · ` : ''}<a href="/api/public/openapi.json">${w.openData}</a> · <span>${w.brand}</span></p>
</div></footer>
</body>
</html>`;
}

/** The search box (GET, no script). */
export function searchForm(lang: Lang, action: string, q = ''): Html {
  const w = words[lang];
  return html`<form class="search" role="search" method="get" action="${action}">
  <label for="q">${w.searchLabel}</label>
  <div class="search-row"><input id="q" name="q" type="search" maxlength="200" value="${q}" placeholder="${w.searchPlaceholder}"><button type="submit">${w.search}</button></div>
</form>`;
}

/** The first `max` characters of a text, cut at a word where it is longer. */
export const excerpt = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);
