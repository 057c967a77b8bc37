// The regional server's long calls (reports, exports, imports) run in job workers with a backend of
// their own on the same database (server-jobs.ts): the same answers as on the request thread, the same
// role narrowing and audit, the gate's checks before anything is handed over, and a large import's
// body parsed in the worker. PostgreSQL only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHttpServer } from '../../electron/backend/http/http-server';
import { openServerBackend } from '../../electron/backend/server/server';
import { ServerGate } from '../../electron/backend/server/server-gate';
import { LONG_METHODS, ServerJobs } from '../../electron/backend/server/server-jobs';
import { threadNices } from '../fixtures/thread-nice';
import { CHAIR, initialised, serverTestSetup } from './server-fixture';
import { startServerProcess } from './server-process';

const DEMO = readFileSync(join(__dirname, '..', '..', 'resources', 'demo', 'flevoland.json'), 'utf8');
const { staticDir, open } = serverTestSetup();

/** ServerJobs that also records which methods it was handed. */
class RecordedJobs extends ServerJobs {
  handed: string[] = [];
  override run(...args: Parameters<ServerJobs['run']>) {
    this.handed.push(args[0]);
    return super.run(...args);
  }
}

/** A server on `url` as server.main starts it (with job workers), or without them (everything on the request thread). */
async function serve(url: string, withJobs: boolean) {
  const backend = await openServerBackend(url);
  open.push(backend);
  const jobs = withJobs ? new RecordedJobs(url) : null;
  if (jobs) open.push(jobs);
  const gate = new ServerGate(backend, jobs ? { jobs } : {});
  const server = await startHttpServer({ gate, staticDir: staticDir(), port: 0, requireToken: false, largeBodiesUnparsed: withJobs });
  open.push(server);
  return { server, backend, jobs };
}

/** A logged-in browser, reduced to its cookies and the CSRF header. */
async function login(origin: string, name = CHAIR.name, passphrase = CHAIR.passphrase) {
  const res = await fetch(`${origin}/api/auth.login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, passphrase }) });
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
  const csrf = cookies.find((c) => c.startsWith('ut_csrf='))!.slice('ut_csrf='.length);
  return async (method: string, input: unknown = {}, options: { csrf?: string; raw?: string } = {}) => {
    const r = await fetch(`${origin}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookies.join('; '), 'X-CSRF-Token': options.csrf ?? csrf },
      body: options.raw ?? JSON.stringify(input),
    });
    return { status: r.status, body: (await r.json()) as { ok: boolean; value?: any; error?: { code: string; message: string } } };
  };
}

async function region() {
  const url = await initialised();
  const withJobs = await serve(url, true);
  const without = await serve(url, false);
  const anna = await login(withJobs.server.origin);
  // The import's body goes to the job worker unparsed, and is parsed there.
  const imported = await anna('dataset.import', {}, { raw: `{"dataset":${DEMO},"source":"flevoland.json"}` });
  expect(imported.body.error).toBeUndefined();
  expect(withJobs.jobs!.handed).toEqual(['dataset.import']);
  return { url, withJobs, without, anna, annaHere: await login(without.server.origin) };
}

