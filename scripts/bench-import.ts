// Import benchmark (npm run bench:import): builds an XLSX with 5,000 clients and one with 10,000 units
// that reference the demo region, then times preview and commit through the real dispatcher on a fresh
// file database per run (median of 3), the filtered list queries at that size, and peak memory.
// Prints figures and whether the 10 s target is met; not a test. Node only.
import { asChair } from '../shared/auth/system-user';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Backend, createBackend, seedDemoIfEmpty } from '../electron/backend/backend';
import { buildTable, loadRefData } from '../electron/backend/import/register-import';
import { demoDatasetPath } from '../electron/backend/paths';
import type { MethodName } from '../shared/api/contract';
import type { ImportPreview, ImportResult } from '../shared/api/import.contract';
import type { Client, Dataset, Unit } from '../shared/dataset/dataset.schema';
import { CLIENT_GROUPS, NEEDS, UNIT_KINDS } from '../shared/domain/codes';
import { Rng } from '../shared/domain/random';

const CLIENTS = 5_000;
const UNITS = 10_000;
const RUNS = 3;
const TARGET_MS = 10_000;
const NOW = new Date('2026-11-27T10:00:00Z');
const ROOT = join(__dirname, '..');

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const day = (r: Rng, fromYear: number, toYear: number) => `${r.int(fromYear, toYear)}-${pad(r.int(1, 12), 2)}-${pad(r.int(1, 28), 2)}`;

function generate(d: Dataset): { clients: Client[]; units: Unit[] } {
  const r = new Rng(20261127);
  const munis = d.municipalities.map((m) => m.code);
  const nbhOf = (gm: string) => d.neighbourhoods.filter((n) => n.municipalityCode === gm).map((n) => n.code);
  const providers = d.careProviders.map((p) => p.id);
  const corps = d.corporations.map((c) => c.id);
  const items = d.policies[0]?.settings.readinessItems ?? [];
  const clients: Client[] = [];
  for (let i = 1; i <= CLIENTS; i++) {
    const origin = r.pick(munis);
    const nbhs = nbhOf(origin);
    const provider = r.pick(providers);
    clients.push({
      id: `BK-${pad(i, 5)}`,
      name: null,
      group: r.pick(CLIENT_GROUPS),
      gender: r.pick(['female', 'male', 'other', 'unknown'] as const),
      birthDate: day(r, 1960, 2006),
      careProviderId: provider,
      household: { adults: r.int(1, 2), childrenAges: r.float() < 0.2 ? [r.int(0, 12), r.int(0, 12)] : [] },
      originMunicipalityCode: origin,
      currentMunicipalityCode: r.pick(munis),
      networkPlaces: r.float() < 0.6 ? [{ kind: 'family', municipalityCode: origin, neighbourhoodCode: nbhs.length ? r.pick(nbhs) : null, note: '' }] : [],
      avoidPlaces: r.float() < 0.1 ? [{ reason: 'scene', municipalityCode: r.pick(munis), neighbourhoodCode: null, note: '' }] : [],
      income: { source: 'benefit', monthlyNet: r.int(90000, 200000) / 100, debts: r.pick(['none', 'arrangement', 'open'] as const), budgetManagement: r.float() < 0.3 },
      rentLimit: r.float() < 0.2 ? r.int(50000, 70000) / 100 : null,
      needs: r.float() < 0.3 ? [r.pick(NEEDS)] : [],
      support: { providerId: provider, intensity: r.pick(['light', 'medium', 'intensive'] as const), start: day(r, 2026, 2027), months: r.int(6, 36) },
      careSince: null,
      fundingFrame: 'unknown',
      readiness: items.filter(() => r.float() < 0.7).map((it) => ({ item: it.key, done: true, confirmedBy: 'import', confirmedAt: '2026-11-27' })),
      readyDate: r.float() < 0.8 ? day(r, 2024, 2026) : null,
      housingFirst: r.float() < 0.05,
      urgency: r.pick(['none', 'none', 'none', 'high', 'crisis'] as const),
      preferences: { municipalityCodes: r.float() < 0.5 ? [origin] : [], neighbourhoodCodes: [], kinds: [], refusedKinds: [], note: '' },
      consents: [],
      vetoes: [],
      status: 'active',
      refusals: 0,
      notes: '',
    });
  }
  const units: Unit[] = [];
  for (let i = 1; i <= UNITS; i++) {
    const gm = r.pick(munis);
    const nbhs = nbhOf(gm);
    units.push({
      id: `BW-${pad(i, 5)}`,
      corporationId: r.pick(corps),
      municipalityCode: gm,
      neighbourhoodCode: nbhs.length ? r.pick(nbhs) : null,
      complex: r.float() < 0.4 ? `Complex ${r.int(1, 300)}` : null,
      address: `Benchstraat ${i}`,
      kind: r.pick(UNIT_KINDS),
      rooms: r.int(1, 4),
      floor: r.int(0, 8),
      lift: r.float() < 0.5,
      rent: r.int(40000, 80000) / 100,
      availableFrom: day(r, 2026, 2027),
      allowedGroups: r.float() < 0.2 ? ['BW', 'YOUTH'] : [],
      minAge: null,
      maxAge: null,
      contractForms: r.float() < 0.5 ? ['regular'] : ['three-party', 'sublet'],
      features: r.float() < 0.3 ? ['ground-floor'] : [],
      status: 'available',
      occupantClientId: null,
      notes: '',
    });
  }
  return { clients, units };
}

