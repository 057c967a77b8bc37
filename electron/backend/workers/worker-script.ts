// Starts one of the app's worker threads by name: the bundled script next to the main process
// (out/main/<name>.js, built by electron-vite), or the TypeScript source run through tsx (tests,
// browser mode, the server and the CLI from source). Node only.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * `name` is the worker's entry in electron.vite.config.ts ('propose.worker'); `dir` is the caller's
 * __dirname: out/main when bundled, where the worker's .js sits beside it, or the caller's source
 * folder, where its worker's .ts sits beside it.
 */
export function startWorkerScript(name: string, dir: string, options: WorkerOptions = {}): Worker {
  const bundled = join(dir, `${name}.js`);
  if (existsSync(bundled)) return new Worker(bundled, options);
  // From source: register tsx's CommonJS hook inside the worker, then load the TypeScript file.
  const source = join(dir, `${name}.ts`);
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { ...options, eval: true });
}
