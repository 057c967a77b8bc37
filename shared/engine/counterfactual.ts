// What it would take: for every unplaced candidate, the smallest single change to the round that
// places them (one more placement under a cap, a quota or exchange step more, a forbid dropped, a
// refused kind accepted, a higher rent limit), with the home they would get and who it would displace;
// and for every home left empty, the rule or cap that keeps it empty. Found exactly: a change is
// shown to work either by a placement that fits as it stands beside the proposal (a witness), or by
// re-solving the round with the change and the client placed: on an LP kept open from client to
// client where its answer is exact (placed-lp.ts), after a flow check where that proves no answer keeps
// everyone (place-check.ts), else by a full solve. Pure TypeScript; the backend runs it in the
// proposal worker, so it can be stopped.
import type { Client, Dataset } from '../dataset/dataset.schema';
import { UNIT_KIND_LABELS } from '../domain/codes';
import { formatMoney, formatPoints, plural } from '../reports/format-nl';
import { evaluate } from './evaluate';
import { buildModel, type ConstraintKind, type RoundModel } from './model';
import { PairStoreBuilder } from './pairs';
import { clientFacts, pairExclusions } from './rules';
import type { ChangeCode, ClientCounterfactual, Counterfactuals, EmptyHome, WhatIf } from './round.schema';
import { PlacementCheck } from './place-check';
import { PlacedLp, type PlacedLpAnswer } from './placed-lp';
import { solveOptimal, type SolveOptions } from './solve';

/** Time for one re-solve (ms): beyond it the best answer found is used, marked unproven (or, keeping everyone, not worked out). */
const KEEP_SOLVE_MS = 400;
/** Re-solves per client with the full time each; the later ones (up to the maximum) get the shorter time. */
const FULL_SOLVES = 3;
const LATER_SOLVE_MS = 50;
const clock = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export interface CounterfactualOptions {
  /** Clock time (performance.now()) after which no new re-solve starts. */
  deadline: number;
  /** The solvers of the proposal (HiGHS in the app). */
  solvers?: Pick<SolveOptions, 'integer' | 'relaxation'>;
  /** Re-solves per client at most (the change as it stands included); default 8, the first FULL_SOLVES with KEEP_SOLVE_MS each. */
  maxSolvesPerClient?: number;
  /** Limits a planned proposal kept places under for later rounds (plan.ts), by `KIND:key`, with its sentence. */
  held?: ReadonlyMap<string, string>;
}

/** A change to try: how to make the changed model, and its words. */
interface Change {
  code: ChangeCode;
  words: string;
  /** Sort key: smaller changes first. */
  size: number;
  /** The hard limit the change raises by one (a cap change), else -1. */
  raise: number;
  make(): { model: RoundModel; chosen: number[] } | null;
}

const CAP_WORDS: Partial<Record<ConstraintKind, (label: string) => string>> = {
  NEIGHBOURHOOD: (l) => `Eén plaatsing meer onder de buurtgrens (${l})`,
  COMPLEX: (l) => `Eén plaatsing meer onder de complexgrens (${l})`,
  SKAEVE: (l) => `Eén bewoner meer in het cluster (${l})`,
  QUOTA: (l) => `Eén plaatsing meer binnen de afspraak (${l})`,
  EXCHANGE_OUT: (l) => `Eén stap meer ruimte in de uitwisselingsbalans (${l})`,
  EXCHANGE_IN: (l) => `Eén stap meer ruimte in de uitwisselingsbalans (${l})`,
};
const CAP_ORDER: ConstraintKind[] = ['NEIGHBOURHOOD', 'COMPLEX', 'SKAEVE', 'QUOTA', 'EXCHANGE_OUT', 'EXCHANGE_IN'];

/** The pair index of client/unit ids in a model, or -1. */
function pairOf(model: RoundModel, clientIx: number, unitId: string): number {
  for (const p of model.pairsByClient[clientIx]!) if (model.units[model.pairs.unit[p]!]!.id === unitId) return p;
  return -1;
}

/** The proposal's pairs in a rebuilt model (same clients and units, by id). */
function mapChosen(from: RoundModel, chosen: readonly number[], to: RoundModel): number[] | null {
  const clientIx = new Map(to.clients.map((c, i) => [c.id, i]));
  const out: number[] = [];
  for (const p of chosen) {
    const ci = clientIx.get(from.clients[from.pairs.client[p]!]!.id);
    if (ci === undefined) return null;
    const q = pairOf(to, ci, from.units[from.pairs.unit[p]!]!.id);
    if (q < 0) return null;
    out.push(q);
  }
  return out;
}

