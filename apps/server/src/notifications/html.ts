/**
 * Escapes text for the HTML part of a notification: the messages (invitations/templates.ts, consultations'
 * lifecycle.ts) and the e-mail layout (email.ts) are built from titles, names and places that users typed.
 */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
