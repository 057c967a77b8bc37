// The matching benchmark (`npm run bench`, `npm run bench -- --quick`): whole proposals on generated
// regions of growing size, both strategies, with time, peak memory and the round's figures.
// Node script (run with tsx); each measured case runs in a fresh child process of this script, bundled by esbuild.
import { fork, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import type { Dataset } from '../shared/dataset/dataset.schema';
import { checkDataset, formatProblems } from '../shared/dataset/validate';
import { buildModel } from '../shared/engine/model';
import { propose } from '../shared/engine/propose';
import type { Proposal, Strategy } from '../shared/engine/round.schema';
import { generateInstance, instanceOptions } from './bench/instances';

const SEED = 2026;
const TIME_LIMIT_MS = 10_000;
/** A case that has not answered after this long is stopped and reported as such. */
const CASE_TIMEOUT_MS = 150_000;

const SIZES: { clients: number; units: number; runs: number }[] = [
  { clients: 50, units: 40, runs: 7 },
  { clients: 100, units: 80, runs: 7 },
  { clients: 200, units: 150, runs: 7 },
  { clients: 500, units: 400, runs: 5 },
  { clients: 1000, units: 800, runs: 3 },
];

interface CaseSpec {
  clients: number;
  units: number;
  hotspot: boolean;
  strategy: Strategy;
  /** Measured runs; one warm-up run comes first and is not counted. */
  runs: number;
  /** The engine's time limit for this case (the optimal strategy stops improving after it). */
  timeLimitMs: number;
}

interface CaseResult {
  spec: CaseSpec;
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

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const mb = (bytes: number) => bytes / (1024 * 1024);

/** Child side: one case, measured; the result goes back over the IPC channel. */
function runCase(spec: CaseSpec): CaseResult {
  const raw = generateInstance({ clients: spec.clients, units: spec.units, seed: SEED, hotspot: spec.hotspot });
  const check = checkDataset(raw);
  if (!check.ok) return { spec, ok: false, error: `invalid instance: ${formatProblems(check.problems.slice(0, 3))}` };
  const dataset: Dataset = check.dataset;
  const options = instanceOptions(spec.strategy, spec.timeLimitMs);
  const rssBefore = process.memoryUsage().rss;
  const times: number[] = [];
  let last: Proposal | null = null;
  let peakOfOne = 0;
  for (let run = 0; run <= spec.runs; run++) {
    const t0 = performance.now();
    last = propose(dataset, options);
    const ms = performance.now() - t0;
    if (run > 0) times.push(ms); // run 0 warms up the JIT and is not counted
    // The peak after the first proposal is that of one proposal; later runs add the garbage of
    // earlier ones that V8 has not yet reclaimed (forcing a collection instead slows the runs down).
    if (run === 0) peakOfOne = process.resourceUsage().maxRSS * 1024;
  }
  // Memory: getrusage's maxRSS is the kernel's record of the process's peak resident set, so it sees
  // the peak inside a synchronous solve that a sampling timer would miss; read after the first run. It includes Node, the
  // loader and the generated instance; `growth` subtracts the RSS measured just before solving.
  const peak = peakOfOne;
  const p = last!;
  // How much of a proposal is building the model: the same number of runs of buildModel alone.
  const modelTimes: number[] = [];
  let model = buildModel(dataset, options);
  for (let run = 0; run < spec.runs; run++) {
    const t0 = performance.now();
    model = buildModel(dataset, options);
    modelTimes.push(performance.now() - t0);
  }
  // Constraint kinds and the share of possible pairs.
  const constraintCounts: Record<string, number> = {};
  for (const k of model.constraints) constraintCounts[k.kind] = (constraintCounts[k.kind] ?? 0) + 1;
  return {
    spec,
    ok: true,
    times,
    medianMs: median(times),
    modelMs: median(modelTimes),
    peakRssMb: mb(peak),
    growthMb: mb(Math.max(0, peak - rssBefore)),
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
  buildSync({ entryPoints: [__filename], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: bundled, logLevel: 'error' });
  return bundled;
}

/** Parent side: runs one case in a fresh child process (the bundled script, plain node). */
function runInChild(spec: CaseSpec): Promise<CaseResult> {
  return new Promise((resolve) => {
    const child = fork(benchBundle(), ['--case', JSON.stringify(spec)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
    let result: CaseResult | null = null;
    const timer = setTimeout(() => {
      result = { spec, ok: false, error: `stopped after ${CASE_TIMEOUT_MS / 1000} s` };
      child.kill('SIGKILL');
    }, CASE_TIMEOUT_MS);
    child.on('message', (m) => {
      result ??= m as CaseResult;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(result ?? { spec, ok: false, error: `child exited (${signal ?? `code ${code}`})` });
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

function row(r: CaseResult): string {
  const s = r.spec;
  const cells: [string, number, boolean][] = [
    [`${s.clients}x${s.units}`, 9, false],
    [s.hotspot ? 'hotspot' : 'normal', 8, false],
    [s.strategy === 'optimal' && s.timeLimitMs !== TIME_LIMIT_MS ? `opt@${s.timeLimitMs / 1000}s` : s.strategy, 8, false],
  ];
  if (!r.ok) return `${cells.map(([v, n]) => pad(v, n)).join(' ')} ERROR: ${r.error}`;
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
  return cells.map(([v, n, right]) => (right ? lpad(v, n) : pad(v, n))).join(' ');
}

const HEADER = [
  pad('size', 9),
  pad('variant', 8),
  pad('strategy', 8),
  lpad('median ms', 9),
  lpad('model ms', 8),
  lpad('peakMB', 7),
  lpad('+MB', 6),
  lpad('total', 11),
  lpad('placed', 9),
  lpad('home/net', 8),
  lpad('nbh', 6),
  pad('status', 10),
  lpad('gap', 8),
  lpad('pairs', 7),
].join(' ');

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const sizes = quick ? SIZES.filter((s) => s.units <= 150) : SIZES;
  const started = Date.now();
  const results: CaseResult[] = [];
  const extra: CaseResult[] = [];
  console.log(`Matching benchmark (seed ${SEED}, time limit ${TIME_LIMIT_MS} ms${quick ? ', --quick' : ''}); each case in a fresh process.`);
  console.log('Median of the measured runs of a whole proposal (propose(): model, solve, check, explanations); one warm-up run excluded.');
  console.log('model ms: median of buildModel alone (rules, scores, constraints), part of the median.');
  console.log('peakMB: peak RSS of the case process (getrusage); +MB: peak RSS above the RSS just before the first proposal.');
  console.log('nbh: placements/limit in the most loaded neighbourhood (history in the period included); pairs: possible pairs / (candidates x units).\n');
  console.log(HEADER);
  for (const size of sizes) {
    for (const hotspot of [false, true]) {
      for (const strategy of ['optimal', 'greedy'] as const) {
        const r = await runInChild({ clients: size.clients, units: size.units, hotspot, strategy, runs: size.runs, timeLimitMs: TIME_LIMIT_MS });
        results.push(r);
        console.log(row(r));
      }
    }
  }
  if (!quick) {
    // The largest size once more with the engine's time limit at the 2 s target: what it returns then.
    const size = SIZES[SIZES.length - 1]!;
    for (const hotspot of [false, true]) {
      const r = await runInChild({ clients: size.clients, units: size.units, hotspot, strategy: 'optimal', runs: size.runs, timeLimitMs: 2000 });
      extra.push(r);
      console.log(row(r));
    }
  }

  console.log('\nConstraints per instance (kind: count):');
  for (const r of results) {
    if (r.ok && r.spec.strategy === 'optimal') {
      const counts = Object.entries(r.constraintCounts!)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ');
      console.log(`  ${r.spec.clients}x${r.spec.units} ${r.spec.hotspot ? 'hotspot' : 'normal '}: ${counts}`);
    }
  }

  console.log('\nMethod of the optimal strategy:');
  for (const r of [...results, ...extra]) {
    if (!r.ok || r.spec.strategy !== 'optimal') continue;
    const label = `${r.spec.clients}x${r.spec.units} ${r.spec.hotspot ? 'hotspot' : 'normal '}`;
    console.log(`  ${label} (limit ${r.spec.timeLimitMs / 1000} s): ${r.status}; ${r.method}`);
  }

  console.log('\nOptimal / greedy total score:');
  for (const size of sizes) {
    for (const hotspot of [false, true]) {
      const find = (st: Strategy) => results.find((r) => r.spec.units === size.units && r.spec.hotspot === hotspot && r.spec.strategy === st);
      const o = find('optimal');
      const g = find('greedy');
      const label = `  ${size.clients}x${size.units} ${hotspot ? 'hotspot' : 'normal '}`;
      if (o?.ok && g?.ok) {
        console.log(`${label}: ${(o.totalScore! / g.totalScore!).toFixed(4)} (${o.totalScore!.toFixed(2)} vs ${g.totalScore!.toFixed(2)}; placed ${o.placed} vs ${g.placed})`);
      } else console.log(`${label}: n/a`);
    }
  }

  console.log(`\nTargets (optimal strategy, time limit ${TIME_LIMIT_MS / 1000} s, both variants):`);
  const targets: { label: string; units: number; check: (r: CaseResult) => [boolean, string] }[] = [
    { label: '200x150 median <= 100 ms', units: 150, check: (r) => [r.medianMs! <= 100, `${r.medianMs!.toFixed(1)} ms`] },
    { label: '1000x800 median <= 2000 ms', units: 800, check: (r) => [r.medianMs! <= 2000, `${r.medianMs!.toFixed(1)} ms`] },
    { label: '1000x800 peak <= 500 MB', units: 800, check: (r) => [r.peakRssMb! <= 500, `${r.peakRssMb!.toFixed(0)} MB peak RSS`] },
  ];
  for (const t of targets) {
    for (const hotspot of [false, true]) {
      const r = results.find((x) => x.spec.units === t.units && x.spec.hotspot === hotspot && x.spec.strategy === 'optimal');
      const variant = hotspot ? 'hotspot' : 'normal';
      if (!r) console.log(`  ${t.label} (${variant}): not run${quick ? ' (--quick)' : ''}`);
      else if (!r.ok) console.log(`  ${t.label} (${variant}): NOT MET — ${r.error}`);
      else {
        const [met, got] = t.check(r);
        console.log(`  ${t.label} (${variant}): ${met ? 'met' : 'NOT MET'} (${got}, ${r.status})`);
      }
    }
  }
  for (const r of extra) {
    const variant = r.spec.hotspot ? 'hotspot' : 'normal';
    if (!r.ok) console.log(`  1000x800 with a ${r.spec.timeLimitMs / 1000} s time limit (${variant}): ${r.error}`);
    else
      console.log(
        `  1000x800 with a ${r.spec.timeLimitMs / 1000} s time limit (${variant}): ${r.medianMs!.toFixed(1)} ms, ` +
          `${r.peakRssMb!.toFixed(0)} MB, ${r.status}, gap ${r.gap}, total ${r.totalScore!.toFixed(2)}`,
      );
  }
  console.log(`\n${reportsBenchLine()}`);
  console.log(`\nBenchmark wall time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const caseArg = process.argv.indexOf('--case');
if (caseArg >= 0) {
  const spec = JSON.parse(process.argv[caseArg + 1] ?? '{}') as CaseSpec;
  let out: CaseResult;
  try {
    out = runCase(spec);
  } catch (e) {
    out = { spec, ok: false, error: e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 200) : String(e) };
  }
  process.send?.(out, () => process.exit(0));
} else {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