/**
 * The best placement of client `ci` in a home the proposal leaves empty that fits every hard limit
 * beside the proposal as it stands, with its gain (score minus any extra soft penalty); null if none.
 */
function witness(model: RoundModel, chosen: readonly number[], ci: number): { p: number; gain: number } | null {
  const ev = evaluate(model, chosen);
  if (!ev.feasible) return null;
  const taken = new Set(chosen.map((p) => model.pairs.unit[p]!));
  let best: { p: number; gain: number } | null = null;
  for (const p of model.pairsByClient[ci]!) {
    if (taken.has(model.pairs.unit[p]!)) continue;
    let gain = model.pairs.score[p]!;
    let fits = true;
    for (const { c, a } of model.pairs.cons(p)) {
      const k = model.constraints[c]!;
      const before = ev.use[c]!;
      const after = before + a;
      if (k.hard) {
        if (a > 0 && after > k.rhs + 1e-9) {
          fits = false;
          break;
        }
        continue;
      }
      // A soft limit costs its penalty per step over; a placement can also bring a balance back (a < 0).
      gain -= k.penalty * (Math.max(0, after - k.rhs) - Math.max(0, before - k.rhs));
    }
    if (fits && (!best || gain > best.gain + 1e-9)) best = { p, gain: Math.round(gain * 1e6) / 1e6 };
  }
  return best;
}

/**
 * The bonus on a client's pairs that is larger than any difference between two totals, so that the
 * best answer places the client whenever any answer can; and every soft penalty a round can run up.
 */
function placingBonus(model: RoundModel): { bonus: number; penalties: number } {
  const { score } = model.pairs;
  const bestByUnit = new Float64Array(model.units.length);
  for (let p = 0; p < model.pairs.length; p++) {
    const u = model.pairs.unit[p]!;
    if (score[p]! > bestByUnit[u]!) bestByUnit[u] = score[p]!;
  }
  // Totals lie between minus every soft penalty a round can run up and every home at its best pair.
  let penalties = 0;
  for (const k of model.constraints) if (!k.hard) penalties += k.penalty * model.units.length;
  // An integer bonus keeps totals in hundredths (the solvers' resolution).
  return { bonus: Math.ceil(bestByUnit.reduce((s, x) => s + x, 0) + penalties) + 1, penalties };
}

/** The scores with the bonus on every pair of the clients in `keep`. */
function keepScores(model: RoundModel, keep: ReadonlySet<number>, bonus: number): Float64Array {
  const boosted = new Float64Array(model.pairs.score);
  for (const k of keep) for (const p of model.pairsByClient[k]!) boosted[p] = boosted[p]! + bonus;
  return boosted;
}

/**
 * Keeping everyone: an answer that places every client of `keep` and `ci` scores at least this (with
 * the bonus on each); a bound below it says none can. (Scores below zero lower it: each client's lowest, summed.)
 */
function keepCutoff(model: RoundModel, keep: ReadonlySet<number>, ci: number, bonus: number, penalties: number): number {
  let low = 0;
  for (const k of [...keep, ci]) low += Math.min(0, ...Array.from(model.pairsByClient[k]!, (p) => model.pairs.score[p]!));
  return (keep.size + 1) * bonus - penalties + low - 1;
}

/**
 * The round re-solved with client `ci` placed: a bonus on each of their pairs larger than any difference
 * between two totals. With `keep` (the clients the proposal places), each of them gets the same bonus:
 * the best answer then keeps all of them placed whenever any answer with `ci` placed can.
 */
function solvePlaced(model: RoundModel, ci: number, deadline: number, solvers: CounterfactualOptions['solvers'], keep: ReadonlySet<number> | null = null) {
  const { bonus, penalties } = placingBonus(model);
  const boosted = keep ? keepScores(model, keep, bonus) : new Float64Array(model.pairs.score);
  for (const p of model.pairsByClient[ci]!) boosted[p] = boosted[p]! + bonus;
  const forced: RoundModel = { ...model, pairs: model.pairs.withScores(boosted) };
  const cutoff = keep ? keepCutoff(model, keep, ci, bonus, penalties) : undefined;
  const result = solveOptimal(forced, { deadline, ...solvers, cutoff });
  if (cutoff !== undefined && result.bound !== null && result.bound < cutoff) return null;
  // Cut short before it could say: the caller counts it as not worked out.
  if (cutoff !== undefined && !result.proven && !result.chosen.some((q) => model.pairs.client[q] === ci)) return { chosen: result.chosen, total: Number.NaN, p: -1, proven: false };
  return placedAnswer(model, ci, result.chosen, result.proven);
}

