// Encryption at rest: the SQLCipher 4 key pragmas for better-sqlite3-multiple-ciphers, and the crash-safe
// conversion of a plain database into an encrypted one (copy, rekey, verify, rename). Node only, no Electron.
import { createHash } from 'node:crypto';
import { chmodSync, constants, copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../../shared/api/result';
import { fsyncDir, fsyncFile } from '../fs/durable';
import { PRIVATE_FILE_MODE, SQLITE_SIDE_FILES, isPlainSqliteFile, preparePrivateDatabaseFile } from '../fs/safe-write';

export const KEY_BYTES = 32;
/** Where the encrypted copy is made during a conversion; removed (and redone) when found at start. */
export const convertingPath = (file: string) => `${file}.converting`;

/**
 * Sets the database key: SQLCipher 4 format, the raw 32-byte key (hex), so no PBKDF2 runs on open.
 * Must be the first statement on a fresh connection; the key is checked at the first read.
 */
export function applyKey(sqlite: BetterSqlite3.Database, key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new AppError('INTERNAL', `Databasesleutel moet ${KEY_BYTES} bytes zijn, niet ${key.length}.`);
  sqlite.pragma("cipher='sqlcipher'");
  sqlite.pragma('legacy=4');
  sqlite.pragma(`key="x'${key.toString('hex')}'"`);
}

/** True when the file starts with SQLite's plain header (not encrypted); kept with the safe-write checks. */
export { isPlainSqliteFile } from '../fs/safe-write';

export interface ConversionSummary {
  tables: number;
  rows: number;
  /** Rows per table, as found in the original and again in the encrypted file. */
  counts: Record<string, number>;
}

export interface ConvertOptions {
  /** Path of a native binding built for the host (Electron), when not the default. */
  nativeBinding?: string;
  /** Test hook: told at each step, so a test can kill the process at a known moment. */
  onStep?: (step: string) => void;
}

/**
 * Encrypts an existing plain database with `key`, crash-safely. The original is not changed (beyond a
 * WAL checkpoint) until an encrypted copy has been made next to it and verified: it opens with the key,
 * passes `PRAGMA integrity_check`, and every table holds the same rows (count and content hash). Only
 * then does the copy replace the original by a rename. A crash at any moment leaves either the plain
 * original or the verified encrypted file; a `.converting` left by a crash is removed and the work redone.
 * Nothing else may have the database open meanwhile (the app converts at start, before opening it).
 */
export function encryptExistingDatabase(file: string, key: Buffer, options: ConvertOptions = {}): ConversionSummary {
  const step = options.onStep ?? (() => {});
  const where = resolve(file);
  if (key.length !== KEY_BYTES) throw new AppError('INTERNAL', `Databasesleutel moet ${KEY_BYTES} bytes zijn, niet ${key.length}.`);
  const tmp = convertingPath(file);
  removeWithSideFiles(tmp);
  if (!existsSync(file)) throw new AppError('NOT_FOUND', `Database ${where} bestaat niet.`);
  if (!isPlainSqliteFile(file)) {
    throw new AppError('CONFLICT', `Database ${where} is geen onversleutelde SQLite-database (al versleuteld?); er is niets gewijzigd.`);
  }
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  preparePrivateDatabaseFile(file);

  // 1. The original: everything in the main file, then held against writers while it is copied.
  step('checkpoint');
  let original: BetterSqlite3.Database;
  try {
    original = new BetterSqlite3(file, { ...binding, fileMustExist: true });
  } catch (e) {
    throw new AppError('INTERNAL', `Kan database ${where} niet openen: ${(e as Error).message}`);
  }
  let before: TableDigest;
  let copiedStat: { size: number; mtimeMs: number };
  try {
    original.pragma('busy_timeout = 5000');
    holdWithEmptyWal(original, file, where);
    before = digestTables(original);
    step('copy');
    copyFileSync(file, tmp, constants.COPYFILE_EXCL);
    chmodSync(tmp, PRIVATE_FILE_MODE);
    const st = statSync(file);
    copiedStat = { size: st.size, mtimeMs: st.mtimeMs };
  } catch (e) {
    if (original.inTransaction) original.exec('rollback');
    original.close();
    removeWithSideFiles(tmp);
    throw toAppError(e, where);
  }

  try {
    // 2. The copy: rekeyed in rollback-journal mode (SQLite cannot rekey in WAL mode).
    step('rekey');
    const copy = new BetterSqlite3(tmp, { ...binding, fileMustExist: true });
    try {
      if (String(copy.pragma('journal_mode = DELETE', { simple: true })).toLowerCase() !== 'delete') {
        throw new Error('kan de kopie niet naar journal_mode DELETE zetten');
      }
      copy.pragma("cipher='sqlcipher'");
      copy.pragma('legacy=4');
      copy.pragma(`rekey="x'${key.toString('hex')}'"`);
    } finally {
      copy.close();
    }

    // 3. Verify the copy through a new connection that must use the key.
    step('verify');
    if (isPlainSqliteFile(tmp)) throw new Error('de kopie is na het versleutelen nog leesbaar zonder sleutel');
    const check = new BetterSqlite3(tmp, { ...binding, fileMustExist: true });
    let after: TableDigest;
    try {
      applyKey(check, key);
      const integrity = check.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') throw new Error(`integriteitscontrole van de kopie: ${String(integrity)}`);
      after = digestTables(check);
    } finally {
      check.close();
    }
    const diff = compareDigests(before, after);
    if (diff) throw new Error(`de versleutelde kopie wijkt af: ${diff}`);
    fsyncFile(tmp);
  } catch (e) {
    if (original.inTransaction) original.exec('rollback');
    original.close();
    removeWithSideFiles(tmp);
    throw new AppError('INTERNAL', `Versleutelen van database ${where} mislukt: ${(e as Error).message}. De database is niet gewijzigd.`);
  }

  // 4. Release the original (Windows cannot rename over an open file), check nobody wrote meanwhile,
  //    remove its side files (they would be read as the new file's), and put the copy in its place.
  step('release');
  if (original.inTransaction) original.exec('rollback');
  original.close();
  const now = statSync(file);
  if (now.size !== copiedStat.size || now.mtimeMs !== copiedStat.mtimeMs || sideFileHasData(file)) {
    removeWithSideFiles(tmp);
    throw new AppError('BUSY', `Database ${where} is tijdens het versleutelen gewijzigd door een ander proces; sluit dat en probeer het opnieuw. De database is niet gewijzigd.`);
  }
  step('side-files');
  for (const suffix of SQLITE_SIDE_FILES) rmSync(`${file}${suffix}`, { force: true });
  step('rename');
  renameSync(tmp, file);
  fsyncDir(dirname(resolve(file)));

  // 5. Back to WAL, as every open sets it anyway.
  step('wal');
  const done = new BetterSqlite3(file, { ...binding, fileMustExist: true });
  try {
    applyKey(done, key);
    done.pragma('journal_mode = WAL');
  } finally {
    done.close();
  }
  step('done');
  const counts = Object.fromEntries([...before].map(([t, d]) => [t, d.rows]));
  return { tables: before.size, rows: Object.values(counts).reduce((a, b) => a + b, 0), counts };
}

/**
 * Checkpoints the WAL into the main file and begins a write transaction with the WAL still empty, so the
 * main file alone holds the whole database and no one can add to it while this connection holds on.
 */
function holdWithEmptyWal(sqlite: BetterSqlite3.Database, file: string, where: string): void {
  for (let attempt = 0; attempt < 20; attempt++) {
    const wal = String(sqlite.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
    if (wal) {
      const [result] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
      if (result && result.busy !== 0) continue;
    }
    sqlite.exec('begin immediate');
    if (!wal || walSize(file) === 0) return;
    sqlite.exec('rollback');
  }
  throw new AppError('BUSY', `Database ${where} is in gebruik door een ander proces; sluit dat en probeer het opnieuw. De database is niet gewijzigd.`);
}

function walSize(file: string): number {
  try {
    return statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
}

function sideFileHasData(file: string): boolean {
  return walSize(file) > 0 || (existsSync(`${file}-journal`) && statSync(`${file}-journal`).size > 0);
}

type TableDigest = Map<string, { rows: number; hash: string }>;

/** Row count and a content hash of every table (rows in rowid order; WITHOUT ROWID tables in key order). */
function digestTables(sqlite: BetterSqlite3.Database): TableDigest {
  const tables = sqlite
    .prepare("select name, sql from sqlite_master where type = 'table' order by name")
    .all() as { name: string; sql: string | null }[];
  const out: TableDigest = new Map();
  for (const { name, sql } of tables) {
    const quoted = `"${name.replaceAll('"', '""')}"`;
    const withoutRowid = /without\s+rowid\s*$/i.test((sql ?? '').trim());
    const hash = createHash('sha256');
    let rows = 0;
    const stmt = sqlite.prepare(`select * from ${quoted}${withoutRowid ? '' : ' order by rowid'}`).raw(true);
    for (const row of stmt.iterate() as Iterable<unknown[]>) {
      rows++;
      hash.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? `blob:${v.toString('hex')}` : typeof v === 'bigint' ? `big:${v}` : v)));
      hash.update('\n');
    }
    out.set(name, { rows, hash: hash.digest('hex') });
  }
  return out;
}

function compareDigests(before: TableDigest, after: TableDigest): string | null {
  for (const [name, b] of before) {
    const a = after.get(name);
    if (!a) return `tabel ${name} ontbreekt`;
    if (a.rows !== b.rows) return `tabel ${name} heeft ${a.rows} rijen in plaats van ${b.rows}`;
    if (a.hash !== b.hash) return `tabel ${name} heeft andere inhoud`;
  }
  for (const name of after.keys()) if (!before.has(name)) return `onverwachte tabel ${name}`;
  return null;
}

function removeWithSideFiles(file: string): void {
  for (const suffix of ['', ...SQLITE_SIDE_FILES]) rmSync(`${file}${suffix}`, { force: true });
}


function toAppError(e: unknown, where: string): AppError {
  if (e instanceof AppError) return e;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) {
    return new AppError('BUSY', `Database ${where} is in gebruik door een ander proces; sluit dat en probeer het opnieuw. De database is niet gewijzigd.`);
  }
  return new AppError('INTERNAL', `Versleutelen van database ${where} mislukt: ${(e as Error).message}. De database is niet gewijzigd.`);
}
