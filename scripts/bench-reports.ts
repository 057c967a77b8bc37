// Reports benchmark (`npx tsx scripts/bench-reports.ts`, and the "reports" line of `npm run bench`):
// five years of generated history on the demo region (10,000 placements, 50,000 decisions, bulk-inserted
// in one transaction), then the monitor (median of 5, target <= 300 ms) and the provider PDF for 500 clients
// (median of 5, target <= 2 s). Node script (tsx); `--line` prints only the summary line for bench.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Backend, createBackend, seedDemoIfEmpty } from '../electron/backend/backend';
import { demoDatasetPath } from '../electron/backend/paths';
import { buildMonitorReport } from '../electron/backend/reports/monitor.report';
import type { ReportContext } from '../electron/backend/reports/report-context';
import { writeReport } from '../electron/backend/services/reports.service';
import { chairUser } from '../shared/auth/system-user';
import { CLIENT_GROUPS, FUNDING_FRAMES, GENDERS, SUPPORT_INTENSITIES, UNIT_KINDS } from '../shared/domain/codes';
import { Rng } from '../shared/domain/random';

const PLACEMENTS = 10_000;
const DECISIONS = 50_000;
const CLIENTS = 3_000;
const UNITS = 2_000;
/** Clients of the one provider whose match report is timed. */
const PROVIDER_CLIENTS = 500;
const RUNS = 5;
const MONITOR_TARGET_MS = 300;
const PDF_TARGET_MS = 2_000;
const NOW = new Date('2026-11-27T10:00:00Z');
const ROOT = join(__dirname, '..');
const FIRST_DAY = Date.parse('2021-12-01T00:00:00Z');
const SPAN_DAYS = Math.round((NOW.getTime() - FIRST_DAY) / 86_400_000);

const dayAt = (offset: number) => new Date(FIRST_DAY + offset * 86_400_000).toISOString().slice(0, 10);
const plusDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Inserts a row with every column of the template, some replaced. */
function inserter(b: Backend, table: string, template: Record<string, unknown>) {
  const cols = Object.keys(template);
  const stmt = b.database.sqlite.prepare(`insert into ${table} (${cols.join(', ')}) values (${cols.map((c) => `@${c}`).join(', ')})`);
  return (row: Record<string, unknown>) => stmt.run({ ...template, ...row });
}

