// The regional server's load benchmark (`npm run bench:server`; needs `npm run build` and PostgreSQL):
// a real `npm run server` process on a PostgreSQL database with 10,000 clients, and 50 simultaneous
// users driven by autocannon (MIT) — each with their own account, session and CSRF token — doing a
// realistic mix for a fixed time: 24 browse the lists with filters, search and paging; 15 open
// records; 9 open and save a client form; 1 chair proposes a 500x400 round again and again; 1 more
// chair exports back to back (a care provider's match report as PDF, the whole register as XLSX). Prints
// p50 and p95 latency per request kind, the requests done, and every error (HTTP or an API refusal).
// Target (issue 15): p95 <= 200 ms for list and record requests, zero errors.
//
//   npm run bench:server [-- --seconds 20 --clients 10000 --rate 1 --no-propose --no-exports]
// Two phases: realistic (each user one request per --rate second), then saturated (no pause at all:
// the server's capacity on this machine).
//   UITSTROOMTAFEL_BENCH_PG=postgres://user@host/postgres npm run bench:server   (a server of your own; else a throwaway cluster)
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { asChair } from '../shared/auth/system-user';
import type { MethodName } from '../shared/api/contract';
import { CLIENT_GROUPS } from '../shared/domain/codes';
import { Rng } from '../shared/domain/random';
import type { Backend } from '../electron/backend/backend';
import { initServer, openServerBackend } from '../electron/backend/server/server';
import { startCluster } from '../test/pg/cluster';
import { type ServerProcess, startServerProcess } from '../test/server/server-process';
import { INSTANCE_REFERENCE_DATE, INSTANCE_WINDOW_TO, generateInstance } from './bench/instances';

const ROOT = resolve(__dirname, '..');
const CHAIR = { name: 'anna', displayName: 'Anna (bench)', passphrase: 'een lange zin voor de bench' };
const TARGET_P95_MS = 200;
/** Responses in the first seconds of a phase are not counted (ramp-up). */
const WARMUP_MS = 3000;
const MIX = { lists: 24, records: 15, saves: 9, propose: 1, exports: 1 } as const;

