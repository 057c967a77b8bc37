// The client's monitor fields (careSince, fundingFrame) and the placement snapshot of migration 0011:
// through the form's methods, the dataset (v1 and v2, older files without them), the spreadsheet import
// and export, and in the demo. Real backends over in-memory SQLite; runs under vitest.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { asChair } from '../../shared/auth/system-user';
import { type Dataset, Placement, PLACEMENT_SNAPSHOT_KEYS, registerOf } from '../../shared/dataset/dataset.schema';
import { checkDataset } from '../../shared/dataset/validate';
import { miniDataset } from '../fixtures/mini-dataset';
import { row as sqlRow } from '../pg/sql';
import { call, importDataset, memoryBackend } from './helpers';

const opened: Backend[] = [];
async function backend(): Promise<Backend> {
  const b = await memoryBackend();
  opened.push(b);
  return b;
}
afterEach(async () => {
  while (opened.length) await opened.pop()!.close();
});

const SNAPSHOT = {
  targetGroup: 'MO',
  gender: 'male',
  age: 41,
  adults: 1,
  children: 2,
  careProviderId: 'prov-a',
  supportIntensity: 'intensive',
  fundingFrame: 'wlz',
  readyDate: '2026-01-15',
  careSince: '2023-05-02',
  unitKind: 'kanswoning',
} as const satisfies Partial<Placement>;

/** The mini dataset with the monitor fields filled: K-1 in care since 2022 (Wlz), P-1 with a snapshot of K-3. */
function withFields(): Dataset {
  const d = miniDataset();
  d.clients[0] = { ...d.clients[0]!, careSince: '2022-09-01', fundingFrame: 'wlz' };
  d.clients[2] = { ...d.clients[2]!, careSince: '2025-02-17', fundingFrame: 'wmo' };
  d.placements[0] = { ...d.placements[0]!, clientId: 'K-3', ...SNAPSHOT };
  return d;
}

/** A document as an older version wrote it: no client monitor fields, no placement snapshot. */
function older(d: Dataset): unknown {
  const raw = JSON.parse(JSON.stringify(d)) as { clients: Record<string, unknown>[]; placements: Record<string, unknown>[] };
  for (const c of raw.clients) {
    delete c.careSince;
    delete c.fundingFrame;
  }
  for (const p of raw.placements) for (const k of PLACEMENT_SNAPSHOT_KEYS) delete p[k];
  return raw;
}

const clientColumns = async (b: Backend, id: string) =>
  (await sqlRow<{ care_since: string | null; funding_frame: string }>(b, 'select care_since, funding_frame from clients where id = ?', id))!;
const snapshotColumns = async (b: Backend, id: string) =>
  (await sqlRow(
    b,
    `select target_group, gender, age, adults, children, care_provider_id, support_intensity, funding_frame, ready_date, care_since, unit_kind
       from placements where id = ?`,
    id,
  ))!;
const SNAPSHOT_ROW = {
  target_group: 'MO',
  gender: 'male',
  age: 41,
  adults: 1,
  children: 2,
  care_provider_id: 'prov-a',
  support_intensity: 'intensive',
  funding_frame: 'wlz',
  ready_date: '2026-01-15',
  care_since: '2023-05-02',
  unit_kind: 'kanswoning',
};