function placedAnswer(model: RoundModel, ci: number, chosen: number[], proven: boolean) {
  const p = chosen.find((q) => model.pairs.client[q] === ci);
  if (p === undefined) return null;
  return { chosen, total: evaluate(model, chosen).total, p, proven };
}

/**
 * The re-solves of one proposal, on two LPs kept open (placed-lp.ts): the round as it is, and the
 * round with everyone the proposal places given the bonus. A question the LP settles (proven below the
 * cutoff, or an integral proven optimum) is answered from it; any other is re-solved in full
 * (solvePlaced). Changes that rebuild a client's pairs are re-solved in full, after the quick check
 * of place-check.ts.
 */
class Placer {
  private readonly bonus: number;
  private readonly penalties: number;
  private asIsLp: PlacedLp | null | undefined;
  private keepLp: PlacedLp | null | undefined;
  private check: PlacementCheck | undefined;
  private readonly asked = new Map<string, PlacedLpAnswer | null>();
  private readonly unitIx: Map<string, number>;

  constructor(
    private readonly model: RoundModel,
    private readonly chosen: readonly number[],
    private readonly keep: ReadonlySet<number>,
    private readonly solvers: CounterfactualOptions['solvers'],
  ) {
    ({ bonus: this.bonus, penalties: this.penalties } = placingBonus(model));
    this.unitIx = new Map(model.units.map((u, i) => [u.id, i]));
  }

  /** The round as it stands with client `ci` placed (others may give way). */
  asIs(ci: number, deadline: number) {
    const { model } = this;
    if (this.asIsLp === undefined) this.asIsLp = this.solvers?.relaxation ? PlacedLp.open(model, this.solvers.relaxation) : null;
    const q = this.asIsLp?.solve(ci, this.bonus, -1, deadline, Number.NEGATIVE_INFINITY, this.chosen);
    if (q?.kind === 'optimal') return placedAnswer(model, ci, q.chosen, true);
    return solvePlaced(model, ci, deadline, this.solvers);
  }

  /** The open LP's answer on client `ci` with hard limit `raise` one higher, everyone kept (asked once, then remembered). */
  private keepQuestion(ci: number, raise: number, deadline: number): PlacedLpAnswer | null {
    const key = `${ci}:${raise}`;
    let q = this.asked.get(key);
    if (q === undefined) {
      const { model, keep } = this;
      if (this.keepLp === undefined) {
        this.keepLp = this.solvers?.relaxation ? PlacedLp.open({ ...model, pairs: model.pairs.withScores(keepScores(model, keep, this.bonus)) }, this.solvers.relaxation) : null;
      }
      q = this.keepLp?.solve(ci, this.bonus, raise, deadline, keepCutoff(model, keep, ci, this.bonus, this.penalties), this.chosen) ?? null;
      this.asked.set(key, q);
    }
    return q;
  }

  /** Whether the open LP settles the change that raises `raise` for client `ci` (no full re-solve needed). */
  settles(ci: number, raise: number, deadline: number): boolean {
    const q = this.keepQuestion(ci, raise, deadline);
    return q !== null && q.kind !== 'unsure';
  }