interface User {
  name: string;
  role: 'chair' | 'provider' | 'liaison';
  cookie: string;
  csrf: string;
  /** Clients this user may open (their own organisation's for a provider worker). */
  clients: string[];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: 'string' }, clients: { type: 'string' }, rate: { type: 'string' }, 'no-propose': { type: 'boolean' }, 'no-exports': { type: 'boolean' } } });
  const seconds = Number(values.seconds ?? 20);
  const rate = Number(values.rate ?? 1);
  const totalClients = Number(values.clients ?? 10_000);
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) throw new Error("out/renderer ontbreekt: voer eerst 'npm run build' uit.");

  const own = process.env.UITSTROOMTAFEL_BENCH_PG;
  const cluster = own ? null : await startCluster();
  const admin = own ?? cluster!.url;
  const dbName = `bench_${Date.now().toString(36)}`;
  const client = new pg.Client(admin);
  await client.connect();
  await client.query(`create database ${dbName}`);
  await client.end();
  const u = new URL(admin);
  u.pathname = `/${dbName}`;
  const url = u.toString();
  let server: ServerProcess | null = null;
  try {
    console.log(`Database ${dbName}: ${totalClients} kandidaten, een ronde van 500 x 400, ${Object.values(MIX).reduce((a, b) => a + b, 0)} gebruikers …`);
    await initServer(url, CHAIR);
    const backend = await openServerBackend(url);
    let roundId: number;
    let providerId: string;
    let users: Omit<User, 'cookie' | 'csrf'>[];
    try {
      ({ roundId, providerId } = await seed(backend, totalClients));
      users = await makeUsers(backend);
    } finally {
      await backend.close();
    }
    // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server process.
    server = await startServerProcess(url, { echoErrors: true, ...(process.env.BENCH_SERVER_NODE_ARGS ? { nodeArgs: process.env.BENCH_SERVER_NODE_ARGS.split(' ') } : {}) });
    const { origin } = server;
    const loggedIn: User[] = [];
    for (const user of users) loggedIn.push({ ...user, ...(await login(origin, user.name)) });
    const anna = loggedIn.find((x) => x.name === CHAIR.name)!;
    const exporter = loggedIn.find((x) => x.name === 'voorzitter1')!;
    // Warm up: the first proposal compiles the engine in its worker; the first queries fill caches.
    await api(origin, anna, 'rounds.propose', { roundId });

    const rng = new Rng(20261206);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng.float() * xs.length)]!;
    const listUsers = loggedIn.filter((x) => x.role !== 'chair' || x.name !== CHAIR.name);
    const recordUsers = loggedIn.filter((x) => x.clients.length > 0 && x.name !== CHAIR.name);
    const saveUsers = loggedIn.filter((x) => x.role === 'provider');
    const listBody = (user: User) => {
      const kind = user.role === 'provider' ? rng.float() * 0.8 : rng.float();
      if (kind < 0.35) return ['lijst kandidaten: bladeren, sorteren', 'clients.list', { limit: 50, offset: Math.floor(rng.float() * 20) * 50, sortBy: pick(['id', 'age', 'readyDate', 'urgency'] as const), sortDir: pick(['asc', 'desc'] as const) }] as const;
      if (kind < 0.6) return ['lijst kandidaten: filters', 'clients.list', { limit: 50, groups: [pick(CLIENT_GROUPS)], readiness: pick(['ready', 'not-ready'] as const) }] as const;
      if (kind < 0.8) return ['lijst kandidaten: zoeken', 'clients.list', { limit: 50, search: pick(['B-01', 'B-02', 'K-0', 'Almere', 'B-0999']) }] as const;
      return ['lijst woningen', 'units.list', { limit: 50, offset: Math.floor(rng.float() * 6) * 50 }] as const;
    };
    const phase = async (title: string, rate: number | null) => {
      const errors: string[] = [];
      // The load generator's own event-loop delay: a busy generator measures its own lateness too.
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      const runs = await Promise.all([
        load('lijsten', origin, listUsers, MIX.lists, seconds, rate, errors, (user) => {
          let variant = 'lijsten';
          return {
            requests: [{ setupRequest: (req) => { const [name, method, input] = listBody(user); variant = name; return requestOf(req, method, input); } }],
            label: () => variant,
          };
        }),
        load('dossier openen', origin, recordUsers, MIX.records, seconds, rate, errors, (user) => [{ setupRequest: (req) => requestOf(req, 'clients.get', { id: pick(user.clients) }) }]),
        load('formulier opslaan', origin, saveUsers, MIX.saves, seconds, rate, errors, (user, _slot, index) => {
          // Provider workers save their own candidates, each connection its own one: no conflicts by design.
          const id = user.clients[index]!;
          let current: { client: Record<string, unknown>; version: number } | null = null;
          return [
            {
              setupRequest: (req) => requestOf(req, 'clients.get', { id }),
              onResponse: (_status, body) => {
                current = (JSON.parse(body) as { value: { client: Record<string, unknown>; version: number } }).value;
              },
            },
            {
              setupRequest: (req) => requestOf(req, 'clients.update', { ...current!.client, notes: `Bijgewerkt ${Date.now()}`, expectedVersion: current!.version }),
            },
          ];
        }, (n) => (n % 2 === 0 ? 'dossier openen (voor opslaan)' : 'formulier opslaan')),
        // The chair proposes again as soon as a proposal is back (no pause): the heaviest thing one person does.
        values['no-propose'] ? new Map<string, number[]>() : load('voorstel 500x400', origin, [anna], MIX.propose, seconds, null, errors, () => [{ setupRequest: (req) => requestOf(req, 'rounds.propose', { roundId }) }]),
        // Another chair writes documents back to back: the rendering is the long part of an export.
        values['no-exports']
          ? new Map<string, number[]>()
          : load('exporteren', origin, [exporter], MIX.exports, seconds, null, errors, () => [
              { setupRequest: (req) => requestOf(req, 'reports.export', { request: { report: 'provider', careProviderId: providerId, from: '2025-01-01', to: INSTANCE_REFERENCE_DATE }, format: 'pdf' }) },
              { setupRequest: (req) => requestOf(req, 'export.list', { kind: 'clients', format: 'xlsx' }) },
            ], (n) => (n % 2 === 0 ? 'rapport zorgaanbieder (PDF)' : `register exporteren (XLSX, ${totalClients})`)),
      ]);
      const byKind = new Map<string, number[]>();
      for (const run of runs) for (const [kind, times] of run) byKind.set(kind, [...(byKind.get(kind) ?? []), ...times]);
      const all = [...byKind.values()].reduce((n, t) => n + t.length, 0);
      const counted = seconds - WARMUP_MS / 1000;
      console.log(`\n${title}: ${Object.values(MIX).reduce((a, b) => a + b, 0)} gelijktijdige gebruikers, ${seconds} s (de eerste ${WARMUP_MS / 1000} s niet geteld), ${(all / counted).toFixed(0)} verzoeken/s`);
      console.log('soort verzoek                      aantal      p50      p95      max');
      const verdicts: string[] = [];
      const figures: Record<string, { n: number; p50: number; p95: number }> = {};
      for (const [kind, times] of byKind) {
        const sorted = [...times].sort((x, y) => x - y);
        const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
        figures[kind] = { n: sorted.length, p50: Math.round(q(0.5)), p95: Math.round(q(0.95)) };
        console.log(`${kind.padEnd(32)} ${String(sorted.length).padStart(7)} ${ms(q(0.5))} ${ms(q(0.95))} ${ms(sorted.at(-1)!)}`);
        if (kind.startsWith('lijst') || kind.startsWith('dossier openen')) verdicts.push(`${kind} p95 ${q(0.95).toFixed(0)} ms ${q(0.95) <= TARGET_P95_MS ? '≤' : '>'} ${TARGET_P95_MS}`);
      }
      delay.disable();
      console.log(`Doel p95 ≤ ${TARGET_P95_MS} ms voor lijsten en dossiers: ${verdicts.join('; ')}`);
      console.log(`Vertraging van de lastgenerator zelf (event loop): p99 ${(delay.percentile(99) / 1e6).toFixed(0)} ms, max ${(delay.max / 1e6).toFixed(0)} ms`);
      console.log(`Fouten: ${errors.length}${errors.length ? `\n  ${[...new Set(errors)].slice(0, 10).join('\n  ')}` : ''}`);
      return { figures, errors: errors.length, perSecond: Math.round(all / counted) };
    };
    console.log(`PostgreSQL, ${totalClients} kandidaten; elke gebruiker heeft een eigen account, sessie en CSRF-token.`);
    const realistic = await phase(`Realistisch (elke gebruiker ${rate} verzoek per seconde)`, rate);
    const saturated = await phase('Verzadigd (zonder bedenktijd: elke gebruiker het volgende verzoek zodra het vorige terug is)', null);
    console.log(JSON.stringify({ bench: 'server', users: 50, seconds, clients: totalClients, rate, realistic, saturated }));
  } finally {
    await server?.stop();
    cluster?.stop();
  }
}