describe('clients: careSince and fundingFrame through create, update and get', () => {
  it('stores both, changes both, audits the change; a client without them gets null and Onbekend', async () => {
    const b = await backend();
    await importDataset(b, miniDataset());
    const base = miniDataset().clients[0]!;
    await call(b, 'clients.create', { ...base, id: 'K-20', careSince: '2021-03-15', fundingFrame: 'wlz' });
    expect(await clientColumns(b, 'K-20')).toEqual({ care_since: '2021-03-15', funding_frame: 'wlz' });
    const got = await call(b, 'clients.get', { id: 'K-20' });
    expect([got.client.careSince, got.client.fundingFrame]).toEqual(['2021-03-15', 'wlz']);

    await call(b, 'clients.update', { ...got.client, careSince: '2020-11-02', fundingFrame: 'forensic', expectedVersion: got.version });
    const after = await call(b, 'clients.get', { id: 'K-20' });
    expect([after.client.careSince, after.client.fundingFrame]).toEqual(['2020-11-02', 'forensic']);
    const [entry] = (await call(b, 'audit.list', { limit: 20 })).filter((a) => a.action === 'update' && a.entityId === 'K-20');
    expect(JSON.parse(entry!.detail)).toMatchObject({
      before: { careSince: '2021-03-15', fundingFrame: 'wlz' },
      after: { careSince: '2020-11-02', fundingFrame: 'forensic' },
    });

    // An input from before these fields (a form or script that does not send them).
    const { careSince: _c, fundingFrame: _f, ...without } = { ...base, id: 'K-21' };
    await call(b, 'clients.create', without);
    expect(await clientColumns(b, 'K-21')).toEqual({ care_since: null, funding_frame: 'unknown' });
    const plain = await call(b, 'clients.get', { id: 'K-21' });
    expect([plain.client.careSince, plain.client.fundingFrame]).toEqual([null, 'unknown']);
  });

  it('refuses a care start after woonrijp, in the future or before birth, and an unknown frame, at their fields', async () => {
    const b = await backend();
    await importDataset(b, miniDataset());
    const base = { ...miniDataset().clients[0]!, id: 'K-30' }; // born 1995-06-15, woonrijp 2026-08-01
    const problems = async (over: Record<string, unknown>) => {
      const r = await b.dispatch('clients.create', { ...base, ...over } as never, asChair('t'));
      expect(r.ok).toBe(false);
      return r.ok ? [] : (r.error.problems ?? []).map((p) => `${p.path}: ${p.message}`);
    };
    expect(await problems({ careSince: '2026-09-01' })).toEqual(['careSince: ligt na de datum woonrijp; de zorg of opvang begint eerder']);
    expect(await problems({ careSince: '2027-01-01', readyDate: null })).toEqual(['careSince: ligt in de toekomst']);
    expect(await problems({ careSince: '1990-01-01' })).toEqual(['careSince: ligt vóór de geboortedatum']);
    expect((await problems({ fundingFrame: 'pgb' }))[0]).toMatch(/^fundingFrame: /);
    expect(await sqlRow(b, "select count(*) as n from clients where id = 'K-30'")).toEqual({ n: 0 });
  });
});

describe('dataset: the fields and the snapshot travel, older files still import', () => {
  it('v1: import writes the columns, export gives the document back', async () => {
    const b = await backend();
    const d = withFields();
    await importDataset(b, d);
    expect(await clientColumns(b, 'K-1')).toEqual({ care_since: '2022-09-01', funding_frame: 'wlz' });
    expect(await clientColumns(b, 'K-2')).toEqual({ care_since: null, funding_frame: 'unknown' });
    expect(await snapshotColumns(b, 'P-1')).toEqual(SNAPSHOT_ROW);
    expect(registerOf(await call(b, 'dataset.export', {}))).toEqual(d);
  });

  it('v2 with history: export → import into a fresh backend → the same rows and the same document', async () => {
    const b = await backend();
    await importDataset(b, withFields());
    const x = await call(b, 'dataset.export', {});
    expect(x.version).toBe(2);
    expect(x.placements[0]).toMatchObject(SNAPSHOT);
    const c = await backend();
    await call(c, 'dataset.import', { dataset: x });
    expect(await snapshotColumns(c, 'P-1')).toEqual(SNAPSHOT_ROW);
    expect(await clientColumns(c, 'K-3')).toEqual({ care_since: '2025-02-17', funding_frame: 'wmo' });
    expect(registerOf(await call(c, 'dataset.export', {}))).toEqual(registerOf(x));
  });

  it('a snapshot that is partly known travels as far as it is known', async () => {
    const b = await backend();
    const d = miniDataset();
    d.placements[0] = { ...d.placements[0]!, targetGroup: 'VO', age: 33, careSince: null };
    expect(checkDataset(d, '2026-11-27').ok).toBe(true);
    await importDataset(b, d);
    expect(await snapshotColumns(b, 'P-1')).toMatchObject({ target_group: 'VO', age: 33, care_since: null, unit_kind: null });
    const [p] = (await call(b, 'dataset.export', {})).placements;
    // Unknown facts are left out of the export (absent and null mean the same).
    expect(p).toEqual({ ...miniDataset().placements[0], targetGroup: 'VO', age: 33 });
  });

  it('an older v1 file without the fields imports: nothing filled, defaults on the clients', async () => {
    const raw = older(withFields());
    const check = checkDataset(raw, '2026-11-27');
    expect(check.ok).toBe(true);
    const b = await backend();
    await call(b, 'dataset.import', { dataset: raw, source: 'oud bestand' });
    expect(await clientColumns(b, 'K-1')).toEqual({ care_since: null, funding_frame: 'unknown' });
    expect(Object.values(await snapshotColumns(b, 'P-1')).every((v) => v === null)).toBe(true);
    const y = registerOf(await call(b, 'dataset.export', {}));
    expect(y.clients.map((c) => [c.careSince, c.fundingFrame])).toEqual([
      [null, 'unknown'],
      [null, 'unknown'],
      [null, 'unknown'],
    ]);
    expect(Object.keys(y.placements[0]!).filter((k) => (PLACEMENT_SNAPSHOT_KEYS as readonly string[]).includes(k))).toEqual([]);
  });

  it('an older v2 file (with history) without the fields imports too', async () => {
    const b = await backend();
    await importDataset(b, withFields());
    const raw = older(await call(b, 'dataset.export', {}));
    const c = await backend();
    await call(c, 'dataset.import', { dataset: raw });
    expect(await clientColumns(c, 'K-1')).toEqual({ care_since: null, funding_frame: 'unknown' });
    expect(await snapshotColumns(c, 'P-1')).toMatchObject({ target_group: null, care_since: null });
  });

  it('a replace keeps a followed-up placement’s snapshot where the new file says nothing, and takes what it says', async () => {
    const b = await backend();
    await importDataset(b, withFields());
    const [row] = await call(b, 'placements.list', { clientId: 'K-3' });
    await call(b, 'placements.update', { id: 'P-1', moveInDate: '2026-05-08', expectedVersion: row!.version });

    await call(b, 'dataset.import', { dataset: older(withFields()) });
    expect(await snapshotColumns(b, 'P-1')).toEqual(SNAPSHOT_ROW);
    expect(await sqlRow(b, "select move_in_date from placements where id = 'P-1'")).toEqual({ move_in_date: '2026-05-08' });

    const d = withFields();
    d.placements[0] = { ...d.placements[0]!, targetGroup: 'BW', unitKind: 'contingent' };
    await importDataset(b, d);
    expect(await snapshotColumns(b, 'P-1')).toEqual({ ...SNAPSHOT_ROW, target_group: 'BW', unit_kind: 'contingent' });
  });
});

