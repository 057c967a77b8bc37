// Backups of the database and restoring one: VACUUM INTO a temporary file in `<database folder>/backups`
// and a rename (encrypted with the database's own key), pruning to the `backup.keep` setting, a full
// check of a backup before it replaces anything, and a crash-safe replace. Node only, no Electron.
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  linkSync,
  openSync,
  readSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { type Kysely, sql } from 'kysely';
import type { BackupRow, BackupSettings } from '../../../shared/api/backup.contract';
import { AppError } from '../../../shared/api/result';
import { applyKey, isPlainSqliteFile } from '../db/cipher';
import { MIGRATIONS, SCHEMA_VERSION } from '../db/migrations';
import { isPostgres } from '../db/dialect';
import type { DB } from '../db/schema';
import { fsyncDir, fsyncFile } from '../fs/durable';
import { PRIVATE_FILE_MODE, ensurePrivateDir } from '../fs/safe-write';

export type BackupReason = BackupRow['reason'];
export const BACKUP_REASONS: readonly BackupReason[] = ['close', 'daily', 'manual', 'before-restore', 'before-convert'];

/** Settings key of how many backups are kept. */
export const KEEP_SETTING = 'backup.keep';
export const DEFAULT_KEEP = 10;
/** `before-restore` backups this young are never pruned: the way back from a restore. */
export const BEFORE_RESTORE_PROTECTED_DAYS = 7;

/** Tables every app database has had since its first version (with kysely's own bookkeeping). */
const REQUIRED_TABLES = ['kysely_migration', 'settings', 'municipalities', 'corporations', 'care_providers', 'clients', 'units', 'audit_log'];

/** How to open a database file besides the backend's own connection. */
export interface FileAccess {
  /** A better-sqlite3 binary built for the host (Electron), when not the default. */
  nativeBinding?: string;
}

// ---------------------------------------------------------------------------------------------------
// Names and folders

/** The backup folder of a database: `backups` next to it. */
export function backupFolder(dbFile: string): string {
  return join(dirname(resolve(dbFile)), 'backups');
}

