// End-to-end harness: starts the real browser-mode entry (npm run web's script) on a fresh
// database and drives Debian's Chromium with playwright-core. Needs `npm run build` first.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';

export const ROOT = resolve(__dirname, '..', '..');
export const SHOTS = join(ROOT, 'test-results', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface WebApp {
  url: string;
  origin: string;
  token: string;
  dbFile: string;
  stop(): Promise<void>;
}

/** Starts `tsx electron/backend/web.main.ts` on a new database and waits for its address. */
export async function startWebApp(): Promise<WebApp> {
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build` before the end-to-end tests (npm test does).');
  }
  const dir = mkdtempSync(join(tmpdir(), 'ut-e2e-'));
  const dbFile = join(dir, 'e2e.sqlite');
  const tsx = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const child: ChildProcess = spawn(process.execPath, [tsx, 'electron/backend/web.main.ts', '--db', dbFile, '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolvePromise(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited with ${code}:\n${output}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    dbFile,
    stop: async () => {
      child.removeAllListeners('exit');
      await new Promise<void>((r) => {
        child.once('exit', () => r());
        child.kill('SIGTERM');
      });
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

/**
 * One test file's app and browser: a fresh browser-mode app, Chromium, one page (page errors go to
 * the log) and, unless `open: false`, the app opened and its region shown.
 */
export async function startSession(options: { viewport?: { width: number; height: number }; acceptDownloads?: boolean; open?: boolean } = {}): Promise<Session> {
  const app = await startWebApp();
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1400, height: 900 }, acceptDownloads: options.acceptDownloads ?? false });
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  if (options.open !== false) {
    await page.goto(app.url);
    await page.getByTestId('region-name').waitFor({ timeout: 60_000 });
  }
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

/** Calls the running app's API with its token; throws with the method and the app's message on a refusal. */
export async function apiCall<T>(app: WebApp, method: string, input: unknown): Promise<T> {
  const r = await fetch(`${app.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${app.token}` },
    body: JSON.stringify(input),
  });
  const body = (await r.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.value;
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
