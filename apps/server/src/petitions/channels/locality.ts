import { petitionLimits } from '@hopso/shared/petitions';

// Every petition needs a locality (petitionInput), but an e-mail or a Zalo message has no form field for it.
// The rule: a leading "[Ấp Bình An] …" tag (in the subject, or at the start of a Zalo text) names it, as the
// council can ask voters to write; without one the petition gets `unclassifiedLocality` and the clerk sets the
// real one when classifying. Not the council's own locality ("Xã Tân Phú"): that would look like an answer
// and would silently file every e-mail under the whole commune instead of asking the clerk.

/** The placeholder locality of a petition whose channel did not say where it comes from. */
export const unclassifiedLocality = 'Chưa xác định';

const tag = /^\s*\[([^\[\]\r\n]{1,200})\]\s*/u;
/** Reply and forward prefixes mail clients add before the subject (Vietnamese clients write TL:, CT:). */
const replyPrefix = /^\s*((re|fwd?|tl|ct)\s*:\s*)+/iu;

/** The locality a leading "[…]" tag names and the text after it; without a usable tag, the placeholder and the text. */
export function splitLocality(text: string): { locality: string; rest: string } {
  const match = tag.exec(text.replace(replyPrefix, ''));
  const named = match?.[1]?.trim();
  if (!match || !named || named.length > petitionLimits.locality) return { locality: unclassifiedLocality, rest: text.trim() };
  return { locality: named, rest: text.replace(replyPrefix, '').slice(match[0].length).trim() };
}
