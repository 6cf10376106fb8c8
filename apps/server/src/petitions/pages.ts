import { html } from 'hono/html';
import type { FieldErrors } from '@hopso/shared/errors';
import { petitionAttachmentLimits, petitionLimits, type PetitionLookup, type PetitionSettings, type PublicPetition } from '@hopso/shared/petitions';
import type { PublicCouncil } from '@hopso/shared/portal';
import { formatDate, words, type Lang } from '../portal/i18n.ts';
import { excerpt, portalBase, searchForm, type Html } from '../portal/layout.ts';
import { petitionWords, statusWord } from './words.ts';

// The petition pages of the portal (frame: portal/layout.ts). Every value goes through the `html` tag,
// which escapes it — what a citizen typed is shown back as text, never as markup.

export const petitionsBase = (c: PublicCouncil) => `${portalBase}/${c.slug}/kien-nghi`;

/** The form's values as typed, to show back after an error. */
export interface FormValues { submitterName: string; submitterContact: string; locality: string; content: string }
export const emptyForm: FormValues = { submitterName: '', submitterContact: '', locality: '', content: '' };

export function answerList(lang: Lang, council: PublicCouncil, list: PublicPetition[]): Html {
  const w = petitionWords[lang];
  if (!list.length) return html`<p class="empty">${w.noAnswers}</p>`;
  return html`<ul class="list">${list.map((p) => html`<li><a href="${petitionsBase(council)}/${p.id}">${excerpt(p.content, 220)}</a>
  <span class="meta">${p.locality}${p.field ? html` · ${p.field}` : ''} · ${w.publishedAt} <time datetime="${p.publishedAt}">${formatDate(lang, p.publishedAt)}</time></span></li>`)}</ul>`;
}

export function petitionsPage(lang: Lang, council: PublicCouncil, list: PublicPetition[], q: string, next: string | null): Html {
  const w = petitionWords[lang];
  return html`<h1>${w.title}</h1><p class="lead">${w.intro}</p>
<p class="actions"><a class="button" href="${petitionsBase(council)}/gui">${w.send}</a> <a class="button button-alt" href="${petitionsBase(council)}/tra-cuu">${w.lookup}</a></p>
<section aria-labelledby="da-tra-loi"><h2 id="da-tra-loi">${w.answers}</h2>${searchForm(lang, petitionsBase(council), q)}${answerList(lang, council, list)}
${next ? html`<p><a class="button" href="${next}">${words[lang].more}</a></p>` : ''}</section>`;
}

function field(lang: Lang, errors: FieldErrors, name: keyof FormValues, label: Html, control: Html, hint?: string): Html {
  const problems = errors[name] ?? [];
  return html`<div class="field${problems.length ? ' field-invalid' : ''}"><label for="${name}">${label}</label>
${hint ? html`<p class="hint" id="${name}-hint">${hint}</p>` : ''}${control}
${problems.map((m) => html`<p class="field-error" id="${name}-error">${m[lang]}</p>`)}</div>`;
}

/** aria attributes linking a control to its hint and error. */
const described = (errors: FieldErrors, name: string, hint: boolean) => {
  const ids = [hint ? `${name}-hint` : '', errors[name]?.length ? `${name}-error` : ''].filter(Boolean).join(' ');
  return html`${ids ? html` aria-describedby="${ids}"` : ''}${errors[name]?.length ? html` aria-invalid="true"` : ''}`;
};

export function formPage(lang: Lang, council: PublicCouncil, settings: PetitionSettings, values: FormValues, errors: FieldErrors, problem: string | null): Html {
  const w = petitionWords[lang];
  if (!settings.intakeOpen) return html`<h1>${w.formTitle}</h1><p class="notice">${w.closed}</p>`;
  const mark = (required: boolean) => (required ? html` <span aria-hidden="true">${w.required}</span>` : html` <span class="muted">${w.optional}</span>`);
  const req = (required: boolean) => (required ? html` required` : '');
  return html`<h1>${w.formTitle}</h1><p>${w.formIntro}</p>
${problem ? html`<div class="notice notice-error" role="alert"><p>${problem}</p></div>` : ''}
<form class="form" method="post" action="${petitionsBase(council)}/gui" enctype="multipart/form-data">
${field(lang, errors, 'submitterName', html`${w.name}${mark(settings.requireName)}`, html`<input id="submitterName" name="submitterName" type="text" autocomplete="name" maxlength="${petitionLimits.name}" value="${values.submitterName}"${req(settings.requireName)}${described(errors, 'submitterName', false)}>`)}
${field(lang, errors, 'submitterContact', html`${w.contact}${mark(settings.requireContact)}`, html`<input id="submitterContact" name="submitterContact" type="text" autocomplete="tel" maxlength="${petitionLimits.contact}" value="${values.submitterContact}"${req(settings.requireContact)}${described(errors, 'submitterContact', true)}>`, w.contactHint)}
${field(lang, errors, 'locality', html`${w.locality}${mark(true)}`, html`<input id="locality" name="locality" type="text" maxlength="${petitionLimits.locality}" value="${values.locality}" required${described(errors, 'locality', true)}>`, w.localityHint)}
${field(lang, errors, 'content', html`${w.content}${mark(true)}`, html`<textarea id="content" name="content" rows="8" minlength="10" maxlength="${petitionLimits.content}" required${described(errors, 'content', true)}>${values.content}</textarea>`, w.contentHint)}
<div class="field"><label for="attachments">${w.files}</label><p class="hint" id="attachments-hint">${w.filesHint}</p>
<input id="attachments" name="attachments" type="file" multiple accept="${petitionAttachmentLimits.types.join(',')},.pdf,.jpg,.jpeg,.png" aria-describedby="attachments-hint"></div>
<div class="hp" aria-hidden="true"><label for="trang_web">${w.honeypot}</label><input id="trang_web" name="trang_web" type="text" tabindex="-1" autocomplete="off"></div>
<p><button class="button" type="submit">${w.submit}</button></p>
</form>`;
}