  /** The changed round (`changed`, made by a change to `ci`) with `ci` and everyone of the proposal placed; `raise`: the hard limit the change raised by one, or -1. */
  keeping(changed: RoundModel, ci: number, raise: number, deadline: number) {
    const { model, keep } = this;
    if (raise >= 0) {
      // Only a limit one higher: the pairs are the round's, the LP kept open answers.
      const q = this.keepQuestion(ci, raise, deadline);
      if (q?.kind === 'below') return null;
      if (q?.kind === 'optimal') return placedAnswer(changed, ci, q.chosen, true);
      if (q?.kind === 'unsure' && this.solvers?.integer) {
        // The LP leaves it open (a fractional optimum). Whether any answer keeps everyone at all is a
        // question of feasibility: the integer program over their pairs alone, every score zero, and
        // each of them required. HiGHS proves "none" in a fraction of the time the best total takes.
        const forced = [...keep, ci];
        const pairs = forced.flatMap((k) => Array.from(changed.pairsByClient[k]!));
        const zero: RoundModel = { ...changed, pairs: changed.pairs.withScores(new Float64Array(changed.pairs.length)) };
        const ip = this.solvers.integer.solve(zero, { pairs, deadline, incumbent: null, forced });
        if (ip.status === 'infeasible') return null;
        const full = solvePlaced(changed, ci, deadline, this.solvers, keep);
        // Cut short without an answer that keeps everyone: the feasible one, its total not the best (unproven).
        if (ip.chosen && (!full || full.p < 0)) {
          const found = placedAnswer(changed, ci, [...changed.locked, ...ip.chosen], false);
          if (found && evaluate(changed, found.chosen).feasible) return found;
        }
        return full;
      }
    } else {
      // The client's pairs made again: first whether a placement on them with everyone kept can fit the limits on homes at all.
      this.check ??= new PlacementCheck(model, this.chosen);
      const cj = changed.clients.findIndex((c) => c.id === model.clients[ci]!.id);
      const units = Array.from(changed.pairsByClient[cj]!, (p) => this.unitIx.get(changed.units[changed.pairs.unit[p]!]!.id) ?? -1);
      if (!units.includes(-1) && !this.check.mayJoin(units)) return null;
    }
    return solvePlaced(changed, ci, deadline, this.solvers, keep);
  }

  dispose(): void {
    this.asIsLp?.dispose();
    this.keepLp?.dispose();
  }
}

/** The changes worth trying for client `ci`, smallest first. */
function changesFor(model: RoundModel, chosen: readonly number[], ci: number, dataset: Dataset | null): Change[] {
  const out: Change[] = [];
  const ev = evaluate(model, chosen);
  // Hard limits that a pair of the client would break beside the proposal: one step more.
  const caps = new Set<number>();
  for (const p of model.pairsByClient[ci]!) {
    for (const { c, a } of model.pairs.cons(p)) {
      const k = model.constraints[c]!;
      if (k.hard && a > 0 && ev.use[c]! + a > k.rhs + 1e-9) caps.add(c);
    }
  }
  for (const c of caps) {
    const k = model.constraints[c]!;
    const words = CAP_WORDS[k.kind];
    if (!words) continue;
    out.push({
      code: k.kind as ChangeCode,
      words: words(k.label),
      size: 1 + CAP_ORDER.indexOf(k.kind) / 10,
      raise: c,
      make: () => ({ model: { ...model, constraints: model.constraints.map((x) => (x.index === c ? { ...x, rhs: x.rhs + 1 } : x)) }, chosen: [...chosen] }),
    });
  }
  if (!dataset) return out.sort((a, b) => a.size - b.size);
  // Rules that alone keep a home from the client: a forbid, a refused kind, the rent limit.
  const c = model.clients[ci]!;
  const facts = clientFacts(c, model.ruleContext);
  const has = new Set(Array.from(model.pairsByClient[ci]!, (p) => model.pairs.unit[p]!));
  const forbids = new Set(model.options.controls.forbids.filter((f) => f.clientId === c.id).map((f) => f.unitId));
  const kinds = new Set<string>();
  const rents: number[] = [];
  const emptyUnits = new Set(model.units.map((_, i) => i));
  for (const p of chosen) emptyUnits.delete(model.pairs.unit[p]!);
  let rentForEmpty = Number.POSITIVE_INFINITY;
  model.units.forEach((u, ui) => {
    if (has.has(ui)) return;
    const codes = pairExclusions(c, u, model.ruleContext, facts, false).map((e) => e.code);
    if (codes.length === 0 && forbids.has(u.id)) {
      out.push({
        code: 'FORBIDDEN',
        words: `Zonder de uitsluiting van ${c.id} voor ${u.id} door de voorzitter`,
        size: 2,
        raise: -1,
        make: () => rebuilt(model, chosen, dataset, { ...model.options, controls: { ...model.options.controls, forbids: model.options.controls.forbids.filter((f) => !(f.clientId === c.id && f.unitId === u.id)) } }, c.id),
      });
    }
    if (codes.length !== 1 || forbids.has(u.id)) return;
    if (codes[0] === 'KIND_REFUSED') kinds.add(u.kind);
    if (codes[0] === 'RENT') {
      // In cents: 512.07 - 499.07 is 13.000000000000057 in floating point, not a reason for €14.
      const need = Math.ceil((Math.round(u.rent * 100) - Math.round(facts.rentLimit * 100)) / 100);
      rents.push(need);
      if (emptyUnits.has(ui)) rentForEmpty = Math.min(rentForEmpty, need);
    }
  });
  for (const kind of [...kinds].sort()) {
    const label = UNIT_KIND_LABELS[kind as keyof typeof UNIT_KIND_LABELS] ?? kind;
    out.push({
      code: 'KIND_REFUSED',
      words: `Als ${c.id} de woningsoort ${label.toLowerCase()} accepteert`,
      size: 3,
      raise: -1,
      make: () => rebuilt(model, chosen, dataset, model.options, c.id, (x) => ({ ...x, preferences: { ...x.preferences, refusedKinds: x.preferences.refusedKinds.filter((k) => k !== kind) } })),
    });
  }
  // The smallest raise that opens any home, and the smallest that opens a home the proposal leaves empty.
  const raises = new Set<number>();
  if (rents.length) raises.add(Math.max(1, Math.min(...rents)));
  if (Number.isFinite(rentForEmpty)) raises.add(Math.max(1, rentForEmpty));
  for (const raise of [...raises].sort((a, b) => a - b)) {
    const limit = facts.rentLimit + raise;
    out.push({
      code: 'RENT',
      words: `Een huurgrens ${formatMoney(raise)} hoger voor ${c.id} (${formatMoney(limit)})`,
      size: 4 + raise / 10_000,
      raise: -1,
      make: () => rebuilt(model, chosen, dataset, model.options, c.id, (x) => ({ ...x, rentLimit: limit })),
    });
  }
  return out.sort((a, b) => a.size - b.size);
}

