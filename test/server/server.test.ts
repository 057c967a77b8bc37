// The regional server (issue 15) on a real PostgreSQL: `init` (schema and first chair, never a default
// password), `migrate`, a start that refuses an uninitialised or outdated database, and over real HTTP:
// logins with sessions kept in the database (hashes only, shared by two server processes, expiring),
// the CSRF token on every call, limits on failed logins per address and per name, every login audited.
import { sql } from 'kysely';
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { openDatabase } from '../../electron/backend/db/open';
import { type AccessEntry, type RunningServer, accessLine, startHttpServer } from '../../electron/backend/http/http-server';
import { verifyAudit } from '../../electron/backend/repos/audit.repo';
import { initServer, migrateServer, openServerBackend } from '../../electron/backend/server/server';
import { startDailyRetention } from '../../electron/backend/server/daily-retention';
import { ServerGate, type ServerGateOptions } from '../../electron/backend/server/server-gate';
import { SCHEMA_VERSION } from '../../electron/backend/db/migrations';
import { emptyPostgresDatabase } from '../pg/database';
import { CHAIR, initialised, serverTestSetup } from './server-fixture';

const { staticDir, open } = serverTestSetup();
const ROOT = resolve(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

async function serve(url: string, gateOptions: ServerGateOptions = {}, now?: () => Date): Promise<{ server: RunningServer; backend: Backend; gate: ServerGate }> {
  const backend = await openServerBackend(url, now ? { now } : {});
  open.push(backend);
  const gate = new ServerGate(backend, gateOptions);
  const server = await startHttpServer({ gate, staticDir: staticDir(), port: 0, requireToken: false });
  open.push(server);
  return { server, backend, gate };
}

/** Two servers on one database (each its own connection pool), and one login used through both. */
async function twoServersOneSession() {
  const url = await initialised();
  const one = await serve(url);
  const two = await serve(url);
  const a = new Client(one.server.origin);
  await a.login();
  const b = new Client(two.server.origin);
  b.cookies = new Map(a.cookies);
  return { one, two, a, b };
}

/** A browser's cookie jar, reduced: name → value, from Set-Cookie. */
class Client {
  cookies = new Map<string, string>();
  setCookies: string[] = [];
  constructor(private readonly origin: string) {}
  async call(method: string, input: unknown = {}, options: { csrf?: string | null } = {}): Promise<{ status: number; body: { ok: boolean; value?: any; error?: { code: string; message: string } } }> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (cookie) headers.Cookie = cookie;
    const csrf = options.csrf === undefined ? this.cookies.get('ut_csrf') : options.csrf;
    if (csrf) headers['X-CSRF-Token'] = csrf;
    const res = await fetch(`${this.origin}/api/${method}`, { method: 'POST', headers, body: JSON.stringify(input) });
    this.setCookies = res.headers.getSetCookie();
    for (const c of this.setCookies) {
      const [pair] = c.split(';');
      const [k, v] = pair!.split('=');
      if (/Max-Age=0/.test(c)) this.cookies.delete(k!);
      else this.cookies.set(k!, v!);
    }
    return { status: res.status, body: (await res.json()) as never };
  }
  async login(name = CHAIR.name, passphrase = CHAIR.passphrase) {
    return this.call('auth.login', { name, passphrase });
  }
}

