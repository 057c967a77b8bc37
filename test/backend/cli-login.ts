// Test helpers for databases made by the CLI (encrypted, with a keyring): the first user `init --user`
// makes, the passphrase the CLI reads from the environment, and raw connections with the database key
// for checks and tampering. No mocks: the real keyring and cipher.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { Keyring } from '../../electron/backend/auth/keyring';
import { PASSPHRASE_ENV } from '../../electron/backend/cli/cli';
import { applyKey } from '../../electron/backend/db/cipher';
import { sourceRoot } from '../../electron/backend/paths';

export const TEST_USER = 'voorzitter';
export const TEST_PASSPHRASE = 'een lange wachtwoordzin voor tests';
/** `--user voorzitter`, for every CLI command that opens a database. */
export const AS_CHAIR = ['--user', TEST_USER] as const;

/** Sets UITSTROOMTAFEL_PASSPHRASE for runCli in this test file and for every process it starts. */
export function useTestPassphrase(): void {
  process.env[PASSPHRASE_ENV] = TEST_PASSPHRASE;
}

/** The database key of a CLI-made database, unwrapped from its keyring with the test passphrase. */
export async function testKey(file: string, name: string = TEST_USER, passphrase: string = TEST_PASSPHRASE): Promise<Buffer> {
  const key = await Keyring.load(file).unwrap(name, passphrase);
  if (!key) throw new Error(`test passphrase does not open ${file}.keys for ${name}`);
  return key;
}

/** A raw better-sqlite3(-multiple-ciphers) connection to an encrypted test database. */
export async function openRaw(file: string, options: { readonly?: boolean } = {}): Promise<BetterSqlite3.Database> {
  return openWithKey(file, await testKey(file), options);
}

/** The same with a key already unwrapped (synchronous, for helpers called often). */
export function openWithKey(file: string, key: Buffer, options: { readonly?: boolean } = {}): BetterSqlite3.Database {
  const db = new BetterSqlite3(file, options.readonly ? { readonly: true } : {});
  applyKey(db, key);
  return db;
}

/** The audit log without the logins a CLI command writes before it does (or refuses) its work. */
export const WITHOUT_LOGINS = "select * from audit_log where action not in ('login', 'setup') order by id";

/** What a CLI process did: its exit code and everything it wrote. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI as its own process (tsx, as `npm run cli` starts it), with the passphrase from the environment. */
export function cliProcess(args: string[]): Promise<CliRun> {
  return new Promise((done, fail) => {
    const root = sourceRoot();
    const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'electron', 'backend', 'cli', 'cli.main.ts'), ...args], { cwd: root, env: process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
