// Login, sessions and users, end to end through the real vault and gate: first setup, every role logging
// in, the logged-in name on every record, the same message for an unknown name and a wrong passphrase,
// lockout, failures while the database is locked, deactivation, converting a plain database, the HTTP
// cookie and the CLI. Real files, real SQLite (encrypted), the real keyring; no mocks.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { UserRow } from '../../shared/api/auth.contract';
import type { Result } from '../../shared/api/result';
import { Gate, type GateReply, createHostGate } from '../../electron/backend/auth/gate';
import { Keyring, LOCKOUT_MINUTES, keyringPath } from '../../electron/backend/auth/keyring';
import { LOGIN_FAILED, Vault } from '../../electron/backend/auth/vault';
import { createBackend, seedDemoIfEmpty } from '../../electron/backend/backend';
import { runCli } from '../../electron/backend/cli/cli';
import { isPlainSqliteFile } from '../../electron/backend/db/cipher';
import { type RunningServer, startHttpServer } from '../../electron/backend/http/http-server';
import { demoDatasetPath, sourceRoot } from '../../electron/backend/paths';
import { asChair } from '../../shared/auth/system-user';
import { formatMoment } from '../../shared/domain/moments';
import { miniDataset } from '../fixtures/mini-dataset';
import { openWithKey } from './cli-login';

const DEMO = demoDatasetPath(sourceRoot());
const CHAIR_PASS = 'de voorzitter heeft een lange zin';
const PASS = {
  zorg: 'medewerker van dijkzicht zorg',
  corp: 'contactpersoon van polderhuis',
  lezer: 'alleen maar cijfers lezen',
};

let dir: string;
let file: string;
let clock: Date;
const now = () => clock;
const vaults: Vault[] = [];