/**
 * The round with one client changed or one forbid dropped, and the proposal mapped into it. Only that
 * client's pairs are made again (from a round of the one client against every home); their limits are
 * found by kind and key in the round. When a pair would need a limit the round does not have (an
 * exchange balance no pair used), the whole round is rebuilt.
 */
function rebuilt(
  model: RoundModel,
  chosen: readonly number[],
  dataset: Dataset,
  options: RoundModel['options'],
  clientId: string,
  change?: (c: Client) => Client,
): { model: RoundModel; chosen: number[] } | null {
  const ci = model.clients.findIndex((c) => c.id === clientId);
  const original = model.clientById.get(clientId);
  if (ci < 0 || !original) return null;
  const changed = change ? change(original) : original;
  const d: Dataset = { ...dataset, clients: dataset.clients.map((c) => (c.id === clientId ? changed : c)) };
  // The one client against every home (the other clients are not needed to make their pairs).
  const solo = buildModel({ ...d, clients: [changed] }, { ...options, controls: { ...options.controls, locks: [] } }, model.policy);
  const index = new Map(model.constraints.map((k) => [`${k.kind}:${k.key}`, k.index]));
  const mapped = new Map<number, number>();
  for (const k of solo.constraints) {
    const at = index.get(`${k.kind}:${k.key}`);
    if (at !== undefined) mapped.set(k.index, at);
  }
  const unitIx = new Map(model.units.map((u, i) => [u.id, i]));
  const fresh: { unit: number; score: number; cons: { c: number; a: number }[] }[] = [];
  for (let p = 0; p < solo.pairs.length; p++) {
    const cons = solo.pairs.cons(p).map(({ c, a }) => ({ c: mapped.get(c) ?? -1, a }));
    if (cons.some((m) => m.c < 0)) {
      const next = buildModel(d, options, model.policy);
      const again = mapChosen(model, chosen, next);
      return again ? { model: next, chosen: again } : null;
    }
    fresh.push({ unit: unitIx.get(solo.units[solo.pairs.unit[p]!]!.id)!, score: solo.pairs.score[p]!, cons });
  }
  // Every other pair as it was (same order, so the proposal's pairs keep their place relative to each other).
  const b = new PairStoreBuilder(model.pairs.length + fresh.length);
  const moved = new Int32Array(model.pairs.length).fill(-1);
  for (let p = 0; p < model.pairs.length; p++) {
    if (model.pairs.client[p] === ci) continue;
    moved[p] = b.push(model.pairs.client[p]!, model.pairs.unit[p]!, model.pairs.score[p]!, b.listId(model.pairs.cons(p)));
  }
  for (const f of fresh) b.push(ci, f.unit, f.score, b.listId(f.cons));
  const pairs = b.finish();
  const next: RoundModel = {
    ...model,
    options,
    clients: model.clients.map((c, i) => (i === ci ? changed : c)),
    pairs,
    pairsByClient: pairs.groupBy(pairs.client, model.clients.length),
    pairsByUnit: pairs.groupBy(pairs.unit, model.units.length),
    locked: model.locked.map((p) => moved[p]!),
  };
  const again = chosen.map((p) => moved[p]!);
  return again.some((p) => p < 0) ? null : { model: next, chosen: again };
}