/** Backups carry the database's own name ("uitstroomtafel" for the app's), so two databases in one folder keep theirs apart. */
function prefixOf(dbFile: string): string {
  const base = basename(resolve(dbFile));
  const ext = extname(base);
  return (ext ? base.slice(0, -ext.length) : base) || 'database';
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function namePattern(dbFile: string): RegExp {
  return new RegExp(`^${escapeRe(prefixOf(dbFile))}-(\\d{8})-(\\d{6})-(${BACKUP_REASONS.join('|')})(?:-(\\d+))?\\.sqlite$`);
}

/** 2026-11-27T10:00:05Z → 20261127-100005 (UTC: sortable, no daylight-saving jumps). */
function stamp(at: Date): string {
  const iso = at.toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

interface ParsedName {
  fileName: string;
  at: string;
  reason: BackupReason;
  seq: number;
}

function parseName(dbFile: string, fileName: string): ParsedName | null {
  const m = namePattern(dbFile).exec(fileName);
  if (!m) return null;
  const [, d, t, reason, seq] = m as unknown as [string, string, string, BackupReason, string | undefined];
  const at = new Date(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}Z`);
  if (Number.isNaN(at.getTime())) return null;
  return { fileName, at: at.toISOString(), reason, seq: seq ? Number(seq) : 1 };
}

/** A free name for a new backup: the same second and reason twice gets -2, -3, ... */
function freshName(dbFile: string, reason: BackupReason, at: Date): string {
  const folder = backupFolder(dbFile);
  const base = `${prefixOf(dbFile)}-${stamp(at)}-${reason}`;
  for (let seq = 1; ; seq++) {
    const name = seq === 1 ? `${base}.sqlite` : `${base}-${seq}.sqlite`;
    if (!existsSync(join(folder, name))) return name;
  }
}

/** A temporary name that says which process made it, so a later run can clean what a crash left. */
const tempName = (final: string) => `.${final}.${process.pid}.${randomBytes(3).toString('hex')}.tmp`;
/** A temporary file, or the journal SQLite keeps beside one while VACUUM INTO writes it. */
const TEMP_RE = /^\..+\.(\d+)\.[0-9a-f]{6}\.tmp(?:-journal|-wal|-shm)?$/;

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temporary files in `folder` left by processes that no longer run (a crash mid-backup or mid-restore). */
export function cleanStaleTemps(folder: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = TEMP_RE.exec(name);
    if (!m || processAlive(Number(m[1]))) continue;
    rmSync(join(folder, name), { force: true });
    removed.push(name);
  }
  return removed;
}



// ---------------------------------------------------------------------------------------------------
// Settings and listing

export async function readBackupSettings(db: Kysely<DB>, dbFile: string): Promise<BackupSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEEP_SETTING).executeTakeFirst();
  let keep = DEFAULT_KEEP;
  if (row) {
    const n = Number(JSON.parse(row.value));
    if (Number.isInteger(n) && n >= 1 && n <= 365) keep = n;
  }
  if (isPostgres(db)) return { keep, folder: '', byServer: true };
  return { keep, folder: backupFolder(dbFile), byServer: false };
}

export async function writeBackupKeep(db: Kysely<DB>, keep: number): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: KEEP_SETTING, value: JSON.stringify(keep) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(keep) }))
    .execute();
}

/** The database's backups, newest first. */
export function listBackups(dbFile: string): BackupRow[] {
  const folder = backupFolder(dbFile);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const rows: (BackupRow & { seq: number; mtime: number })[] = [];
  for (const name of names) {
    const parsed = parseName(dbFile, name);
    if (!parsed) continue;
    try {
      const st = statSync(join(folder, name));
      if (!st.isFile()) continue;
      rows.push({ fileName: name, at: parsed.at, bytes: st.size, reason: parsed.reason, seq: parsed.seq, mtime: st.mtimeMs });
    } catch {
      // Removed meanwhile (pruned by another process).
    }
  }
  rows.sort((a, b) => b.at.localeCompare(a.at) || b.seq - a.seq || b.mtime - a.mtime);
  return rows.map(({ fileName, at, bytes, reason }) => ({ fileName, at, bytes, reason }));
}

/** When the newest backup was made, or null when there is none. */
export function newestBackupAt(dbFile: string): Date | null {
  const newest = listBackups(dbFile)[0];
  return newest ? new Date(newest.at) : null;
}

/** The full path of a backup named by the user (a bare file name in the backup folder), or a Dutch error. */
export function backupPath(dbFile: string, fileName: string): string {
  const folder = backupFolder(dbFile);
  if (!parseName(dbFile, fileName)) {
    throw new AppError('VALIDATION', `'${fileName}' is geen naam van een back-up van deze database (verwacht: ${prefixOf(dbFile)}-JJJJMMDD-UUMMSS-reden.sqlite in ${folder}).`);
  }
  const path = join(folder, fileName);
  if (!existsSync(path)) throw new AppError('NOT_FOUND', `Back-up ${fileName} staat niet (meer) in de back-upmap ${folder}.`);
  return path;
}

/**
 * Deletes the oldest backups beyond `keep` (newest first, whatever their reason), except `before-restore`
 * backups of the last 7 days. Returns the names deleted.
 */
export function pruneBackups(dbFile: string, keep: number, now: Date): string[] {
  const folder = backupFolder(dbFile);
  const protectedSince = now.getTime() - BEFORE_RESTORE_PROTECTED_DAYS * 24 * 3600 * 1000;
  const removed: string[] = [];
  listBackups(dbFile).forEach((row, i) => {
    if (i < keep) return;
    if (row.reason === 'before-restore' && new Date(row.at).getTime() >= protectedSince) return;
    for (const f of [row.fileName, `${row.fileName}-wal`]) rmSync(join(folder, f), { force: true });
    removed.push(row.fileName);
  });
  return removed;
}

// ---------------------------------------------------------------------------------------------------
// Making a backup

/**
 * A backup of the open database: VACUUM INTO a temporary file in the backup folder (a consistent
 * snapshot, encrypted with the same key as the database), flushed, renamed to its final name (0600),
 * then the folder pruned to the `backup.keep` setting. `db` is the backend's own connection, used
 * outside any transaction (VACUUM cannot run inside one; kysely hands out the connection only between
 * transactions).
 */
export async function makeBackup(db: Kysely<DB>, dbFile: string, reason: BackupReason, now: Date): Promise<BackupRow> {
  if (dbFile === ':memory:' || dbFile === '') throw new AppError('VALIDATION', 'Een database in het geheugen heeft geen back-ups.');
  const folder = backupFolder(dbFile);
  ensurePrivateDir(folder, true);
  cleanStaleTemps(folder);
  const fileName = freshName(dbFile, reason, now);
  const tmp = join(folder, tempName(fileName));
  try {
    await sql`vacuum into ${tmp}`.execute(db);
    chmodSync(tmp, PRIVATE_FILE_MODE);
    fsyncFile(tmp);
    publish(tmp, join(folder, fileName));
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e instanceof AppError ? e : new AppError('INTERNAL', `Back-up in ${folder} mislukt: ${(e as Error).message}`);
  }
  const { keep } = await readBackupSettings(db, dbFile);
  pruneBackups(dbFile, keep, now);
  const bytes = statSync(join(folder, fileName)).size;
  return { fileName, at: parseName(dbFile, fileName)!.at, bytes, reason };
}

/** Renames a finished temporary file into place (never over an existing backup) and makes that durable. */
function publish(tmp: string, target: string): void {
  if (existsSync(target)) throw new AppError('CONFLICT', `Back-up ${basename(target)} bestaat al.`);
  renameSync(tmp, target);
  fsyncDir(dirname(target));
}

/**
 * A backup of a database to a file the user names (CLI `backup --out`): VACUUM INTO a temporary file
 * next to `out`, flushed, then put in place: renamed over it with `force`, otherwise through a hard link,
 * which fails if the name appeared meanwhile. The caller has checked `out` (checkOutput).
 */
export async function backupTo(db: Kysely<DB>, out: string, options: { force?: boolean } = {}): Promise<number> {
  const target = resolve(out);
  const tmp = join(dirname(target), tempName(basename(target)));
  try {
    await sql`vacuum into ${tmp}`.execute(db);
    chmodSync(tmp, PRIVATE_FILE_MODE);
    fsyncFile(tmp);
    if (options.force) renameSync(tmp, target);
    else publishNew(tmp, target);
    fsyncDir(dirname(target));
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e instanceof AppError ? e : new AppError('INTERNAL', `Back-up naar ${target} mislukt: ${(e as Error).message}`);
  }
  return statSync(target).size;
}

/** Puts tmp at target only if target does not exist yet (link() refuses an existing name atomically). */
function publishNew(tmp: string, target: string): void {
  try {
    linkSync(tmp, target);
    rmSync(tmp, { force: true });
    return;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new AppError('VALIDATION', `${target} bestaat al; gebruik --force om het te overschrijven.`);
    // File systems without hard links (FAT, some network shares): check, then rename.
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK'].includes(code ?? '')) throw e;
  }
  if (existsSync(target)) throw new AppError('VALIDATION', `${target} bestaat al; gebruik --force om het te overschrijven.`);
  renameSync(tmp, target);
}

// ---------------------------------------------------------------------------------------------------
// Checking a backup

export interface BackupCheck {
  file: string;
  schemaVersion: number;
  migrations: string[];
  tables: number;
}

function readHead(file: string, length: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(length);
    const n = readSync(fd, buf, 0, length, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Text (UTF-8 without NUL and with few control characters), as opposed to a database page. */
function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return false;
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return false;
    if (byte < 9 || (byte > 13 && byte < 32)) control++;
  }
  return control / head.length < 0.01;
}

/** Opens a database file with better-sqlite3-multiple-ciphers; with a key, the key comes before any read. */
export function openRaw(file: string, key: Buffer | null, options: FileAccess & { readonly?: boolean } = {}): BetterSqlite3.Database {
  const sqlite = new BetterSqlite3(file, {
    readonly: options.readonly ?? false,
    fileMustExist: true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  if (key) {
    try {
      applyKey(sqlite, key);
    } catch (e) {
      sqlite.close();
      throw e;
    }
  }
  return sqlite;
}

const sqliteCode = (e: unknown): string => String((e as { code?: unknown })?.code ?? '');

/**
 * Checks a backup before anything is replaced: it opens (read-only) with the database's key, passes
 * SQLite's integrity check, is an Uitstroomtafel database (its tables) and was not written by a newer
 * version (user_version and migration names). Throws an AppError with a Dutch message naming the file
 * and what is wrong; nothing is written.
 */
export function checkBackup(file: string, key: Buffer | null, options: FileAccess = {}): BackupCheck {
  const name = basename(file);
  const refuse = (why: string) => new AppError('VALIDATION', `Back-up ${name} ${why}; er is niets gewijzigd.`);
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw refuse('is geen bestand');
    size = st.size;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('NOT_FOUND', `Back-up ${file} bestaat niet of kan niet worden gelezen.`);
  }
  if (size === 0) throw refuse('is leeg');
  const head = readHead(file, 4096);
  const plain = isPlainSqliteFile(file);
  if (!plain && looksLikeText(head)) throw refuse('is geen database maar een tekstbestand');
  // Database files are whole pages (at least 512 bytes each): anything else was cut short or is no database.
  if (size % 512 !== 0) throw refuse(plain ? 'is onvolledig (afgebroken of beschadigd)' : 'is geen database, of is onvolledig');
  if (key && plain) throw refuse('is niet versleuteld, dus niet met de sleutel van deze database gemaakt');

  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = openRaw(file, key, { ...options, readonly: true });
  } catch (e) {
    throw refuse(`kan niet worden geopend (${(e as Error).message})`);
  }
  try {
    let version: number;
    try {
      version = Number(sqlite.pragma('user_version', { simple: true }));
    } catch (e) {
      if (sqliteCode(e) === 'SQLITE_NOTADB') {
        throw refuse(
          key
            ? 'is niet met de sleutel van deze database versleuteld (een back-up van een andere database?), of is geen database'
            : plain
              ? 'is beschadigd (de kop van het bestand klopt niet)'
              : 'is geen SQLite-database, of is versleuteld met een sleutel die deze database niet heeft',
        );
      }
      if (sqliteCode(e).startsWith('SQLITE_CORRUPT')) throw refuse(`is beschadigd (${(e as Error).message})`);
      throw refuse(`kan niet worden gelezen (${(e as Error).message})`);
    }
    let problems: string[];
    try {
      problems = (sqlite.prepare('pragma integrity_check(20)').all() as { integrity_check: string }[])
        // One line each, without SQLite's "*** in database main ***" banner.
        .map((r) => r.integrity_check.replace(/\*\*\* in database \w+ \*\*\*/g, '').replace(/\s+/g, ' ').trim());
    } catch (e) {
      throw refuse(`is beschadigd (${(e as Error).message})`);
    }
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw refuse(`is beschadigd (integriteitscontrole: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? '; …' : ''})`);
    }
    let tables: string[];
    let migrations: string[] = [];
    try {
      tables = (sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name);
      if (tables.includes('kysely_migration')) {
        migrations = (sqlite.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name);
      }
    } catch (e) {
      throw refuse(`is beschadigd (${(e as Error).message})`);
    }
    const known = new Set(MIGRATIONS.map(([n]) => n));
    const unknown = migrations.filter((n) => !known.has(n));
    if (version > SCHEMA_VERSION || unknown.length > 0) {
      throw new AppError(
        'DB_TOO_NEW',
        `Back-up ${name} is gemaakt door een nieuwere versie van de app (schemaversie ${version}${
          unknown.length ? `, onbekende migraties: ${unknown.slice(0, 5).join(', ')}` : ''
        }; deze versie kent schemaversie ${SCHEMA_VERSION}). Werk de app eerst bij; er is niets gewijzigd.`,
      );
    }
    const missing = REQUIRED_TABLES.filter((t) => !tables.includes(t));
    if (missing.length > 0 || !migrations.includes(MIGRATIONS[0]![0]) || version < 1) {
      throw refuse(`is geen database van Uitstroomtafel (${missing.length ? `tabellen ontbreken: ${missing.slice(0, 5).join(', ')}` : 'geen schemaversie'})`);
    }
    return { file, schemaVersion: version, migrations, tables: tables.length };
  } finally {
    sqlite.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// Restoring

export interface RestoreOutcome {
  /** The backup that is now the database (its file name). */
  restored: string;
  /** The `before-restore` backup holding the database as it was, or null when there was no database. */
  keptAside: string | null;
}

/**
 * Replaces the database by a backup. The caller has closed the database before and reopens it after
 * (with the same key; the app migrates an older backup on that open). Steps: check the backup; keep the
 * current database aside as a `before-restore` backup (VACUUM INTO, or a plain copy when it cannot be
 * opened); refuse when another process still has it open; copy the backup to a temporary file next to
 * the database, check and flush it; remove the old -wal/-shm/-journal; rename over the database. A kill
 * at any moment leaves the old or the new file whole (temporary files are cleaned at the next run).
 */
export function restoreDatabase(dbFile: string, backupFile: string, key: Buffer | null, now: Date, options: FileAccess = {}): RestoreOutcome {
  const target = resolve(dbFile);
  const source = resolve(backupFile);
  const dir = dirname(target);
  if (source === target) throw new AppError('VALIDATION', `Back-up ${source} is de database zelf; kies een back-up.`);
  checkBackup(source, key, options);

  const folder = backupFolder(target);
  ensurePrivateDir(folder, true);
  cleanStaleTemps(folder);
  cleanStaleTemps(dir);
  const keptAside = existsSync(target) ? keepAside(target, key, now, options) : null;

  const tmp = join(dir, tempName(`${basename(target)}.restoring`));
  try {
    copyFileSync(source, tmp);
    chmodSync(tmp, PRIVATE_FILE_MODE);
    fsyncFile(tmp);
    if (statSync(tmp).size !== statSync(source).size) throw new AppError('INTERNAL', `Kopie van ${basename(source)} is onvolledig.`);
    // The copy itself, as it will be opened (a backup changed between the check and the copy shows here).
    checkBackup(tmp, key, options);
    // Side files belong to the old database: with the new file they would corrupt it. The old one was
    // closed cleanly above (its WAL checkpointed into it), so removing them loses nothing.
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${target}${suffix}`, { force: true });
    renameSync(tmp, target);
    fsyncDir(dir);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e instanceof AppError ? e : new AppError('INTERNAL', `Terugzetten van ${basename(source)} mislukt: ${(e as Error).message}. De database is niet vervangen.`);
  }
  return { restored: basename(source), keptAside };
}

