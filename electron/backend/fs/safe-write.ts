// Files and folders the backend creates for the user: an output is never the open database (nor its
// -wal/-shm/-journal, keyring or conversion copy, through any path or link), never an existing file without --force, and is written
// through a temporary file in the same folder and a rename; files are 0600 and folders 0700. Node only.
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { AppError } from '../../../shared/api/result';

/** Owner read/write only: the database, its side files and every export hold client data. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;
/** The files SQLite keeps next to a database while it is open (or after a crash). */
export const SQLITE_SIDE_FILES = ['-wal', '-shm', '-journal'] as const;
/** The app's own files next to a database: the keyring and the copy made while encrypting (db/cipher.ts). */
export const APP_SIDE_FILES = ['.keys', '.converting', ...SQLITE_SIDE_FILES.map((s) => `.converting${s}` as const)] as const;

export interface OutputRules {
  /** Replace an existing file (--force). Never lets an output be a database or an input. */
  force?: boolean;
  /** Databases the output may never be; their side files are protected too. */
  databases?: string[];
  /** Files being read for this output (the dataset, a controls file). */
  inputs?: string[];
}

/**
 * Refuses an output the rules forbid, with a Dutch message naming the file. Call it before any work,
 * so a refused command does nothing; writeFileSafely checks again just before writing.
 */
export function checkOutput(out: string, rules: OutputRules = {}): void {
  const target = resolve(out);
  for (const db of rules.databases ?? []) {
    if (db === ':memory:' || db === '') continue;
    if (sameFile(target, db)) throw refused(`Uitvoerbestand ${target} is de geopende database; kies een ander bestand.`);
    for (const base of new Set([resolve(db), canonical(db)])) {
      for (const suffix of SQLITE_SIDE_FILES) {
        if (sameFile(target, `${base}${suffix}`)) {
          throw refused(`Uitvoerbestand ${target} is een hulpbestand (${suffix}) van de geopende database; kies een ander bestand.`);
        }
      }
      for (const suffix of APP_SIDE_FILES) {
        if (sameFile(target, `${base}${suffix}`)) {
          throw refused(
            suffix === '.keys'
              ? `Uitvoerbestand ${target} is het sleutelbestand van de geopende database; kies een ander bestand.`
              : `Uitvoerbestand ${target} is een hulpbestand (${suffix}) van de geopende database; kies een ander bestand.`,
          );
        }
      }
    }
  }
  for (const input of rules.inputs ?? []) {
    if (sameFile(target, input)) throw refused(`Uitvoerbestand ${target} is ook een invoerbestand; kies een ander bestand.`);
  }
  const st = statOrNull(target);
  if (!st) return;
  if (st.isDirectory()) throw refused(`Uitvoerbestand ${target} is een map; geef een bestandsnaam.`);
  if (isSqliteDatabase(target)) {
    throw refused(`Uitvoerbestand ${target} is een SQLite-database; kies een ander bestand. Ook --force overschrijft geen database.`);
  }
  if (isKeyring(target)) {
    throw refused(`Uitvoerbestand ${target} is een sleutelbestand van deze app; kies een ander bestand. Ook --force overschrijft geen sleutelbestand.`);
  }
  if (!rules.force) throw refused(`${target} bestaat al; gebruik --force om het te overschrijven.`);
}

/**
 * Writes a whole file for the user: checks the rules, writes a 0600 temporary file next to the target,
 * flushes it, and renames it into place (without --force through a hard link, which fails if the name
 * appeared meanwhile). A reader never sees half a file; a failure leaves no temporary file behind.
 */
export function writeFileSafely(out: string, data: string | Uint8Array, rules: OutputRules = {}): void {
  checkOutput(out, rules);
  const target = resolve(out);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(tmp, 'wx', PRIVATE_FILE_MODE);
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // The mode given to open() passes through the umask; set it outright.
    chmodSync(tmp, PRIVATE_FILE_MODE);
    if (rules.force) renameSync(tmp, target);
    else publishNew(tmp, target);
    chmodSync(target, PRIVATE_FILE_MODE);
  } catch (e) {
    rmSync(tmp, { force: true });
    if (e instanceof AppError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new AppError('INTERNAL', `Kan ${target} niet schrijven (${code ?? (e as Error).message}).`);
  }
}

