// Privacy on a shared machine: the database, its -wal and -shm, and every CLI export are readable by
// their owner only (0600), and folders made for them are 0700, whatever the umask. Real files, a real
// CLI process and real SQLite; modes read back with stat (they apply to root too).
import { asChair } from '../../shared/auth/system-user';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend/backend';
import { runCli } from '../../electron/backend/cli/cli';
import { AS_CHAIR, useTestPassphrase } from './cli-login';
import { prepareDatabaseFolder } from '../../electron/backend/paths';
import { miniDataset } from '../fixtures/mini-dataset';

// The CLI logs in as --user voorzitter with the passphrase from the environment (this process and its children).
useTestPassphrase();

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const quiet = { out: () => undefined, err: () => undefined };
const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

let dir: string;
let umask: number;
let dataDirEnv: string | undefined;
beforeAll(() => {
  // The usual umask, which leaves files readable by everyone unless the code says otherwise.
  umask = process.umask(0o022);
  dataDirEnv = process.env.UITSTROOMTAFEL_DATA_DIR;
});
afterAll(() => {
  process.umask(umask);
  if (dataDirEnv === undefined) delete process.env.UITSTROOMTAFEL_DATA_DIR;
  else process.env.UITSTROOMTAFEL_DATA_DIR = dataDirEnv;
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ut-modes-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('file modes', () => {
  it('a new database and its -wal and -shm are 0600 while the app has it open', async () => {
    const file = join(dir, 'r.sqlite');
    const b = await createBackend(file, { host: 'test' });
    try {
      const r = await b.dispatch('dataset.import', { dataset: miniDataset(), source: 'test' }, asChair('tester'));
      expect(r.ok).toBe(true);
      expect(existsSync(`${file}-wal`)).toBe(true);
      expect(existsSync(`${file}-shm`)).toBe(true);
      expect([mode(file), mode(`${file}-wal`), mode(`${file}-shm`)]).toEqual(['600', '600', '600']);
    } finally {
      await b.close();
    }
  });

  it('an existing database left readable by others (older version) is tightened with its side files', async () => {
    const file = join(dir, 'old.sqlite');
    await (await createBackend(file, { host: 'test' })).close();
    chmodSync(file, 0o644);
    writeFileSync(`${file}-journal`, '');
    chmodSync(`${file}-journal`, 0o644);
    const b = await createBackend(file, { host: 'test', mustExist: true });
    try {
      expect(mode(file)).toBe('600');
      expect(mode(`${file}-journal`)).toBe('600');
    } finally {
      await b.close();
    }
  });

  it('the CLI (a real process, umask 022) makes new folders 0700, the database and its keyring 0600 and exports 0600', () => {
    const db = join(dir, 'nieuw', 'regio', 'r.sqlite');
    writeFileSync(join(dir, 'in.json'), JSON.stringify(miniDataset()));
    const cli = (...args: string[]) => {
      const r = spawnSync('sh', ['-c', 'umask 022 && exec "$0" "$@"', TSX, join(ROOT, 'electron', 'backend', 'cli', 'cli.main.ts'), ...args], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 180_000,
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    };
    cli('init', ...AS_CHAIR, '--db', db);
    cli('import', ...AS_CHAIR, '--db', db, '--dataset', join(dir, 'in.json'));
    cli('export', ...AS_CHAIR, '--db', db, '--out', join(dir, 'export.json'));
    cli('propose', '--dataset', join(dir, 'in.json'), '--out', join(dir, 'voorstel.json'), '--export-lp', join(dir, 'model.lp'));
    expect(mode(join(dir, 'nieuw'))).toBe('700');
    expect(mode(join(dir, 'nieuw', 'regio'))).toBe('700');
    expect(mode(db)).toBe('600');
    expect(mode(`${db}.keys`)).toBe('600');
    for (const f of ['export.json', 'voorstel.json', 'model.lp']) expect([f, mode(join(dir, f))]).toEqual([f, '600']);
    // The folder the user chose to put them in is the user's business, not ours.
    expect(mode(dir)).toBe('700'); // mkdtemp's own mode, untouched
  }, 400_000);

  it('an export written with --force over a file readable by others ends up 0600', async () => {
    const db = join(dir, 'r.sqlite');
    writeFileSync(join(dir, 'in.json'), JSON.stringify(miniDataset()));
    expect(await runCli(['init', ...AS_CHAIR, '--db', db], quiet)).toBe(0);
    expect(await runCli(['import', ...AS_CHAIR, '--db', db, '--dataset', join(dir, 'in.json')], quiet)).toBe(0);
    writeFileSync(join(dir, 'out.json'), 'oud');
    chmodSync(join(dir, 'out.json'), 0o644);
    expect(await runCli(['export', ...AS_CHAIR, '--db', db, '--out', join(dir, 'out.json'), '--force'], quiet)).toBe(0);
    expect(mode(join(dir, 'out.json'))).toBe('600');
  });

  it("the app's data folder is 0700, also when an older version left it open; a chosen folder is left alone", () => {
    process.env.UITSTROOMTAFEL_DATA_DIR = join(dir, 'data', 'Uitstroomtafel');
    prepareDatabaseFolder(join(dir, 'data', 'Uitstroomtafel', 'uitstroomtafel.sqlite'));
    expect(mode(join(dir, 'data'))).toBe('700');
    expect(mode(join(dir, 'data', 'Uitstroomtafel'))).toBe('700');
    chmodSync(join(dir, 'data', 'Uitstroomtafel'), 0o755);
    prepareDatabaseFolder(join(dir, 'data', 'Uitstroomtafel', 'uitstroomtafel.sqlite'));
    expect(mode(join(dir, 'data', 'Uitstroomtafel'))).toBe('700');

    mkdirSync(join(dir, 'gedeeld'), { mode: 0o755 });
    chmodSync(join(dir, 'gedeeld'), 0o755);
    prepareDatabaseFolder(join(dir, 'gedeeld', 'r.sqlite'));
    expect(mode(join(dir, 'gedeeld'))).toBe('755');
  });
});
