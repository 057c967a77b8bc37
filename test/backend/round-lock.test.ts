// The round lock (issue 15, the regional server): a round is prepared by one chair at a time. Every
// preparing write takes or renews the lock; another chair's is refused (CONFLICT, naming who and since
// when) and writes nothing; the lock expires after ROUND_LOCK_MINUTES without activity, the holder can
// release it, and a chair can take it over (audited, naming the previous holder). Two chairs writing at
// the same moment: exactly one gets the round. Through the real dispatcher, on SQLite and PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import type { ApiError, Result } from '../../shared/api/result';
import { ROUND_LOCK_MINUTES } from '../../shared/api/rounds.contract';
import { asChair } from '../../shared/auth/system-user';
import { auditLine, auditNames } from '../../renderer/src/ui/audit-text.util';
import { miniDataset } from '../fixtures/mini-dataset';
import { row, rows, run } from '../pg/sql';
import { FIXED_NOW, call, importDataset, memoryBackend } from './helpers';

let b: Backend;
/** The backend's clock: moved forward by tests. */
let clock: Date;
let roundId: number;

const at = (minutes: number) => new Date(FIXED_NOW.getTime() + minutes * 60_000);

beforeEach(async () => {
  clock = FIXED_NOW;
  b = await memoryBackend(() => clock);
  await importDataset(b, miniDataset());
  // Two chairs with accounts (display names), and a third the database does not know.
  for (const [name, display] of [
    ['anna', 'Anna de Vries'],
    ['bram', 'Bram Jansen'],
  ]) {
    await run(b, 'insert into users (name, display_name, role, created_at) values (?, ?, ?, ?)', name, display, 'chair', '2026-11-01T09:00:00.000Z');
  }
  roundId = (await call(b, 'rounds.create', { date: '2026-11-27', windowFrom: '2026-11-27', windowTo: '2027-01-31' }, 'anna')).id;
});
afterEach(async () => b?.close());

async function as<M extends MethodName>(actor: string, method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
  return (await b.dispatch(method, input, asChair(actor))) as Result<MethodOutput<M>>;
}

async function refused<M extends MethodName>(actor: string, method: M, input: MethodInput<M>): Promise<ApiError> {
  const r = await as(actor, method, input);
  if (r.ok) throw new Error(`${method} by ${actor} was expected to be refused`);
  return r.error;
}

const auditCount = async () => Number((await row<{ n: number }>(b, 'select count(*) as n from audit_log'))!.n);
const lockRow = () => row<{ holder: string; since: string; activity: string }>(b, 'select holder, since, activity from round_locks where round_id = ?', roundId);

/** FIXED_NOW in Dutch time, as messages write it. */
const SINCE = '27-11-2026 11:00';
const heldBy = (name: string, since = SINCE) => `Ronde ${roundId} wordt voorbereid door ${name} sinds ${since}; er is niets gewijzigd.`;

/** Every preparing write, as a chair would make it on the mini region's round. */
function preparingWrites(): { method: MethodName; input: unknown }[] {
  return [
    { method: 'rounds.setMember', input: { roundId, kind: 'client', id: 'K-1', included: false, reason: 'Verhuist zelf' } },
    { method: 'rounds.addControl', input: { roundId, kind: 'set-aside-unit', unitId: 'W-1', reason: 'Renovatie' } },
    { method: 'rounds.setPlanning', input: { roundId, planning: { mode: 'spend-now' } } },
    { method: 'rounds.propose', input: { roundId } },
    { method: 'rounds.close', input: { roundId } },
  ];
}

