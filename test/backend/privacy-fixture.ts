// Test fixture for the retention, erasure and access tests: the demo region with a history around one
// named client (Michelle, K-0001) — two rounds, a lock, a review file, decisions, a followed-up
// placement, a note about her in another record — and a scan of every cell of every table.
import { allTables, rows, run } from '../pg/sql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Backend } from '../../electron/backend/backend';
import { Dataset } from '../../shared/dataset/dataset.schema';
import { call, decide, importDataset } from './helpers';

export const demo = Dataset.parse(JSON.parse(readFileSync(join(__dirname, '..', '..', 'resources', 'demo', 'flevoland.json'), 'utf8')));

export const MICHELLE = { id: 'K-0001', name: 'Michelle' } as const;

export interface History {
  closedRound: number;
  openRound: number;
  placementId: string;
  unitId: string;
  corporationId: string;
}

export async function historyWithMichelle(b: Backend): Promise<History> {
  await importDataset(b, demo);
  const window = { date: '2026-11-27', windowFrom: '2026-11-27', windowTo: '2027-01-31' };
  const { id: closedRound } = await call(b, 'rounds.create', window);
  const { proposal, version } = await call(b, 'rounds.propose', { roundId: closedRound });
  const match = proposal.matches.find((m) => m.clientId === MICHELLE.id);
  if (!match) throw new Error('fixture: K-0001 is not in the demo proposal any more');
  const unitId = match.unitId;
  const corporationId = demo.units.find((u) => u.id === unitId)!.corporationId;

  // An open round that names her too, with a lock whose reason names her.
  const { id: openRound } = await call(b, 'rounds.create', { ...window, note: 'Tweede ronde' });
  await call(b, 'rounds.addControl', { roundId: openRound, kind: 'lock', clientId: MICHELLE.id, unitId, reason: 'Michelle wil dicht bij haar moeder wonen' });
  await call(b, 'rounds.propose', { roundId: openRound });

  // Her proposal goes to the corporation in a review file.
  await call(b, 'review.export', { roundId: closedRound, corporationId });

  for (const m of proposal.matches) {
    const hers = m.clientId === MICHELLE.id;
    await decide(b, {
      roundId: closedRound,
      version,
      clientId: m.clientId,
      unitId: m.unitId,
      decision: hers ? 'accepted-conditions' : 'accepted',
      ...(hers ? { conditions: 'Michelle houdt budgetbeheer', note: 'Michelle was blij met het aanbod' } : {}),
      clientAnswer: 'accepted',
    });
  }
  await call(b, 'rounds.close', { roundId: closedRound, note: 'Michelle (K-0001) verhuist in december' });
  const placementId = `P-R${closedRound}-${MICHELLE.id}`;
  const [placement] = await call(b, 'placements.list', { clientId: MICHELLE.id });
  if (!placement || placement.id !== placementId) throw new Error('fixture: no placement for K-0001');
  const moved = await call(b, 'placements.update', { id: placementId, moveInDate: '2026-12-15', expectedVersion: placement.version });
  await call(b, 'placements.check', { id: placementId, month: 6, checkedAt: '2026-11-27', stillHoused: true, relapse: false, note: 'Michelle woont er goed', expectedVersion: moved.version });

  // Another record that mentions her, and a view of her own record.
  await run(b, "update clients set notes = 'Kent Michelle (K-0001) uit de opvang.' where id = 'K-0002'");
  await call(b, 'clients.get', { id: MICHELLE.id });
  return { closedRound, openRound, placementId, unitId, corporationId };
}

/** Every cell of every table (and every table's name) whose text contains one of the needles, case-insensitive. */
export async function cellsContaining(b: Backend, needles: string[]): Promise<string[]> {
  const tables = await allTables(b);
  const hits: string[] = [];
  for (const name of tables) {
    const found = await rows(b, `select * from "${name}"`);
    found.forEach((row, i) => {
      for (const [column, value] of Object.entries(row)) {
        const text = value === null ? '' : Buffer.isBuffer(value) ? value.toString('latin1') : value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
        for (const n of needles) if (text.toLowerCase().includes(n.toLowerCase())) hits.push(`${name}[${i}].${column}: ${text.slice(0, 160)}`);
      }
    });
  }
  return hits;
}
