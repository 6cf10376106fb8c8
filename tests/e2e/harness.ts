// Shared plumbing for the browser e2e tests (tests/e2e/*.test.ts): a real server process per test file,
// Debian's chromium driven by playwright-core (no browser download), tablet-sized pages, screenshots, login,
// and a guard that fails a test on CSP violations or on any request leaving the machine.
//
// Typical file:
//   let server: Server; let browser: Browser;
//   beforeAll(async () => { server = await startServer(); browser = await launchBrowser(); });
//   afterAll(async () => { await browser?.close(); await server?.stop(); });
//   it('…', async () => { const page = await newTabletPage(browser, server.url); const g = await guard(page); … g.assertClean(); });
import { createHash } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@hopso/shared/realtime';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { throwawayDatabase } from '@hopso/db/testing';

export type { Browser, Page } from 'playwright-core';
export { freePort } from '../net.ts';
import { freePort } from '../net.ts';

/** Repository root; the server is started from here and test output goes to its test-results/. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** Where screenshots and server logs of e2e runs are kept for debugging (ignored by git). */
export const resultsDir = join(repoRoot, 'test-results');

/** Demo accounts seeded on an empty database; all share DEMO_PASSWORD. */
export const DEMO_PASSWORD = 'HopSo@2026';
export const DEMO = {
  admin: 'admin',
  chair: 'chutich',
  secretary: 'thuky',
  clerk: 'chuyenvien',
  /** `delegate(1)` → `daibieu01` … `delegate(22)` → `daibieu22`. */
  delegate: (n: number) => `daibieu${String(n).padStart(2, '0')}`,
} as const;

export interface StartServerOptions {
  /** Name used for the log file test-results/logs/<name>-<port>.log (default `server`). */
  name?: string;
  /**
   * PostgreSQL URL of the database to use as it is (servers of one installation sharing it). Without it the
   * server gets a database of its own: a fresh one created on E2E_DATABASE_URL's server (dropped on stop), or
   * PGlite in a fresh DATA_DIR when that is not set. `''` asks for PGlite whatever E2E_DATABASE_URL says.
   */
  databaseUrl?: string;
  /** Extra environment for the server process (e.g. LOG_LEVEL). */
  env?: Record<string, string>;
  /** How long to wait for GET /api/health to answer 200 (default 60 s). */
  timeoutMs?: number;
  /** Reuse this data directory (a restart after a crash); it is then kept on stop. */
  dataDir?: string;
  /** Listen on this port (a restart where clients reconnect to the same address). */
  port?: number;
}

export interface Server {
  /** Base URL without trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The port it listens on. */
  port: number;
  /** The server's process id (memory checks read /proc/<pid>/status). */
  pid: number;
  /** Ends the process at once with SIGKILL (crash tests); nothing is cleaned up. */
  kill(): Promise<void>;
  /** The server's fresh data directory (PGlite data, and uploaded files unless blobDir is elsewhere). */
  dataDir: string;
  /** Where its uploaded files are: DATA_DIR/blobs, or the directory shared by the servers of one PostgreSQL database. */
  blobDir: string;
  /** Path of the file that receives the server's stdout and stderr. */
  logFile: string;
  /** SIGTERM, then SIGKILL after 5 s; removes the data directory. Safe to call twice. */
  stop(): Promise<void>;
}


function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * Starts `node apps/server/src/main.ts` on a free loopback port with a fresh DATA_DIR and waits for
 * GET /api/health to answer 200. Each server starts from a freshly seeded database of its own on either
 * engine (E2E_DATABASE_URL, set by tests/run-all.ts, names the PostgreSQL server to create it on), so one
 * test file's data never reaches another's: a file that ends the demo session must not break the next.
 */
export async function startServer(opts: StartServerOptions = {}): Promise<Server> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServerOnce(opts);
    } catch (err) {
      // Two e2e runs side by side (tests/run-all.ts) can both be handed the same free port: try another.
      if (opts.port || attempt >= 3 || !(err as Error).message.includes('EADDRINUSE')) throw err;
    }
  }
}

