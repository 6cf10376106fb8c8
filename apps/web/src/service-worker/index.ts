import { version } from '$app/env';
import { assets, immutable } from '$app/manifest';
import { self } from '$app/service-worker';
import { meetingCachePrefix, rangeFromKept, requestKind, shellCachePrefix } from '../lib/offline/rules.ts';

/**
 * The tablet's service worker: the app shell (built code, static files, pdf.js data, pages seen) is kept
 * per build, so a reload during a Wi-Fi drop still starts the app; the documents of a meeting the delegate
 * opened are kept whole by the page (lib/offline/keep.ts) in that meeting's cache, and answered from there
 * when the network fails. Nothing is ever fetched from another origin, and what may be kept at all is
 * decided by requestKind (lib/offline/rules.ts): never sign-in or session, never a mutation.
 */

const shell = `${shellCachePrefix}${version}`;
const precached = [...immutable.map((f) => `/${f.path}`), ...assets.map((f) => `/${f.path}`)];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(shell);
    await cache.addAll(precached);
    await self.skipWaiting();
  })());
});

// A new build drops the previous shell; kept meetings stay (their files do not depend on the build).
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith(shellCachePrefix) && name !== shell) await caches.delete(name);
    await self.clients.claim();
  })());
});

/** The kept copy of `request` in any kept meeting's cache (the URL alone identifies it), and that cache's name. */
async function fromMeetings(url: string): Promise<{ name: string; response: Response } | null> {
  for (const name of await caches.keys()) {
    if (!name.startsWith(meetingCachePrefix)) continue;
    // caches.match never creates a cache; caches.open would bring back, empty, one a sign-out has just deleted.
    const response = await caches.match(url, { cacheName: name });
    if (response) return { name, response };
  }
  return null;
}

/**
 * A document's bytes. Online, the server answers every range as before: pdf.js keeps loading only the
 * ranges it needs, and a version replaced on the server is never read from a stale copy. When the network
 * fails, the range is cut from the whole file kept on open (a 206 built from the cached bytes), so pdf.js
 * cannot tell the difference. A kept whole file is also what makes any later range answerable offline —
 * keeping only the ranges once read would leave every page not yet read blank.
 */
async function documentFile(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    const kept = await fromMeetings(new URL(request.url).pathname);
    if (!kept) throw error;
    return rangeFromKept(kept.response, request.headers.get('range'));
  }
}

/** JSON of a kept meeting: the network's answer refreshes the kept copy; the kept copy answers offline. */
async function meetingData(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  try {
    const response = await fetch(request);
    if (response.ok) {
      const kept = await fromMeetings(path);
      if (kept && (await caches.has(kept.name))) await (await caches.open(kept.name)).put(path, response.clone());
    }
    return response;
  } catch (error) {
    const kept = await fromMeetings(path);
    if (!kept) throw error;
    return kept.response;
  }
}

/** Built code and static files never change under one URL: the kept copy first, else fetched and kept. */
async function staticFile(request: Request): Promise<Response> {
  const cache = await caches.open(shell);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.status === 200) await cache.put(request, response.clone());
  return response;
}

/**
 * Pages: the app is client-rendered, so every page is the same shell (with its own CSP nonce, which the kept
 * copy carries along in its headers). Network first; offline, the page last seen at this URL, else the home
 * page's shell — the client router then draws the route.
 */
async function page(request: Request): Promise<Response> {
  const cache = await caches.open(shell);
  const path = new URL(request.url).pathname;
  try {
    const response = await fetch(request);
    if (response.ok && (response.headers.get('content-type') ?? '').startsWith('text/html')) {
      await cache.put(path, response.clone());
      await cache.put('/', response.clone());
    }
    return response;
  } catch (error) {
    const hit = (await cache.match(path)) ?? (await cache.match('/'));
    if (!hit) throw error;
    return hit;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  switch (requestKind(url, request.method, request.mode, self.location.origin)) {
    case 'file': return event.respondWith(documentFile(request));
    case 'data': return event.respondWith(meetingData(request));
    case 'static': return event.respondWith(staticFile(request));
    case 'page': return event.respondWith(page(request));
    case 'pass': return;
  }
});
