// What the main process reads from how it was started, without Electron (so tests can check it): the
// review file it was opened on, and which addresses are the app's own pages.
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

/**
 * The app's own pages: in development the dev server's origin (not any address that starts with the same
 * text, like `http://localhost:5173.example.org`), else exactly the built renderer file (not some other
 * `renderer/index.html` on the disk).
 */
export function isAppUrl(url: string, own: { devUrl?: string | undefined; indexFile: string }): boolean {
  try {
    const u = new URL(url);
    if (own.devUrl) return u.origin === new URL(own.devUrl).origin;
    return u.protocol === 'file:' && resolve(fileURLToPath(u)) === resolve(own.indexFile);
  } catch {
    return false;
  }
}