describe('spreadsheet import and export: columns In zorg sinds and Kader', () => {
  const HEADERS = ['Code', 'Doelgroep', 'Geboortedatum', 'Zorgaanbieder', 'Gemeente van herkomst', 'Verblijft in', 'Inkomensbron', 'Netto inkomen', 'Schulden', 'Woonrijp sinds', 'In zorg sinds', 'Kader'];
  const row = (code: string, careSince: string, frame: string) =>
    [code, 'BW', '14-05-1990', 'prov-a', 'GM0034', 'GM0995', 'Uitkering', '1250,50', 'Geen', '01-08-2026', careSince, frame].join(';');
  const file = (lines: string[]) => ({ kind: 'clients' as const, fileName: 'k.csv', contentBase64: Buffer.from([HEADERS.join(';'), ...lines].join('\n'), 'utf8').toString('base64') });

  it('reads dates and frames (short name, full name, empty), and the export writes them back unchanged', async () => {
    const b = await backend();
    await importDataset(b, miniDataset());
    const done = await call(b, 'import.commit', file([row('K-40', '01-03-2023', 'Wlz'), row('K-41', '2024-06-30', 'Jeugdwet'), row('K-42', '', ''), row('K-43', '', 'Wet langdurige zorg')]));
    expect(done.counts).toEqual({ new: 4, changed: 0, unchanged: 0, error: 0 });
    const fields = async (id: string) => {
      const { client } = await call(b, 'clients.get', { id });
      return [client.careSince, client.fundingFrame];
    };
    expect(await fields('K-40')).toEqual(['2023-03-01', 'wlz']);
    expect(await fields('K-41')).toEqual(['2024-06-30', 'youth']);
    expect(await fields('K-42')).toEqual([null, 'unknown']);
    expect(await fields('K-43')).toEqual([null, 'wlz']);

    const out = await call(b, 'export.list', { kind: 'clients', format: 'csv' });
    const lines = Buffer.from(out.contentBase64, 'base64').toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    const header = lines[0]!.split(';');
    const at = (code: string, column: string) => lines.find((l) => l.startsWith(`${code};`))!.split(';')[header.indexOf(column)];
    expect([at('K-40', 'In zorg sinds'), at('K-40', 'Kader')]).toEqual(['01-03-2023', 'Wlz']);
    expect([at('K-42', 'In zorg sinds'), at('K-42', 'Kader')]).toEqual(['', 'Onbekend']);
    const again = await call(b, 'import.preview', { kind: 'clients', fileName: out.fileName, contentBase64: out.contentBase64 });
    expect(again.problems).toEqual([]);
    expect(again.counts).toMatchObject({ changed: 0, error: 0 });

    // Changing only the frame of one client is one changed column.
    const edited = await call(b, 'import.preview', file([row('K-40', '01-03-2023', 'Forensisch')]));
    expect(edited.rows.map((r) => [r.code, r.status, r.changedColumns])).toEqual([['K-40', 'changed', ['Kader']]]);
  });

  it('names row, column and reason for a bad frame, a bad date and a care start after woonrijp', async () => {
    const b = await backend();
    await importDataset(b, miniDataset());
    const p = await call(b, 'import.preview', file([row('K-50', '01-03-2023', 'Wmo'), row('K-51', '01-03-2023', 'pgb'), row('K-52', '31-02-2023', ''), row('K-53', '02-08-2026', 'Wmo')]));
    expect(p.problems.map((x) => `rij ${x.row}, kolom ${x.column}: ${x.message}`)).toEqual([
      "rij 3, kolom Kader: 'pgb' is geen bekende waarde voor kader; kies uit: Wmo, Wlz, Zvw, Forensisch, Jeugdwet, Onbekend",
      "rij 4, kolom In zorg sinds: '31-02-2023' bestaat niet als datum",
      'rij 5, kolom In zorg sinds: ligt na de datum woonrijp; de zorg of opvang begint eerder',
    ]);
    expect(p.rows.map((r) => r.status)).toEqual(['new', 'error', 'error', 'error']);
  });
});