/**
 * A server's seeded data, made once per e2e run (tests/e2e/template.ts) and copied by every server that would
 * otherwise migrate and seed the same demo data again: its DATA_DIR (PGlite files, uploaded files, the demo
 * PKI) and, on PostgreSQL, the name of its database on E2E_DATABASE_URL's server.
 */
export interface Template { dataDir: string; database?: string }

const TEMPLATE_ENV = 'HOPSO_E2E_TEMPLATE';

/** The run's template, for a server started with the defaults (its own fresh database, demo data). */
function templateFor(opts: StartServerOptions): Template | undefined {
  const json = process.env[TEMPLATE_ENV];
  if (!json || opts.dataDir || opts.databaseUrl !== undefined || opts.env?.DEMO_SEED || opts.env?.BLOB_DIR) return undefined;
  return JSON.parse(json) as Template;
}

/**
 * Starts a server once, stops it, and keeps what it seeded as the run's template; `remove` deletes it.
 * Sets HOPSO_E2E_TEMPLATE, which the test files' processes inherit.
 */
export async function makeTemplate(): Promise<{ remove(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hopso-e2e-template-'));
  const database = await throwawayDatabase(process.env.E2E_DATABASE_URL);
  try {
    const server = await startServer({
      name: 'template', dataDir, timeoutMs: 180_000,
      ...(database.url ? { databaseUrl: database.url, env: { BLOB_DIR: join(dataDir, 'blobs') } } : { databaseUrl: '' }),
    });
    await server.stop();
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    await database.drop();
    throw error;
  }
  const template: Template = { dataDir, ...(database.name ? { database: database.name } : {}) };
  process.env[TEMPLATE_ENV] = JSON.stringify(template);
  return {
    async remove() {
      delete process.env[TEMPLATE_ENV];
      rmSync(dataDir, { recursive: true, force: true });
      await database.drop();
    },
  };
}

async function startServerOnce(opts: StartServerOptions): Promise<Server> {
  const port = opts.port ?? (await freePort());
  const template = templateFor(opts);
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'hopso-e2e-'));
  if (template) cpSync(template.dataDir, dataDir, { recursive: true });
  const logDir = join(resultsDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${opts.name ?? 'server'}-${port}.log`);
  const log = createWriteStream(logFile);

  // Node keeps the servers' compiled modules (type-stripped TypeScript included): each later start skips that.
  const env: NodeJS.ProcessEnv = { NODE_COMPILE_CACHE: join(tmpdir(), 'hopso-e2e-compile-cache'), ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ...opts.env };
  const own = opts.databaseUrl !== undefined ? undefined : await throwawayDatabase(process.env.E2E_DATABASE_URL, template?.database);
  const databaseUrl = opts.databaseUrl ?? own?.url;
  if (databaseUrl) {
    env.DATABASE_URL = databaseUrl;
    // Servers sharing one database share its files too, as the nodes of one installation must.
    if (opts.databaseUrl) env.BLOB_DIR ??= join(tmpdir(), `hopso-e2e-blobs-${createHash('sha256').update(databaseUrl).digest('hex').slice(0, 12)}`);
  }
  else delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;

  const child = spawn(join(repoRoot, 'node_modules', '.bin', 'node'), ['apps/server/src/main.ts'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  // A crashed test worker must not leave a server holding a port.
  const killOnExit = () => { if (!exited(child)) child.kill('SIGKILL'); };
  process.once('exit', killOnExit);

  let stopped = false;
  const url = `http://127.0.0.1:${port}`;
  const server: Server = {
    url,
    port,
    pid: child.pid!,
    async kill() {
      stopped = true;
      process.off('exit', killOnExit);
      if (!exited(child)) child.kill('SIGKILL');
      await closed;
      await new Promise<void>((resolve) => log.end(resolve));
    },
    dataDir,
    blobDir: env.BLOB_DIR ?? join(dataDir, 'blobs'),
    logFile,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off('exit', killOnExit);
      if (!exited(child)) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => { if (!exited(child)) child.kill('SIGKILL'); }, 5_000);
        await closed;
        clearTimeout(timer);
      }
      await new Promise<void>((resolve) => log.end(resolve));
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
      await own?.drop();
    },
  };

  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  let lastError = '';
  while (Date.now() < deadline) {
    if (exited(child)) {
      await server.stop();
      throw new Error(`server exited (code ${child.exitCode}, signal ${child.signalCode}) before /api/health answered; log ${logFile}:\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return server;
      lastError = `HTTP ${res.status}`;
    } catch (err) {
      lastError = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await server.stop();
  throw new Error(`server did not answer GET /api/health with 200 within ${opts.timeoutMs ?? 60_000} ms (last: ${lastError}); log ${logFile}:\n${tail(logFile)}`);
}

/** Launches Debian's /usr/bin/chromium headless (CI cannot download Playwright's browsers). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface TabletOptions {
  orientation?: 'portrait' | 'landscape';
  /** Browser locale, default `vi-VN` (the delegates' tablets). */
  locale?: string;
}

/**
 * A page in a new browser context sized like the council's 11-inch tablets (820×1180 portrait or
 * 1180×820 landscape, touch enabled), with `baseURL` set so `page.goto('/login')` works.
 * Each call is a separate context, i.e. a separate session (cookies), like a separate device.
 */
export async function newTabletPage(browser: Browser, url: string, opts: TabletOptions = {}): Promise<Page> {
  const landscape = opts.orientation === 'landscape';
  const context = await browser.newContext({
    baseURL: url,
    viewport: landscape ? { width: 1180, height: 820 } : { width: 820, height: 1180 },
    hasTouch: true,
    isMobile: false,
    locale: opts.locale ?? 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  return context.newPage();
}

/** Saves a full-page screenshot to test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join(resultsDir, 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Opens /login, fills the labelled username and password fields and submits. It does not wait for a
 * particular page afterwards: callers assert on what they expect (the home page, an error message, …).
 * Labels come from apps/web/src/lib/i18n (vi "Tên đăng nhập"/"Mật khẩu", en "Username"/"Password"), so it works
 * in either UI language.
 */
export async function login(page: Page, username: string, password: string = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/^(Tên đăng nhập|Username)$/).fill(username);
  await page.getByLabel(/^(Mật khẩu|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(Đăng nhập|Sign in)$/ }).click();
}

export interface Guard {
  /** CSP violations seen so far (console messages and `securitypolicyviolation` events). */
  cspViolations: string[];
  /** Requests (HTTP, WebSocket) to any host other than 127.0.0.1 / localhost. */
  externalRequests: string[];
  /** Throws listing every violation; call at the end of a test. */
  assertClean(): void;
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function isExternal(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol)) return false; // data:, blob:, about:
  return !LOCAL_HOSTS.has(parsed.hostname);
}

/**
 * Watches a page for what the product promises never to do: break its own Content-Security-Policy or
 * talk to the internet (the system runs on an offline council LAN). Await it before the first goto.
 */
export async function guard(page: Page): Promise<Guard> {
  const g: Guard = {
    cspViolations: [],
    externalRequests: [],
    assertClean() {
      const problems = [
        ...g.cspViolations.map((v) => `CSP violation: ${v}`),
        ...g.externalRequests.map((r) => `external request: ${r}`),
      ];
      if (problems.length) throw new Error(`guard found ${problems.length} problem(s):\n${problems.join('\n')}`);
    },
  };
  page.on('console', (msg) => {
    if (msg.text().includes('Content Security Policy')) g.cspViolations.push(msg.text());
  });
  page.on('request', (req) => { if (isExternal(req.url())) g.externalRequests.push(`${req.method()} ${req.url()}`); });
  page.on('websocket', (ws) => { if (isExternal(ws.url())) g.externalRequests.push(`WebSocket ${ws.url()}`); });
  // Init scripts and exposed bindings go through the DevTools protocol, so the page's own CSP cannot block them.
  await page.exposeFunction('__hopsoCspViolation', (text: string) => { g.cspViolations.push(text); });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __hopsoCspViolation?: (t: string) => void }).__hopsoCspViolation;
      report?.(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return g;
}

/** A socket.io client signed in as `username` (no browser), e.g. a second console that sets up state fast. */
export async function socketAs(server: Server, username: string, password = DEMO_PASSWORD): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> {
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const s: Socket<ServerToClientEvents, ClientToServerEvents> = io(server.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
  await new Promise<void>((resolve, reject) => { s.on('connect', resolve); s.on('connect_error', reject); });
  return s;
}
