/**
 * Text search in a document, the way delegates type: case and Vietnamese diacritics ignored ("ngan sach"
 * finds "Ngân sách"), runs of spaces and line ends treated as one space. Matches are reported in offsets of
 * the page's original text, so they can be marked over the text layer's runs.
 */

/** A page's text as the text layer's runs (`items`, one per span) joined, with each run's start offset. */
export interface PageText {
  text: string;
  /** `starts[i]` is where item i begins in `text`. */
  starts: number[];
}

/** A match in a page's original text: [start, end). */
export interface TextMatch { start: number; end: number }

/** Joins pdf.js text items; an item that ends a line is followed by a space so words do not run together. */
export function joinItems(items: readonly { str: string; hasEOL?: boolean }[]): PageText {
  let text = '';
  const starts: number[] = [];
  for (const item of items) {
    starts.push(text.length);
    text += item.str;
    if (item.hasEOL) text += ' ';
  }
  return { text, starts };
}

/** One character folded for comparison: lower case, no combining marks, đ → d. May be '' (a lone mark). */
function fold(ch: string): string {
  return ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/đ/g, 'd');
}

/** The folded text and, for each folded character, the index of the original character it came from. */
export function foldText(text: string): { folded: string; map: number[] } {
  let folded = '';
  const map: number[] = [];
  let lastSpace = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      if (!lastSpace) {
        folded += ' ';
        map.push(i);
      }
      lastSpace = true;
      continue;
    }
    for (const f of fold(ch)) {
      folded += f;
      map.push(i);
    }
    lastSpace = false;
  }
  return { folded, map };
}

/** The query folded like page text; '' when there is nothing to look for. */
export function foldQuery(query: string): string {
  return foldText(query).folded.trim();
}

/** Every non-overlapping match of the (already folded) query in a page's text, in original offsets. */
export function findMatches(text: string, foldedQuery: string): TextMatch[] {
  if (!foldedQuery) return [];
  const { folded, map } = foldText(text);
  const out: TextMatch[] = [];
  let from = 0;
  for (;;) {
    const at = folded.indexOf(foldedQuery, from);
    if (at < 0) break;
    const last = at + foldedQuery.length - 1;
    out.push({ start: map[at]!, end: map[last]! + 1 });
    from = at + foldedQuery.length;
  }
  return out;
}

/** The part of each text run a match covers: what to wrap in a mark inside span `item`. */
export function matchToItems(match: TextMatch, page: PageText): { item: number; from: number; to: number }[] {
  const out: { item: number; from: number; to: number }[] = [];
  page.starts.forEach((start, item) => {
    const end = item + 1 < page.starts.length ? page.starts[item + 1]! : page.text.length;
    const from = Math.max(match.start, start);
    const to = Math.min(match.end, end);
    if (from < to) out.push({ item, from: from - start, to: to - start });
  });
  // A trailing space added after a line end is not part of the run's own text.
  return out.filter((p) => p.from < p.to);
}