describe('the demo region', () => {
  const demo = JSON.parse(readFileSync(join(__dirname, '..', '..', 'resources', 'demo', 'flevoland.json'), 'utf8')) as Dataset;
  const yearsBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / (365.25 * 86_400_000);

  it('gives every client a frame that fits the group and ready clients a care start 1 to 5 years before woonrijp', () => {
    for (const c of demo.clients) {
      if (c.group === 'VO') expect(c.fundingFrame, c.id).toBe('wmo');
      if (c.readyDate !== null) {
        expect(c.careSince, c.id).not.toBeNull();
        const years = yearsBetween(c.careSince!, c.readyDate);
        expect(years, c.id).toBeGreaterThanOrEqual(0.5);
        expect(years, c.id).toBeLessThanOrEqual(5.1);
      }
      if (c.careSince) expect(c.careSince >= c.birthDate && c.careSince <= demo.region.referenceDate, c.id).toBe(true);
    }
    const share = (group: string, frame: string) => {
      const of = demo.clients.filter((c) => c.group === group);
      return of.filter((c) => c.fundingFrame === frame).length / of.length;
    };
    expect(share('BW', 'wmo')).toBeGreaterThan(0.6);
    expect(share('YOUTH', 'youth')).toBeGreaterThan(0.6);
    expect(share('FORENSIC', 'forensic')).toBeGreaterThan(0.6);
    expect(demo.clients.some((c) => c.fundingFrame === 'wlz')).toBe(true);
    expect(demo.clients.filter((c) => c.careSince === null).length).toBeLessThanOrEqual(6);
  });

  it('gives every placement a whole snapshot, the placed client’s facts on the placement date where it has one', () => {
    for (const p of demo.placements) {
      for (const k of PLACEMENT_SNAPSHOT_KEYS) expect(p[k], `${p.id}.${k}`).not.toBeUndefined();
      const c = demo.clients.find((x) => x.id === p.clientId);
      if (!c) continue;
      const [by, bm, bd] = c.birthDate.split('-').map(Number) as [number, number, number];
      const [y, m, d] = p.date.split('-').map(Number) as [number, number, number];
      expect(p).toMatchObject({
        targetGroup: c.group,
        gender: c.gender,
        age: y - by - (m < bm || (m === bm && d < bd) ? 1 : 0),
        adults: c.household.adults,
        children: c.household.childrenAges.length,
        careProviderId: c.careProviderId,
        supportIntensity: c.support.intensity,
        fundingFrame: c.fundingFrame,
        readyDate: c.readyDate,
        careSince: c.careSince,
      });
      const unit = demo.units.find((u) => u.id === p.unitId);
      if (unit) expect(p.unitKind).toBe(unit.kind);
    }
  });
});