describe('long calls in job workers', () => {
  it('reports, exports and imports go to a job worker and answer as on the request thread; lists and records do not', async () => {
    const { withJobs, anna, annaHere } = await region();
    const list = await anna('clients.list', { limit: 10 });
    expect(list.body.value.total).toBeGreaterThan(50);
    expect((await annaHere('clients.list', { limit: 10 })).body.value).toEqual(list.body.value);
    const provider = { careProviderId: 'prov-rietland', from: '2026-01-01', to: '2026-11-30' };
    const there = await anna('reports.provider', provider);
    const here = await annaHere('reports.provider', provider);
    expect(there.body.ok).toBe(true);
    // The same document, made at another moment.
    expect({ ...there.body.value, generatedAt: null }).toEqual({ ...here.body.value, generatedAt: null });
    const csvThere = await anna('export.list', { kind: 'clients', format: 'csv' });
    const csvHere = await annaHere('export.list', { kind: 'clients', format: 'csv' });
    expect(Buffer.from(csvThere.body.value.contentBase64, 'base64').toString()).toBe(Buffer.from(csvHere.body.value.contentBase64, 'base64').toString());
    // The whole dataset: serialised in the worker, sent as it is; the same as from the request thread.
    const datasetThere = await anna('dataset.export');
    const datasetHere = await annaHere('dataset.export');
    expect(datasetThere.body.ok).toBe(true);
    expect(datasetThere.body.value.clients).toHaveLength(60);
    // (The history differs by the first export's own audit entry.)
    expect({ ...datasetThere.body.value, history: null }).toEqual({ ...datasetHere.body.value, history: null });
    expect(datasetThere.body.value.history.audit.entries.length + 1).toBe(datasetHere.body.value.history.audit.entries.length);
    const pdf = await anna('reports.export', { request: { report: 'provider', ...provider }, format: 'pdf' });
    expect(Buffer.from(pdf.body.value.contentBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(withJobs.jobs!.handed).toEqual(['dataset.import', 'reports.provider', 'export.list', 'dataset.export', 'reports.export']);
    expect(withJobs.jobs!.started).toBe(1);
    // Audited as anna, in the one chain, by whichever backend ran the call.
    const audit = await anna('audit.list', { limit: 20 });
    const exports = (audit.body.value as { actor: string; action: string; entity: string }[]).filter((e) => e.action === 'export');
    expect(exports.map((e) => `${e.actor} ${e.entity}`)).toEqual(expect.arrayContaining(['anna report', 'anna client']));
    expect(exports).toHaveLength(5);
    expect((await anna('audit.verify')).body.value.intact).toBe(true);
  });

  it('the job worker narrows to the caller as the request thread does: a provider worker exports only their own candidates', async () => {
    const { anna, withJobs } = await region();
    const made = await anna('users.create', { name: 'piet', displayName: 'Piet', role: 'provider', careProviderId: 'prov-dijkzicht', corporationId: null, passphrase: 'een lange zin voor piet' });
    expect(made.body.ok).toBe(true);
    const piet = await login(withJobs.server.origin, 'piet', 'een lange zin voor piet');
    const csv = await piet('export.list', { kind: 'clients', format: 'csv' });
    expect(csv.body.error).toBeUndefined();
    const lines = Buffer.from(csv.body.value.contentBase64, 'base64').toString().trim().split(/\r\n/);
    // The header and at most the 15 clients of prov-dijkzicht (some may be left out for lack of consent).
    expect(lines.length - 1).toBeGreaterThan(0);
    expect(lines.length - 1).toBeLessThanOrEqual(15);
    const other = await piet('reports.provider', { careProviderId: 'prov-rietland' });
    expect(other.body.error?.code).toBe('FORBIDDEN');
    expect(withJobs.jobs!.handed.slice(-2)).toEqual(['export.list', 'reports.provider']);
  });

  it('the gate checks first: without the CSRF token nothing is handed to a worker', async () => {
    const { anna, withJobs } = await region();
    const refused = await anna('reports.export', { request: { report: 'monitor', filters: {} }, format: 'csv' }, { csrf: 'wrong' });
    expect(refused.status).toBe(403);
    expect(withJobs.jobs!.handed).toEqual(['dataset.import']);
  });

  it('an import body that is not JSON is refused with a clear message from the worker, and the register is unchanged', async () => {
    const { anna } = await region();
    const before = (await anna('clients.list', { limit: 1 })).body.value.total;
    expect(before).toBeGreaterThan(50);
    const bad = await anna('dataset.import', {}, { raw: `{"dataset":${DEMO.slice(0, 5000)}` });
    expect(bad.body.error).toEqual({ code: 'VALIDATION', message: 'De aanvraag is geen geldige JSON.' });
    expect((await anna('clients.list', { limit: 1 })).body.value.total).toBe(before);
  });

  it('after close, a long call is answered with "try again", never left hanging', async () => {
    const url = await initialised();
    const jobs = new ServerJobs(url);
    await jobs.close();
    const r = await jobs.run('reports.provider', { careProviderId: 'x' }, { actor: 'anna', user: { name: 'anna', displayName: 'Anna', role: 'chair', careProviderId: null, corporationId: null } });
    expect(r).toEqual({ result: { ok: false, error: { code: 'BUSY', message: 'De server stopt; probeer het zo opnieuw.' } } });
    expect(LONG_METHODS.has('clients.list' as never)).toBe(false);
  });

  it.runIf(process.platform === 'linux')('in the server process, every thread but the one that answers requests runs at background priority (job workers, V8 and libuv helpers)', async () => {
    const url = await initialised();
    // Through node itself (not tsx's launcher), so the pid is the server's.
    const server = await startServerProcess(url, { nodeArgs: ['--no-warnings'] });
    open.push({ close: () => server.stop() });
    const anna = await login(server.origin);
    // A login hashes on libuv's pool; an export starts a job worker.
    expect((await anna('reports.export', { request: { report: 'monitor', filters: {} }, format: 'csv' })).body.ok).toBe(true);
    const nices = () => threadNices(server.pid);
    const mine = threadNices()[0]!.nice;
    // The helpers are lowered at the start and swept every 5 s as new ones come.
    await expect.poll(() => nices().filter((t) => t.tid !== server.pid && t.nice < Math.max(10, mine)), { timeout: 30_000, interval: 500 }).toEqual([]);
    expect(nices().find((t) => t.tid === server.pid)?.nice).toBe(mine);
    expect(nices().length).toBeGreaterThan(5);
    // The access log: a line per call with who, which method and the status, never the data asked for.
    await expect.poll(() => server.output(), { timeout: 30_000 }).toMatch(/Z 127\.0\.0\.1 anna reports\.export 200 \d+ ms$/m);
    expect(server.output()).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z 127\.0\.0\.1 anna auth\.login 200 \d+ ms$/m);
    expect(server.output()).not.toContain('monitor');
  });
});
