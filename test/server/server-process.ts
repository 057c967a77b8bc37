// A regional server in its own process, as an administrator starts it (`npm run server`), on a free
// port of 127.0.0.1: for the end-to-end tests and the load benchmark. Node only.
import { type AppProcess, type AppProcessOptions, startAppProcess } from '../fixtures/app-process';

export interface ServerProcess extends Omit<AppProcess, 'address'> {
  origin: string;
}

export async function startServerProcess(url: string, options: AppProcessOptions = {}): Promise<ServerProcess> {
  const app = await startAppProcess('electron/backend/server/server.main.ts', ['--database', url, '--listen', '127.0.0.1:0'], /Adres: (http:\/\/127\.0\.0\.1:\d+)\//, options);
  return { origin: app.address, output: app.output, pid: app.pid, stop: app.stop };
}