function whatIf(
  base: RoundModel,
  baseTotal: number,
  baseChosen: readonly number[],
  code: ChangeCode,
  words: string,
  model: RoundModel,
  ci: number,
  found: { p: number; total: number; chosen: readonly number[]; proven: boolean },
  method: WhatIf['method'],
): WhatIf {
  const placedNow = new Set(baseChosen.map((p) => base.clients[base.pairs.client[p]!]!.id));
  const placedThen = new Set(found.chosen.map((p) => model.clients[model.pairs.client[p]!]!.id));
  const displaced = [...placedNow].filter((id) => !placedThen.has(id)).sort();
  const clientId = model.clients[ci]!.id;
  const unitId = model.units[model.pairs.unit[found.p]!]!.id;
  const scoreChange = Math.round((found.total - baseTotal) * 100) / 100;
  const who = displaced.length ? `verdringt ${displaced.join(', ')}` : 'niemand wordt verdrongen';
  const points = `totaalscore ${scoreChange >= 0 ? '+' : ''}${formatPoints(scoreChange)}`;
  const sentence =
    code === 'AS_IS'
      ? `Zonder wijziging kan ${clientId} naar ${unitId}; ${who} (${points}).`
      : `${words}: ${clientId} naar ${unitId}; ${who} (${points}).`;
  return { code, change: code === 'AS_IS' ? 'Zonder wijziging' : words, unitId, displaced, scoreChange, method, proven: found.proven, sentence };
}