describe('init and migrate', () => {
  it('init makes the schema and the first chair with their own passphrase; a second init is refused', async () => {
    const url = await emptyPostgresDatabase();
    const done = await initServer(url, CHAIR);
    expect(done.schemaVersion).toBe(SCHEMA_VERSION);
    const database = await openDatabase(url, {});
    open.push(database);
    const users = await database.db.selectFrom('users').select(['name', 'role', 'active']).execute();
    expect(users).toEqual([{ name: 'anna', role: 'chair', active: 1 }]);
    const cred = await database.db.selectFrom('user_credentials').selectAll().executeTakeFirstOrThrow();
    expect(cred.hash).toMatch(/^\$argon2id\$/);
    expect(cred.hash).not.toContain(CHAIR.passphrase);
    await expect(initServer(url, { ...CHAIR, name: 'bram' })).rejects.toThrow(/al ingericht.*niets gewijzigd/);
    expect(await database.db.selectFrom('users').select('name').execute()).toHaveLength(1);
  });

  it('init refuses a short passphrase and a SQLite file, and leaves no user behind', async () => {
    const url = await emptyPostgresDatabase();
    await expect(initServer(url, { ...CHAIR, passphrase: 'kort' })).rejects.toThrow(/passphrase: minstens 12 tekens/);
    await expect(initServer('/tmp/regio.sqlite', CHAIR)).rejects.toThrow(/geen PostgreSQL-adres/);
    await expect(openServerBackend(url)).rejects.toThrow(/nog niet ingericht.*server -- init/);
  });

  it('the start refuses a database with pending migrations, changing nothing; migrate brings it up to date', async () => {
    const url = await emptyPostgresDatabase();
    const old = await openDatabase(url, { migrateTo: '0014_row_order' });
    await old.close();
    await expect(openServerBackend(url)).rejects.toThrow(/schemaversie 14; deze versie van de app verwacht 17 \(nog toe te passen: 0015_server_sessions, 0016_round_lock, 0017_login_failures\).*server -- migrate/);
    const check = await openDatabase(url, { migrateTo: '0014_row_order' });
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(check.db);
    await check.close();
    expect(rows[0]!.n).toBe(14);
    expect(await migrateServer(url)).toEqual({ from: 14, to: SCHEMA_VERSION, applied: ['0015_server_sessions', '0016_round_lock', '0017_login_failures'] });
    expect((await migrateServer(url)).applied).toEqual([]);
    await initServer(url, CHAIR);
    const backend = await openServerBackend(url);
    await backend.close();
  });
});

