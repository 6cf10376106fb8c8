// Which requests are a clerk's .eml upload: app.ts (body size) and the CSRF guard (content type) ask before
// any route runs, so this stays free of imports.

const emailPath = /^\/api\/councils\/[^/]+\/petitions\/email$/;

/**
 * The .eml upload's body is a raw message/rfc822 of up to PETITION_EMAIL_MAX_MB: app.ts leaves its size to
 * the route's own limit, and the CSRF guard accepts that content type on this path only.
 */
export const isPetitionEmailUpload = (method: string, path: string) => method === 'POST' && emailPath.test(path);
export const emailUploadType = 'message/rfc822';
