// What a policy would do before it is saved (issue 14): the region's own last twelve months replayed
// month by month under the policy in force and under the draft, and the current round proposed
// under both, with the figures side by side. The history replay rebuilds the register as it stood
// at the start (who was ready and waiting, which homes were free) and lets every client and home
// arrive in the month of their woonrijp date or availability date. Pure TypeScript; the backend runs
// it in the proposal worker.
import type { Client, Dataset, Unit } from '../dataset/dataset.schema';
import type { PolicySettings } from '../domain/policy';
import { addDays } from '../domain/random';
import { addMonths } from './model';
import { type EngineSolvers, propose } from './propose';
import { arrivalModel } from './plan';
import { type ReplayResult, type ReplayStrategy, runReplay } from './replay';
import type { Figures, ProposeOptions } from './round.schema';

export interface HistoryReplayInput {
  /** The register at the start of the replay: history before it, clients waiting then, homes free then. */
  start: Dataset;
  startDate: string;
  months: number;
  arrivalsByMonth: { clients: Client[]; units: Unit[] }[];
}

/** A day of the month every month has (1-28): the replay's rounds fall on it. */
const roundDay = (iso: string) => `${iso.slice(0, 8)}${String(Math.min(28, Number(iso.slice(8, 10)))).padStart(2, '0')}`;

/**
 * The region's last `months` months as a replay: the rounds fall on `endDate` minus months..minus one
 * month. Clients take part from their woonrijp date (active or placed clients; archived and parked ones
 * are left out), homes from their availability date (homes held as reserved are left out). Who was
 * placed before the start stays placed; placements since are made again by the replay.
 */
export function historyReplay(d: Dataset, endDate: string, months = 12): HistoryReplayInput {
  const startDate = roundDay(addMonths(endDate, -months));
  const dates = Array.from({ length: months + 1 }, (_, m) => addMonths(startDate, m));
  const before = d.placements.filter((p) => p.date < startDate);
  const placedBefore = new Set(before.flatMap((p) => (p.clientId ? [p.clientId] : [])));
  const letBefore = new Set(before.flatMap((p) => (p.unitId ? [p.unitId] : [])));
  const monthOf = (day: string) => {
    for (let m = months - 1; m >= 0; m--) if (day >= dates[m]!) return m;
    return -1;
  };
  const arrivalsByMonth = Array.from({ length: months }, () => ({ clients: [] as Client[], units: [] as Unit[] }));
  const startClients: Client[] = [];
  for (const c of d.clients) {
    if (c.readyDate === null || c.readyDate >= dates[months]! || placedBefore.has(c.id)) continue;
    if (c.status !== 'active' && c.status !== 'placed') continue;
    // As they stood then: ready (every condition met from their woonrijp date), waiting, no home yet.
    const then: Client = { ...c, status: 'active', readiness: c.readiness.map((r) => ({ ...r, done: true })) };
    const m = monthOf(c.readyDate);
    if (m < 0) startClients.push(then);
    else arrivalsByMonth[m]!.clients.push(then);
  }
  const startUnits: Unit[] = [];
  for (const u of d.units) {
    if (letBefore.has(u.id) || u.status === 'reserved' || u.availableFrom >= dates[months]!) continue;
    // Free from its availability date; a home let since is free again, its tenant not yet in it.
    const tenantPlacedSince = u.status === 'let';
    const then: Unit = { ...u, status: 'available', occupantClientId: tenantPlacedSince ? null : u.occupantClientId };
    const m = monthOf(u.availableFrom);
    if (m < 0) startUnits.push(then);
    else arrivalsByMonth[m]!.units.push(then);
  }
  // Nothing that arrives later is in the starting register; other records stay as they are (not in any round).
  const arriving = new Set([...arrivalsByMonth.flatMap((a) => a.clients.map((c) => c.id)), ...arrivalsByMonth.flatMap((a) => a.units.map((u) => u.id))]);
  const start: Dataset = {
    ...d,
    clients: [...startClients, ...d.clients.filter((c) => !arriving.has(c.id) && !startClients.some((s) => s.id === c.id) && c.status !== 'active' && c.status !== 'placed')],
    units: startUnits,
    placements: before,
  };
  return { start, startDate, months, arrivalsByMonth };
}

/** One policy's figures in the what-if. */
export interface PolicyFigures {
  replay: {
    placed: number;
    homeOrNetworkShare: number | null;
    waitMedianDays: number | null;
    waitP90Days: number | null;
    emptyHomeMonths: number;
    stillWaiting: number;
    totalScore: number;
    exchangeBalances: { municipalityCode: string; name: string; start: number; end: number }[];
    /** Placements per corporation and municipality per year in the replay (against a maximum where one is agreed). */
    quotaUse: { corporationId: string; corporationName: string; municipalityCode: string; municipalityName: string; year: number; placed: number; agreed: number | null }[];
    placementsPerMonth: number[];
  };
  /** The current round under this policy; null when there is no round to try. */
  round: { placed: number; candidates: number; totalScore: number; figures: Figures; status: string; held: string[] } | null;
}

