// The replay benchmark (issue 14, run: `npm run bench:replay`): twelve monthly rounds on a generated
// region (300 clients x 240 homes) and on the demo region, with seeded arrivals, for greedy,
// round-by-round optimal and optimal planning for later (shared/engine/plan.ts); prints every figure of
// shared/engine/replay.ts per strategy side by side. Figures only: nothing passes or fails. What the
// figures mean: docs/replay-benchmark.md.
// Options: --months N (default 12), --seed N (the arrivals' seed, default 14); for `planned`:
// --hold X (0..1), --empty-cost X (points per empty home-month), --scenarios N (default PLANNED_SETTINGS).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { engineSolvers } from '../electron/backend/engine/highs';
import type { Dataset } from '../shared/dataset/dataset.schema';
import { checkDataset, formatProblems } from '../shared/dataset/validate';
import { type EngineSolvers, propose } from '../shared/engine/propose';
import { DEFAULT_ARRIVALS, PLANNED_SETTINGS, plannedStrategy, REPLAY_STRATEGIES, type ReplayResult, runReplay, type WaitFigures } from '../shared/engine/replay';
import { generateInstance, instanceOptions, variantOptions } from './bench/instances';
import { DEMO_FILE } from './demo/generate';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const MONTHS = arg('months', 12);
const SEED = arg('seed', 14);
const PLANNING = {
  hold: arg('hold', PLANNED_SETTINGS.hold),
  emptyHomeMonthCost: arg('empty-cost', PLANNED_SETTINGS.emptyHomeMonthCost),
  scenarios: arg('scenarios', PLANNED_SETTINGS.scenarios),
};
const STRATEGIES = { ...REPLAY_STRATEGIES, planned: plannedStrategy(PLANNING) };
/** The generated region: the benchmark's normal variant, seed 2026. */
const GENERATED = { clients: 300, units: 240, seed: 2026 };
const STRATEGY_NAMES = ['greedy', 'optimal', 'planned'] as const;

function checked(raw: unknown, what: string): Dataset {
  const c = checkDataset(raw);
  if (!c.ok) throw new Error(`${what} is not a valid dataset:\n${formatProblems(c.problems.slice(0, 3))}`);
  return c.dataset;
}

const fmt = (n: number | null | undefined, digits = 0): string => (n === null || n === undefined ? '-' : n.toFixed(digits));
const pct = (n: number | null | undefined): string => (n === null || n === undefined ? '-' : `${(n * 100).toFixed(1)}%`);
const waitText = (w: WaitFigures): string => `${fmt(w.median, 1)} / ${fmt(w.p90)} (n=${w.count})`;