/**
 * The current database as a `before-restore` backup. Opening and closing it also checkpoints its WAL
 * into the file; a WAL still there afterwards means another process has the database open.
 */
function keepAside(dbFile: string, key: Buffer | null, now: Date, options: FileAccess): string {
  const folder = backupFolder(dbFile);
  const fileName = freshName(dbFile, 'before-restore', now);
  const tmp = join(folder, tempName(fileName));
  const tmpWal = join(folder, tempName(`${fileName}-wal`));
  let copied = false;
  try {
    const sqlite = openRaw(dbFile, key, options);
    try {
      sqlite.pragma('busy_timeout = 5000');
      sqlite.prepare('vacuum into ?').run(tmp);
      copied = true;
    } finally {
      sqlite.close();
    }
  } catch {
    rmSync(tmp, { force: true });
  }
  try {
    if (copied) {
      if (existsSync(`${dbFile}-wal`)) {
        throw new AppError('BUSY', `De database ${dbFile} is nog geopend door een ander proces (de app of een opdracht); sluit dat eerst. Er is niets gewijzigd.`);
      }
    } else {
      // Cannot be opened (damaged, perhaps why it is being restored): keep its bytes as they are, with
      // any WAL next to the copy, where SQLite finds it when the copy is opened.
      copyFileSync(dbFile, tmp);
      if (existsSync(`${dbFile}-wal`)) {
        copyFileSync(`${dbFile}-wal`, tmpWal);
        chmodSync(tmpWal, PRIVATE_FILE_MODE);
        fsyncFile(tmpWal);
      }
    }
    chmodSync(tmp, PRIVATE_FILE_MODE);
    fsyncFile(tmp);
    publish(tmp, join(folder, fileName));
    if (existsSync(tmpWal)) {
      renameSync(tmpWal, join(folder, `${fileName}-wal`));
      fsyncDir(folder);
    }
  } catch (e) {
    rmSync(tmp, { force: true });
    rmSync(tmpWal, { force: true });
    throw e instanceof AppError ? e : new AppError('INTERNAL', `De huidige database kon niet apart worden gezet (${(e as Error).message}); er is niets gewijzigd.`);
  }
  return fileName;
}

/**
 * The gate's restore (backups.restore): a backup named by its file name in the database's backup folder.
 * The vault has closed the database and reopens it afterwards.
 */
export function restoreByName(dbFile: string, key: Buffer | null, fileName: string, now: Date, options: FileAccess = {}): RestoreOutcome {
  return restoreDatabase(dbFile, backupPath(dbFile, fileName), key, now, options);
}
