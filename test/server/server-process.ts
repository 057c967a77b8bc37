// A regional server in its own process, as an administrator starts it (`npm run server`), on a free
// port of 127.0.0.1: for the end-to-end tests and the load benchmark. Resolves with its address once
// it prints it; `stop()` ends it as Ctrl+C does. Node only.
import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

export interface ServerProcess {
  origin: string;
  /** What the server printed so far (its start message, any warnings). */
  output(): string;
  stop(): Promise<void>;
}

/** `nodeArgs` (e.g. --cpu-prof) run the server through node itself, with tsx as a loader. */
export async function startServerProcess(url: string, options: { nodeArgs?: string[]; echoErrors?: boolean } = {}): Promise<ServerProcess> {
  const runner = options.nodeArgs?.length ? [...options.nodeArgs, '--import', 'tsx'] : [TSX];
  const child: ChildProcess = spawn(process.execPath, [...runner, 'electron/backend/server/server.main.ts', '--database', url, '--listen', '127.0.0.1:0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const origin = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 90 s:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Adres: (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolvePromise(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      onData(chunk);
      if (options.echoErrors) process.stderr.write(chunk);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${output}`));
    });
  });
  return {
    origin,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.removeAllListeners('exit');
      await new Promise<void>((r) => {
        child.once('exit', () => r());
        child.kill('SIGTERM');
      });
    },
  };
}