describe('who prepares the round', () => {
  it('the chair who creates a round holds it; rounds.get and rounds.list show it, and whether it is the caller', async () => {
    const mine = (await call(b, 'rounds.get', { id: roundId }, 'anna')).lock;
    expect(mine).toEqual({
      holder: 'anna',
      holderName: 'Anna de Vries',
      since: FIXED_NOW.toISOString(),
      activity: FIXED_NOW.toISOString(),
      expiresAt: at(ROUND_LOCK_MINUTES).toISOString(),
      mine: true,
    });
    expect((await call(b, 'rounds.get', { id: roundId }, 'bram')).lock).toEqual({ ...mine, mine: false });
    const listed = (await call(b, 'rounds.list', {}, 'bram')).find((r) => r.id === roundId);
    expect(listed?.lock).toEqual({ ...mine, mine: false });
  });

  it("another chair's preparing writes are refused with who and since when, and write nothing", async () => {
    clock = at(5);
    const before = await auditCount();
    const round = await call(b, 'rounds.get', { id: roundId }, 'bram');
    const afterRead = await auditCount(); // a read of client data is logged itself
    for (const { method, input } of preparingWrites()) {
      const e = await refused('bram', method, input as never);
      expect([method, e.code]).toEqual([method, 'CONFLICT']);
      expect(e.message).toContain(heldBy('Anna de Vries'));
      expect(e.message).toContain('Wacht tot Anna de Vries de ronde vrijgeeft (of tot 27-11-2026 11:15, na 15 minuten zonder activiteit), of neem de voorbereiding over.');
    }
    expect(afterRead).toBeGreaterThanOrEqual(before);
    expect(await auditCount()).toBe(afterRead);
    const now = await call(b, 'rounds.get', { id: roundId }, 'anna');
    expect(now.clients).toEqual(round.clients);
    expect(now.controls).toEqual([]);
    expect(now.planning.setAt).toBeNull();
    expect(now.versions).toEqual([]);
    expect(now.status).toBe('preparing');
    expect(await lockRow()).toEqual({ holder: 'anna', since: FIXED_NOW.toISOString(), activity: FIXED_NOW.toISOString() });
  });

  it('the holder writes on; each write renews the activity and keeps the start', async () => {
    clock = at(10);
    await call(b, 'rounds.setMember', { roundId, kind: 'client', id: 'K-1', included: false, reason: 'Verhuist zelf' }, 'anna');
    clock = at(20); // 10 minutes after the last write: still held
    const { id } = await call(b, 'rounds.addControl', { roundId, kind: 'set-aside-unit', unitId: 'W-1', reason: 'Renovatie' }, 'anna');
    clock = at(34);
    expect((await refused('bram', 'rounds.liftControl', { roundId, controlId: id, reason: 'Toch niet' })).message).toContain(heldBy('Anna de Vries'));
    await call(b, 'rounds.liftControl', { roundId, controlId: id, reason: 'Toch niet' }, 'anna');
    expect(await lockRow()).toEqual({ holder: 'anna', since: FIXED_NOW.toISOString(), activity: at(34).toISOString() });
  });

  it('decisions recorded at the meeting are preparing writes too', async () => {
    const { version, proposal } = await call(b, 'rounds.propose', { roundId }, 'anna');
    const pair = proposal.matches[0]!;
    expect(pair).toBeDefined();
    const input = { roundId, version, clientId: pair.clientId, unitId: pair.unitId, decision: 'accepted', clientAnswer: 'accepted', seenDecidedAt: null } as const;
    expect((await refused('bram', 'rounds.decide', input)).message).toContain(heldBy('Anna de Vries'));
    expect((await call(b, 'rounds.get', { id: roundId })).decisions).toEqual([]);
    await call(b, 'rounds.decide', input, 'anna');
  });

  it(`expires after ${ROUND_LOCK_MINUTES} minutes without activity: the next chair's write takes it, from then on`, async () => {
    clock = at(ROUND_LOCK_MINUTES - 1);
    expect((await refused('bram', 'rounds.setPlanning', { roundId, planning: { mode: 'spend-now' } })).code).toBe('CONFLICT');
    clock = at(ROUND_LOCK_MINUTES + 1);
    expect((await call(b, 'rounds.get', { id: roundId }, 'bram')).lock).toBeNull();
    expect((await call(b, 'rounds.list', {}, 'bram')).find((r) => r.id === roundId)?.lock).toBeNull();
    await call(b, 'rounds.setPlanning', { roundId, planning: { mode: 'spend-now' } }, 'bram');
    expect((await call(b, 'rounds.get', { id: roundId }, 'anna')).lock).toMatchObject({ holder: 'bram', holderName: 'Bram Jansen', since: clock.toISOString(), mine: false });
    // Now Anna is the one refused, told since when Bram prepares it.
    const e = await refused('anna', 'rounds.setPlanning', { roundId, planning: { mode: 'policy' } });
    expect(e.message).toContain(heldBy('Bram Jansen', '27-11-2026 11:16'));
  });

  it('a chair without an account is named by login name', async () => {
    clock = at(ROUND_LOCK_MINUTES + 1);
    await call(b, 'rounds.setPlanning', { roundId, planning: { mode: 'spend-now' } }, 'gast');
    expect((await refused('anna', 'rounds.setPlanning', { roundId, planning: { mode: 'policy' } })).message).toContain(heldBy('gast', '27-11-2026 11:16'));
  });
});