function newGate(): Gate {
  const vault = new Vault({ file, host: 'test', now, demoFile: DEMO });
  vaults.push(vault);
  return new Gate(vault);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ut-auth-'));
  file = join(dir, 'regio.sqlite');
  clock = new Date('2026-11-27T10:00:00Z');
});
afterEach(async () => {
  for (const v of vaults.splice(0)) await v.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The value of an ok reply (fails the test otherwise). */
function valueOf<T>(reply: GateReply): T {
  if (!reply.result.ok) throw new Error(`${reply.result.error.code}: ${reply.result.error.message}`);
  return reply.result.value as T;
}
const errorOf = (reply: GateReply) => {
  if (reply.result.ok) throw new Error('expected a refusal');
  return reply.result.error;
};
const sessionOf = (reply: GateReply) => {
  if (!reply.session || !('set' in reply.session)) throw new Error('expected a new session');
  return reply.session.set;
};

/** A set-up app (demo region) with a chair, a provider worker, a liaison and a read-only user. */
async function fourRoles(gate: Gate): Promise<{ chair: string }> {
  const setup = await gate.call(null, 'auth.setup', { name: 'anna', displayName: 'Anna Voorzitter', passphrase: CHAIR_PASS, demo: true });
  const chair = sessionOf(setup);
  valueOf(await gate.call(chair, 'users.create', { name: 'zorg', displayName: 'Zeynep Zorg', role: 'provider', careProviderId: 'prov-dijkzicht', corporationId: null, passphrase: PASS.zorg }));
  valueOf(await gate.call(chair, 'users.create', { name: 'corp', displayName: 'Kees Corporatie', role: 'liaison', careProviderId: null, corporationId: 'corp-polderhuis', passphrase: PASS.corp }));
  valueOf(await gate.call(chair, 'users.create', { name: 'lezer', displayName: 'Lies Lezer', role: 'readonly', careProviderId: null, corporationId: null, passphrase: PASS.lezer }));
  return { chair };
}

function auditRows(gate: Gate): { actor: string; action: string; entity: string; entity_id: string | null; detail: string; at: string }[] {
  return gate.vault.open!.database.sqlite.prepare('select actor, action, entity, entity_id, detail, at from audit_log order by id').all() as never;
}

describe('first start and login', () => {
  it('setup makes the encrypted database and the first chair; each role logs in and every record names who did it', async () => {
    const gate = newGate();
    expect(valueOf<{ state: string }>(await gate.call(null, 'auth.status', {})).state).toBe('setup');
    // Nothing but auth.* works before anyone logs in.
    expect(errorOf(await gate.call(null, 'clients.list', {}))).toEqual({ code: 'UNAUTHORIZED', message: 'Log eerst in.' });

    const { chair } = await fourRoles(gate);
    expect(existsSync(keyringPath(file))).toBe(true);
    expect(isPlainSqliteFile(file)).toBe(false);
    expect(Keyring.load(file).names().sort()).toEqual(['anna', 'corp', 'lezer', 'zorg']);
    // Setup again is refused once the app is set up.
    expect(errorOf(await gate.call(null, 'auth.setup', { name: 'eva', displayName: 'Eva', passphrase: 'nog een lange zin hier' })).code).toBe('CONFLICT');

    const users = valueOf<UserRow[]>(await gate.call(chair, 'users.list', {}));
    expect(users.map((u) => [u.name, u.role, u.careProviderId, u.corporationId, u.active])).toEqual([
      ['anna', 'chair', null, null, true],
      ['corp', 'liaison', null, 'corp-polderhuis', true],
      ['lezer', 'readonly', null, null, true],
      ['zorg', 'provider', 'prov-dijkzicht', null, true],
    ]);

    // The chair's round and decision carry the chair's name.
    const { id: roundId } = valueOf<{ id: number }>(await gate.call(chair, 'rounds.create', { date: '2026-11-27', windowFrom: '2026-11-27', windowTo: '2027-01-31' }));
    const { version, proposal } = valueOf<{ version: number; proposal: { matches: { clientId: string; unitId: string }[] } }>(await gate.call(chair, 'rounds.propose', { roundId }));
    const { clientId, unitId } = proposal.matches[0]!;
    const pair = { clientId, unitId };
    const decided = valueOf<{ decidedBy: string }>(
      await gate.call(chair, 'rounds.decide', { roundId, version, ...pair, decision: 'accepted', clientAnswer: 'accepted', seenDecidedAt: null }),
    );
    expect(decided.decidedBy).toBe('anna');
    const DIJKZICHT = 'Dijkzicht Zorg (beschermd wonen)';
    const all = valueOf<{ rows: { careProvider: string }[] }>(await gate.call(chair, 'clients.list', {}));
    const ownClients = all.rows.filter((r) => r.careProvider === DIJKZICHT).length;
    valueOf(await gate.call(chair, 'auth.logout', {}));
    expect(errorOf(await gate.call(chair, 'rounds.list', {})).code).toBe('UNAUTHORIZED');

    // Each role logs in with its own passphrase and is who the session says.
    const login = async (name: string, passphrase: string) => {
      const reply = await gate.call(null, 'auth.login', { name, passphrase });
      const status = valueOf<{ state: string; user: { name: string; role: string } }>(reply);
      expect(status.state).toBe('open');
      return { session: sessionOf(reply), user: status.user };
    };
    const zorg = await login('zorg', PASS.zorg);
    expect(zorg.user).toMatchObject({ name: 'zorg', role: 'provider', careProviderId: 'prov-dijkzicht' });
    const list = valueOf<{ rows: { careProvider: string }[] }>(await gate.call(zorg.session, 'clients.list', {}));
    expect(list.rows.length).toBe(ownClients);
    expect(list.rows.length).toBeGreaterThan(10);
    expect(all.rows.length).toBeGreaterThan(list.rows.length);
    expect(list.rows.every((r) => r.careProvider === DIJKZICHT)).toBe(true);
    expect(errorOf(await gate.call(zorg.session, 'rounds.list', {})).code).toBe('FORBIDDEN');

    const corp = await login('corp', PASS.corp);
    expect(errorOf(await gate.call(corp.session, 'clients.list', {})).code).toBe('FORBIDDEN');
    expect(valueOf<{ id: number }[]>(await gate.call(corp.session, 'rounds.list', {})).map((r) => r.id)).toContain(roundId);

    const lezer = await login('lezer', PASS.lezer);
    valueOf(await gate.call(lezer.session, 'monitor.figures', {}));
    expect(errorOf(await gate.call(lezer.session, 'users.list', {})).code).toBe('FORBIDDEN');
    // Sessions are independent: the provider worker is still logged in.
    expect(valueOf<{ user: { name: string } }>(await gate.call(zorg.session, 'auth.status', {})).user.name).toBe('zorg');

    const audit = auditRows(gate);
    const by = (action: string, entity: string) => audit.filter((r) => r.action === action && r.entity === entity).map((r) => r.actor);
    expect(by('setup', 'user')).toEqual(['anna']);
    expect(by('login', 'user')).toEqual(['anna', 'zorg', 'corp', 'lezer']);
    expect(by('logout', 'user')).toEqual(['anna']);
    expect(by('create', 'user')).toEqual(['anna', 'anna', 'anna']);
    expect(by('create', 'round')).toEqual(['anna']);
    expect(audit.filter((r) => r.action === 'denied').map((r) => [r.actor, r.entity_id])).toEqual([
      ['zorg', 'rounds.list'],
      ['corp', 'clients.list'],
      ['lezer', 'users.list'],
    ]);
    // The provider worker's read of client data is logged under their name.
    expect(audit.some((r) => r.actor === 'zorg' && r.action === 'list' && r.entity === 'client')).toBe(true);
    // No passphrase anywhere in the log.
    const text = JSON.stringify(audit);
    for (const p of [CHAIR_PASS, ...Object.values(PASS)]) expect(text.includes(p)).toBe(false);
  }, 120_000);

  it('an unknown name and a wrong passphrase get the same message; both are audited, the unknown name itself is not stored', async () => {
    const gate = newGate();
    await fourRoles(gate);
    const wrong = errorOf(await gate.call(null, 'auth.login', { name: 'zorg', passphrase: 'niet de goede zin' }));
    const unknown = errorOf(await gate.call(null, 'auth.login', { name: 'mijn geheime zin per ongeluk', passphrase: PASS.zorg }));
    expect(wrong).toEqual({ code: 'UNAUTHORIZED', message: LOGIN_FAILED });
    expect(unknown).toEqual(wrong);
    expect(LOGIN_FAILED).toBe('Onbekende naam of verkeerde wachtwoordzin.');
    const failed = auditRows(gate).filter((r) => r.action === 'login-failed');
    expect(failed.map((r) => [r.actor, r.entity_id])).toEqual([
      ['zorg', 'zorg'],
      ['onbekend', null],
    ]);
    expect(JSON.parse(failed[0]!.detail)).toMatchObject({ failures: 1 });
    expect(JSON.stringify(auditRows(gate))).not.toContain('mijn geheime zin');
  }, 60_000);

  it('five failures lock a name (the right passphrase too) until the chair unlocks it or the time has passed', async () => {
    const gate = newGate();
    const { chair } = await fourRoles(gate);
    for (let i = 1; i <= 4; i++) expect(errorOf(await gate.call(null, 'auth.login', { name: 'zorg', passphrase: `fout ${i}` })).message).toBe(LOGIN_FAILED);
    const fifth = errorOf(await gate.call(null, 'auth.login', { name: 'zorg', passphrase: 'fout 5' }));
    const until = new Date(clock.getTime() + LOCKOUT_MINUTES * 60_000).toISOString();
    expect(fifth.message).toBe(`${LOGIN_FAILED} Te veel mislukte pogingen: zorg is geblokkeerd tot ${formatMoment(until)}. Probeer het daarna opnieuw, of vraag de voorzitter de blokkade op te heffen.`);
    expect(formatMoment(until)).toBe('27-11-2026 11:15');
    // Locked: the right passphrase is refused too, with until when.
    const locked = errorOf(await gate.call(null, 'auth.login', { name: 'zorg', passphrase: PASS.zorg }));
    expect(locked.message).toContain('zorg is geblokkeerd tot 27-11-2026 11:15');
    expect(valueOf<UserRow[]>(await gate.call(chair, 'users.list', {})).find((u) => u.name === 'zorg')!.lockedUntil).toBe(until);
    expect(auditRows(gate).filter((r) => r.action === 'login-refused').map((r) => r.actor)).toEqual(['zorg']);

    // The chair lifts it.
    valueOf(await gate.call(chair, 'users.unlock', { name: 'zorg' }));
    sessionOf(await gate.call(null, 'auth.login', { name: 'zorg', passphrase: PASS.zorg }));

    // Locked again, it lifts by itself after the lockout time.
    for (let i = 1; i <= 5; i++) await gate.call(null, 'auth.login', { name: 'corp', passphrase: `fout ${i}` });
    expect(errorOf(await gate.call(null, 'auth.login', { name: 'corp', passphrase: PASS.corp })).message).toContain('geblokkeerd');
    clock = new Date(clock.getTime() + (LOCKOUT_MINUTES + 1) * 60_000);
    sessionOf(await gate.call(null, 'auth.login', { name: 'corp', passphrase: PASS.corp }));
  }, 60_000);

  it('failures while the database is locked reach the audit log at the next open', async () => {
    const first = newGate();
    await fourRoles(first);
    await first.vault.close();
    // As after a restart: the database is locked again.
    const gate = newGate();
    expect(valueOf<{ state: string }>(await gate.call(null, 'auth.status', {})).state).toBe('locked');
    clock = new Date('2026-11-27T11:00:00Z');
    expect(errorOf(await gate.call(null, 'auth.login', { name: 'corp', passphrase: 'verkeerd' })).message).toBe(LOGIN_FAILED);
    clock = new Date('2026-11-27T11:01:00Z');
    expect(errorOf(await gate.call(null, 'auth.login', { name: 'niemand', passphrase: 'verkeerd' })).message).toBe(LOGIN_FAILED);
    expect(gate.vault.open).toBeNull();
    expect(JSON.parse(readFileSync(keyringPath(file), 'utf8')).pendingAudit).toHaveLength(2);
    clock = new Date('2026-11-27T11:02:00Z');
    sessionOf(await gate.call(null, 'auth.login', { name: 'anna', passphrase: CHAIR_PASS }));
    const tail = auditRows(gate).slice(-3);
    expect(tail.map((r) => [r.actor, r.action, r.entity_id, r.at])).toEqual([
      ['corp', 'login-failed', 'corp', '2026-11-27T11:00:00.000Z'],
      ['onbekend', 'login-failed', null, '2026-11-27T11:01:00.000Z'],
      ['anna', 'login', 'anna', '2026-11-27T11:02:00.000Z'],
    ]);
    expect(JSON.parse(tail[0]!.detail)).toMatchObject({ whileLocked: true, failures: 1 });
    // Taken from the keyring once written.
    expect(JSON.parse(readFileSync(keyringPath(file), 'utf8')).pendingAudit).toEqual([]);
    const check = valueOf<{ intact: boolean }>(await gate.call(sessionOf(await gate.call(null, 'auth.login', { name: 'anna', passphrase: CHAIR_PASS })), 'audit.verify', {}));
    expect(check.intact).toBe(true);
  }, 60_000);

  it('a deactivated user is logged out and refused, and loses their key; a chair cannot remove their own role, the last chair stays', async () => {
    const gate = newGate();
    const { chair } = await fourRoles(gate);
    const zorg = sessionOf(await gate.call(null, 'auth.login', { name: 'zorg', passphrase: PASS.zorg }));
    const row = valueOf<UserRow[]>(await gate.call(chair, 'users.list', {})).find((u) => u.name === 'zorg')!;
    const update = { name: 'zorg', displayName: row.displayName, role: row.role, careProviderId: row.careProviderId, corporationId: null };
    const off = valueOf<UserRow>(await gate.call(chair, 'users.update', { ...update, active: false, expectedVersion: row.version }));
    expect(off.active).toBe(false);
    expect(Keyring.load(file).has('zorg')).toBe(false);
    // The live session ends at its next call; a new login is refused with the usual message.
    expect(errorOf(await gate.call(zorg, 'clients.list', {})).code).toBe('UNAUTHORIZED');
    expect(errorOf(await gate.call(null, 'auth.login', { name: 'zorg', passphrase: PASS.zorg })).message).toBe(LOGIN_FAILED);
    // A stale update is refused with who changed it.
    const stale = errorOf(await gate.call(chair, 'users.update', { ...update, active: true, expectedVersion: row.version }));
    expect(stale.code).toBe('STALE');
    expect(stale.message).toContain('door Anna Voorzitter');
    // Reactivated, the user needs a new passphrase from the chair.
    valueOf(await gate.call(chair, 'users.update', { ...update, active: true, expectedVersion: off.version }));
    valueOf(await gate.call(chair, 'users.resetPassphrase', { name: 'zorg', passphrase: 'een nieuwe lange zin voor zorg' }));
    sessionOf(await gate.call(null, 'auth.login', { name: 'zorg', passphrase: 'een nieuwe lange zin voor zorg' }));

    const me = valueOf<UserRow[]>(await gate.call(chair, 'users.list', {})).find((u) => u.name === 'anna')!;
    const self = { name: 'anna', displayName: me.displayName, careProviderId: null, corporationId: null, expectedVersion: me.version };
    expect(errorOf(await gate.call(chair, 'users.update', { ...self, role: 'readonly', active: true })).message).toContain('eigen rol van voorzitter');
    expect(errorOf(await gate.call(chair, 'users.update', { ...self, role: 'chair', active: false })).message).toContain('uzelf niet deactiveren');
    // A second chair may not demote the last other chair either.
    valueOf(await gate.call(chair, 'users.create', { name: 'bert', displayName: 'Bert', role: 'chair', careProviderId: null, corporationId: null, passphrase: 'bert is ook voorzitter' }));
    const bert = sessionOf(await gate.call(null, 'auth.login', { name: 'bert', passphrase: 'bert is ook voorzitter' }));
    valueOf(await gate.call(bert, 'users.update', { ...self, role: 'readonly', active: true }));
    const bertRow = valueOf<UserRow[]>(await gate.call(bert, 'users.list', {})).find((u) => u.name === 'bert')!;
    // anna is read-only now: her session follows at once.
    expect(errorOf(await gate.call(chair, 'users.list', {})).code).toBe('FORBIDDEN');
    // bert is the last active chair: not even a caller outside the users table (a host task) may demote him.
    const last = await gate.vault.open!.dispatch(
      'users.update',
      { name: 'bert', displayName: 'Bert', role: 'readonly', careProviderId: null, corporationId: null, active: true, expectedVersion: bertRow.version },
      asChair('beheer'),
    );
    expect(last.ok ? null : last.error.message).toBe('Bert (bert) is de laatste actieve voorzitter; maak eerst iemand anders voorzitter. Er is niets gewijzigd.');
    // A binding must name an organisation that exists.
    const bad = errorOf(await gate.call(bert, 'users.create', { name: 'x1', displayName: 'X', role: 'liaison', careProviderId: null, corporationId: 'corp-bestaat-niet', passphrase: 'een zin van lengte genoeg' }));
    expect(bad).toMatchObject({ code: 'VALIDATION', problems: [{ path: 'corporationId' }] });
  }, 120_000);

  it('everyone changes their own passphrase with the current one; the old one no longer opens', async () => {
    const gate = newGate();
    await fourRoles(gate);
    const lezer = sessionOf(await gate.call(null, 'auth.login', { name: 'lezer', passphrase: PASS.lezer }));
    const wrong = errorOf(await gate.call(lezer, 'account.changePassphrase', { current: 'niet mijn zin', next: 'een gloednieuwe lange zin' }));
    expect(wrong).toMatchObject({ code: 'VALIDATION', problems: [{ path: 'current' }] });
    valueOf(await gate.call(lezer, 'account.changePassphrase', { current: PASS.lezer, next: 'een gloednieuwe lange zin' }));
    expect(errorOf(await gate.call(null, 'auth.login', { name: 'lezer', passphrase: PASS.lezer })).message).toBe(LOGIN_FAILED);
    sessionOf(await gate.call(null, 'auth.login', { name: 'lezer', passphrase: 'een gloednieuwe lange zin' }));
    expect(auditRows(gate).filter((r) => r.action === 'change-passphrase').map((r) => r.actor)).toEqual(['lezer']);
  }, 60_000);

  it('a session ends after 30 minutes without a call', async () => {
    const gate = newGate();
    const { chair } = await fourRoles(gate);
    clock = new Date(clock.getTime() + 29 * 60_000);
    valueOf(await gate.call(chair, 'rounds.list', {}));
    clock = new Date(clock.getTime() + 31 * 60_000);
    const reply = await gate.call(chair, 'rounds.list', {});
    expect(errorOf(reply)).toEqual({ code: 'UNAUTHORIZED', message: 'Log eerst in.' });
    expect(reply.session).toEqual({ clear: true });
  }, 60_000);
});

describe('restore through the gate', () => {
  it('the chair restores a backup: the database is replaced and reopened with the same key, everyone is logged out; others may not', async () => {
    const gate = createHostGate({ file, host: 'test', now, demoFile: DEMO });
    vaults.push(gate.vault);
    const { chair } = await fourRoles(gate);
    const backup = valueOf<{ fileName: string }>(await gate.call(chair, 'backups.create', {}));
    const { id: roundId } = valueOf<{ id: number }>(await gate.call(chair, 'rounds.create', { date: '2026-11-27', windowFrom: '2026-11-27', windowTo: '2027-01-31' }));
    const zorg = sessionOf(await gate.call(null, 'auth.login', { name: 'zorg', passphrase: PASS.zorg }));
    const refused = errorOf(await gate.call(zorg, 'backups.restore', { fileName: backup.fileName }));
    expect(refused.code).toBe('FORBIDDEN');

    const reply = await gate.call(chair, 'backups.restore', { fileName: backup.fileName });
    expect(valueOf<{ restored: string; keptAside: string }>(reply)).toMatchObject({ restored: backup.fileName, keptAside: expect.stringContaining('before-restore') });
    expect(reply.session).toEqual({ clear: true });
    // Everyone is logged out; the database is open again (same key) without the round made after the backup.
    expect(errorOf(await gate.call(zorg, 'clients.list', {})).code).toBe('UNAUTHORIZED');
    expect(gate.vault.state()).toBe('open');
    const again = sessionOf(await gate.call(null, 'auth.login', { name: 'anna', passphrase: CHAIR_PASS }));
    expect(valueOf<{ id: number }[]>(await gate.call(again, 'rounds.list', {})).map((r) => r.id)).not.toContain(roundId);
    const restoreRows = auditRows(gate).filter((r) => r.action === 'restore');
    expect(restoreRows.map((r) => [r.actor, r.entity_id])).toEqual([['anna', backup.fileName]]);
    // A name that is not a backup of this database is refused, and nothing changes.
    expect(errorOf(await gate.call(again, 'backups.restore', { fileName: '../regio.sqlite' })).code).toBe('VALIDATION');
  }, 120_000);
});

describe('an older plain database', () => {
  async function plainDemo(): Promise<number> {
    const b = await createBackend(file, { host: 'test', now });
    await seedDemoIfEmpty(b, DEMO, 'oud');
    const n = (b.database.sqlite.prepare('select count(*) as n from clients').get() as { n: number }).n;
    await b.close();
    return n;
  }

  it('is encrypted by setup: same records, no readable names in the file, the first user a chair', async () => {
    const clients = await plainDemo();
    expect(isPlainSqliteFile(file)).toBe(true);
    expect(readFileSync(file).includes(Buffer.from('Michelle'))).toBe(true);
    const gate = newGate();
    const status = valueOf<{ state: string; databasePath: string }>(await gate.call(null, 'auth.status', {}));
    expect(status).toMatchObject({ state: 'convert', databasePath: file });
    const chair = sessionOf(await gate.call(null, 'auth.setup', { name: 'anna', displayName: 'Anna', passphrase: CHAIR_PASS }));
    expect(isPlainSqliteFile(file)).toBe(false);
    expect(existsSync(`${file}.converting`)).toBe(false);
    valueOf(await gate.call(chair, 'clients.list', {}));
    expect((gate.vault.open!.database.sqlite.prepare('select count(*) as n from clients').get() as { n: number }).n).toBe(clients);
    await gate.vault.close();
    for (const f of [file, `${file}-wal`]) if (existsSync(f)) expect(readFileSync(f).includes(Buffer.from('Michelle')), f).toBe(false);
    const again = newGate();
    sessionOf(await again.call(null, 'auth.login', { name: 'anna', passphrase: CHAIR_PASS }));
    const setup = auditRows(again).find((r) => r.action === 'setup')!;
    expect(JSON.parse(setup.detail)).toMatchObject({ role: 'chair', encrypted: { rows: expect.any(Number) } });
  }, 120_000);

  it('an interrupted conversion (keyring made, file still plain) is finished by the login with that slot', async () => {
    const clients = await plainDemo();
    await Keyring.create(file, 'anna', CHAIR_PASS);
    const gate = newGate();
    expect(valueOf<{ state: string }>(await gate.call(null, 'auth.status', {})).state).toBe('locked');
    const user = valueOf<{ user: { name: string; role: string } }>(await gate.call(null, 'auth.login', { name: 'anna', passphrase: CHAIR_PASS })).user;
    expect(user).toMatchObject({ name: 'anna', role: 'chair' });
    expect(isPlainSqliteFile(file)).toBe(false);
    expect((gate.vault.open!.database.sqlite.prepare('select count(*) as n from clients').get() as { n: number }).n).toBe(clients);
  }, 120_000);
});

describe('browser mode', () => {
  let server: RunningServer;
  let httpDir: string;
  beforeAll(async () => {
    httpDir = mkdtempSync(join(tmpdir(), 'ut-auth-http-'));
    writeFileSync(join(httpDir, 'index.html'), '<!doctype html><title>t</title>');
    const vault = new Vault({ file: join(httpDir, 'db.sqlite'), host: 'browser' });
    server = await startHttpServer({ gate: new Gate(vault), staticDir: httpDir, port: 0 });
    vaults.push(vault);
  });
  afterAll(async () => {
    await server.close();
    rmSync(httpDir, { recursive: true, force: true });
  });

  function post(method: string, input: unknown, cookie?: string): Promise<{ status: number; setCookie: string[]; body: Result<unknown>; raw: string }> {
    return new Promise((resolve, reject) => {
      const text = JSON.stringify(input);
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: `/api/${method}`,
          method: 'POST',
          agent: false,
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, ...(cookie ? { Cookie: cookie } : {}) },
        },
        (res) => {
          let raw = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (raw += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, setCookie: res.headers['set-cookie'] ?? [], body: JSON.parse(raw) as Result<unknown>, raw }));
        },
      );
      req.on('error', reject);
      req.end(text);
    });
  }

  it('login sets an HttpOnly SameSite=Strict cookie (never the id in the body); without it the API answers 401; logout clears it', async () => {
    const setup = await post('auth.setup', { name: 'anna', displayName: 'Anna', passphrase: CHAIR_PASS });
    expect(setup.status).toBe(200);
    expect(setup.setCookie).toHaveLength(1);
    const cookie = setup.setCookie[0]!;
    expect(cookie).toMatch(/^ut_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/$/);
    const pair = cookie.split(';')[0]!;
    const id = pair.slice('ut_session='.length);
    expect(setup.raw.includes(id)).toBe(false);
    await post('dataset.import', { dataset: miniDataset(), source: 'test' }, pair);

    const without = await post('clients.list', {});
    expect(without.status).toBe(401);
    expect(without.body).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Log eerst in.' } });
    expect(without.raw).not.toContain('K-1');
    const forged = await post('clients.list', {}, 'ut_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(forged.status).toBe(401);
    const withCookie = await post('clients.list', {}, pair);
    expect(withCookie.status).toBe(200);
    expect(withCookie.raw).toContain('K-1');

    const out = await post('auth.logout', {}, pair);
    expect(out.setCookie).toEqual(['ut_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0']);
    expect((await post('clients.list', {}, pair)).status).toBe(401);

    const wrong = await post('auth.login', { name: 'anna', passphrase: 'verkeerde zin' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: LOGIN_FAILED } });
    expect(wrong.setCookie).toEqual([]);
    const login = await post('auth.login', { name: 'anna', passphrase: CHAIR_PASS });
    expect(login.setCookie[0]).toMatch(/^ut_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/$/);
    expect((login.body as { value: { user: { name: string } } }).value.user.name).toBe('anna');
  }, 60_000);
});

