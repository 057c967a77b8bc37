// Crash tests' shared harness: runs a TypeScript fixture as one real process (`node --import tsx`, so
// SIGKILL hits the script itself — tsx's CLI would run it in a grandchild that survives) and kills it
// with SIGKILL a given time after it prints a marker line. Node only.
import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');

export interface KillRun {
  /** True when SIGKILL ended it; false when it exited by itself first. */
  killed: boolean;
  exitCode: number | null;
  /** Everything it printed (stdout and stderr). */
  output: string;
}

export function runAndKill(options: {
  /** Fixture path relative to the repository root. */
  script: string;
  args: string[];
  env?: Record<string, string>;
  /** The kill is timed from the first output containing this text. */
  marker: string;
  killAfterMs: number;
  /** The process must print the marker and end within this time. */
  guardMs?: number;
}): Promise<KillRun> {
  return new Promise((resolvePromise, reject) => {
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, options.script), ...options.args], {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let timer: NodeJS.Timeout | undefined;
    const guardMs = options.guardMs ?? 120_000;
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.script} did not finish in ${guardMs / 1000} s:\n${output}`));
    }, guardMs);
    child.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
      if (!timer && output.includes(options.marker)) timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
    });
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      clearTimeout(timer);
      resolvePromise({ killed: signal === 'SIGKILL', exitCode: code, output });
    });
  });
}