describe('sessions over HTTP', () => {
  it('a login sets an HttpOnly session cookie and a CSRF cookie; the database keeps only their hashes', async () => {
    const url = await initialised();
    const { server, backend } = await serve(url);
    const c = new Client(server.origin);
    const r = await c.login();
    expect(r.body.ok).toBe(true);
    expect(r.body.value.user.name).toBe('anna');
    expect(c.setCookies.find((x) => x.startsWith('ut_session='))).toMatch(/HttpOnly; SameSite=Strict; Path=\//);
    expect(c.setCookies.find((x) => x.startsWith('ut_csrf='))).not.toMatch(/HttpOnly/);
    const rows = await backend.database.db.selectFrom('sessions').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id_hash).not.toBe(c.cookies.get('ut_session'));
    expect(rows[0]!.csrf_hash).not.toBe(c.cookies.get('ut_csrf'));
    expect(JSON.stringify(rows)).not.toContain(c.cookies.get('ut_session')!);
    const status = await c.call('auth.status');
    expect(status.body.value).toMatchObject({ state: 'open', user: { name: 'anna', role: 'chair' } });
    const login = await backend.database.db.selectFrom('audit_log').select(['actor', 'action', 'detail']).where('action', '=', 'login').execute();
    expect(login).toHaveLength(1);
    expect(JSON.parse(login[0]!.detail)).toMatchObject({ host: 'server', address: expect.stringMatching(/127\.0\.0\.1/) });
  });

  it('a call without the CSRF token, or with another, is refused (403) and nothing runs', async () => {
    const url = await initialised();
    const { server, backend } = await serve(url);
    const c = new Client(server.origin);
    await c.login();
    const count = async () => (await backend.database.db.selectFrom('rounds').select('id').execute()).length;
    const input = { date: '2026-12-10', windowFrom: '2026-12-10', windowTo: '2027-01-31' };
    for (const csrf of [null, 'verzonnen-token']) {
      const r = await c.call('rounds.create', input, { csrf });
      expect(r.status).toBe(403);
      expect(r.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('CSRF') });
    }
    expect(await count()).toBe(0);
    const ok = await c.call('rounds.create', input);
    expect(ok.body.ok).toBe(true);
    expect(await count()).toBe(1);
    // A call from another site's page carries its Origin: refused before anything else.
    const foreign = await fetch(`${server.origin}/api/rounds.list`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://kwaadwillend.example', Cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'X-CSRF-Token': c.cookies.get('ut_csrf')! },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
  });

  it('a session lives in the database: a second server on the same database (its own connection pool) knows it; logout ends it everywhere', async () => {
    const { one, a: c, b: elsewhere } = await twoServersOneSession();
    expect((await elsewhere.call('rounds.list')).body).toMatchObject({ ok: true, value: [] });
    expect((await c.call('auth.logout')).body.ok).toBe(true);
    const after = await elsewhere.call('rounds.list');
    expect(after.status).toBe(401);
    expect(after.body.error?.message).toBe('Uw sessie is verlopen of beëindigd; meld u opnieuw aan.');
    expect(await one.backend.database.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });

  it('a session ends after 30 idle minutes and 12 hours after the login, however busy', async () => {
    const url = await initialised();
    let now = new Date('2026-12-06T09:00:00Z');
    const { server } = await serve(url, {}, () => now);
    const c = new Client(server.origin);
    await c.login();
    const at = (minutes: number) => new Date(Date.parse('2026-12-06T09:00:00Z') + minutes * 60_000);
    // Busy every 20 minutes: it lives on past the idle limit...
    for (let m = 20; m <= 700; m += 20) {
      now = at(m);
      expect((await c.call('rounds.list')).body.ok, `minute ${m}`).toBe(true);
    }
    // ...but not past 12 hours.
    now = at(720);
    expect((await c.call('rounds.list')).status).toBe(401);
    await c.login();
    now = at(720 + 29);
    expect((await c.call('rounds.list')).body.ok).toBe(true);
    now = at(720 + 29 + 31);
    expect((await c.call('rounds.list')).status).toBe(401);
  });

  it('a deactivated user is out at their next call', async () => {
    const url = await initialised();
    const { server } = await serve(url);
    const anna = new Client(server.origin);
    await anna.login();
    const created = await anna.call('users.create', { name: 'bram', displayName: 'Bram', role: 'chair', careProviderId: null, corporationId: null, passphrase: 'een lange zin voor bram' });
    expect(created.body.ok).toBe(true);
    const bram = new Client(server.origin);
    expect((await bram.login('bram', 'een lange zin voor bram')).body.ok).toBe(true);
    expect((await bram.call('rounds.list')).body.ok).toBe(true);
    const v = created.body.value.version;
    expect((await anna.call('users.update', { name: 'bram', displayName: 'Bram', role: 'chair', careProviderId: null, corporationId: null, active: false, expectedVersion: v })).body.ok).toBe(true);
    expect((await bram.call('rounds.list')).status).toBe(401);
    expect((await bram.login('bram', 'een lange zin voor bram')).body.error?.message).toBe('Onbekende naam of verkeerde wachtwoordzin.');
  });
});

describe('the access log', () => {
  it('one entry per call with address, user, method and status; never a name typed in a failed login, never the input', async () => {
    const url = await initialised();
    const backend = await openServerBackend(url);
    open.push(backend);
    const entries: AccessEntry[] = [];
    const server = await startHttpServer({ gate: new ServerGate(backend), staticDir: staticDir(), port: 0, requireToken: false, accessLog: (e) => entries.push(e) });
    open.push(server);
    const c = new Client(server.origin);
    await new Client(server.origin).login('geheim-als-naam', 'verkeerde wachtwoordzin');
    await c.login();
    await c.call('clients.list', { search: 'Jansen' });
    await c.call('clients.list', {}, { csrf: 'fout' });
    await c.call('bestaat%0Aniet');
    await expect.poll(() => entries.length).toBe(5);
    expect(entries.map((e) => [e.address, e.actor, e.method, e.status])).toEqual([
      ['127.0.0.1', null, 'auth.login', 401],
      ['127.0.0.1', 'anna', 'auth.login', 200],
      ['127.0.0.1', 'anna', 'clients.list', 200],
      ['127.0.0.1', 'anna', 'clients.list', 403],
      ['127.0.0.1', 'anna', '?', 200],
    ]);
    const lines = entries.map(accessLine).join('\n');
    expect(lines).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z 127\.0\.0\.1 - auth\.login 401 \d+ ms$/m);
    expect(lines).not.toMatch(/geheim|Jansen|verkeerde/);
  });
});