export function publishedFacts(lang: Lang, p: PublicPetition): Html {
  const w = petitionWords[lang];
  return html`<dl class="facts"><dt>${w.locality}</dt><dd>${p.locality}</dd>${p.field ? html`<dt>${w.field}</dt><dd>${p.field}</dd>` : ''}
<dt>${w.receivedAt}</dt><dd>${formatDate(lang, p.receivedAt)} · ${w[`channel_${p.channel}`]}</dd>${p.voters > 1 ? html`<dt>${w.voters}</dt><dd>${p.voters}</dd>` : ''}
${p.agency ? html`<dt>${w.agency}</dt><dd>${p.agency}</dd>` : ''}${p.answeredAt ? html`<dt>${w.answeredAt}</dt><dd>${formatDate(lang, p.answeredAt)}</dd>` : ''}
<dt>${w.publishedAt}</dt><dd>${formatDate(lang, p.publishedAt)}</dd></dl>
<section aria-labelledby="noi-dung-kn"><h2 id="noi-dung-kn">${w.content}</h2><p class="text">${p.content}</p></section>
<section aria-labelledby="tra-loi"><h2 id="tra-loi">${w.answer}</h2><p class="text">${p.answer}</p></section>`;
}

export function petitionPage(lang: Lang, p: PublicPetition): Html {
  const w = petitionWords[lang];
  return html`<p class="kicker">${w.title}</p><h1>${excerpt(p.content, 120)}</h1>${publishedFacts(lang, p)}`;
}

export function lookupPage(lang: Lang, council: PublicCouncil, typed: string, found: PetitionLookup | null, justSent: boolean): Html {
  const w = petitionWords[lang];
  return html`<h1>${w.lookup}</h1>
${justSent && found ? html`<div class="notice notice-ok" role="status"><p><strong>${w.received}</strong></p><p>${w.keepCode}</p><p class="code">${found.code}</p></div>` : ''}
${justSent && !found ? html`<div class="notice notice-ok" role="status"><p><strong>${w.receivedNoCode}</strong></p></div>` : ''}
<form class="search" role="search" method="get" action="${petitionsBase(council)}/tra-cuu">
  <label for="ma">${w.code}</label>
  <div class="search-row"><input id="ma" name="ma" type="text" maxlength="40" autocomplete="off" autocapitalize="characters" value="${typed}" placeholder="${w.codeHint}" required><button type="submit">${w.find}</button></div>
</form>
${typed && !found && !justSent ? html`<p class="notice notice-error" role="alert">${w.notFoundCode}</p>` : ''}
${found ? html`<dl class="facts"><dt>${w.code}</dt><dd><code>${found.code}</code></dd><dt>${w.status}</dt><dd>${statusWord(lang, found.status)}</dd>
<dt>${w.receivedAt}</dt><dd>${formatDate(lang, found.receivedAt)}</dd></dl>
${found.status === 'merged' ? html`<p>${w.mergedNote}</p>` : ''}
${found.published ? publishedFacts(lang, found.published) : found.status !== 'closed' ? html`<p class="empty">${w.notYet}</p>` : ''}` : ''}`;
}

/** The council home's section: the latest published answers. */
export function petitionHomeSection(lang: Lang, council: PublicCouncil, latest: PublicPetition[]): Html {
  const w = words[lang];
  return html`<section aria-labelledby="kien-nghi"><h2 id="kien-nghi">${w.latestAnswers}</h2>${answerList(lang, council, latest)}
<p><a href="${petitionsBase(council)}">${w.allAnswers}</a> · <a href="${petitionsBase(council)}/gui">${petitionWords[lang].send}</a></p></section>`;
}