/** Five years of history in one transaction: clients, homes, rounds, decisions, placements, checks. */
function generateHistory(b: Backend): { providerId: string } {
  const db = b.database.sqlite;
  const r = new Rng(20261204);
  const all = <T>(q: string) => db.prepare(q).all() as T[];
  const munis = all<{ code: string }>('select code from municipalities').map((m) => m.code);
  const nbhs = all<{ code: string; municipality_code: string }>('select code, municipality_code from neighbourhoods');
  const corps = all<{ id: string }>('select id from corporations').map((c) => c.id);
  const providers = all<{ id: string }>('select id from care_providers').map((p) => p.id);
  const items = (JSON.parse((db.prepare('select settings_json from policy_profiles order by valid_from desc limit 1').get() as { settings_json: string }).settings_json) as {
    readinessItems: { key: string }[];
  }).readinessItems.map((i) => i.key);
  const providerId = providers[0]!;
  const clientTpl = db.prepare('select * from clients limit 1').get() as Record<string, unknown>;
  const unitTpl = db.prepare('select * from units limit 1').get() as Record<string, unknown>;
  const addClient = inserter(b, 'clients', clientTpl);
  const addUnit = inserter(b, 'units', unitTpl);
  const addReadiness = db.prepare('insert into client_readiness (client_id, item, seq, done, confirmed_by, confirmed_at) values (?, ?, ?, 1, ?, ?)');
  const addRound = db.prepare("insert into rounds (id, date, window_from, window_to, note, status, created_at, created_by, closed_at, closed_by) values (?, ?, ?, ?, '', 'closed', ?, 'bench', ?, 'bench')");
  const addDecision = db.prepare(
    "insert into round_decisions (round_id, client_id, unit_id, version, decision, conditions, decline_reason, note, client_answer, decided_by, decided_at) values (?, ?, ?, 1, ?, null, ?, '', ?, 'bench', ?)",
  );
  const addPlacement = db.prepare(
    `insert into placements (id, client_id, unit_id, date, origin_municipality_code, destination_municipality_code, neighbourhood_code, complex, corporation_id,
       round_id, move_in_date, review_date, lease_transfer_date, target_group, gender, age, adults, children, care_provider_id, support_intensity, funding_frame,
       ready_date, care_since, unit_kind)
     values (@id, @client_id, @unit_id, @date, @origin, @dest, @nbh, @complex, @corp, @round_id, @move_in, @review, @transfer, @grp, @gender, @age, @adults,
       @children, @provider, @intensity, @frame, @ready, @since, @kind)`,
  );
  const addCheck = db.prepare("insert into placement_checks (placement_id, month, due_date, checked_at, still_housed, relapse, note, checked_by) values (?, ?, ?, ?, ?, ?, '', 'bench')");

  db.transaction(() => {
    const clientIds: string[] = [];
    for (let i = 1; i <= CLIENTS; i++) {
      const id = `BK-${pad(i, 5)}`;
      clientIds.push(id);
      const provider = i <= PROVIDER_CLIENTS ? providerId : r.pick(providers.slice(1));
      const ready = r.float() < 0.6;
      addClient({
        id,
        name: null,
        target_group: r.pick(CLIENT_GROUPS),
        gender: r.pick(GENDERS),
        birth_date: `${r.int(1960, 2005)}-${pad(r.int(1, 12), 2)}-${pad(r.int(1, 28), 2)}`,
        care_provider_id: provider,
        support_provider_id: provider,
        origin_municipality_code: r.pick(munis),
        current_municipality_code: r.pick(munis),
        ready_date: ready ? dayAt(r.int(SPAN_DAYS - 900, SPAN_DAYS - 10)) : null,
        status: r.float() < 0.7 ? 'active' : 'placed',
        care_since: dayAt(r.int(0, SPAN_DAYS - 400)),
        funding_frame: r.pick(FUNDING_FRAMES),
        notes: '',
        version: 1,
      });
      if (ready) items.forEach((item, seq) => addReadiness.run(id, item, seq, 'bench', '2026-01-01'));
    }
    const unitIds: string[] = [];
    for (let i = 1; i <= UNITS; i++) {
      const id = `BW-${pad(i, 5)}`;
      unitIds.push(id);
      const nbh = r.pick(nbhs);
      addUnit({
        id,
        corporation_id: r.pick(corps),
        municipality_code: nbh.municipality_code,
        neighbourhood_code: nbh.code,
        complex: r.float() < 0.3 ? `Complex ${r.int(1, 200)}` : null,
        address: `Benchstraat ${i}`,
        kind: r.pick(UNIT_KINDS),
        status: 'let',
        occupant_client_id: null,
        notes: '',
        version: 1,
      });
    }
    // Two rounds a month over five years.
    const rounds: { id: number; date: string }[] = [];
    for (let d = 0, id = 1; d < SPAN_DAYS; d += 15, id++) {
      const date = dayAt(d);
      rounds.push({ id, date });
      addRound.run(id, date, date, plusDays(date, 60), `${date}T09:00:00.000Z`, `${date}T16:00:00.000Z`);
    }
    const perRound = Math.ceil(DECISIONS / rounds.length);
    let decisions = 0;
    for (const round of rounds) {
      const seen = new Set<string>();
      for (let k = 0; k < perRound && decisions < DECISIONS; k++) {
        const c = r.pick(clientIds);
        const u = r.pick(unitIds);
        if (seen.has(`${c}|${u}`)) continue;
        seen.add(`${c}|${u}`);
        const declined = r.float() < 0.2;
        const reason = declined ? r.pick(['client-refused', 'rent-debt', 'landlord-statement', 'liveability', 'other']) : null;
        addDecision.run(round.id, c, u, declined ? 'declined' : 'accepted', reason, !declined && r.float() < 0.1 ? 'refused' : 'accepted', `${round.date}T14:00:00.000Z`);
        decisions++;
      }
    }
    for (let i = 1; i <= PLACEMENTS; i++) {
      const round = rounds[Math.floor(((i - 1) * rounds.length) / PLACEMENTS)]!;
      const nbh = r.pick(nbhs);
      const moveIn = r.float() < 0.8 ? plusDays(round.date, r.int(7, 60)) : null;
      const omklap = r.float() < 0.15;
      const id = `P-BENCH-${pad(i, 5)}`;
      addPlacement.run({
        id,
        client_id: r.float() < 0.9 ? r.pick(clientIds) : null,
        unit_id: r.pick(unitIds),
        date: round.date,
        origin: r.pick(munis),
        dest: nbh.municipality_code,
        nbh: nbh.code,
        complex: r.float() < 0.3 ? `Complex ${r.int(1, 200)}` : null,
        corp: r.pick(corps),
        round_id: round.id,
        move_in: moveIn,
        review: omklap ? plusDays(round.date, 365) : null,
        transfer: omklap ? plusDays(round.date, 540) : null,
        grp: r.pick(CLIENT_GROUPS),
        gender: r.pick(GENDERS),
        age: r.int(18, 70),
        adults: r.int(1, 2),
        children: r.float() < 0.2 ? r.int(1, 3) : 0,
        provider: r.pick(providers),
        intensity: r.pick(SUPPORT_INTENSITIES),
        frame: r.pick(FUNDING_FRAMES),
        ready: dayAt(Math.max(0, Math.round((Date.parse(round.date) - FIRST_DAY) / 86_400_000) - r.int(0, 400))),
        since: r.float() < 0.9 ? dayAt(r.int(0, SPAN_DAYS - 400)) : null,
        kind: r.pick(UNIT_KINDS),
      });
      const base = moveIn ?? round.date;
      for (const month of [6, 12, 24]) {
        const due = plusDays(base, Math.round(month * 30.4375));
        if (due < NOW.toISOString().slice(0, 10) && r.float() < 0.7) addCheck.run(id, month, due, plusDays(due, 5), r.float() < 0.9 ? 1 : 0, r.float() < 0.1 ? 1 : 0);
      }
    }
  })();
  db.exec('analyze');
  return { providerId };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function timedRuns(fn: () => Promise<unknown>): Promise<number[]> {
  await fn(); // warm-up, not counted
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times;
}

export interface ReportsBench {
  monitorMs: number;
  monitorFilteredMs: number;
  providerPdfMs: number | null;
  providerPdfError?: string;
  pdfBytes: number;
  generateMs: number;
}

export async function runReportsBench(): Promise<ReportsBench> {
  const dir = mkdtempSync(join(tmpdir(), 'ut-bench-reports-'));
  try {
    const b = await createBackend(join(dir, 'bench.sqlite'), { host: 'cli', now: () => NOW });
    try {
      await seedDemoIfEmpty(b, demoDatasetPath(ROOT), 'bench');
      const t0 = performance.now();
      const { providerId } = generateHistory(b);
      const generateMs = performance.now() - t0;
      const ctx: ReportContext = { db: b.database.db, now: () => NOW, user: chairUser('bench') };
      const monitor = await timedRuns(() => buildMonitorReport(ctx, { filters: {} }));
      const filtered = await timedRuns(() =>
        buildMonitorReport(ctx, { filters: { from: '2022-01-01', to: '2026-11-27', municipalityCodes: ['GM0034', 'GM0995'], groups: ['BW', 'MO', 'VO'] } }),
      );
      let providerPdfMs: number | null = null;
      let providerPdfError: string | undefined;
      let pdfBytes = 0;
      try {
        const pdf = await timedRuns(async () => {
          const out = await writeReport(ctx, { report: 'provider', careProviderId: providerId }, 'pdf');
          pdfBytes = out.bytes.length;
        });
        providerPdfMs = median(pdf);
      } catch (e) {
        providerPdfError = e instanceof Error ? e.message : String(e);
      }
      return { monitorMs: median(monitor), monitorFilteredMs: median(filtered), providerPdfMs, ...(providerPdfError ? { providerPdfError } : {}), pdfBytes, generateMs };
    } finally {
      await b.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The one line `npm run bench` prints. */
export function reportsLine(r: ReportsBench): string {
  const monitor = `monitor ${r.monitorMs.toFixed(1)} ms (target <= ${MONITOR_TARGET_MS}: ${r.monitorMs <= MONITOR_TARGET_MS ? 'met' : 'NOT MET'})`;
  const pdf =
    r.providerPdfMs === null
      ? `provider PDF: ERROR ${r.providerPdfError ?? ''}`
      : `provider PDF ${PROVIDER_CLIENTS} clients ${r.providerPdfMs.toFixed(0)} ms (target <= ${PDF_TARGET_MS}: ${r.providerPdfMs <= PDF_TARGET_MS ? 'met' : 'NOT MET'})`;
  return `reports (${PLACEMENTS.toLocaleString('en')} placements, ${DECISIONS.toLocaleString('en')} decisions, 5 years; median of ${RUNS}): ${monitor}; ${pdf}`;
}

async function main(): Promise<void> {
  const r = await runReportsBench();
  if (process.argv.includes('--line')) {
    console.log(reportsLine(r));
    return;
  }
  console.log(`Reports benchmark: demo region plus five years of history (${CLIENTS} clients, ${UNITS} homes, ${PLACEMENTS} placements, ${DECISIONS} decisions) generated in ${(r.generateMs / 1000).toFixed(1)} s.`);
  console.log(`  monitor, no filters (last 12 months):            ${r.monitorMs.toFixed(1)} ms (median of ${RUNS})`);
  console.log(`  monitor, five years, 2 municipalities, 3 groups: ${r.monitorFilteredMs.toFixed(1)} ms (median of ${RUNS})`);
  if (r.providerPdfMs === null) console.log(`  provider PDF: ERROR ${r.providerPdfError}`);
  else console.log(`  provider PDF for ${PROVIDER_CLIENTS} clients: ${r.providerPdfMs.toFixed(0)} ms (median of ${RUNS}), ${(r.pdfBytes / 1024).toFixed(0)} KB`);
  console.log(`\n${reportsLine(r)}`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