export interface PolicyWhatIf {
  startDate: string;
  endDate: string;
  months: number;
  /** Clients and homes in the replay (waiting or free at the start, and arriving). */
  clients: number;
  units: number;
  inForce: PolicyFigures;
  draft: PolicyFigures;
  ms: number;
}

function replayFigures(r: ReplayResult, d: Dataset): PolicyFigures['replay'] {
  const placements = r.months.flatMap((m) => m.placements);
  const counts = new Map<string, number>();
  for (const p of placements) {
    if (!p.corporationId) continue;
    const key = `${p.corporationId}|${p.destinationMunicipalityCode}|${p.date.slice(0, 4)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const quotaUse = [...counts.entries()]
    .map(([key, placed]) => {
      const [corporationId, municipalityCode, year] = key.split('|') as [string, string, string];
      const q = d.quotas.find((x) => x.corporationId === corporationId && x.municipalityCode === municipalityCode && x.year === Number(year) && x.kind === 'maximum');
      const corporationName = d.corporations.find((c) => c.id === corporationId)?.name ?? corporationId;
      const municipalityName = d.municipalities.find((m) => m.code === municipalityCode)?.name ?? municipalityCode;
      return { corporationId, corporationName, municipalityCode, municipalityName, year: Number(year), placed, agreed: q?.agreed ?? null };
    })
    .sort((a, b) => a.year - b.year || a.corporationId.localeCompare(b.corporationId) || a.municipalityCode.localeCompare(b.municipalityCode));
  return {
    placed: r.total.placed,
    homeOrNetworkShare: r.total.homeOrNetworkShare,
    waitMedianDays: r.total.wait.all.median,
    waitP90Days: r.total.wait.all.p90,
    emptyHomeMonths: r.total.emptyHomeMonths,
    stillWaiting: r.total.stillWaiting,
    totalScore: Math.round(r.total.totalScore * 100) / 100,
    exchangeBalances: r.total.exchangeBalances,
    quotaUse,
    placementsPerMonth: r.months.map((m) => m.placements.length),
  };
}

export interface PolicyWhatIfInput {
  dataset: Dataset;
  inForce: PolicySettings;
  draft: PolicySettings;
  /** Today: the replay covers the months before it. */
  endDate: string;
  months?: number;
  /** The current round's options (optimal strategy), or null when there is none. */
  round: ProposeOptions | null;
  /** The current round's register (its members only); default `dataset`. */
  roundDataset?: Dataset | null;
  solvers: EngineSolvers;
  /** Per proposal of the replay and of the round (ms). */
  timeLimitMs?: number;
}

const clock = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export function policyWhatIf(input: PolicyWhatIfInput): PolicyWhatIf {
  const started = clock();
  const months = input.months ?? 12;
  const history = historyReplay(input.dataset, input.endDate, months);
  const timeLimitMs = input.timeLimitMs ?? 10_000;
  // Each month proposed as the app would under that policy: its own optimum, or planning for later when
  // the policy asks for it (at the pace of the region's last year, as rounds.propose passes it).
  const rates = arrivalModel(input.dataset, input.endDate, null);
  const asThePolicySays: ReplayStrategy = (m) =>
    propose(m.dataset, { ...m.options, strategy: 'optimal', planning: { arrivalsPerMonth: { clients: rates.clientsPerMonth, units: rates.unitsPerMonth } } }, m.policy, m.solvers);
  const figuresFor = (policy: PolicySettings): PolicyFigures => {
    const r = runReplay({
      dataset: history.start,
      policy,
      startDate: history.startDate,
      months,
      seed: 0,
      arrivalsByMonth: history.arrivalsByMonth,
      strategy: asThePolicySays,
      solvers: input.solvers,
      timeLimitMs,
      hindsight: false,
    });
    const round = input.round ? propose(input.roundDataset ?? input.dataset, { ...input.round, timeLimitMs }, policy, input.solvers) : null;
    return {
      replay: replayFigures(r, input.dataset),
      round: round
        ? { placed: round.matches.length, candidates: round.figures.candidates, totalScore: round.totalScore, figures: round.figures, status: round.optimality.status, held: round.planning?.held.map((h) => h.sentence) ?? [] }
        : null,
    };
  };
  const inForce = figuresFor(input.inForce);
  const draft = figuresFor(input.draft);
  const clients = history.start.clients.filter((c) => c.status === 'active').length + history.arrivalsByMonth.reduce((n, a) => n + a.clients.length, 0);
  const units = history.start.units.length + history.arrivalsByMonth.reduce((n, a) => n + a.units.length, 0);
  return { startDate: history.startDate, endDate: addDays(addMonths(history.startDate, months), -1), months, clients, units, inForce, draft, ms: Math.round(clock() - started) };
}