const ms = (v: number) => `${v.toFixed(0).padStart(6)} ms`;

/** The region: a generated 500x400 round, then more clients (not ready, so outside the round) up to `total`. */
async function seed(backend: Backend, total: number): Promise<{ roundId: number; providerId: string }> {
  const dataset = generateInstance({ clients: 500, units: 400, seed: 1, hotspot: false });
  await must(backend, 'dataset.import', { dataset, source: 'bench' });
  const { id } = (await must(backend, 'rounds.create', { date: INSTANCE_REFERENCE_DATE, windowFrom: INSTANCE_REFERENCE_DATE, windowTo: INSTANCE_WINDOW_TO })) as { id: number };
  const db = backend.database.db;
  const template = await db.selectFrom('clients').selectAll().orderBy('id').limit(1).executeTakeFirstOrThrow();
  const providers = (await db.selectFrom('care_providers').select('id').execute()).map((r) => r.id);
  const munis = (await db.selectFrom('municipalities').select('code').execute()).map((r) => r.code);
  const rng = new Rng(7);
  const { row_order: _ro, ...base } = template as typeof template & { row_order?: unknown };
  for (let start = 500; start < total; start += 500) {
    const rows = [];
    for (let i = start; i < Math.min(total, start + 500); i++) {
      rows.push({
        ...base,
        id: `B-${String(i).padStart(5, '0')}`,
        name: null,
        target_group: CLIENT_GROUPS[i % CLIENT_GROUPS.length]!,
        care_provider_id: providers[i % providers.length]!,
        origin_municipality_code: munis[Math.floor(rng.float() * munis.length)]!,
        ready_date: null,
        version: 1,
      });
    }
    await db.insertInto('clients').values(rows).execute();
  }
  await sql`analyze`.execute(db);
  return { roundId: id, providerId: providers[0]! };
}

/** 50 accounts: 5 chairs (anna among them), 35 provider workers over the providers, 10 liaisons. */
async function makeUsers(backend: Backend): Promise<Omit<User, 'cookie' | 'csrf'>[]> {
  const db = backend.database.db;
  const providers = (await db.selectFrom('care_providers').select('id').orderBy('id').execute()).map((r) => r.id);
  const corporations = (await db.selectFrom('corporations').select('id').orderBy('id').execute()).map((r) => r.id);
  const clientsOf = async (provider: string | null) =>
    (await db.selectFrom('clients').select('id').$if(provider !== null, (q) => q.where('care_provider_id', '=', provider!)).orderBy('id').execute()).map((r) => r.id);
  const all = await clientsOf(null);
  const users: Omit<User, 'cookie' | 'csrf'>[] = [{ name: CHAIR.name, role: 'chair', clients: all }];
  const add = async (name: string, role: User['role'], careProviderId: string | null, corporationId: string | null) => {
    await must(backend, 'users.create', { name, displayName: name, role, careProviderId, corporationId, passphrase: CHAIR.passphrase });
    users.push({ name, role, clients: role === 'chair' ? all : role === 'provider' ? await clientsOf(careProviderId) : [] });
  };
  for (let i = 1; i < 5; i++) await add(`voorzitter${i}`, 'chair', null, null);
  for (let i = 0; i < 35; i++) await add(`begeleider${i}`, 'provider', providers[i % providers.length]!, null);
  for (let i = 0; i < 10; i++) await add(`corporatie${i}`, 'liaison', null, corporations[i % corporations.length]!);
  return users;
}