/** Why each home the proposal leaves empty stays empty. */
export function emptyHomes(model: RoundModel, chosen: readonly number[], held: ReadonlyMap<string, string> = new Map()): EmptyHome[] {
  const ev = evaluate(model, chosen);
  const taken = new Set(chosen.map((p) => model.pairs.unit[p]!));
  const placed = new Set(chosen.map((p) => model.pairs.client[p]!));
  const out: EmptyHome[] = [];
  model.units.forEach((u, ui) => {
    if (taken.has(ui)) return;
    const ps = model.pairsByUnit[ui]!;
    if (ps.length === 0) {
      // No candidate may have it: the rule that excludes the most candidates.
      const counts = new Map<string, number>();
      for (const c of model.clients) {
        const facts = clientFacts(c, model.ruleContext);
        const ex = pairExclusions(c, u, model.ruleContext, facts, false);
        if (!ex.length) counts.set('FORBIDDEN', (counts.get('FORBIDDEN') ?? 0) + 1);
        for (const e of ex) counts.set(e.message, (counts.get(e.message) ?? 0) + 1);
      }
      const [rule, n] = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? ['geen kandidaten in de ronde', 0];
      const detail = rule === 'FORBIDDEN' ? 'Uitgesloten door de voorzitter' : rule;
      out.push({
        unitId: u.id,
        reason: 'NO_CANDIDATE',
        detail,
        sentence: model.clients.length
          ? `Geen kandidaat past: ${detail.toLowerCase()} (${n} van ${plural(model.clients.length, 'kandidaat', 'kandidaten')}).`
          : 'Er zijn geen kandidaten in deze ronde.',
      });
      return;
    }
    // Free candidates who could have it: which hard limit stops each; a limit that alone stops one keeps the home empty.
    const blockers = new Map<number, number>();
    let soft = 0;
    let free = 0;
    for (const p of ps) {
      if (placed.has(model.pairs.client[p]!)) continue;
      free++;
      const over = model.pairs.cons(p).filter(({ c, a }) => model.constraints[c]!.hard && ev.use[c]! + a > model.constraints[c]!.rhs + 1e-9);
      if (over.length === 1) blockers.set(over[0]!.c, (blockers.get(over[0]!.c) ?? 0) + 1);
      else if (over.length === 0) soft++;
    }
    const top = [...blockers.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
    // A free candidate fits, but planning kept the place under one of the home's limits for later.
    const keptBy = soft > 0 ? model.pairs.cons(ps[0]!).map(({ c }) => model.constraints[c]!).find((k) => held.has(`${k.kind}:${k.key}`)) : undefined;
    if (keptBy) {
      out.push({ unitId: u.id, reason: 'HELD', detail: keptBy.label, sentence: `Bewaard voor een volgende ronde: ${held.get(`${keptBy.kind}:${keptBy.key}`)}.` });
    } else if (top) {
      const k = model.constraints[top[0]]!;
      out.push({
        unitId: u.id,
        reason: k.kind,
        detail: k.label,
        sentence: `Blijft leeg door een grens: ${k.label} (al ${k.usedBefore} eerder; ${plural(top[1], 'passende kandidaat wacht', 'passende kandidaten wachten')}).`,
      });
    } else if (soft > 0) {
      out.push({ unitId: u.id, reason: 'SOFT_LIMIT', detail: 'boete hoger dan de score', sentence: 'Blijft leeg: de boete op een zachte grens is hoger dan wat plaatsing oplevert.' });
    } else if (free === 0) {
      out.push({
        unitId: u.id,
        reason: 'TAKEN',
        detail: `${ps.length} passend`,
        sentence: ps.length === 1 ? 'De enige passende kandidaat is elders geplaatst.' : `Alle ${ps.length} passende kandidaten zijn elders geplaatst.`,
      });
    } else {
      // Free candidates stopped by two limits at once: name the first.
      const first = ps.find((p) => !placed.has(model.pairs.client[p]!))!;
      const k = model.pairs.cons(first).map(({ c }) => model.constraints[c]!).find((x) => x.hard && ev.use[x.index]! + 1 > x.rhs + 1e-9)!;
      out.push({ unitId: u.id, reason: k.kind, detail: k.label, sentence: `Blijft leeg door meer dan één grens, onder meer: ${k.label}.` });
    }
  });
  return out;
}

const EMPTY_WORDS: Record<EmptyHome['reason'], string> = {
  NO_CANDIDATE: 'omdat geen kandidaat past',
  NEIGHBOURHOOD: 'door de buurtgrens',
  COMPLEX: 'door de complexgrens',
  SKAEVE: 'door de clustergrens (Skaeve Huse)',
  QUOTA: 'door de afspraak met de corporatie',
  EXCHANGE_OUT: 'door de uitwisselingsbalans',
  EXCHANGE_IN: 'door de uitwisselingsbalans',
  SOFT_LIMIT: 'door de boete op een zachte grens',
  TAKEN: 'omdat de passende kandidaten elders zijn geplaatst',
  HELD: 'omdat de plek onder hun grens is bewaard voor een volgende ronde',
};

/** "12 woningen blijven leeg door de buurtgrens", per reason, most first. */
export function emptySummary(homes: readonly EmptyHome[]): Counterfactuals['emptyByReason'] {
  const counts = new Map<EmptyHome['reason'], number>();
  for (const h of homes) counts.set(h.reason, (counts.get(h.reason) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([reason, count]) => ({ reason, count, sentence: `${count} ${count === 1 ? 'woning blijft' : 'woningen blijven'} leeg ${EMPTY_WORDS[reason]}` }));
}

/**
 * Counterfactuals for a solved round: `chosen` is the proposal's pairs in `model`. With `dataset`, rule
 * changes (rent, kind, forbid) are tried too (they rebuild the round); without it only limits.
 */
export function counterfactuals(model: RoundModel, chosen: readonly number[], dataset: Dataset | null, opts: CounterfactualOptions): Counterfactuals {
  const started = clock();
  const maxSolves = opts.maxSolvesPerClient ?? 8;
  const baseTotal = evaluate(model, chosen).total;
  const placed = new Set(chosen.map((p) => model.pairs.client[p]!));
  const clients: ClientCounterfactual[] = [];
  let complete = true;
  const placer = new Placer(model, chosen, placed, opts.solvers);
  try {
    model.clients.forEach((c, ci) => {
      if (placed.has(ci)) return;
      let examined = 0;
      let solves = 0;
      let stopped = false;
      let skipped = 0;
      let asIs: WhatIf | null = null;
      let change: WhatIf | null = null;
      // As the round stands: a home that fits beside the proposal (placing costs points or ties; no one moves).
      const direct = witness(model, chosen, ci);
      if (direct) {
        asIs = whatIf(model, baseTotal, chosen, 'AS_IS', '', model, ci, { p: direct.p, total: baseTotal + direct.gain, chosen: [...chosen, direct.p], proven: true }, 'witness');
        change = asIs;
      }
      // The changes, smallest first, by the cheap test: the first under which a home fits beside the proposal.
      const changes = change ? [] : changesFor(model, chosen, ci, dataset);
      const made: ({ model: RoundModel; chosen: number[] } | null)[] = [];
      for (const ch of changes) {
        if (change) break;
        if (clock() > opts.deadline) {
          stopped = true;
          break;
        }
        examined++;
        const m = ch.make();
        made.push(m);
        const w = m && witness(m.model, m.chosen, ci);
        if (m && w) {
          const found = { p: w.p, total: evaluate(m.model, m.chosen).total + w.gain, chosen: [...m.chosen, w.p], proven: true };
          change = whatIf(model, baseTotal, chosen, ch.code, ch.words, m.model, ci, found, 'witness');
        }
      }
      // None fits that way: re-solve, first the round as it stands with the client placed (the best total,
      // and who gives way), then each change in turn with everyone the proposal places kept placed (others
      // may move), until one keeps everyone.
      if (!change && model.pairsByClient[ci]!.length > 0) {
        if (clock() > opts.deadline) stopped = true;
        else {
          solves++;
          const best = placer.asIs(ci, Math.min(opts.deadline, clock() + KEEP_SOLVE_MS));
          if (best) asIs = whatIf(model, baseTotal, chosen, 'AS_IS', '', model, ci, best, 'solve');
          if (asIs && asIs.displaced.length === 0) change = asIs;
        }
      }
      const tryChange = (i: number): void => {
        const m = made[i];
        if (!m) return;
        if (solves >= maxSolves) {
          skipped++;
          return;
        }
        if (clock() > opts.deadline) {
          stopped = true;
          return;
        }
        solves++;
        // Each such re-solve gets a share of the time: proving that no answer keeps everyone can take the
        // integer program seconds; cut short, the change counts as not worked out (the sentence says so).
        const r = placer.keeping(m.model, ci, changes[i]!.raise, Math.min(opts.deadline, clock() + (solves <= FULL_SOLVES ? KEEP_SOLVE_MS : LATER_SOLVE_MS)));
        if (!r) return;
        if (r.p < 0) {
          skipped++;
          return;
        }
        const tried = whatIf(model, baseTotal, chosen, changes[i]!.code, changes[i]!.words, m.model, ci, r, 'solve');
        if (tried.displaced.length === 0) change = tried;
        else if (!r.proven) skipped++;
      };
      // Changes of one size (limits of one kind) in the order the open LP settles them: those it answers
      // at once, then those it leaves to a full re-solve, which may take all of its time.
      for (let g = 0; !change && !stopped && g < made.length; ) {
        let h = g + 1;
        while (h < made.length && changes[h]!.size === changes[g]!.size) h++;
        const later: number[] = [];
        for (let i = g; i < h && !change && !stopped; i++) {
          const open = h - g > 1 && made[i] !== null && changes[i]!.raise >= 0 && solves < maxSolves;
          if (open && !placer.settles(ci, changes[i]!.raise, Math.min(opts.deadline, clock() + (solves < FULL_SOLVES ? KEEP_SOLVE_MS : LATER_SOLVE_MS)))) later.push(i);
          else tryChange(i);
        }
        for (const i of later) {
          if (change || stopped) break;
          tryChange(i);
        }
        g = h;
      }
      const searched = change !== null || (!stopped && skipped === 0 && examined === changes.length);
      if (!searched) complete = false;
      const sentence = change
        ? change.sentence
        : asIs
          ? `${asIs.sentence} Geen wijziging van één stap plaatst ${c.id} zonder iemand te verdringen${searched ? '' : stopped ? ' (niet alles bekeken binnen de tijd)' : ` (${skipped} van ${changes.length} wijzigingen niet herberekend)`}.`
          : model.pairsByClient[ci]!.length === 0 && changes.length === 0
            ? `Geen wijziging van één regel of grens maakt een woning mogelijk voor ${c.id}.`
            : `Niet gevonden: geen wijziging van één stap plaatst ${c.id}${searched ? '' : stopped ? ' (niet alles bekeken binnen de tijd)' : ` (${skipped} van ${changes.length} wijzigingen niet herberekend)`}.`;
      clients.push({ clientId: c.id, asIs, change, examined, complete: searched, sentence });
    });
  } finally {
    placer.dispose();
  }
  const homes = emptyHomes(model, chosen, opts.held);
  return { clients, emptyHomes: homes, emptyByReason: emptySummary(homes), complete, ms: Math.round(clock() - started) };
}