describe('command line', () => {
  it('init and export --user with the passphrase from the environment; a wrong one exits 1 in Dutch; a liaison may not export', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = (passphrase: string) => ({ out: (l: string) => out.push(l), err: (l: string) => err.push(l), env: { UITSTROOMTAFEL_PASSPHRASE: passphrase } });
    expect(await runCli(['init', '--db', file, '--user', 'anna', '--demo'], io(CHAIR_PASS))).toBe(0);
    expect(out.join('\n')).toContain('eerste gebruiker: anna (voorzitter)');
    expect(await runCli(['export', '--db', file, '--user', 'anna', '--out', join(dir, 'regio.json')], io(CHAIR_PASS))).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'regio.json'), 'utf8')).clients.length).toBe(60);

    err.length = 0;
    expect(await runCli(['export', '--db', file, '--user', 'anna', '--out', join(dir, 'twee.json')], io('verkeerde wachtwoordzin'))).toBe(1);
    expect(err).toEqual([`Fout: ${LOGIN_FAILED}`]);
    expect(existsSync(join(dir, 'twee.json'))).toBe(false);
    // Without --user: a usage error.
    expect(await runCli(['export', '--db', file, '--out', join(dir, 'twee.json')], io(CHAIR_PASS))).toBe(2);
    // No passphrase at all and no terminal: a clear message, no hang.
    err.length = 0;
    expect(await runCli(['export', '--db', file, '--user', 'anna', '--out', join(dir, 'twee.json')], { ...io(''), env: {} })).toBe(1);
    expect(err.join('\n')).toContain('UITSTROOMTAFEL_PASSPHRASE');

    // The chair makes a liaison; the liaison's export is refused by the access matrix, and audited.
    const gate = newGate();
    const chair = sessionOf(await gate.call(null, 'auth.login', { name: 'anna', passphrase: CHAIR_PASS }));
    valueOf(await gate.call(chair, 'users.create', { name: 'corp', displayName: 'Kees', role: 'liaison', careProviderId: null, corporationId: 'corp-polderhuis', passphrase: PASS.corp }));
    await gate.vault.close();
    err.length = 0;
    expect(await runCli(['export', '--db', file, '--user', 'corp', '--out', join(dir, 'corp.json')], io(PASS.corp))).toBe(1);
    expect(err).toEqual(['Fout: Uw rol (liaison) mag dataset.export niet gebruiken.']);
    expect(existsSync(join(dir, 'corp.json'))).toBe(false);
    const key = (await Keyring.load(file).unwrap('anna', CHAIR_PASS))!;
    const db = openWithKey(file, key, { readonly: true });
    const denied = db.prepare("select actor, entity_id from audit_log where action = 'denied'").all();
    db.close();
    expect(denied).toEqual([{ actor: 'corp', entity_id: 'dataset.export' }]);
  }, 120_000);
});
