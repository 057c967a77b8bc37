// Prepares a better-sqlite3-multiple-ciphers binary (SQLCipher-compatible SQLite) for the installed Electron in .electron-native/<version>/,
// beside (not instead of) the Node build that tests, browser mode and the CLI use. Run by
// `npm start` and `npm run dev`; needs internet once (prebuilt download, else a build from source).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(dirname(new URL(import.meta.url).pathname), '..');
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
// Its own file name: an older better_sqlite3.node there is plain better-sqlite3 (no encryption).
const target = join(root, '.electron-native', electronVersion, 'better_sqlite3_multiple_ciphers.node');

if (existsSync(target)) process.exit(0);

const pkgDir = dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json'));
const work = mkdtempSync(join(tmpdir(), 'uitstroomtafel-native-'));
console.log(`better-sqlite3-multiple-ciphers voorbereiden voor Electron ${electronVersion} (eenmalig) ...`);
try {
  for (const part of ['package.json', 'binding.gyp', 'src', 'deps', 'lib']) {
    if (existsSync(join(pkgDir, part))) cpSync(join(pkgDir, part), join(work, part), { recursive: true });
  }
  const env = { ...process.env };
  const common = ['--runtime=electron', `--target=${electronVersion}`, `--arch=${process.arch}`];
  try {
    const prebuild = join(dirname(require.resolve('prebuild-install/package.json', { paths: [pkgDir] })), 'bin.js');
    execFileSync(process.execPath, [prebuild, ...common, `--platform=${process.platform}`], { cwd: work, stdio: 'inherit', env });
  } catch {
    // No prebuilt binary: build from source against Electron's headers (needs a C++ toolchain).
    const gyp = process.env.npm_config_node_gyp ?? require.resolve('node-gyp/bin/node-gyp.js');
    execFileSync(process.execPath, [gyp, 'rebuild', '--release', ...common, '--dist-url=https://electronjs.org/headers'], {
      cwd: work,
      stdio: 'inherit',
      env,
    });
  }
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
  console.log(`Klaar: ${target}`);
} catch (e) {
  console.error(`Kon better-sqlite3-multiple-ciphers niet voorbereiden voor Electron: ${e.message}`);
  process.exit(1);
} finally {
  rmSync(work, { recursive: true, force: true });
}
