// No lost update (issue 9, item 6): two edits of one record from the same version — the first is
// saved, the second refused (STALE) with who changed it and when, and the first's data is kept. For
// every kind of record a person edits, and for the writes that change records behind a form's back
// (status changes, spreadsheet and dataset imports). Real in-memory SQLite through the dispatcher.
import { asChair } from '../../shared/auth/system-user';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import type { MethodName } from '../../shared/api/contract';
import type { ApiError } from '../../shared/api/result';
import { Dataset } from '../../shared/dataset/dataset.schema';
import { miniDataset } from '../fixtures/mini-dataset';
import { call, importDataset, memoryBackend, roundWithBusiestCorporation } from './helpers';
import { rowCount as countRows } from './helpers';

let b: Backend;
beforeEach(async () => {
  b = await memoryBackend();
  await importDataset(b, miniDataset());
});
afterEach(async () => b?.close());

/** FIXED_NOW (2026-11-27T10:00:00Z) in Dutch time, as the refusal writes it. */
const WHEN = '27-11-2026 11:00';
const stale = (subject: string, who: string) => `${subject} is intussen gewijzigd door ${who} op ${WHEN}; laad opnieuw om de laatste gegevens te zien.`;

async function refused(method: MethodName, input: unknown, actor = 'bram'): Promise<ApiError> {
  const r = await b.dispatch(method, input, asChair(actor));
  if (r.ok) throw new Error(`${method} was expected to be refused`);
  return r.error;
}

const auditCount = () => countRows(b, 'audit_log');

describe('clients and units', () => {
  it('clients.update: the second edit from the same version is refused with who and when; the first stays', async () => {
    const { client, version } = await call(b, 'clients.get', { id: 'K-1' });
    await call(b, 'clients.update', { ...client, urgency: 'crisis', expectedVersion: version }, 'anna');
    const before = await auditCount();
    const e = await refused('clients.update', { ...client, notes: 'Notitie van Bram', expectedVersion: version });
    expect(e.code).toBe('STALE');
    expect(e.message).toBe(stale('Deze kandidaat', 'anna'));
    expect(await auditCount()).toBe(before); // nothing written, not even an audit entry
    const now = await call(b, 'clients.get', { id: 'K-1' });
    expect(now.client.urgency).toBe('crisis');
    expect(now.client.notes).toBe(client.notes);
    expect(now.version).toBe(version + 1);
    // Reloaded (the current version), the second edit goes through and keeps the first's change.
    await call(b, 'clients.update', { ...now.client, notes: 'Notitie van Bram', expectedVersion: now.version }, 'bram');
    const last = await call(b, 'clients.get', { id: 'K-1' });
    expect([last.client.urgency, last.client.notes, last.version]).toEqual(['crisis', 'Notitie van Bram', version + 2]);
  });

  it('the refusal names a colleague by their display name (the user name only for someone the app does not know)', async () => {
    // A user row as users.create writes it (this in-memory database has no keyring for passphrases).
    await b.database.db
      .insertInto('users')
      .values({ name: 'anna', display_name: 'Anna de Vries', role: 'chair', care_provider_id: null, corporation_id: null, active: 1, created_at: '2026-11-01T09:00:00Z', updated_by: 'anna', updated_at: '2026-11-01T09:00:00Z' })
      .execute();
    const { client, version } = await call(b, 'clients.get', { id: 'K-1' });
    await call(b, 'clients.update', { ...client, urgency: 'crisis', expectedVersion: version }, 'anna');
    const e = await refused('clients.update', { ...client, notes: 'Notitie van Bram', expectedVersion: version });
    expect(e.message).toBe(stale('Deze kandidaat', 'Anna de Vries'));
  });

  it('clients.update without expectedVersion is invalid input', async () => {
    const { client } = await call(b, 'clients.get', { id: 'K-1' });
    const e = await refused('clients.update', client);
    expect(e.code).toBe('VALIDATION');
    expect(e.problems?.map((p) => p.path)).toContain('expectedVersion');
  });

  it('a status change or a readiness confirmation raises the version: a form opened before cannot put the old status back', async () => {
    const { client, version } = await call(b, 'clients.get', { id: 'K-1' });
    await call(b, 'clients.setStatus', { id: 'K-1', status: 'set-aside', reason: 'opname' }, 'anna');
    const e = await refused('clients.update', { ...client, notes: 'x', expectedVersion: version });
    expect(e.code).toBe('STALE');
    expect(e.message).toBe(stale('Deze kandidaat', 'anna'));
    expect((await call(b, 'clients.get', { id: 'K-1' })).client.status).toBe('set-aside');

    const v2 = (await call(b, 'clients.get', { id: 'K-1' })).version;
    await call(b, 'clients.confirmReadiness', { id: 'K-1', item: 'income', done: false, confirmedBy: '' }, 'carla');
    expect((await refused('clients.update', { ...client, status: 'set-aside', expectedVersion: v2 })).message).toBe(stale('Deze kandidaat', 'carla'));
  });

  it('units.update: the second edit from the same version is refused with who and when; the first stays', async () => {
    const unit = await call(b, 'units.get', { id: 'W-1' });
    const { version, ...data } = unit;
    await call(b, 'units.update', { ...data, rent: 650, expectedVersion: version }, 'anna');
    const e = await refused('units.update', { ...data, notes: 'Notitie van Bram', expectedVersion: version });
    expect(e.code).toBe('STALE');
    expect(e.message).toBe(stale('Deze woning', 'anna'));
    const now = await call(b, 'units.get', { id: 'W-1' });
    expect([now.rent, now.notes, now.version]).toEqual([650, data.notes, version + 1]);

    await call(b, 'units.setStatus', { id: 'W-1', status: 'withdrawn', reason: 'renovatie' }, 'carla');
    const { version: _v, ...fresh } = now;
    expect((await refused('units.update', { ...fresh, expectedVersion: now.version })).message).toBe(stale('Deze woning', 'carla'));
  });

  it('an update of a record that does not exist is NOT_FOUND, not STALE', async () => {
    const { client } = await call(b, 'clients.get', { id: 'K-1' });
    expect((await refused('clients.update', { ...client, id: 'K-404', expectedVersion: 1 })).code).toBe('NOT_FOUND');
  });
});