describe('release and take over', () => {
  it('the holder releases the round (audited); then another chair can prepare it', async () => {
    clock = at(3);
    expect((await refused('bram', 'rounds.release', { roundId })).message).toBe(
      `Ronde ${roundId} wordt voorbereid door Anna de Vries, niet door u; alleen Anna de Vries kan haar vrijgeven (of neem de voorbereiding over).`,
    );
    await call(b, 'rounds.release', { roundId }, 'anna');
    expect(await lockRow()).toBeUndefined();
    expect((await call(b, 'rounds.get', { id: roundId }, 'anna')).lock).toBeNull();
    const entry = await row<{ actor: string; action: string; entity_id: string; detail: string }>(b, "select actor, action, entity_id, detail from audit_log where action = 'lock-release'");
    expect(entry).toMatchObject({ actor: 'anna', action: 'lock-release', entity_id: String(roundId) });
    expect(JSON.parse(entry!.detail)).toEqual({ since: FIXED_NOW.toISOString(), activity: FIXED_NOW.toISOString() });
    expect(auditLine({ action: 'lock-release', entity: 'round', entityId: String(roundId), detail: entry!.detail })).toMatchObject({
      action: 'voorbereiding vrijgegeven',
      detail: `voorbereid sinds ${SINCE}`,
    });
    expect((await refused('anna', 'rounds.release', { roundId })).message).toBe(`Niemand bereidt ronde ${roundId} voor; er is niets vrij te geven.`);
    await call(b, 'rounds.setMember', { roundId, kind: 'client', id: 'K-1', included: false, reason: 'Verhuist zelf' }, 'bram');
    expect(await lockRow()).toMatchObject({ holder: 'bram', since: at(3).toISOString() });
  });

  it('a chair takes over a live lock: audited with the previous holder; the previous holder is refused from then on', async () => {
    clock = at(8);
    const lock = await call(b, 'rounds.takeOver', { roundId, holder: 'anna' }, 'bram');
    expect(lock).toEqual({ holder: 'bram', holderName: 'Bram Jansen', since: at(8).toISOString(), activity: at(8).toISOString(), expiresAt: at(8 + ROUND_LOCK_MINUTES).toISOString(), mine: true });
    const entry = await row<{ actor: string; entity: string; entity_id: string; detail: string }>(b, "select actor, entity, entity_id, detail from audit_log where action = 'lock-take-over'");
    expect(entry).toMatchObject({ actor: 'bram', entity: 'round', entity_id: String(roundId) });
    expect(JSON.parse(entry!.detail)).toEqual({ previous: 'anna', previousSince: FIXED_NOW.toISOString(), previousActivity: FIXED_NOW.toISOString(), expired: false });
    // The Logboek reads it in Dutch, naming Anna by her display name.
    const names = auditNames(null, [{ name: 'anna', displayName: 'Anna de Vries' }]);
    expect(auditLine({ action: 'lock-take-over', entity: 'round', entityId: String(roundId), detail: entry!.detail }, names)).toMatchObject({
      action: 'voorbereiding overgenomen',
      detail: `van Anna de Vries, die de ronde voorbereidde sinds ${SINCE}`,
    });
    expect((await refused('anna', 'rounds.setMember', { roundId, kind: 'client', id: 'K-1', included: false, reason: 'x' })).message).toContain(heldBy('Bram Jansen', '27-11-2026 11:08'));
    // Taking it over from oneself, or from a holder one did not see, is refused.
    expect((await refused('bram', 'rounds.takeOver', { roundId, holder: 'anna' })).code).toBe('CONFLICT');
    const stale = await refused('carla', 'rounds.takeOver', { roundId, holder: 'anna' });
    expect([stale.code, stale.message]).toEqual(['STALE', `Ronde ${roundId} wordt intussen voorbereid door Bram Jansen; er is niets overgenomen. Laad opnieuw en kies dan opnieuw.`]);
    // Anna takes it back, having seen Bram hold it.
    await call(b, 'rounds.takeOver', { roundId, holder: 'bram' }, 'anna');
    expect(await lockRow()).toMatchObject({ holder: 'anna', since: at(8).toISOString() });
  });

  it('an expired or free lock can be taken over too; a closed round has no lock and cannot be taken over', async () => {
    clock = at(60);
    await call(b, 'rounds.takeOver', { roundId, holder: 'anna' }, 'bram');
    const entries = await rows<{ detail: string }>(b, "select detail from audit_log where action = 'lock-take-over' order by id");
    expect(JSON.parse(entries[0]!.detail)).toMatchObject({ previous: 'anna', expired: true });
    await call(b, 'rounds.release', { roundId }, 'bram');
    await call(b, 'rounds.takeOver', { roundId, holder: 'bram' }, 'anna');
    expect(JSON.parse((await rows<{ detail: string }>(b, "select detail from audit_log where action = 'lock-take-over' order by id"))[1]!.detail)).toMatchObject({ previous: null, expired: false });

    // Closing lets go of the lock.
    const { version, proposal } = await call(b, 'rounds.propose', { roundId }, 'anna');
    for (const m of proposal.matches) {
      await call(b, 'rounds.decide', { roundId, version, clientId: m.clientId, unitId: m.unitId, decision: 'accepted', clientAnswer: 'accepted', seenDecidedAt: null }, 'anna');
    }
    await call(b, 'rounds.close', { roundId }, 'anna');
    expect(await lockRow()).toBeUndefined();
    expect((await call(b, 'rounds.get', { id: roundId }, 'anna')).lock).toBeNull();
    expect((await refused('bram', 'rounds.takeOver', { roundId, holder: 'anna' })).code).toBe('CONFLICT');
  });

  it('only a chair may release or take over', async () => {
    const liaison = { name: 'corp', displayName: 'Kees', role: 'liaison' as const, careProviderId: null, corporationId: 'corp-a' };
    for (const method of ['rounds.release', 'rounds.takeOver'] as const) {
      const r = await b.dispatch(method, { roundId, holder: 'anna' }, { actor: liaison.name, user: liaison });
      expect(r.ok ? 'ok' : r.error.code).toBe('FORBIDDEN');
    }
  });
});