describe('failed logins', () => {
  it('five wrong passphrases lock the name for 15 minutes; each failure is audited, the typed name of an unknown user is not', async () => {
    const url = await initialised();
    const { server, backend } = await serve(url);
    const c = new Client(server.origin);
    for (let i = 1; i <= 4; i++) expect((await c.login('anna', 'verkeerde zin nummer ' + i)).body.error?.message).toBe('Onbekende naam of verkeerde wachtwoordzin.');
    expect((await c.login('anna', 'verkeerde zin nummer 5')).body.error?.message).toMatch(/^Onbekende naam of verkeerde wachtwoordzin\. Te veel mislukte pogingen: anna is geblokkeerd tot /);
    // Locked: even the right passphrase is refused now.
    expect((await c.login()).body.error?.message).toMatch(/^Te veel mislukte pogingen: anna is geblokkeerd tot /);
    expect((await c.login('geheim-wachtwoord-als-naam', 'x'.repeat(12))).body.ok).toBe(false);
    const audit = await backend.database.db.selectFrom('audit_log').select(['actor', 'action', 'entity_id', 'detail']).where('action', 'like', 'login%').orderBy('id').execute();
    expect(audit.map((a) => [a.actor, a.action])).toEqual([
      ...Array.from({ length: 5 }, () => ['anna', 'login-failed']),
      ['anna', 'login-refused'],
      ['onbekend', 'login-failed'],
    ]);
    expect(JSON.stringify(audit)).not.toContain('geheim-wachtwoord-als-naam');
    expect((await verifyAudit(backend.database.db)).intact).toBe(true);
  });

  it('after 10 failed logins from one address, that address waits (429), whatever name it tries', async () => {
    const url = await initialised();
    const { server } = await serve(url, { addressFailures: 10 });
    const c = new Client(server.origin);
    for (let i = 0; i < 10; i++) expect((await c.login(`naam${i}`, 'verkeerde wachtwoordzin')).status).toBe(401);
    const r = await c.login();
    expect(r.status).toBe(429);
    expect(r.body.error?.message).toMatch(/^Te veel mislukte aanmeldpogingen vanaf dit adres; probeer het over 15 minuten opnieuw\.$/);
  });

  it('the address limit is counted in the database: a second server on it, and a restarted one, make the address wait too; past the window it may try again', async () => {
    const url = await initialised();
    let now = new Date('2026-12-06T10:00:00Z');
    const one = await serve(url, {}, () => now);
    const two = await serve(url, {}, () => now);
    // Five failures through each server: ten from this address in all.
    for (let i = 0; i < 10; i++) expect((await new Client((i % 2 ? one : two).server.origin).login(`naam${i}`, 'verkeerde wachtwoordzin')).status).toBe(401);
    expect((await new Client(one.server.origin).login()).status).toBe(429);
    expect((await new Client(two.server.origin).login()).status).toBe(429);
    // A restart (a new process with its own memory) counts the same failures.
    const three = await serve(url, {}, () => now);
    expect((await new Client(three.server.origin).login()).status).toBe(429);
    // Only the address and the moment are kept, never the name typed.
    const rows = await three.backend.database.db.selectFrom('login_failures').selectAll().execute();
    expect(rows).toHaveLength(10);
    expect(Object.keys(rows[0]!).sort()).toEqual(['address', 'at']);
    now = new Date('2026-12-06T10:15:01Z');
    const r = await new Client(three.server.origin).login();
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(true);
    // The failures past the window are gone.
    expect(await three.backend.database.db.selectFrom('login_failures').selectAll().execute()).toEqual([]);
  });
});

