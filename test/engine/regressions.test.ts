// Named regressions of the matching engine (issue 13), each on a generated round found by a
// search with the benchmark's generator, and each checked against HiGHS solving the exported LP on
// its own runtime (not the engine's). The engine runs as the app runs it, with HiGHS as its exact step.
import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { engineSolvers } from '../../electron/backend/engine/highs';
import type { Dataset } from '../../shared/dataset/dataset.schema';
import { clock } from '../../shared/engine/ip';
import { toCplexLp } from '../../shared/engine/lp-format';
import { buildModel } from '../../shared/engine/model';
import { type EngineSolvers, propose, proposeFromModel } from '../../shared/engine/propose';
import { generateInstance, instanceOptions, variantOptions } from '../../scripts/bench/instances';
import { relaxLp, solveLpWithHighs } from './lp-parse';

let solvers: EngineSolvers = {};
let oracle: Highs;

beforeAll(async () => {
  solvers = await engineSolvers();
  oracle = await loadHighs();
  // The first HiGHS solve in a process runs on cold WebAssembly code (compiled lazily, several
  // times slower than later solves). Warm the engine's runtime once on a small integer program so
  // that the cases below measure the engine, not V8's first compile (the benchmark prints both).
  const warm = buildModel(generateInstance(variantOptions('tight', 60, 45, 1)), instanceOptions('optimal'));
  solvers.integer!.solve(warm, { pairs: Array.from({ length: warm.pairs.length }, (_, p) => p), deadline: clock() + 30_000, incumbent: null });
});

/** The exported LP's optimum, by HiGHS on the oracle runtime (checked against the parsed rows). */
const optimum = (model: ReturnType<typeof buildModel>) => solveLpWithHighs(oracle, toCplexLp(model)).objective;