/** One row: a label and a value per strategy. */
function table(rows: [string, ...string[]][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n');
}

function report(name: string, results: Record<(typeof STRATEGY_NAMES)[number], ReplayResult>, seconds: Record<string, number>): void {
  const rs = STRATEGY_NAMES.map((s) => results[s]);
  const first = rs[0]!;
  console.log(`\n=== ${name} ===`);
  console.log(
    `${first.months.length} rounds from ${first.startDate}, a month apart; arrivals seed ${first.seed}: ` +
      `${first.total.arrivedClients} clients and ${first.total.arrivedUnits} homes arrived; cap period ${first.capPeriodMonths} months.`,
  );
  const per = (f: (r: ReplayResult) => string): string[] => rs.map(f);
  const rows: [string, ...string[]][] = [
    ['', ...STRATEGY_NAMES],
    ['placements', ...per((r) => String(r.total.placed))],
    ['placements per month', ...per((r) => r.months.map((m) => m.figures.placed).join(' '))],
    ['candidates per month', ...per((r) => r.months.map((m) => m.candidates).join(' '))],
    ['homes per month', ...per((r) => r.months.map((m) => m.unitsAvailable).join(' '))],
    ['home/network share', ...per((r) => pct(r.total.homeOrNetworkShare))],
    ['wait all: median / p90 days', ...per((r) => waitText(r.total.wait.all))],
    ['wait arrivals: median / p90 days', ...per((r) => waitText(r.total.wait.arrivals))],
    ['empty home-months', ...per((r) => String(r.total.emptyHomeMonths))],
    [
      'peak neighbourhood load',
      ...per((r) => {
        const p = r.total.peakLoad;
        return p ? `${pct(p.share)} (${p.placements}/${p.limit} ${p.neighbourhoodCode} ${p.date})` : '-';
      }),
    ],
    ['peak load per month (%)', ...per((r) => r.months.map((m) => (m.figures.peakLoad ? fmt(m.figures.peakLoad.share * 100) : '-')).join(' '))],
    ['neighbourhoods at their cap per month', ...per((r) => r.months.map((m) => m.figures.neighbourhoodsAtCap).join(' '))],
    ['total score', ...per((r) => fmt(r.total.totalScore, 2))],
    ['still waiting after the last round', ...per((r) => String(r.total.stillWaiting))],
    ['omklap homes freed', ...per((r) => String(r.months.reduce((s, m) => s + m.released.length, 0)))],
    [
      'held back per month: placements / points',
      ...per((r) => (r.months.some((m) => m.heldBack) ? r.months.map((m) => (m.heldBack ? `${m.heldBack.placements}/${fmt(m.heldBack.score)}` : '-')).join(' ') : '-')),
    ],
    ['rounds proven / unproven / heuristic', ...per((r) => (['proven', 'unproven', 'heuristic'] as const).map((k) => r.months.filter((m) => m.optimality === k).length).join(' / '))],
    ['replay time (s)', ...STRATEGY_NAMES.map((s) => fmt(seconds[s], 1))],
  ];
  for (const e of first.total.exchangeBalances) {
    rows.push([`exchange ${e.municipalityCode} ${e.name}: start -> end`, ...per((r) => {
      const x = r.total.exchangeBalances.find((b) => b.municipalityCode === e.municipalityCode)!;
      return `${x.start} -> ${x.end}`;
    })]);
  }
  first.periods.forEach((p, i) => {
    const label = `hindsight months ${p.months[0]}-${p.months[1]}`;
    rows.push([`${label}: share`, ...per((r) => pct(r.periods[i]!.share))]);
    rows.push([`${label}: realized / hindsight`, ...per((r) => `${fmt(r.periods[i]!.realizedTotal, 2)} / ${fmt(r.periods[i]!.hindsightTotal, 2)} ${r.periods[i]!.hindsightStatus}`)]);
    rows.push([`${label}: sum of monthly totals`, ...per((r) => fmt(r.periods[i]!.monthlyTotal, 2))]);
    rows.push([`${label}: freed and let again / not possible`, ...per((r) => `${r.periods[i]!.releasedLetAgain} / ${r.periods[i]!.notPossibleThen}`)]);
    const violations = rs.flatMap((r) => r.periods[i]!.violations);
    if (violations.length) rows.push([`${label}: hard rules broken in hindsight`, ...per((r) => String(r.periods[i]!.violations.length))]);
  });
  console.log(table(rows));
}

async function replayRegion(name: string, dataset: Dataset, solvers: EngineSolvers): Promise<void> {
  const results = {} as Record<(typeof STRATEGY_NAMES)[number], ReplayResult>;
  const seconds: Record<string, number> = {};
  for (const s of STRATEGY_NAMES) {
    const t = performance.now();
    results[s] = runReplay({ dataset, startDate: dataset.region.referenceDate, months: MONTHS, seed: SEED, strategy: STRATEGIES[s], solvers });
    seconds[s] = (performance.now() - t) / 1000;
  }
  report(name, results, seconds);
}

/**
 * What planning adds to one proposal: 200x150 generated rounds (normal, seeds 1000-1004, each once to
 * warm up), the optimum with and without planning over the first round's two later rounds; the
 * process's CPU time (the machine is shared, so wall-clock time is less telling), median of three runs each.
 */
function planningCost(solvers: EngineSolvers): void {
  const datasets = [1000, 1001, 1002, 1003, 1004].map((seed) => checked(generateInstance(variantOptions('normal', 200, 150, seed)), `the 200x150 region seed ${seed}`));
  const plain = instanceOptions('optimal');
  const planned = { ...plain, planning: { ...PLANNING, arrivalsPerMonth: { clients: 20, units: 16 }, periodStart: plain.referenceDate } };
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  for (const d of datasets) {
    propose(d, plain, undefined, solvers);
    propose(d, planned, undefined, solvers);
  }
  const extra: number[] = [];
  for (let rep = 0; rep < 3; rep++) {
    for (const d of datasets) {
      let t = cpu();
      propose(d, plain, undefined, solvers);
      const a = cpu() - t;
      t = cpu();
      propose(d, planned, undefined, solvers);
      extra.push(cpu() - t - a);
    }
  }
  extra.sort((a, b) => a - b);
  console.log(
    `\nPlanning on a 200x150 round (${PLANNING.scenarios} futures of 2 later rounds, 20 clients and 16 homes a month): ` +
      `${fmt(extra[Math.floor(extra.length / 2)])} ms CPU more than the optimum alone (median of ${extra.length}; ${fmt(extra[0])}-${fmt(extra[extra.length - 1])} ms).`,
  );
}

async function main(): Promise<void> {
  const solvers = await engineSolvers();
  console.log(`Replay benchmark: ${MONTHS} monthly rounds per region, every proposal accepted in full; arrivals per month ` +
    `${DEFAULT_ARRIVALS.clients.min}-${DEFAULT_ARRIVALS.clients.max} ready clients and ${DEFAULT_ARRIVALS.units.min}-${DEFAULT_ARRIVALS.units.max} homes, copies of the region's own.`);
  console.log('Waits in days from woonrijp to placement (median / nearest-rank 90th percentile); share of the hindsight optimum:');
  console.log("the period's placements scored on its last round date / one proven solve that knew the whole period (docs/replay-benchmark.md).");
  console.log(
    `Planned: the optimum planning for the rest of each cap period, hold ${PLANNING.hold}, empty home-month ${PLANNING.emptyHomeMonthCost} points, ${PLANNING.scenarios} sampled futures a round; ` +
      "'held back' is how far a round stayed below its own optimum (placements / points).",
  );
  const generated = checked(generateInstance(variantOptions('normal', GENERATED.clients, GENERATED.units, GENERATED.seed)), 'the generated region');
  await replayRegion(`Generated region ${GENERATED.clients}x${GENERATED.units} (normal, seed ${GENERATED.seed})`, generated, solvers);
  const demo = checked(JSON.parse(readFileSync(resolve(__dirname, '..', DEMO_FILE), 'utf8')), DEMO_FILE);
  await replayRegion(`Demo region (${DEMO_FILE}: ${demo.clients.length} clients, ${demo.units.length} homes)`, demo, solvers);
  planningCost(solvers);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