describe('reference data', () => {
  it('municipalities.save', async () => {
    const row = (await call(b, 'municipalities.list', {})).find((m) => m.code === 'GM0034')!;
    const base = { mode: 'update' as const, code: row.code, name: row.name, validFrom: row.validFrom, validTo: row.validTo };
    await call(b, 'municipalities.save', { ...base, name: 'Almere (nieuw)', expectedVersion: row.version }, 'anna');
    const e = await refused('municipalities.save', { ...base, validTo: '2030-12-31', expectedVersion: row.version });
    expect([e.code, e.message]).toEqual(['STALE', stale('Deze gemeente', 'anna')]);
    const now = (await call(b, 'municipalities.list', {})).find((m) => m.code === 'GM0034')!;
    expect([now.name, now.validTo, now.version]).toEqual(['Almere (nieuw)', null, row.version + 1]);
  });

  it('municipalities.save in update mode needs expectedVersion', async () => {
    const e = await refused('municipalities.save', { mode: 'update', code: 'GM0034', name: 'Almere', validFrom: '1984-01-01', validTo: null });
    expect(e.code).toBe('VALIDATION');
    expect(e.problems?.map((p) => p.path)).toEqual(['expectedVersion']);
  });

  it('neighbourhoods.save', async () => {
    const row = (await call(b, 'neighbourhoods.list', {})).find((n) => n.code === 'BU00340101')!;
    const base = {
      mode: 'update' as const,
      code: row.code,
      name: row.name,
      municipalityCode: row.municipalityCode,
      district: row.district,
      socialRentShare: row.socialRentShare,
      liveabilityClass: row.liveabilityClass,
    };
    await call(b, 'neighbourhoods.save', { ...base, liveabilityClass: 7, expectedVersion: row.version }, 'anna');
    const e = await refused('neighbourhoods.save', { ...base, name: 'Centrum', expectedVersion: row.version });
    expect([e.code, e.message]).toEqual(['STALE', stale('Deze buurt', 'anna')]);
    const now = (await call(b, 'neighbourhoods.list', {})).find((n) => n.code === 'BU00340101')!;
    expect([now.name, now.liveabilityClass, now.version]).toEqual([row.name, 7, row.version + 1]);
  });

  it('corporations.save and careProviders.save', async () => {
    for (const [list, save, id, subject] of [
      ['corporations.list', 'corporations.save', 'corp-a', 'Deze corporatie'],
      ['careProviders.list', 'careProviders.save', 'prov-a', 'Deze zorgaanbieder'],
    ] as const) {
      const row = (await call(b, list, {})).find((o) => o.id === id)!;
      await call(b, save, { mode: 'update', id, name: 'Naam van Anna', expectedVersion: row.version }, 'anna');
      const e = await refused(save, { mode: 'update', id, name: 'Naam van Bram', expectedVersion: row.version });
      expect([e.code, e.message]).toEqual(['STALE', stale(subject, 'anna')]);
      const now = (await call(b, list, {})).find((o) => o.id === id)!;
      expect([now.name, now.version]).toEqual(['Naam van Anna', row.version + 1]);
    }
  });

  it('quotas.save', async () => {
    const row = (await call(b, 'quotas.list', {}))[0]!;
    const key = { corporationId: row.corporationId, municipalityCode: row.municipalityCode, year: row.year };
    await call(b, 'quotas.save', { mode: 'update', ...key, agreed: 12, kind: row.kind, expectedVersion: row.version }, 'anna');
    const e = await refused('quotas.save', { mode: 'update', ...key, agreed: row.agreed, kind: 'target', expectedVersion: row.version });
    expect([e.code, e.message]).toEqual(['STALE', stale('Deze afspraak', 'anna')]);
    const now = (await call(b, 'quotas.list', {}))[0]!;
    expect([now.agreed, now.kind, now.version]).toEqual([12, row.kind, row.version + 1]);
  });
});

