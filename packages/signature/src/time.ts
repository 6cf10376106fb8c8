// Times as the signature needs them: Vietnam time (UTC+7, no daylight saving) in ISO 8601 and PDF date form.

const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** "2026-12-01T14:05:09+07:00" */
export function vietnamIso(date: Date): string {
  return `${new Date(date.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** A PDF date string "D:20261201140509+07'00'" (ISO 32000-1 §7.9.4). */
export function pdfDate(date: Date): string {
  return `D:${vietnamIso(date).slice(0, 19).replace(/[-T:]/g, '')}+07'00'`;
}

/** Parses a PDF date string; null when malformed. */
export function parsePdfDate(text: string): Date | null {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz])|([+-])(\d{2})'?(\d{2})?'?)?/.exec(text.trim());
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', z, sign, oh = '00', om = '00'] = m;
  const offset = z || !sign ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offset * 60_000);
  return Number.isNaN(date.getTime()) ? null : date;
}