describe('engine regressions (issue 13)', () => {
  it('seed-16-like: 200x150 under tight caps (thousands of pairs open after the flow bound) is solved to the proven optimum within the default limit', () => {
    // The `tight` variant, seed 2: neighbourhood cap 2, complex cap 1, binding hard quotas; about
    // 7,200 of 10,010 possible pairs stayed open after the flow bound's reduced-cost fixing. The engine
    // before the IntegerSolver interface refused the integer program above 2,500 open pairs and
    // answered 9215.51, unproven, where the optimum was 9283.98 (the seed 16 ended 4.5 % below
    // it the same way; since complexes are one corporation's building, this seed's optimum is 9291.51).
    // Since the LP relaxation by column generation (lp-solve.ts) its bound closes without the exact step.
    const dataset = generateInstance(variantOptions('tight', 200, 150, 2));
    const options = instanceOptions('optimal'); // the default 10 s limit
    const model = buildModel(dataset, options);
    const best = optimum(model);
    const proposal = proposeFromModel(model, undefined, solvers);
    const o = proposal.optimality;
    const where = `engine ${proposal.totalScore} (${o.status}, bound ${o.bound}; ${o.method}), HiGHS ${best}`;
    console.log(`seed-16-like: ${where}`);
    expect(Math.abs(proposal.totalScore - best), where).toBeLessThan(1e-6);
    expect(o.status, where).toBe('proven');
    expect(o.bound, where).toBe(proposal.totalScore);
  });

  it('float gap: a bound less than a hundredth above the total proves it', () => {
    // The `tight` variant at 100x80, seed 12, with every weight at 0.005 of the default (placement
    // 0.5, home 0.2, load 0.1 per unit of load ...): the LP relaxation's optimum lies 0.005 above the
    // integer optimum, so no bound can come closer than 0.005, and every total is a multiple of 0.01.
    // The engine before issue 13 reported 21.39 'unproven' with bound 21.395 (gap 0.005).
    const dataset: Dataset = generateInstance(variantOptions('tight', 100, 80, 12));
    const weights = dataset.policies[0]!.settings.weights;
    for (const key of Object.keys(weights) as (keyof typeof weights)[]) {
      if (key !== 'waitingMaxMonths') weights[key] = Math.round(weights[key] * 0.005 * 100) / 100;
    }
    const model = buildModel(dataset, instanceOptions('optimal'));
    const text = toCplexLp(model);
    const best = solveLpWithHighs(oracle, text).objective;
    const relaxed = oracle.solve(relaxLp(text), { output_flag: false });
    expect(relaxed.Status).toBe('Optimal');
    // What makes this case: a gap between relaxation and optimum above zero and below 0.01.
    expect(relaxed.ObjectiveValue - best).toBeGreaterThan(1e-4);
    expect(relaxed.ObjectiveValue - best).toBeLessThan(0.01);
    const proposal = proposeFromModel(model, undefined, solvers);
    const o = proposal.optimality;
    const where = `engine ${proposal.totalScore} (${o.status}, bound ${o.bound}, gap ${o.gap}; ${o.method}), HiGHS ${best}, relaxation ${relaxed.ObjectiveValue}`;
    expect(Math.abs(proposal.totalScore - best), where).toBeLessThan(1e-6);
    expect(o.status, where).toBe('proven');
    expect(o.bound, where).toBe(proposal.totalScore);
    expect(o.gap, where).toBe(0);
  });

  it('time limit, coarsely: a 300 ms limit at 1000x800 returns within 10x its limit of CPU time, model building included, with an answer and its bound', () => {
    // Coarse on purpose (a busy machine must not fail it): under load a 2 s limit once took 7-12 s,
    // because building the model could not be interrupted. The benchmark prints the real overruns.
    // Fails at the commit that added it (cff3e19): 12-16 s on a busy machine, because the exact step
    // is called after the deadline has passed, with every one of the 280,369 pairs, and HiGHS's model
    // set-up and presolve do not watch the clock.
    const dataset = generateInstance(variantOptions('tight', 1000, 800, 2026));
    // The process's CPU time, not the wall clock: on a machine busy with other work the wall clock
    // also counts the time others had the cores, and this test once failed so while a CI run and a
    // benchmark ran beside it. The defect it guards against is work done after the deadline, which the
    // CPU time counts in full (vitest runs each test file in its own process; HiGHS runs in it).
    // The engine's deadline is on the wall clock (what the chair waits for): on a machine so busy that
    // the model cannot be built in 300 ms it refuses at once with "give more time" (ModelTimeError),
    // which honours the limit too; then the limit is doubled, up to 2.4 s, until an answer comes.
    for (let limit = 300; ; limit *= 2) {
      const options = instanceOptions('optimal', limit);
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      let proposal: ReturnType<typeof propose>;
      try {
        proposal = propose(dataset, options, undefined, solvers);
      } catch (e) {
        const cpu = process.cpuUsage(cpu0);
        const cpuMs = (cpu.user + cpu.system) / 1000;
        console.log(`${limit} ms limit at 1000x800: refused after ${cpuMs.toFixed(0)} ms CPU, ${(performance.now() - t0).toFixed(0)} ms wall clock: ${(e as Error).message}`);
        expect((e as Error).message).toMatch(/te groot om binnen de tijdslimiet op te bouwen/);
        expect(cpuMs).toBeLessThan(10 * limit);
        expect(limit).toBeLessThan(2400);
        continue;
      }
      const cpu = process.cpuUsage(cpu0);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      const ms = performance.now() - t0;
      const o = proposal.optimality;
      console.log(`${limit} ms limit at 1000x800: ${cpuMs.toFixed(0)} ms CPU, ${ms.toFixed(0)} ms wall clock, ${proposal.totalScore} (${o.status}, bound ${o.bound}; ${o.method})`);
      expect(cpuMs).toBeLessThan(10 * limit);
      expect(proposal.matches.length).toBeGreaterThan(0);
      expect(o.status).not.toBe('heuristic');
      expect(o.bound).not.toBeNull();
      expect(o.bound!).toBeGreaterThanOrEqual(proposal.totalScore - 1e-6);
      return;
    }
  });

  it("time limit: HiGHS's clock counts all runs of a model, so each LP solve of the column generation gets its own budget", () => {
    // HiGHS measures `time_limit` against the run time summed over every run of the model since its
    // clocks were last reset. The column generation gave each solve the time left to the deadline:
    // once the solves so far had used that much, HiGHS stopped at once, and the engine reported
    // "tijdslimiet bereikt tijdens de kolomgeneratie" with time to spare (1000x800 with a 1 s limit:
    // stopped at 741 ms, unproven). Here every solve has 400 ms, twenty times what one needs, and the
    // solves run until they have used 1.2 s in all: none may say it was stopped.
    const model = buildModel(generateInstance(variantOptions('hotspot', 200, 150, 3)), instanceOptions('optimal'));
    const free = Array.from({ length: model.pairs.length }, (_, p) => p).filter((p) => p % 3 === 0);
    const lp = solvers.relaxation!.open(model, new Float64Array(model.constraints.length));
    try {
      let spent = 0;
      let solves = 0;
      for (let i = 0; spent < 1200; i++) {
        lp.add(free.slice(0, 200 + 20 * i));
        const t0 = clock();
        const answer = lp.solve(t0 + 400);
        spent += clock() - t0;
        solves++;
        expect(answer, `solve ${solves} after ${spent.toFixed(0)} ms of solving in all`).not.toBe('stopped');
        expect(answer).not.toBeNull();
      }
    } finally {
      lp.dispose();
    }
  });
});
