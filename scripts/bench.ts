// The matching benchmark (`npm run bench`, `npm run bench -- --quick`): whole proposals on generated
// regions of growing size, both strategies, with time, peak memory and the round's figures; then the
// optimal strategy over 20 seeds per size and variant (normal, hotspot, tight) with the proven count
// and each proposal's overrun of its time limit; the model build at 1000x800; and 5000x4000 under a
// 30 s limit; and "what it would take" after 200x150 proposals (`--whatif` runs that part alone). It prints figures only: no thresholds, nothing passes or fails.
// Node script (run with tsx); each measured case runs in a fresh child process of this script, bundled
// by esbuild. HiGHS (the engine's exact step, as in the app) is loaded once per child, outside the timing.
import { fork, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import loadHighs from 'highs';
import type { Dataset } from '../shared/dataset/dataset.schema';
import { checkDataset, formatProblems } from '../shared/dataset/validate';
import { highsIntegerSolver, highsRelaxation } from '../shared/engine/highs-ip';
import { buildModel } from '../shared/engine/model';
import { type EngineSolvers, propose } from '../shared/engine/propose';
import type { Proposal, Strategy } from '../shared/engine/round.schema';
import { INSTANCE_VARIANTS, type InstanceVariant, generateInstance, instanceOptions, variantOptions } from './bench/instances';

const SEED = 2026;
const TIME_LIMIT_MS = 10_000;
/** Seeds of the per-seed series (20 each). */
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
/** A case of one proposal that has not answered after this long is stopped and reported as such. */
const CASE_TIMEOUT_MS = 150_000;

const SIZES: { clients: number; units: number; runs: number }[] = [
  { clients: 50, units: 40, runs: 7 },
  { clients: 100, units: 80, runs: 7 },
  { clients: 200, units: 150, runs: 7 },
  { clients: 500, units: 400, runs: 5 },
  { clients: 1000, units: 800, runs: 3 },
];
/** The per-seed series: sizes, and the time limit of each. */
const SERIES: { clients: number; units: number; timeLimitMs: number; seeds: number[]; quick: boolean }[] = [
  { clients: 200, units: 150, timeLimitMs: TIME_LIMIT_MS, seeds: SEEDS, quick: true },
  { clients: 1000, units: 800, timeLimitMs: TIME_LIMIT_MS, seeds: SEEDS, quick: false },
  // A limit that binds: what the engine returns at 1 s, and by how much it overruns it.
  { clients: 1000, units: 800, timeLimitMs: 1000, seeds: SEEDS.slice(0, 5), quick: false },
];
const LARGE = { clients: 5000, units: 4000, variant: 'normal' as InstanceVariant, timeLimitMs: 30_000 };

// ---------------------------------------------------------------------------------------------
// Child side

interface TableSpec {
  kind: 'table';
  clients: number;
  units: number;
  variant: InstanceVariant;
  strategy: Strategy;
  /** Measured runs; one warm-up run comes first and is not counted. */
  runs: number;
  /** The engine's time limit for this case (the optimal strategy stops improving after it). */
  timeLimitMs: number;
}

interface SeriesSpec {
  kind: 'series';
  clients: number;
  units: number;
  variant: InstanceVariant;
  seeds: number[];
  timeLimitMs: number;
  /** Also time buildModel alone per seed (after its proposal). */
  modelTimes: boolean;
}

interface LargeSpec {
  kind: 'large';
  clients: number;
  units: number;
  variant: InstanceVariant;
  timeLimitMs: number;
}

/** "What it would take" after the proposal, per seed (counterfactual.ts), as the app asks for it. */
interface WhatIfSpec {
  kind: 'whatif';
  clients: number;
  units: number;
  variant: InstanceVariant;
  seeds: number[];
}

type Spec = TableSpec | SeriesSpec | LargeSpec | WhatIfSpec;

interface TableResult {
  spec: TableSpec;
  ok: boolean;
  error?: string;
  times?: number[];
  medianMs?: number;
  /** Median time of buildModel alone (pair rules, scores, constraints), measured after the proposals. */
  modelMs?: number;
  /** Peak resident set of the child process (getrusage maxrss), MB. */
  peakRssMb?: number;
  /** Peak RSS minus the RSS just before the first proposal (instance already built), MB. */
  growthMb?: number;
  totalScore?: number;
  placed?: number;
  candidates?: number;
  homeOrNetworkShare?: number;
  highestLoad?: Proposal['figures']['highestNeighbourhoodLoad'];
  status?: string;
  gap?: number | null;
  method?: string;
  pairShare?: number;
  constraintCounts?: Record<string, number>;
}

interface SeedResult {
  seed: number;
  ms: number;
  status: string;
  totalScore: number;
  gap: number | null;
  method: string;
  /** buildModel alone, ms, and the model's possible pairs. */
  modelMs?: number;
  pairs?: number;
}

interface SeriesResult {
  spec: SeriesSpec;
  ok: boolean;
  error?: string;
  /** The first proposal of the process (a smaller round of the same variant), cold: JIT and HiGHS code. */
  warmUpMs?: number;
  seeds?: SeedResult[];
  peakRssMb?: number;
}

interface LargeResult {
  spec: LargeSpec;
  ok: boolean;
  error?: string;
  ms?: number;
  peakRssMb?: number;
  totalScore?: number;
  placed?: number;
  candidates?: number;
  status?: string;
  bound?: number | null;
  gap?: number | null;
  method?: string;
}

interface WhatIfResult {
  spec: WhatIfSpec;
  ok: boolean;
  error?: string;
  seeds?: { seed: number; ms: number; unplaced: number; changed: number; displacing: number; none: number; complete: boolean; emptyHomes: number }[];
}

type Result = TableResult | SeriesResult | LargeResult | WhatIfResult;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const mb = (bytes: number) => bytes / (1024 * 1024);
const peakRss = () => process.resourceUsage().maxRSS * 1024;

/**
 * HiGHS for the engine, as engineSolvers() gives it in the app, but with the runtime file the parent
 * resolved: the bundle runs from a temp folder, where neither the loader's own lookup nor
 * electron/backend/engine/highs.ts would find `highs.wasm`.
 */
async function loadSolvers(): Promise<EngineSolvers> {
  const file = process.argv[process.argv.indexOf('--highs') + 1]!;
  const highs = await loadHighs({ locateFile: () => file });
  return { integer: highsIntegerSolver(highs), relaxation: highsRelaxation(highs) };
}

function dataset(variant: InstanceVariant, clients: number, units: number, seed: number): Dataset {
  const check = checkDataset(generateInstance(variantOptions(variant, clients, units, seed)));
  if (!check.ok) throw new Error(`invalid instance: ${formatProblems(check.problems.slice(0, 3))}`);
  return check.dataset;
}

/** One size, variant and strategy: a warm-up run, then the measured runs (seed 2026). */
function runTable(spec: TableSpec, solvers: EngineSolvers): TableResult {
  const d = dataset(spec.variant, spec.clients, spec.units, SEED);
  const options = instanceOptions(spec.strategy, spec.timeLimitMs);
  const rssBefore = process.memoryUsage().rss;
  const times: number[] = [];
  let last: Proposal | null = null;
  let peakOfOne = 0;
  for (let run = 0; run <= spec.runs; run++) {
    const t0 = performance.now();
    last = propose(d, options, undefined, solvers);
    const ms = performance.now() - t0;
    if (run > 0) times.push(ms); // run 0 warms up the JIT (and HiGHS's code) and is not counted
    // The peak after the first proposal is that of one proposal; later runs add the garbage of
    // earlier ones that V8 has not yet reclaimed (forcing a collection instead slows the runs down).
    if (run === 0) peakOfOne = peakRss();
  }
  // Memory: getrusage's maxRSS is the kernel's record of the process's peak resident set, so it sees
  // the peak inside a synchronous solve that a sampling timer would miss; read after the first run. It includes Node, the
  // loader, HiGHS and the generated instance; `growth` subtracts the RSS measured just before solving.
  const p = last!;
  // How much of a proposal is building the model: the same number of runs of buildModel alone.
  const modelTimes: number[] = [];
  let model = buildModel(d, options);
  for (let run = 0; run < spec.runs; run++) {
    const t0 = performance.now();
    model = buildModel(d, options);
    modelTimes.push(performance.now() - t0);
  }
  const constraintCounts: Record<string, number> = {};
  for (const k of model.constraints) constraintCounts[k.kind] = (constraintCounts[k.kind] ?? 0) + 1;
  return {
    spec,
    ok: true,
    times,
    medianMs: median(times),
    modelMs: median(modelTimes),
    peakRssMb: mb(peakOfOne),
    growthMb: mb(Math.max(0, peakOfOne - rssBefore)),
    totalScore: p.totalScore,
    placed: p.figures.placed,
    candidates: p.figures.candidates,
    homeOrNetworkShare: p.figures.homeOrNetworkShare,
    highestLoad: p.figures.highestNeighbourhoodLoad,
    status: p.optimality.status,
    gap: p.optimality.gap,
    method: p.optimality.method,
    pairShare: model.pairs.length / Math.max(1, model.clients.length * model.units.length),
    constraintCounts,
  };
}

/** One size and variant over many seeds: each proposal timed once, after one warm-up proposal. */
function runSeries(spec: SeriesSpec, solvers: EngineSolvers): SeriesResult {
  const options = instanceOptions('optimal', spec.timeLimitMs);
  // Warm-up: a smaller round of the same variant, so the first seed is not the one that pays for
  // V8's first compile of the engine and of HiGHS's WebAssembly (printed apart).
  const warm = dataset(spec.variant, 200, 150, 1000);
  let t0 = performance.now();
  propose(warm, options, undefined, solvers);
  const warmUpMs = performance.now() - t0;
  const seeds: SeedResult[] = [];
  for (const seed of spec.seeds) {
    const d = dataset(spec.variant, spec.clients, spec.units, seed);
    t0 = performance.now();
    const p = propose(d, options, undefined, solvers);
    const ms = performance.now() - t0;
    const r: SeedResult = { seed, ms, status: p.optimality.status, totalScore: p.totalScore, gap: p.optimality.gap, method: p.optimality.method };
    if (spec.modelTimes) {
      t0 = performance.now();
      const model = buildModel(d, options);
      r.modelMs = performance.now() - t0;
      r.pairs = model.pairs.length;
    }
    seeds.push(r);
  }
  return { spec, ok: true, warmUpMs, seeds, peakRssMb: mb(peakRss()) };
}

/** One large round, one proposal (after a small warm-up proposal), with its peak memory. */
function runLarge(spec: LargeSpec, solvers: EngineSolvers): LargeResult {
  const options = instanceOptions('optimal', spec.timeLimitMs);
  propose(dataset(spec.variant, 200, 150, 1000), options, undefined, solvers);
  const d = dataset(spec.variant, spec.clients, spec.units, SEED);
  const t0 = performance.now();
  const p = propose(d, options, undefined, solvers);
  const ms = performance.now() - t0;
  return {
    spec,
    ok: true,
    ms,
    peakRssMb: mb(peakRss()),
    totalScore: p.totalScore,
    placed: p.figures.placed,
    candidates: p.figures.candidates,
    status: p.optimality.status,
    bound: p.optimality.bound,
    gap: p.optimality.gap,
    method: p.optimality.method,
  };
}

/** Counterfactuals for every unplaced client of each seed's proposal (after a warm-up round), timed by the engine. */
function runWhatIf(spec: WhatIfSpec, solvers: EngineSolvers): WhatIfResult {
  const options = { ...instanceOptions('optimal', TIME_LIMIT_MS), counterfactuals: { timeLimitMs: 30_000 } };
  propose(dataset(spec.variant, 200, 150, 1000), options, undefined, solvers);
  const seeds = spec.seeds.map((seed) => {
    const p = propose(dataset(spec.variant, spec.clients, spec.units, seed), options, undefined, solvers);
    const cf = p.counterfactuals!;
    return {
      seed,
      ms: cf.ms,
      unplaced: cf.clients.length,
      changed: cf.clients.filter((c) => c.change).length,
      displacing: cf.clients.filter((c) => !c.change && c.asIs).length,
      none: cf.clients.filter((c) => !c.change && !c.asIs).length,
      complete: cf.complete,
      emptyHomes: cf.emptyHomes.length,
    };
  });
  return { spec, ok: true, seeds };
}

async function runChild(spec: Spec): Promise<Result> {
  const solvers = await loadSolvers();
  if (spec.kind === 'table') return runTable(spec, solvers);
  if (spec.kind === 'series') return runSeries(spec, solvers);
  if (spec.kind === 'whatif') return runWhatIf(spec, solvers);
  return runLarge(spec, solvers);
}

// ---------------------------------------------------------------------------------------------
// Parent side

/**
 * The measured code is this script bundled by esbuild, as the app's worker is bundled: tsx's
 * on-the-fly compile keeps function names by wrapping every closure, which costs the engine's
 * per-pair loops up to a third of their time and is not what users run.
 */
let bundled: string | null = null;
function benchBundle(): string {
  if (bundled) return bundled;
  const dir = mkdtempSync(join(tmpdir(), 'ut-bench-'));
  bundled = join(dir, 'bench.cjs');
  // `highs` as its CommonJS build: the ES module one reads import.meta.url, which a CommonJS bundle lacks.
  const highsCjs = createRequire(__filename).resolve('highs');
  buildSync({ entryPoints: [__filename], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: bundled, logLevel: 'error', alias: { highs: highsCjs } });
  return bundled;
}

/** HiGHS's WebAssembly file, resolved here (the bundled children run from a temp folder). */
const highsRuntime = () => createRequire(__filename).resolve('highs/runtime');

/** Parent side: runs one case in a fresh child process (the bundled script, plain node). */
function runInChild<R extends Result>(spec: Spec, timeoutMs = CASE_TIMEOUT_MS): Promise<R> {
  return new Promise((resolve) => {
    const child = fork(benchBundle(), ['--case', JSON.stringify(spec), '--highs', highsRuntime()], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
    let result: Result | null = null;
    const timer = setTimeout(() => {
      result = { spec, ok: false, error: `stopped after ${timeoutMs / 1000} s` } as Result;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('message', (m) => {
      result ??= m as Result;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve((result ?? { spec, ok: false, error: `child exited (${signal ?? `code ${code}`})` }) as R);
    });
  });
}

/**
 * The reports line (scripts/bench-reports.ts: the monitor over five years of history and the provider
 * PDF for 500 clients), run in its own process with tsx: it needs the native SQLite module, which the
 * bundled case processes do not carry.
 */
function reportsBenchLine(): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'bench-reports.ts'), '--line'], { encoding: 'utf8', timeout: CASE_TIMEOUT_MS });
  const line = r.stdout?.trim().split('\n').at(-1);
  return r.status === 0 && line ? line : `reports: ERROR ${(r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n')[0]}`;
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const cellsLine = (cells: [string, number, boolean][]) => cells.map(([v, n, right]) => (right ? lpad(v, n) : pad(v, n))).join(' ');
/** An overrun of the limit in percent: (time - limit) / limit; negative when inside the limit. */
const overrun = (ms: number, limit: number) => ((ms - limit) / limit) * 100;
const pct = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}%`;
/** The number of pairs the exact step took, from the method text ('... over N van M paren'). */
const exactPairs = (method: string) => /over (\d+) van \d+ paren/.exec(method)?.[1];

function tableRow(r: TableResult): string {
  const s = r.spec;
  const cells: [string, number, boolean][] = [
    [`${s.clients}x${s.units}`, 9, false],
    [s.variant, 8, false],
    [s.strategy === 'optimal' && s.timeLimitMs !== TIME_LIMIT_MS ? `opt@${s.timeLimitMs / 1000}s` : s.strategy, 8, false],
  ];
  if (!r.ok) return `${cellsLine(cells)} ERROR: ${r.error}`;
  const hl = r.highestLoad;
  cells.push(
    [r.medianMs!.toFixed(1), 9, true],
    [r.modelMs!.toFixed(1), 8, true],
    [r.peakRssMb!.toFixed(0), 7, true],
    [r.growthMb!.toFixed(0), 6, true],
    [r.totalScore!.toFixed(2), 11, true],
    [`${r.placed}/${r.candidates}`, 9, true],
    [`${(r.homeOrNetworkShare! * 100).toFixed(1)}%`, 8, true],
    [hl ? `${hl.placements}/${hl.limit}` : '-', 6, true],
    [r.status!, 10, false],
    [r.gap === null || r.gap === undefined ? '-' : String(r.gap), 8, true],
    [`${(r.pairShare! * 100).toFixed(1)}%`, 7, true],
  );
  return cellsLine(cells);
}

const TABLE_HEADER = cellsLine([
  ['size', 9, false],
  ['variant', 8, false],
  ['strategy', 8, false],
  ['median ms', 9, true],
  ['model ms', 8, true],
  ['peakMB', 7, true],
  ['+MB', 6, true],
  ['total', 11, true],
  ['placed', 9, true],
  ['home/net', 8, true],
  ['nbh', 6, true],
  ['status', 10, false],
  ['gap', 8, true],
  ['pairs', 7, true],
]);

const SERIES_HEADER = cellsLine([
  ['size', 9, false],
  ['variant', 8, false],
  ['limit', 6, true],
  ['median ms', 9, true],
  ['min ms', 8, true],
  ['max ms', 8, true],
  ['proven', 10, true],
  ['overrun med', 11, true],
  ['overrun max', 11, true],
  ['gap med', 8, true],
  ['gap max', 9, true],
  ['exact step', 10, true],
  ['peakMB', 7, true],
  ['warm-up ms', 10, true],
]);

function seriesRow(r: SeriesResult): string {
  const s = r.spec;
  const cells: [string, number, boolean][] = [
    [`${s.clients}x${s.units}`, 9, false],
    [s.variant, 8, false],
    [`${s.timeLimitMs / 1000}s`, 6, true],
  ];
  if (!r.ok) return `${cellsLine(cells)} ERROR: ${r.error}`;
  const list = r.seeds!;
  const ms = list.map((x) => x.ms);
  const over = ms.map((x) => overrun(x, s.timeLimitMs));
  const gaps = list.map((x) => x.gap ?? Number.POSITIVE_INFINITY);
  const proven = list.filter((x) => x.status === 'proven').length;
  const exact = list.filter((x) => exactPairs(x.method) !== undefined).length;
  cells.push(
    [median(ms).toFixed(1), 9, true],
    [Math.min(...ms).toFixed(1), 8, true],
    [Math.max(...ms).toFixed(1), 8, true],
    [`${proven} of ${list.length}`, 10, true],
    [pct(median(over)), 11, true],
    [pct(Math.max(...over)), 11, true],
    [String(Math.round(median(gaps) * 100) / 100), 8, true],
    [String(Math.round(Math.max(...gaps) * 100) / 100), 9, true],
    [`${exact} of ${list.length}`, 10, true],
    [r.peakRssMb!.toFixed(0), 7, true],
    [r.warmUpMs!.toFixed(0), 10, true],
  );
  return cellsLine(cells);
}

/** Per series: how many seeds were not proven or overran their limit, and the three that overran most. */
function seriesNotes(r: SeriesResult): string[] {
  if (!r.ok) return [];
  const s = r.spec;
  const label = `${s.clients}x${s.units} ${s.variant}, limit ${s.timeLimitMs / 1000} s`;
  const unproven = r.seeds!.filter((x) => x.status !== 'proven').length;
  const over = r.seeds!.filter((x) => x.ms > s.timeLimitMs);
  if (!unproven && !over.length) return [];
  const worst = [...r.seeds!].sort((a, b) => b.ms - a.ms).slice(0, 3);
  return [
    `  ${label}: ${unproven} of ${r.seeds!.length} not proven, ${over.length} over the limit; slowest:`,
    ...worst.map(
      (x) =>
        `    seed ${x.seed}: ${x.ms.toFixed(0)} ms (${pct(overrun(x.ms, s.timeLimitMs))}), ${x.status}, total ${x.totalScore.toFixed(2)}, gap ${x.gap}; ${x.method}`,
    ),
  ];
}

/** "What it would take" at 200x150 (also alone: `npm run bench -- --whatif`). */
async function whatIfSection(): Promise<void> {
  console.log('\nWhat it would take (counterfactuals after the proposal, in the proposal\'s process) at 200x150, 20 seeds per variant:');
  console.log('ms: the engine\'s own time for every unplaced client and empty home; placed by one change: a change (or none) that displaces no one;');
  console.log('only by displacing: the client can be placed, but only at another\'s cost; none: no single change opens a home.');
  for (const variant of INSTANCE_VARIANTS) {
    const r = await runInChild<WhatIfResult>({ kind: 'whatif', clients: 200, units: 150, variant, seeds: SEEDS }, 600_000);
    if (!r.ok) {
      console.log(`  ${pad(variant, 7)}: ERROR ${r.error}`);
      continue;
    }
    const xs = r.seeds!;
    const sum = (f: (x: (typeof xs)[number]) => number) => xs.reduce((n, x) => n + f(x), 0);
    const ms = xs.map((x) => x.ms);
    console.log(
      `  ${pad(variant, 7)}: median ${median(ms).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms; ${sum((x) => x.unplaced)} unplaced in all: ` +
        `${sum((x) => x.changed)} placed by one change, ${sum((x) => x.displacing)} only by displacing, ${sum((x) => x.none)} none; ` +
        `complete in ${xs.filter((x) => x.complete).length} of ${xs.length} seeds; ${sum((x) => x.emptyHomes)} empty homes explained`,
    );
    const slowest = [...xs].sort((a, b) => b.ms - a.ms).slice(0, 3);
    console.log(`           slowest seeds: ${slowest.map((x) => `${x.seed} (${x.ms.toFixed(0)} ms)`).join(', ')}`);
  }

}

async function main(): Promise<void> {
  if (process.argv.includes('--whatif')) return whatIfSection();
  const quick = process.argv.includes('--quick');
  const sizes = quick ? SIZES.filter((s) => s.units <= 150) : SIZES;
  const started = Date.now();
  const results: TableResult[] = [];
  console.log(`Matching benchmark (seed ${SEED}, time limit ${TIME_LIMIT_MS} ms${quick ? ', --quick' : ''}); each case in a fresh process, HiGHS loaded before the timing.`);
  console.log('Variants: normal; hotspot (a few homes everyone wants); tight (the normal region, neighbourhood cap 1-2, complex cap 1, binding quotas).');
  console.log('Median of the measured runs of a whole proposal (propose(): model, solve, check, explanations); one warm-up run excluded.');
  console.log('model ms: median of buildModel alone (rules, scores, constraints), part of the median.');
  console.log('peakMB: peak RSS of the case process (getrusage); +MB: peak RSS above the RSS just before the first proposal.');
  console.log('nbh: placements/limit in the most loaded neighbourhood (history in the period included); pairs: possible pairs / (candidates x units).\n');
  console.log(TABLE_HEADER);
  for (const size of sizes) {
    for (const variant of INSTANCE_VARIANTS) {
      for (const strategy of ['optimal', 'greedy'] as const) {
        const r = await runInChild<TableResult>({ kind: 'table', clients: size.clients, units: size.units, variant, strategy, runs: size.runs, timeLimitMs: TIME_LIMIT_MS });
        results.push(r);
        console.log(tableRow(r));
      }
    }
  }

  console.log('\nConstraints per instance (kind: count):');
  for (const r of results) {
    if (r.ok && r.spec.strategy === 'optimal') {
      const counts = Object.entries(r.constraintCounts!)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ');
      console.log(`  ${r.spec.clients}x${r.spec.units} ${pad(r.spec.variant, 7)}: ${counts}`);
    }
  }

  console.log('\nMethod of the optimal strategy:');
  for (const r of results) {
    if (!r.ok || r.spec.strategy !== 'optimal') continue;
    console.log(`  ${r.spec.clients}x${r.spec.units} ${pad(r.spec.variant, 7)} (limit ${r.spec.timeLimitMs / 1000} s): ${r.status}; ${r.method}`);
  }

  console.log('\nOptimal / greedy total score:');
  for (const size of sizes) {
    for (const variant of INSTANCE_VARIANTS) {
      const find = (st: Strategy) => results.find((r) => r.spec.units === size.units && r.spec.variant === variant && r.spec.strategy === st);
      const o = find('optimal');
      const g = find('greedy');
      const label = `  ${size.clients}x${size.units} ${pad(variant, 7)}`;
      if (o?.ok && g?.ok) {
        console.log(`${label}: ${(o.totalScore! / g.totalScore!).toFixed(4)} (${o.totalScore!.toFixed(2)} vs ${g.totalScore!.toFixed(2)}; placed ${o.placed} vs ${g.placed})`);
      } else console.log(`${label}: n/a`);
    }
  }

  // Per-seed series: the optimal strategy, one proposal per seed, each timed alone.
  const series = SERIES.filter((x) => !quick || x.quick);
  console.log(`\nOptimal strategy over seeds (each seed one proposal, timed alone after a warm-up proposal on a 200x150 round of the same variant):`);
  console.log('proven: seeds proven optimal; overrun: (time - limit) / limit, median and max over the seeds (negative: inside the limit);');
  console.log('gap: bound - total; exact step: seeds where the integer program ran; warm-up ms: that first, cold proposal (V8 and HiGHS compile).\n');
  console.log(SERIES_HEADER);
  const seriesResults: SeriesResult[] = [];
  for (const x of series) {
    for (const variant of INSTANCE_VARIANTS) {
      const spec: SeriesSpec = { kind: 'series', clients: x.clients, units: x.units, variant, seeds: x.seeds, timeLimitMs: x.timeLimitMs, modelTimes: x.units === 800 && x.timeLimitMs === TIME_LIMIT_MS };
      const r = await runInChild<SeriesResult>(spec, 120_000 + x.seeds.length * (3 * x.timeLimitMs + 15_000));
      seriesResults.push(r);
      console.log(seriesRow(r));
    }
  }
  const notes = seriesResults.flatMap(seriesNotes);
  console.log(notes.length ? `\nSeries with seeds not proven or over their limit:\n${notes.join('\n')}` : '\nEvery seed proven and inside its limit.');

  const withModel = seriesResults.filter((r) => r.ok && r.spec.modelTimes);
  if (withModel.length) {
    console.log('\nModel build (buildModel alone) at 1000x800, median over the seeds:');
    for (const r of withModel) {
      const ms = r.seeds!.map((x) => x.modelMs!);
      const pairs = r.seeds!.map((x) => x.pairs!);
      const per100k = r.seeds!.map((x) => (x.modelMs! / x.pairs!) * 100_000);
      console.log(
        `  ${pad(r.spec.variant, 7)}: ${median(ms).toFixed(1)} ms (min ${Math.min(...ms).toFixed(1)}, max ${Math.max(...ms).toFixed(1)}), ` +
          `${Math.round(median(pairs))} possible pairs, ${median(per100k).toFixed(1)} ms per 100,000 pairs`,
      );
    }
  }

  await whatIfSection();

  if (!quick) {
    const spec: LargeSpec = { kind: 'large', ...LARGE };
    const r = await runInChild<LargeResult>(spec, 600_000);
    const label = `${spec.clients}x${spec.units} ${spec.variant}, ${spec.timeLimitMs / 1000} s limit`;
    console.log(
      r.ok
        ? `\n${label}: ${r.ms!.toFixed(0)} ms (${pct(overrun(r.ms!, spec.timeLimitMs))} of the limit), peak RSS ${r.peakRssMb!.toFixed(0)} MB, ` +
            `${r.status}, total ${r.totalScore!.toFixed(2)}, bound ${r.bound}, gap ${r.gap}, placed ${r.placed}/${r.candidates}; ${r.method}`
        : `\n${label}: ERROR ${r.error}`,
    );
  }

  console.log(`\n${reportsBenchLine()}`);
  console.log(`\nBenchmark wall time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const caseArg = process.argv.indexOf('--case');
if (caseArg >= 0) {
  const spec = JSON.parse(process.argv[caseArg + 1] ?? '{}') as Spec;
  runChild(spec)
    .catch((e: unknown): Result => ({ spec, ok: false, error: e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 200) : String(e) }) as Result)
    .then((out) => process.send?.(out, () => process.exit(0)));
} else {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