describe('policy', () => {
  it('policies.saveVersion: a version saved by someone else since the form was loaded is not silently undone', async () => {
    const current = await call(b, 'policies.get', { id: 'beleid' });
    const latest = async () => Math.max(...(await call(b, 'policies.list', {})).map((v) => v.version));
    const expectedVersion = await latest();
    const a = await call(
      b,
      'policies.saveVersion',
      { name: 'Van Anna', validFrom: '2027-01-01', settings: { ...current.settings, weights: { ...current.settings.weights, homeMunicipality: 45 } }, basedOn: 'beleid', expectedVersion },
      'anna',
    );
    const e = await refused('policies.saveVersion', { name: 'Van Bram', validFrom: '2027-02-01', settings: current.settings, basedOn: 'beleid', expectedVersion });
    expect([e.code, e.message]).toEqual(['STALE', stale('Het beleid', 'anna')]);
    const versions = await call(b, 'policies.list', {});
    expect(versions.map((v) => v.name).sort()).toEqual(['Testbeleid', 'Van Anna']);
    // With the newest revision seen, saving works (and may still start from the older version).
    expect(await latest()).toBe(a.version);
    await call(b, 'policies.saveVersion', { name: 'Van Bram', validFrom: '2027-02-01', settings: current.settings, basedOn: 'beleid', expectedVersion: a.version }, 'bram');
  });
});

describe('placements (follow-up)', () => {
  it('placements.update and placements.check from the same version: the second is refused, the first kept', async () => {
    const [p] = await call(b, 'placements.list', {});
    if (!p) throw new Error('the mini dataset has a placement');
    await call(b, 'placements.update', { id: p.id, moveInDate: '2026-06-01', expectedVersion: p.version }, 'anna');
    const e = await refused('placements.update', { id: p.id, moveInDate: '2026-07-01', supportStart: '2026-07-01', expectedVersion: p.version });
    expect([e.code, e.message]).toEqual(['STALE', stale('Deze plaatsing', 'anna')]);
    const [now] = await call(b, 'placements.list', {});
    expect([now?.moveInDate, now?.supportStart, now?.version]).toEqual(['2026-06-01', null, p.version + 1]);

    const check = { id: p.id, month: 6 as const, stillHoused: true, relapse: false };
    await call(b, 'placements.check', { ...check, note: 'van Anna', expectedVersion: p.version + 1 }, 'anna');
    const e2 = await refused('placements.check', { ...check, relapse: true, note: 'van Bram', expectedVersion: p.version + 1 });
    expect(e2.code).toBe('STALE');
    const [after] = await call(b, 'placements.list', {});
    expect(after?.checks.find((c) => c.month === 6)).toMatchObject({ relapse: false, note: 'van Anna' });
  });
});