describe('the administrator', () => {
  it('sets a new passphrase for a user on the command line (npm run server -- passphrase): sessions end, a lockout lifts, audited as beheerder', async () => {
    const url = await initialised();
    const { server, backend } = await serve(url);
    const c = new Client(server.origin);
    await c.login();
    // Four wrong tries: one more would lock the name.
    for (let i = 0; i < 4; i++) await new Client(server.origin).login(CHAIR.name, 'verkeerde wachtwoordzin');
    // Its own process, as an administrator runs it (asynchronously: this process serves the server meanwhile).
    const run = (args: string[], passphrase: string) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
        execFile(
          process.execPath,
          [TSX, 'electron/backend/server/server.main.ts', ...args],
          { cwd: ROOT, env: { ...process.env, UITSTROOMTAFEL_DATABASE_URL: url, UITSTROOMTAFEL_PASSPHRASE: passphrase } },
          (error, stdout, stderr) => done({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
        );
      });
    const unknown = await run(['passphrase', '--name', 'bram'], 'een nieuwe zin voor bram');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/Gebruiker 'bram' bestaat niet.*niets gewijzigd/);
    const short = await run(['passphrase', '--name', CHAIR.name], 'kort');
    expect(short.status).toBe(2);
    expect(short.stderr).toMatch(/minstens 12 tekens/);
    const done = await run(['passphrase', '--name', CHAIR.name], 'een nieuwe zin na het vergeten');
    expect(done.stderr).toBe('');
    expect(done.stdout).toMatch(/^Nieuwe wachtwoordzin ingesteld voor anna/);
    // The session ended; the old passphrase no longer works, the new one does.
    expect((await c.call('clients.list')).status).toBe(401);
    expect((await new Client(server.origin).login()).status).toBe(401);
    expect((await new Client(server.origin).login(CHAIR.name, 'een nieuwe zin na het vergeten')).status).toBe(200);
    const entry = await backend.database.db.selectFrom('audit_log').select(['actor', 'action', 'entity_id']).where('action', '=', 'reset-passphrase').executeTakeFirstOrThrow();
    expect(entry).toEqual({ actor: 'beheerder', action: 'reset-passphrase', entity_id: 'anna' });
    expect((await verifyAudit(backend.database.db)).intact).toBe(true);
  });
});

describe('many writers at once', () => {
  it('mutations through two servers at once (two connection pools) keep the audit chain whole (one head, no fork)', async () => {
    const { one, a, b } = await twoServersOneSession();
    const calls = Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).call('rounds.create', { date: '2026-12-10', windowFrom: '2026-12-10', windowTo: '2027-01-31', note: `ronde ${i}` }));
    const results = await Promise.all(calls);
    expect(results.filter((r) => !r.body.ok)).toEqual([]);
    const check = await verifyAudit(one.backend.database.db);
    expect(check).toMatchObject({ intact: true });
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from (select prev_hash from audit_log group by prev_hash having count(*) > 1) forks`.execute(one.backend.database.db);
    expect(rows[0]!.n).toBe(0);
  });
});

describe('what the server does instead of the laptop', () => {
  it('backups are the administrator’s (pg_dump): the list says so, making one in the app is refused with where to look', async () => {
    const url = await initialised();
    const { server } = await serve(url);
    const c = new Client(server.origin);
    await c.login();
    expect((await c.call('backups.list')).body.value).toEqual({ settings: { keep: 10, folder: '', byServer: true }, backups: [] });
    for (const [method, input] of [['backups.create', {}], ['backups.saveSettings', { keep: 3 }], ['backups.restore', { fileName: 'x.sqlite' }]] as const) {
      const r = await c.call(method, input);
      expect(r.body.error?.code, method).toBe('CONFLICT');
      expect(r.body.error?.message, method).toMatch(/regionale server.*(pg_dump|pg_restore).*README/);
    }
  });

  it('applies the retention rules once a day by itself, as the app (systeem)', async () => {
    const url = await initialised();
    let now = new Date('2026-12-06T03:00:00Z');
    const { backend } = await serve(url, {}, () => now);
    const runs = async () => (await backend.database.db.selectFrom('audit_log').select('at').where('action', '=', 'retention').where('actor', '=', 'systeem').execute()).map((r) => r.at);
    const daily = startDailyRetention(backend, { checkEveryMs: 50, onError: (e) => { throw e; } });
    open.push({ close: async () => { daily.stop(); await daily.idle(); } });
    await expect.poll(runs).toEqual(['2026-12-06T03:00:00.000Z']);
    now = new Date('2026-12-06T20:00:00Z');
    await new Promise((r) => setTimeout(r, 300));
    await daily.idle();
    expect(await runs()).toHaveLength(1);
    now = new Date('2026-12-07T03:00:01Z');
    await expect.poll(runs).toEqual(['2026-12-06T03:00:00.000Z', '2026-12-07T03:00:01.000Z']);
  });
});
