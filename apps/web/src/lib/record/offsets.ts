/**
 * Reads an offset typed by the secretariat: "1:02:05", "12:05" or plain seconds "725". Null when it is
 * not a time (the editor then shows the field as invalid instead of saving a wrong offset).
 */
export function parseOffset(text: string): number | null {
  const t = text.trim();
  if (!t) return null;
  if (/^\d+$/.test(t)) return Number(t);
  const parts = t.split(':');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !/^\d+$/.test(p))) return null;
  const nums = parts.map(Number);
  if (nums.slice(1).some((n) => n >= 60)) return null;
  return nums.reduce((total, n) => total * 60 + n, 0);
}
