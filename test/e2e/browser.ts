// End-to-end harness: makes a fresh encrypted database with the CLI (`init --user voorzitter --demo`),
// starts the real browser-mode entry (npm run web's script) on it, drives Debian's Chromium with
// playwright-core and logs in like a person does. Needs `npm run build` first.
import { execFile } from 'node:child_process';
import { startAppProcess } from '../fixtures/app-process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { Keyring } from '../../electron/backend/auth/keyring';
import { applyKey } from '../../electron/backend/db/cipher';
import type { Role } from '../../shared/auth/roles';

export const ROOT = resolve(__dirname, '..', '..');
export const SHOTS = join(ROOT, 'test-results', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** Someone who can log in. */
export interface Account {
  name: string;
  passphrase: string;
}

/** The chair every test database starts with (made by `init --user voorzitter`). */
export const CHAIR: Account = { name: 'voorzitter', passphrase: 'de tafel zoekt een eigen thuis' };

export interface WebApp {
  url: string;
  origin: string;
  token: string;
  dbFile: string;
  /** Session cookies of the API calls made with apiCall, by login name. */
  sessions: Map<string, string>;
  stop(): Promise<void>;
}

/** `init --db FILE --user NAME [--demo]` through the real CLI, the passphrase from the environment. */
export async function initDatabase(dbFile: string, account: Account = CHAIR, demo = true): Promise<void> {
  const args = [TSX, 'electron/backend/cli/cli.main.ts', 'init', '--db', dbFile, '--user', account.name, ...(demo ? ['--demo'] : [])];
  await new Promise<void>((resolvePromise, reject) => {
    execFile(
      process.execPath,
      args,
      { cwd: ROOT, env: { ...process.env, UITSTROOMTAFEL_PASSPHRASE: account.passphrase }, timeout: 120_000 },
      (error, stdout, stderr) => (error ? reject(new Error(`cli init failed: ${error.message}\n${stdout}\n${stderr}`)) : resolvePromise()),
    );
  });
}

/**
 * Starts `tsx electron/backend/web.main.ts` on a new database and waits for its address. The database
 * is made first with the CLI (the chair `voorzitter` and the demo region), unless `empty` asks for the
 * first start (no database: the app shows "Eerste start").
 */
export async function startWebApp(options: { empty?: boolean; before?: (dbFile: string) => Promise<void>; args?: string[] } = {}): Promise<WebApp> {
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build` before the end-to-end tests (npm test does).');
  }
  const dir = mkdtempSync(join(tmpdir(), 'ut-e2e-'));
  const dbFile = join(dir, 'e2e.sqlite');
  if (!options.empty) await initDatabase(dbFile);
  await options.before?.(dbFile);
  const app = await startAppProcess('electron/backend/web.main.ts', ['--db', dbFile, '--port', '0', ...(options.args ?? [])], /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/, {
    timeoutMs: 60_000,
  });
  const url = app.address;
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    dbFile,
    sessions: new Map(),
    stop: async () => {
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

export interface Session {
  app: WebApp;
  browser: Browser;
  page: Page;
  stop(): Promise<void>;
}

export interface SessionOptions {
  viewport?: { width: number; height: number };
  acceptDownloads?: boolean;
  /** Who logs in through the login page (default the chair); false: nobody, the page stays blank. */
  login?: Account | false;
  /** Start on no database at all (first start) instead of the chair's demo database; implies login: false. */
  empty?: boolean;
  /** Runs before the app starts, with the database file's path (e.g. to make an old plain database). */
  before?: (dbFile: string) => Promise<void>;
}

/**
 * One test file's app and browser: a fresh browser-mode app, Chromium, one page (page errors go to
 * the log) and, unless `login: false`, the login page filled in as the chair (or `login`) and the app shown.
 */
export async function startSession(options: SessionOptions = {}): Promise<Session> {
  const app = await startWebApp({ empty: options.empty ?? false, ...(options.before ? { before: options.before } : {}) });
  const browser = await launchChromium();
  // A context of its own, so a test can open a second tab that shares the session (page.context().newPage()).
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 }, acceptDownloads: options.acceptDownloads ?? false });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  if (options.login !== false && !options.empty) await login(page, app, options.login ?? CHAIR);
  return {
    app,
    browser,
    page,
    stop: async () => {
      await browser.close();
      await app.stop();
    },
  };
}

/** Opens the app's address and logs in through the login page; resolves when the app's frame is shown. */
export async function login(page: Page, app: WebApp, account: Account = CHAIR): Promise<void> {
  await page.goto(app.url);
  await fillLogin(page, account);
  await page.getByTestId('logout').waitFor({ timeout: 60_000 });
}

/** Fills in and sends the login page (already shown); does not wait for the outcome. */
export async function fillLogin(page: Page, account: Account): Promise<void> {
  await page.getByTestId('login-page').waitFor({ timeout: 60_000 });
  await page.getByTestId('login-name').fill(account.name);
  await page.getByTestId('login-passphrase').fill(account.passphrase);
  await page.getByTestId('login-submit').click();
}

/** "Afmelden" in the header; resolves when the login page is back. */
export async function logout(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await page.getByTestId('login-page').waitFor({ timeout: 60_000 });
}

/** Logs in over HTTP with the start token and returns the session cookie (`ut_session=...`). */
export async function apiLogin(app: WebApp, account: Account = CHAIR): Promise<string> {
  const r = await fetch(`${app.origin}/api/auth.login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${app.token}` },
    body: JSON.stringify({ name: account.name, passphrase: account.passphrase }),
  });
  const body = (await r.json()) as { ok: boolean; error?: { message: string } };
  if (!body.ok) throw new Error(`auth.login as ${account.name}: ${body.error?.message}`);
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').find((c) => c.startsWith('ut_session='));
  if (!cookie) throw new Error(`auth.login as ${account.name} set no ut_session cookie`);
  app.sessions.set(account.name, cookie);
  return cookie;
}

/**
 * Calls the running app's API with its token and a session of `as` (the chair by default; logged in over
 * HTTP once and kept); throws with the method and the app's message on a refusal.
 */
export async function apiCall<T>(app: WebApp, method: string, input: unknown, as: Account = CHAIR): Promise<T> {
  const send = async (cookie: string) => {
    const r = await fetch(`${app.origin}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${app.token}`, Cookie: cookie },
      body: JSON.stringify(input),
    });
    return (await r.json()) as { ok: boolean; value: T; error?: { code: string; message: string } };
  };
  let body = await send(app.sessions.get(as.name) ?? (await apiLogin(app, as)));
  // A session that ended (idle timeout, restore): log in once more.
  if (!body.ok && body.error?.code === 'UNAUTHORIZED') body = await send(await apiLogin(app, as));
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.value;
}

export interface NewUser {
  name: string;
  displayName: string;
  role: Role;
  careProviderId?: string | null;
  corporationId?: string | null;
  passphrase: string;
}

/** The chair adds a user through the API (users.create); returns what the user logs in with. */
export async function createUser(app: WebApp, user: NewUser): Promise<Account> {
  await apiCall(app, 'users.create', { careProviderId: null, corporationId: null, ...user });
  return { name: user.name, passphrase: user.passphrase };
}

/**
 * Opens the app's encrypted database file directly, as someone with file access and a passphrase would
 * (the key unwrapped from the keyring): for tests that change the file behind the app's back.
 */
export async function openDatabaseFile(app: WebApp, account: Account = CHAIR): Promise<BetterSqlite3.Database> {
  const key = await Keyring.load(app.dbFile).unwrap(account.name, account.passphrase);
  if (!key) throw new Error(`the keyring of ${app.dbFile} does not open with ${account.name}'s passphrase`);
  const db = new BetterSqlite3(app.dbFile);
  applyKey(db, key);
  db.pragma('busy_timeout = 10000');
  return db;
}

export interface A11yViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (the page's current state) and returns the serious and critical violations, so a test
 * can expect none. The script comes from node_modules: nothing is fetched.
 */
export async function seriousA11yViolations(page: Page): Promise<A11yViolation[]> {
  // A dialog, drawer or menu still fading in is half transparent, which axe reads as poor contrast:
  // wait (generously) until no CSS transition runs. Endless animations such as loaders do not count.
  // (Polled with evaluate: waitForFunction's polling needs eval, which the page's CSP forbids.)
  const settled = 'document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState !== "running")';
  const deadline = Date.now() + 20_000;
  while (!(await page.evaluate(settled)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, which the page's Content Security Policy does not govern.
  if (!(await page.evaluate('typeof axe !== "undefined"'))) await page.evaluate(source);
  const found = (await page.evaluate(`
    axe.run(document, { resultTypes: ['violations'] }).then((r) =>
      r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })),
    )
  `)) as A11yViolation[];
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A date field's shown value ('05-12-2025') as the API takes it ('2025-12-05'); anything else is an error. */
export function isoOfShownDate(text: string): string {
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(text.trim());
  if (!m) throw new Error(`geen datum als dd-mm-jjjj: '${text}'`);
  return `${m[3]}-${m[2]}-${m[1]}`;
}