async function must(backend: Backend, method: MethodName, input: unknown): Promise<unknown> {
  const r = await backend.dispatch(method, input, asChair(CHAIR.name));
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value;
}

async function login(origin: string, name: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${origin}/api/auth.login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, passphrase: CHAIR.passphrase }) });
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const body = (await res.json()) as { ok: boolean; error?: { message: string } };
  if (!body.ok) throw new Error(`aanmelden ${name}: ${body.error?.message}`);
  return { cookie: cookies.join('; '), csrf: cookies.find((c) => c.startsWith('ut_csrf='))!.slice('ut_csrf='.length) };
}

async function api(origin: string, user: User, method: MethodName, input: unknown): Promise<unknown> {
  const res = await fetch(`${origin}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: user.cookie, 'X-CSRF-Token': user.csrf }, body: JSON.stringify(input) });
  const body = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.value;
}

function requestOf(req: autocannon.Request, method: MethodName, input: unknown): autocannon.Request {
  return { ...req, method: 'POST', path: `/api/${method}`, body: JSON.stringify(input) };
}

/**
 * `connections` users of `users` (round-robin), each with their own session, repeating `requests` for
 * `seconds`. Latency per response (autocannon's 'response' event), labelled by `label(n)` for the
 * n-th response of that connection; a non-200 status or an `ok: false` body counts as an error.
 */
async function load(
  kind: string,
  origin: string,
  users: User[],
  connections: number,
  seconds: number,
  rate: number | null,
  errors: string[],
  requests: (user: User, slot: number, index: number) => autocannon.Request[] | { requests: autocannon.Request[]; label: () => string },
  label: (n: number) => string = () => kind,
): Promise<Map<string, number[]>> {
  const times = new Map<string, number[]>();
  // The first seconds are the ramp-up (50 users connecting, the generator starting its instances): not counted.
  const countFrom = Date.now() + WARMUP_MS;
  const perClient = new Map<unknown, { n: number }>();
  let next = 0;
  const slots = new Map<string, number>();
  // autocannon builds each connection's requests in order; one user per connection.
  const assigned = Array.from({ length: connections }, () => {
    const user = users[next++ % users.length]!;
    const slot = slots.get(user.name) ?? 0;
    slots.set(user.name, slot + 1);
    return { user, slot };
  });
  // One autocannon instance per user (one connection each): with a rate, their starts are spread over
  // the first second, so the users do not all click at the same moment of every second.
  const one = (index: number) =>
    new Promise<void>((resolvePromise) => {
      const { user, slot } = assigned[index]!;
      const headers = { 'Content-Type': 'application/json', Cookie: user.cookie, 'X-CSRF-Token': user.csrf };
      const made = requests(user, slot, index);
      const [own, labelOf] = Array.isArray(made) ? [made, label] : [made.requests, made.label];
      const instance = autocannon(
        {
          url: origin,
          connections: 1,
          duration: seconds,
          // One request at a time per user, as a person's browser does.
          pipelining: 1,
          timeout: 120,
          ...(rate ? { connectionRate: rate } : {}),
          requests: [{ method: 'POST', path: '/api/auth.status', body: '{}' }],
          setupClient: (client: autocannon.Client) => {
            const list = own.map((r) => ({
              ...r,
              method: 'POST' as const,
              headers,
              onResponse: (status: number, body: string, context: unknown) => {
                if (status !== 200) errors.push(`${kind}: HTTP ${status}`);
                else if (!body.startsWith('{"ok":true')) errors.push(`${kind}: ${body.slice(0, 200)}`);
                else (r.onResponse as ((st: number, b: string, c: unknown) => void) | undefined)?.(status, body, context);
              },
            }));
            client.setRequests(list);
          },
        } as autocannon.Options,
        (err: unknown) => {
          if (err) errors.push(`${kind}: ${(err as Error).message}`);
          resolvePromise();
        },
      );
      instance.on('response', (client: unknown, _status: number, _bytes: number, responseTime: number) => {
        const c = perClient.get(client) ?? { n: 0 };
        perClient.set(client, c);
        const key = labelOf(c.n++);
        if (Date.now() < countFrom) return;
        const list = times.get(key);
        if (list) list.push(responseTime);
        else times.set(key, [responseTime]);
      });
    });
  const spread = rate ? 1000 / rate : 0;
  await Promise.all(assigned.map((_, i) => new Promise((r) => setTimeout(r, Math.floor((spread * i) / connections))).then(() => one(i))));
  return times;
}

main().catch((e: unknown) => {
  console.error(`Fout: ${(e as Error).message}`);
  process.exit(1);
});