async function call<T>(b: Backend, method: MethodName, input: unknown): Promise<T> {
  const r = await b.dispatch(method, input, asChair('bench'));
  if (!r.ok) throw new Error(`${method}: ${r.error.message}\n${(r.error.problems ?? []).slice(0, 5).map((p) => `${p.path}: ${p.message}`).join('\n')}`);
  return r.value as T;
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await fn();
  return [performance.now() - t0, v];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function freshBackend(dir: string, n: number): Promise<Backend> {
  const b = await createBackend(join(dir, `bench-${n}.sqlite`), { host: 'cli', now: () => NOW });
  await seedDemoIfEmpty(b, demoDatasetPath(ROOT), 'bench');
  return b;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ut-bench-import-'));
  try {
    const demo = JSON.parse(readFileSync(demoDatasetPath(ROOT), 'utf8')) as Dataset;
    const { clients, units } = generate(demo);
    const setup = await freshBackend(dir, 0);
    const ref = await loadRefData(setup.database.db, NOW.toISOString().slice(0, 10));
    const [tBuild, [clientFile, unitFile]] = await timed(() =>
      Promise.all([buildTable('clients', 'xlsx', clients, ref, false), buildTable('units', 'xlsx', units, ref, false)]),
    );
    await setup.close();
    console.log(`Import benchmark: ${CLIENTS} clients (${mb(clientFile.length)} XLSX) and ${UNITS} units (${mb(unitFile.length)} XLSX) on the demo region; files written in ${s(tBuild)}.`);
    const clientInput = { kind: 'clients', fileName: 'bench-kandidaten.xlsx', contentBase64: clientFile.toString('base64') };
    const unitInput = { kind: 'units', fileName: 'bench-woningen.xlsx', contentBase64: unitFile.toString('base64') };

    const t: Record<string, number[]> = { previewClients: [], previewUnits: [], commitClients: [], commitUnits: [], reimport: [] };
    let last: Backend | null = null;
    for (let run = 1; run <= RUNS; run++) {
      const b = await freshBackend(dir, run);
      const [pc, previewC] = await timed(() => call<ImportPreview>(b, 'import.preview', clientInput));
      const [pu, previewU] = await timed(() => call<ImportPreview>(b, 'import.preview', unitInput));
      if (previewC.problems.length || previewU.problems.length) throw new Error(`generated files have errors: ${JSON.stringify([...previewC.problems, ...previewU.problems].slice(0, 3))}`);
      const [cc, rc] = await timed(() => call<ImportResult>(b, 'import.commit', clientInput));
      const [cu, ru] = await timed(() => call<ImportResult>(b, 'import.commit', unitInput));
      if (rc.counts.new !== CLIENTS || ru.counts.new !== UNITS) throw new Error('not every row was new');
      const [re, again] = await timed(async () => [await call<ImportResult>(b, 'import.commit', clientInput), await call<ImportResult>(b, 'import.commit', unitInput)]);
      if (again.some((x) => x.written !== 0)) throw new Error('re-import changed rows');
      t.previewClients!.push(pc);
      t.previewUnits!.push(pu);
      t.commitClients!.push(cc);
      t.commitUnits!.push(cu);
      t.reimport!.push(re);
      console.log(`  run ${run}: preview ${s(pc)} + ${s(pu)}, commit ${s(cc)} + ${s(cu)}, re-import (nothing changes) ${s(re)}`);
      if (last) await last.close();
      last = b;
    }
    const b = last as Backend;
    const lists: [string, MethodName, unknown][] = [
      ['clients.list search "Almere", sorted by ready date', 'clients.list', { search: 'Almere', sortBy: 'readyDate', limit: 10000 }],
      ['clients.list groups BW+VO, status active', 'clients.list', { groups: ['BW', 'VO'], statuses: ['active'], limit: 10000 }],
      ['units.list search "Lelystad", sorted by rent', 'units.list', { search: 'Lelystad', sortBy: 'rent', limit: 10000 }],
      ['units.list kinds contingent, status available', 'units.list', { kinds: ['contingent'], statuses: ['available'], limit: 10000 }],
    ];
    const listFigures: string[] = [];
    for (const [label, method, input] of lists) {
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < RUNS; i++) {
        const [ms, out] = await timed(() => call<{ total: number }>(b, method, input));
        times.push(ms);
        total = out.total;
      }
      listFigures.push(`  ${label}: ${total} rows in ${median(times).toFixed(0)} ms`);
    }
    await b.close();

    const med = (k: keyof typeof t) => median(t[k] ?? []);
    const m = {
      previewClients: med('previewClients'),
      previewUnits: med('previewUnits'),
      commitClients: med('commitClients'),
      commitUnits: med('commitUnits'),
      reimport: med('reimport'),
    };
    const commit = m.commitClients + m.commitUnits;
    const withPreview = commit + m.previewClients + m.previewUnits;
    console.log(`\nMedian of ${RUNS} runs (each on a fresh database with the demo region):`);
    console.log(`  preview  ${CLIENTS} clients ${s(m.previewClients)}, ${UNITS} units ${s(m.previewUnits)}`);
    console.log(`  commit   ${CLIENTS} clients ${s(m.commitClients)}, ${UNITS} units ${s(m.commitUnits)} (reads, checks and writes again)`);
    console.log(`  re-import of both files (all unchanged, nothing written) ${s(m.reimport)}`);
    console.log(`\nList queries at ${CLIENTS + 60} clients and ${UNITS + 45} units (median of ${RUNS}):`);
    for (const l of listFigures) console.log(l);
    console.log(`\nPeak memory (max RSS): ${mb(process.resourceUsage().maxRSS * 1024)}`);
    console.log(`\nTarget: import ${CLIENTS} clients + ${UNITS} units from XLSX in <= ${TARGET_MS / 1000} s.`);
    console.log(`  commit alone ${s(commit)}: ${commit <= TARGET_MS ? 'MET' : 'NOT MET'}`);
    console.log(`  preview + commit ${s(withPreview)}: ${withPreview <= TARGET_MS ? 'MET' : 'NOT MET'}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