describe('imports raise the versions of the records they change', () => {
  it('a spreadsheet import that changes a client refuses a form opened before it', async () => {
    const { client, version } = await call(b, 'clients.get', { id: 'K-1' });
    const headers = ['Code', 'Doelgroep', 'Geboortedatum', 'Zorgaanbieder', 'Gemeente van herkomst', 'Verblijft in', 'Inkomensbron', 'Netto inkomen', 'Schulden'];
    const row = ['K-1', 'BW', '14-05-1990', 'prov-a', 'GM0034', 'GM0995', 'Uitkering', '1250,50', 'Geen'];
    const content = Buffer.from(`\uFEFF${headers.join(';')}\n${row.join(';')}`, 'utf8').toString('base64');
    const out = await call(b, 'import.commit', { kind: 'clients', fileName: 'k.csv', contentBase64: content }, 'importeur');
    expect(out.counts.changed).toBe(1);
    const e = await refused('clients.update', { ...client, notes: 'x', expectedVersion: version });
    expect([e.code, e.message]).toEqual(['STALE', stale('Deze kandidaat', 'importeur')]);
  });

  it('a dataset import (replace) raises every record past its old version', async () => {
    const { client, version } = await call(b, 'clients.get', { id: 'K-1' });
    const unit = await call(b, 'units.get', { id: 'W-1' });
    await call(b, 'clients.update', { ...client, notes: 'na de eerste', expectedVersion: version }, 'anna'); // K-1 at version 2
    await call(b, 'dataset.import', { dataset: miniDataset(), source: 'test' }, 'importeur');
    const e = await refused('clients.update', { ...client, expectedVersion: version + 1 });
    expect([e.code, e.message]).toEqual(['STALE', stale('Deze kandidaat', 'importeur')]);
    const { version: uv, ...u } = unit;
    expect((await refused('units.update', { ...u, expectedVersion: uv })).code).toBe('STALE');
    const again = await call(b, 'clients.get', { id: 'K-1' });
    expect(again.version).toBeGreaterThan(version + 1);
  });
});

describe('round decisions', () => {
  it('rounds.decide from the same starting point: the second is refused with who and when, the first kept', async () => {
    const demo = Dataset.parse(JSON.parse(readFileSync(join(__dirname, '..', '..', 'resources', 'demo', 'flevoland.json'), 'utf8')));
    const d = await memoryBackend();
    try {
      await importDataset(d, demo);
      const { roundId } = await roundWithBusiestCorporation(d, demo);
      const round = await call(d, 'rounds.get', { id: roundId });
      const version = round.versions.at(-1)!.version;
      const { proposal } = await call(d, 'rounds.proposal', { roundId, version });
      const pair = { clientId: proposal.matches[0]!.clientId, unitId: proposal.matches[0]!.unitId };
      // Both open the pair with no decision yet; Anna records an acceptance first (the tester who
      // prepared the round has let go of it).
      await call(d, 'rounds.release', { roundId });
      await call(d, 'rounds.decide', { roundId, version, ...pair, decision: 'accepted', clientAnswer: 'accepted', seenDecidedAt: null }, 'anna');
      // Bram takes the round over from Anna (round lock), his screen still showing the pair undecided.
      await call(d, 'rounds.takeOver', { roundId, holder: 'anna' }, 'bram');
      const r = await d.dispatch('rounds.decide', { roundId, version, ...pair, decision: 'declined', declineReason: 'other', clientAnswer: 'pending', seenDecidedAt: null }, asChair('bram'));
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect([r.error.code, r.error.message]).toEqual([
        'STALE',
        `Over ${pair.clientId} – ${pair.unitId} is intussen besloten door anna op ${WHEN}; laad opnieuw om het laatste besluit te zien.`,
      ]);
      const after = (await call(d, 'rounds.get', { id: roundId })).decisions.find((x) => x.clientId === pair.clientId);
      expect(after).toMatchObject({ decision: 'accepted', decidedBy: 'anna' });
      // From the decision as it stands now, Bram's change goes through.
      await call(d, 'rounds.decide', { roundId, version, ...pair, decision: 'declined', declineReason: 'other', clientAnswer: 'pending', seenDecidedAt: after!.decidedAt }, 'bram');
      expect((await call(d, 'rounds.get', { id: roundId })).decisions.find((x) => x.clientId === pair.clientId)).toMatchObject({ decision: 'declined', decidedBy: 'bram' });
    } finally {
      await d.close();
    }
  });
});