/** Puts tmp at target only if target does not exist: link() refuses an existing name atomically. */
function publishNew(tmp: string, target: string): void {
  try {
    linkSync(tmp, target);
    rmSync(tmp, { force: true });
    return;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw refused(`${target} bestaat al; gebruik --force om het te overschrijven.`);
    // File systems without hard links (FAT, some network shares): check, then rename.
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK'].includes(code ?? '')) throw e;
  }
  if (existsSync(target)) throw refused(`${target} bestaat al; gebruik --force om het te overschrijven.`);
  renameSync(tmp, target);
}

/**
 * Creates a folder and any missing parents as 0700. Folders that already existed are left alone
 * (a user's Documents folder is not ours to change), unless `own`: the app's own data folder, which
 * an older version may have made readable to others.
 */
export function ensurePrivateDir(dir: string, own = false): void {
  const target = resolve(dir);
  const first = mkdirSync(target, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (first !== undefined) {
    // mkdir's mode passes through the umask: set it on every folder made here.
    let path = first;
    chmodSync(path, PRIVATE_DIR_MODE);
    for (const part of relative(first, target).split(sep).filter(Boolean)) {
      path = join(path, part);
      chmodSync(path, PRIVATE_DIR_MODE);
    }
  } else if (own) {
    tighten(target, PRIVATE_DIR_MODE);
  }
}

/**
 * Makes a database file private before SQLite opens it: a new one is created empty as 0600 (SQLite
 * gives its -wal, -shm and -journal the main file's mode), an existing one readable by others is
 * tightened with its side files. Problems are left for SQLite to report when it opens the file.
 */
export function preparePrivateDatabaseFile(file: string): void {
  if (file === '' || file === ':memory:' || file.startsWith('file:')) return;
  try {
    const fd = openSync(file, 'wx', PRIVATE_FILE_MODE);
    closeSync(fd);
    chmodSync(file, PRIVATE_FILE_MODE);
    return;
  } catch {
    // Exists already (or cannot be made: SQLite will say why).
  }
  for (const f of [file, ...SQLITE_SIDE_FILES.map((s) => `${file}${s}`), ...APP_SIDE_FILES.map((s) => `${file}${s}`)]) tighten(f, PRIVATE_FILE_MODE);
}

/** Removes group and other permissions from an existing file or folder of ours; best effort. */
function tighten(path: string, mode: number): void {
  try {
    const st = statSync(path);
    if ((st.mode & 0o077) !== 0 && (process.getuid === undefined || st.uid === process.getuid())) chmodSync(path, mode);
  } catch {
    // Missing, or not ours to change.
  }
}

/** One file, however it is named: the same inode (hard link, symlink) or the same canonical path. */
export function sameFile(a: string, b: string): boolean {
  const sa = statOrNull(a);
  const sb = statOrNull(b);
  if (sa && sb && sa.dev === sb.dev && sa.ino === sb.ino) return true;
  return fold(canonical(a)) === fold(canonical(b));
}

/** The path with every symlink resolved, also for a file that does not exist (yet) or a dangling link. */
function canonical(path: string, depth = 0): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    // Missing: resolve the folder, then follow the name if it is a (dangling) link.
  }
  const parent = dirname(abs);
  const dir = parent === abs || depth > 40 ? parent : canonical(parent, depth + 1);
  const full = join(dir, basename(abs));
  if (depth <= 40) {
    try {
      if (lstatSync(full).isSymbolicLink()) return canonical(resolve(dir, readlinkSync(full)), depth + 1);
    } catch {
      // Not there at all.
    }
  }
  return full;
}

/** Windows and macOS file systems ignore case by default. */
const fold = (path: string): string => (process.platform === 'win32' || process.platform === 'darwin' ? path.toLowerCase() : path);

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function isSqliteDatabase(path: string): boolean {
  // An encrypted database has no recognisable header (SQLCipher starts with a random salt): an app
  // database is known by its keyring beside it, an app backup by its place and name.
  if (existsSync(`${path}.keys`)) return true;
  if (basename(dirname(path)) === 'backups' && path.endsWith('.sqlite')) return true;
  return isPlainSqliteFile(path);
}

/** True when the file starts with SQLite's plain header (not encrypted). False for a missing or short file. */
export function isPlainSqliteFile(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(SQLITE_HEADER.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(SQLITE_HEADER);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A keyring (auth/keyring.ts) names its format near the start of the file. */
function isKeyring(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(256);
    const n = readSync(fd, head, 0, head.length, 0);
    return /"format"\s*:\s*"uitstroomtafel-keyring"/.test(head.subarray(0, n).toString('utf8'));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function refused(message: string): AppError {
  return new AppError('VALIDATION', message);
}
