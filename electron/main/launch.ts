// What the main process reads from how it was started, without Electron (so tests can check it): the
// review file it was opened on, the regional server it should open instead of the local database, and
// which addresses are the app's own pages.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REVIEW_FILE_EXTENSION } from '../../shared/review/review-file';

/** Does this path name a review file (`.beoordeling`, any case)? */
export function isReviewFile(path: string): boolean {
  return path.toLowerCase().endsWith(`.${REVIEW_FILE_EXTENSION}`);
}

/**
 * The review file in a command line (the file association on Windows and Linux, a second start, or
 * `electron . FILE`): the first argument after the program that names one; flags and the app folder are skipped.
 */
export function reviewArgument(argv: readonly string[]): string | null {
  return argv.slice(1).find((a) => !a.startsWith('-') && isReviewFile(a)) ?? null;
}

/** The environment variable that points the desktop app at a regional server (as `--server URL` does). */
export const SERVER_ENV = 'UITSTROOMTAFEL_SERVER';

/**
 * The regional server the desktop app opens (issue 15) — `--server URL`, `--server=URL` or
 * UITSTROOMTAFEL_SERVER — as its origin, or null for the local database (the default). Only HTTPS,
 * but for a server on this machine (http://127.0.0.1 or http://localhost, e.g. behind a tunnel).
 * Throws, saying what and where, on an address that is not one.
 */
export function serverArgument(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): string | null {
  let given: string | undefined;
  let from = SERVER_ENV;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--server') {
      given = argv[i + 1] ?? '';
      from = '--server';
    } else if (a.startsWith('--server=')) {
      given = a.slice('--server='.length);
      from = '--server';
    }
  }
  given ??= env[SERVER_ENV] || undefined;
  if (given === undefined) return null;
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new Error(`${from}: '${given}' is geen adres; geef het adres van de regionale server, bijvoorbeeld https://uitstroom.regio.nl.`);
  }
  const local = url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]');
  if (url.protocol !== 'https:' && !local) {
    throw new Error(`${from}: '${given}' gebruikt geen HTTPS; de regionale server is alleen via https:// te openen (of http:// op deze computer zelf).`);
  }
  return url.origin;
}

/**
 * The app's own pages: in development the dev server's origin (not any address that starts with the same
 * text, like `http://localhost:5173.example.org`), else exactly the built renderer file (not some other
 * `renderer/index.html` on the disk).
 */
export function isAppUrl(url: string, own: { devUrl?: string | undefined; indexFile: string; serverOrigin?: string | null }): boolean {
  try {
    const u = new URL(url);
    // Pointed at a regional server: its pages are the app's, nothing else (not the local file either).
    if (own.serverOrigin) return u.origin === own.serverOrigin;
    if (own.devUrl) return u.origin === new URL(own.devUrl).origin;
    return u.protocol === 'file:' && resolve(fileURLToPath(u)) === resolve(own.indexFile);
  } catch {
    return false;
  }
}