describe('two chairs at the same moment', () => {
  it('two preparing writes on a free round: exactly one chair gets it, the other is refused and writes nothing', async () => {
    await call(b, 'rounds.release', { roundId }, 'anna');
    const before = await auditCount();
    const [x, y] = await Promise.all([
      as('anna', 'rounds.setMember', { roundId, kind: 'client', id: 'K-1', included: false, reason: 'Anna' }),
      as('bram', 'rounds.setMember', { roundId, kind: 'client', id: 'K-1', included: true, reason: 'Bram' }),
    ]);
    const results = [x, y];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const winner = x.ok ? 'anna' : 'bram';
    const loser = results.find((r) => !r.ok);
    expect(loser && !loser.ok && loser.error.code).toBe('CONFLICT');
    expect(loser && !loser.ok && loser.error.message).toContain(heldBy(winner === 'anna' ? 'Anna de Vries' : 'Bram Jansen'));
    expect(await auditCount()).toBe(before + 1);
    expect(await lockRow()).toMatchObject({ holder: winner });
    const member = (await call(b, 'rounds.get', { id: roundId }, winner)).clients.find((c) => c.id === 'K-1');
    expect(member?.reason).toBe(winner === 'anna' ? 'Anna' : 'Bram');
  });

  it('two chairs taking over at once: one takes it, the other is told it changed', async () => {
    clock = at(30); // Anna's lock has expired
    const [x, y] = await Promise.all([as('bram', 'rounds.takeOver', { roundId, holder: 'anna' }), as('carla', 'rounds.takeOver', { roundId, holder: 'anna' })]);
    expect([x, y].filter((r) => r.ok)).toHaveLength(1);
    const loser = [x, y].find((r) => !r.ok)!;
    expect(!loser.ok && loser.error.code).toBe('STALE');
    expect(await rows(b, "select actor from audit_log where action = 'lock-take-over'")).toHaveLength(1);
  });

  it('a chair who takes the round over while a proposal runs keeps it: the run is not stored', async () => {
    const running = as('anna', 'rounds.propose', { roundId });
    const taken = await as('bram', 'rounds.takeOver', { roundId, holder: 'anna' });
    const r = await running;
    expect(taken.ok).toBe(true);
    expect(r.ok ? 'stored' : r.error.code).toBe('CONFLICT');
    expect(!r.ok && r.error.message).toContain(heldBy('Bram Jansen'));
    expect((await call(b, 'rounds.get', { id: roundId }, 'bram')).versions).toEqual([]);
    expect(await rows(b, "select id from audit_log where action = 'propose'")).toEqual([]);
  });
});
