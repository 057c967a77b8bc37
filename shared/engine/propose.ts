// The engine's entry point: builds the model, solves with the chosen strategy, checks the answer
// from scratch (never trusting a solver's word), and explains it. Pure TypeScript; the backend
// runs it in a worker so a long solve can be stopped.
import type { Dataset } from '../dataset/dataset.schema';
import type { PolicySettings } from '../domain/policy';
import { counterfactuals } from './counterfactual';
import { evaluate } from './evaluate';
import { explainMatches, explainUnplaced, roundFigures } from './explain';
import type { IntegerSolver, RelaxationSolver } from './ip';
import { buildModel, type RoundModel } from './model';
import { type PlannedSolve, planSettings, solvePlanned } from './plan';
import { type ProposeOptions, type Proposal } from './round.schema';
import { solveGreedy, solveOptimal, type SolveResult } from './solve';

export class EngineError extends Error {}

const clock = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Share of the time limit kept for checking and explaining the answer after the solve. */
const EXPLAIN_SHARE = 0.15;

/**
 * Solves and explains a built model. `startedAt` is when the whole proposal began (model building
 * included): the time limit covers the whole proposal, not only the solve.
 */
export function proposeFromModel(model: RoundModel, startedAt = clock(), solvers: EngineSolvers = {}, dataset: Dataset | null = null): Proposal {
  const opts = model.options;
  const deadline = startedAt + Math.max(10, opts.timeLimitMs * (1 - EXPLAIN_SHARE));
  // Planning with the future in view (plan.ts): when the policy or the round asks for it, with the
  // register at hand (the futures are drawn from it) and an LP solver (the prices are its duals).
  const plan = planSettings(model.policy, opts);
  const planned = plan && dataset && solvers.relaxation ? solvePlanned(model, dataset, plan, { deadline, integer: solvers.integer, relaxation: solvers.relaxation }) : null;
  const result: SolveResult =
    opts.strategy === 'greedy' ? solveGreedy(model) : planned ? planned.result : solveOptimal(model, { deadline, integer: solvers.integer, relaxation: solvers.relaxation });
  if (plan && !planned) result.method += '; plannen voor later overgeslagen: daarvoor zijn het register en een LP-oplosser (HiGHS) nodig';
  const ev = evaluate(model, result.chosen);
  if (!ev.feasible) {
    // Should never happen: every solver's answer passes through evaluate(); say so plainly.
    throw new EngineError(`Interne fout: het voorstel breekt harde regels (${ev.violations.join('; ')}).`);
  }
  if (Math.abs(ev.total - result.total) > 1e-6) throw new EngineError('Interne fout: de totaalscore klopt niet bij herberekening.');
  if (result.bound !== null && result.bound < ev.total - 1e-6) {
    throw new EngineError(`Interne fout: de grens ${result.bound} ligt onder de gevonden totaalscore ${ev.total}.`);
  }
  const bound = result.bound;
  // What it would take (counterfactual.ts): its own time limit, after the proposal's.
  const whatIf = opts.counterfactuals
    ? counterfactuals(model, result.chosen, dataset, {
        deadline: clock() + opts.counterfactuals.timeLimitMs,
        solvers: { integer: solvers.integer, relaxation: solvers.relaxation },
        held: new Map((planned?.planning.held ?? []).map((h) => [`${h.constraintCode}:${h.key}`, h.sentence])),
      })
    : undefined;
  return {
    format: 'uitstroomtafel-proposal',
    version: 1,
    strategy: opts.strategy,
    policyId: model.policyId,
    referenceDate: opts.referenceDate,
    window: opts.window,
    totalScore: ev.total,
    optimality: {
      status: opts.strategy === 'greedy' ? 'heuristic' : result.proven ? 'proven' : 'unproven',
      bound,
      gap: bound === null ? null : Math.round((bound - ev.total) * 1e6) / 1e6,
      method: result.method,
      note: result.note,
    },
    matches: explainMatches(model, result.chosen, ev, result.multipliers),
    unplaced: explainUnplaced(model, result.chosen, planned ? heldBack(model, planned) : undefined),
    conflicts: model.conflicts,
    figures: roundFigures(model, result.chosen, ev),
    ...(whatIf ? { counterfactuals: whatIf } : {}),
    ...(planned ? { planning: planned.planning } : {}),
  };
}

/** Why a free home did not go to a client when planning kept its capacity, or priced the pair out. */
function heldBack(model: RoundModel, planned: PlannedSolve): (pair: number) => string | null {
  const byConstraint = new Map(planned.planning.held.map((h) => [`${h.constraintCode}:${h.key}`, h.sentence]));
  return (p) => {
    for (const { c } of model.pairs.cons(p)) {
      const k = model.constraints[c]!;
      const sentence = planned.heldPlaces[c]! > 0 ? byConstraint.get(`${k.kind}:${k.key}`) : undefined;
      if (sentence) return `plek bewaard voor later (${sentence})`;
    }
    return planned.pricedScore[p]! <= 0 ? 'plek bewaard voor later: de verwachte waarde van de capaciteit in de komende rondes is hoger dan deze plaatsing' : null;
  };
}

/** Solvers the caller loaded: the exact step uses `integer` (HiGHS in the app, see highs-ip.ts). */
export interface EngineSolvers {
  integer?: IntegerSolver;
  /** The LP solver for column generation (HiGHS in the app); without it, the flow and Lagrange bound. */
  relaxation?: RelaxationSolver;
}

export function propose(dataset: Dataset, options: ProposeOptions, policy?: PolicySettings, solvers: EngineSolvers = {}): Proposal {
  const startedAt = clock();
  // Building the model counts against the time limit. It is the one step without a partial answer:
  // a round that needs three times its limit just to build stops with a clear error.
  const model = buildModel(dataset, options, policy, { deadline: startedAt + 3 * options.timeLimitMs });
  return proposeFromModel(model, startedAt, solvers, dataset);
}
