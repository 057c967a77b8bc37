// Electron main process: app lifecycle, one secure window, and the IPC adapter over the backend's
// gate (login; one session for the window). The only user of ipcMain. Everything else lives in the
// Electron-free backend. Pointed at a regional server (`--server URL`), the window shows the server's
// pages instead, without the preload bridge and without a local database: the page talks to the
// server over HTTPS as a browser does.
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { BrowserWindow, type WebContents, app, dialog, ipcMain, session, shell } from 'electron';
import type { Result } from '../../shared/api/result';
import { type Gate, createHostGate } from '../backend/auth/gate';
import { type BackupSchedule, startHostBackups } from '../backend/backup/scheduler';
import { CONTENT_SECURITY_POLICY } from '../backend/http/http-server';
import { ensurePrivateDir } from '../backend/fs/safe-write';
import { DATABASE_FILE } from '../backend/paths';
import { API_CHANNEL } from '../preload/channel';
import { isAppUrl as isOwnPage, isReviewFile, reviewArgument, serverArgument } from './launch';

const RENDERER_DEV_URL = process.env.ELECTRON_RENDERER_URL;
const rendererIndex = join(__dirname, '../renderer/index.html');

let gate: Gate | null = null;
/** Daily backups while the database is open, and one on quitting. */
let backups: BackupSchedule | null = null;
/** The window's session with the gate: set at login or first start, cleared at logout. */
let windowSession: string | null = null;

/** A review file the app was opened on (file association, or a path on the command line): the window shows it in review mode. */
let startReview: string | null = reviewArgument(process.argv);

/** The regional server this window opens (`--server URL` or UITSTROOMTAFEL_SERVER), or null for the local database; read in start(). */
let serverOrigin: string | null = null;

/** Opened on a review file while running: the window loads again into review mode (it warns first about unsaved decisions). */
function openReview(path: string): void {
  startReview = path;
  const win = BrowserWindow.getAllWindows()[0];
  if (!win) return;
  win.focus();
  win.webContents.reload();
}

/** The app's own pages (the built renderer file, or the dev server in development). */
function isAppUrl(url: string): boolean {
  return isOwnPage(url, { devUrl: RENDERER_DEV_URL, indexFile: rendererIndex, serverOrigin });
}

function resourcePath(...parts: string[]): string {
  return app.isPackaged ? join(process.resourcesPath, ...parts) : join(app.getAppPath(), 'resources', ...parts);
}

/** A better-sqlite3-multiple-ciphers binary built for this Electron (see scripts/electron-native.mjs); packaged apps carry their own. */
function nativeBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const file = join(app.getAppPath(), '.electron-native', process.versions.electron, 'better_sqlite3_multiple_ciphers.node');
  return existsSync(file) ? file : undefined;
}

function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    // Links to the outside world open in the user's browser, never in the app.
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 1000,
    minHeight: 700,
    title: 'Uitstroomtafel',
    show: false,
    webPreferences: {
      // The server's pages get no bridge to this machine: they call the server, as in a browser.
      ...(serverOrigin ? {} : { preload: join(__dirname, '../preload/index.cjs') }),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  // The review mode's beforeunload (unsaved decisions): Electron asks no question itself, so ask here.
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question',
      buttons: ['Sluiten zonder opslaan', 'Terug naar de beoordeling'],
      defaultId: 1,
      cancelId: 1,
      title: 'Besluiten niet opgeslagen',
      message: 'Er zijn besluiten ingevoerd die nog niet zijn opgeslagen.',
      detail: 'Als u nu sluit, gaan ze verloren.',
    });
    if (choice === 0) event.preventDefault();
  });
  // A closed window is logged out (macOS keeps the app running without one).
  win.on('closed', () => {
    windowSession = null;
  });
  if (serverOrigin) void win.loadURL(`${serverOrigin}/`);
  else if (RENDERER_DEV_URL) void win.loadURL(RENDERER_DEV_URL);
  else void win.loadFile(rendererIndex);
}

async function start(): Promise<void> {
  // No permission (camera, notifications, ...) is ever needed.
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  serverOrigin = serverArgument(process.argv, process.env);
  session.defaultSession.webRequest.onHeadersReceived((details, cb) => {
    cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  app.on('web-contents-created', (_e, contents) => hardenContents(contents));
  // Exports (lists, review files, reports) are saved as downloads: readable by the owner only, like
  // the CLI's exports; a file that cannot be tightened is left as saved.
  session.defaultSession.on('will-download', (_e, item) => {
    item.once('done', (_d, state) => {
      if (state !== 'completed') return;
      try {
        chmodSync(item.getSavePath(), 0o600);
      } catch (err) {
        console.warn('[main] could not make the saved file private', err);
      }
    });
  });

  if (serverOrigin) {
    // No local database: the server holds the register, its logins and its backups.
    createWindow();
    return;
  }
  // The data folder holds client data: the owner's only (0700), also if an older version left it open.
  ensurePrivateDir(app.getPath('userData'), true);
  const file = join(app.getPath('userData'), DATABASE_FILE);
  const binding = nativeBinding();
  // The database opens at the first login (or is made at the first start, with the demo region if chosen).
  gate = createHostGate({ file, host: 'desktop', demoFile: resourcePath('demo', 'flevoland.json'), ...(binding ? { nativeBinding: binding } : {}) }, { startReview: () => startReview });
  backups = startHostBackups(gate.vault);

  ipcMain.handle(API_CHANNEL, async (event, method: unknown, input: unknown): Promise<Result<unknown>> => {
    // Only the app's own top frame may call the backend.
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isAppUrl(frame.url) || !gate) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Aanroep van buiten de app geweigerd.' } };
    }
    const reply = await gate.call(windowSession, method, input);
    if (reply.session && 'set' in reply.session) windowSession = reply.session.set;
    if (reply.session && 'clear' in reply.session) windowSession = null;
    return reply.result;
  });
  createWindow();
}

app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();
app.on('second-instance', (_e, argv) => {
  const review = reviewArgument(argv);
  if (review) openReview(review);
  else BrowserWindow.getAllWindows()[0]?.focus();
});
// macOS hands a double-clicked file over by event (also before the app is ready).
app.on('open-file', (event, path) => {
  if (!isReviewFile(path)) return;
  event.preventDefault();
  openReview(path);
});

app
  .whenReady()
  .then(start)
  .catch((e: unknown) => {
    dialog.showErrorBox('Uitstroomtafel kan niet starten', (e as Error).message);
    app.quit();
  });

app.on('activate', () => {
  if ((gate || serverOrigin) && BrowserWindow.getAllWindows().length === 0) createWindow();
});
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
// The 'close' backup, before the vault closes: quitting waits for it once.
let closeBackupDone = false;
app.on('before-quit', (event) => {
  if (closeBackupDone || !backups) return;
  event.preventDefault();
  closeBackupDone = true;
  void backups.onClose().finally(() => app.quit());
});
app.on('will-quit', () => {
  gate?.endAll();
  windowSession = null;
  void gate?.vault.close();
  gate = null;
});
