// Explanations: per proposal the binding constraints and the next-best alternatives for the
// client and for the unit; per unplaced client why; and the round's figures. Pure TypeScript.
import { topByValue } from './top';
import { formatPoints, plural } from '../reports/format-nl';
import { deviationLabel, deviationReason, scorePair } from './score';
import { type Evaluation, evaluate } from './evaluate';
import type { RoundModel } from './model';
import type { Binding, Exclusion, Figures, Match, Unplaced } from './round.schema';
import type { Client } from '../dataset/dataset.schema';
import { RULES, type RuleCode, openReadinessItems } from './rules';

const ALTERNATIVES = 3;
const round2 = (n: number) => Math.round(n * 100) / 100;
/** A score in hundredths, its resolution: two scores are equal when these are. */
const cents = (n: number) => Math.round(n * 100);

/** A score the Dutch way: "167,27", "150". */
// A score as the round screens show it (one decimal), so a reason and the table beside it agree.
const scoreText = formatPoints;
/** "bij de enige woning", "bij alle 3 woningen", "bij 2 van 5 woningen". */
function homesShare(count: number, total: number): string {
  if (total === 1 && count === 1) return 'bij de enige woning';
  if (count === total) return `bij alle ${plural(total, 'woning', 'woningen')}`;
  return `bij ${count} van ${plural(total, 'woning', 'woningen')}`;
}

/** Why a free alternative home was not chosen, from its score against the proposal's (compared in hundredths). */
export function freeAlternativeNote(altScore: number, chosenScore: number): string {
  const alt = cents(altScore);
  const chosen = cents(chosenScore);
  if (alt > chosen) return 'Vrij, maar past niet binnen de rondegrenzen samen met de rest van het voorstel';
  return alt === chosen ? 'Vrij, gelijke score' : 'Vrij, lagere score';
}

/** The facts of a home that say whom it is held for (the omklap occupant); a dataset's Unit has them. */
export interface OccupiedHome {
  id: string;
  kind: string;
  status: string;
  occupantClientId: string | null;
}

/** The homes held for an occupant (an omklap tenant), by occupant; homes without one are left out. */
export function homesByOccupant<U extends OccupiedHome>(units: Iterable<U>): Map<string, U[]> {
  const out = new Map<string, U[]>();
  for (const u of units) {
    if (u.occupantClientId === null) continue;
    const list = out.get(u.occupantClientId);
    if (list) list.push(u);
    else out.set(u.occupantClientId, [u]);
  }
  return out;
}

/**
 * The homes that placing `clientId` in `unitId` frees: every other home where the client is the
 * occupant (an omklap tenant) and that is not let. The close of a round releases exactly these
 * (rounds.service.ts), and the proposal says so beforehand (`Match.movesOut`).
 */
export function homesMovedOutOf<U extends OccupiedHome>(clientId: string, unitId: string, byOccupant: Map<string, U[]>): U[] {
  return (byOccupant.get(clientId) ?? [])
    .filter((u) => u.id !== unitId && u.status !== 'let')
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** "Verhuist uit omklapwoning W-012; die woning komt vrij na afsluiten van de ronde." */
export function moveOutNote(home: { id: string; kind: string }): string {
  const what = home.kind === 'omklap' ? 'omklapwoning' : 'woning';
  return `Verhuist uit ${what} ${home.id}; die woning komt vrij na afsluiten van de ronde.`;
}

/** `Match.movesOut` for a pair; undefined when the client occupies no other home that is not let. */
export function movesOutOf(clientId: string, unitId: string, byOccupant: Map<string, OccupiedHome[]>): Match['movesOut'] {
  const homes = homesMovedOutOf(clientId, unitId, byOccupant);
  const first = homes[0];
  if (!first) return undefined;
  const rest = homes.length > 1 ? ` Ook ${homes.slice(1).map((h) => h.id).join(', ')} ${homes.length > 2 ? 'komen' : 'komt'} vrij.` : '';
  return { unitId: first.id, kind: first.kind, note: `${moveOutNote(first)}${rest}` };
}

/**
 * The matches with `movesOut` set from `units` (the whole region's homes, where the engine saw only the
 * round's): a match keeps what it had when `units` knows no home the client moves out of.
 */
export function withMovesOut(matches: Match[], units: Iterable<OccupiedHome>): Match[] {
  const byOccupant = homesByOccupant(units);
  return matches.map((m) => {
    const movesOut = movesOutOf(m.clientId, m.unitId, byOccupant);
    return movesOut ? { ...m, movesOut } : m;
  });
}

/** The ALTERNATIVES highest-scoring pairs of a list other than `except` (lowest index on a tie). */
const bestOthers = (model: RoundModel, list: ArrayLike<number>, except: number): number[] =>
  topByValue(list, ALTERNATIVES, (q) => model.pairs.score[q]!, (q) => q !== except);

export function explainMatches(model: RoundModel, chosen: number[], ev: Evaluation, multipliers: Float64Array): Match[] {
  const unitTaker = new Map<number, number>();
  const clientPlace = new Map<number, number>();
  for (const p of chosen) {
    unitTaker.set(model.pairs.at(p).unit, model.pairs.at(p).client);
    clientPlace.set(model.pairs.at(p).client, model.pairs.at(p).unit);
  }
  const locked = new Set(model.locked);
  // The homes the engine knows of, by occupant: the CLI passes the whole region; the app passes the
  // round's homes and completes `movesOut` from the register (withMovesOut).
  const occupied = homesByOccupant(model.unitById.values());
  const bindingOf = (p: number): Binding[] =>
    model.pairs.at(p).cons
      .filter(({ c, a }) => {
        const k = model.constraints[c]!;
        // Binding: the constraint is full (this pair uses it) or the optimiser had to price it.
        return a > 0 && (ev.use[c]! >= k.rhs - 1e-9 || multipliers[c]! > 1e-9);
      })
      .map(({ c }) => {
        const k = model.constraints[c]!;
        // EXCHANGE_IN counts received clients against the balance, so history enters with the other sign.
        const used = k.kind === 'EXCHANGE_IN' ? ev.use[c]! - k.usedBefore : ev.use[c]! + k.usedBefore;
        return { code: k.kind, label: k.label, used, limit: k.limit, hard: k.hard };
      });
  return [...chosen]
    .sort((a, b) => (model.clients[model.pairs.at(a).client]!.id < model.clients[model.pairs.at(b).client]!.id ? -1 : 1))
    .map((p) => {
      const pair = model.pairs.at(p);
      const c = model.clients[pair.client]!;
      const u = model.units[pair.unit]!;
      const dev = deviationReason(c, u);
      const movesOut = movesOutOf(c.id, u.id, occupied);
      // Terms with their texts are built only for the proposals shown; they must add up to the score used.
      const scored = scorePair(c, u, model.scoreContext, true);
      if (scored.score !== pair.score) throw new Error(`score of ${c.id}/${u.id} differs on recomputation`);
      const forClient = bestOthers(model, model.pairsByClient[pair.client]!, p)
        .map((q) => {
          const alt = model.pairs.at(q);
          const taker = unitTaker.get(alt.unit);
          return {
            unitId: model.units[alt.unit]!.id,
            score: alt.score,
            difference: round2(alt.score - pair.score),
            takenBy: taker === undefined ? null : model.clients[taker]!.id,
            note:
              taker !== undefined
                ? `Gaat naar ${model.clients[taker]!.id}`
                : freeAlternativeNote(alt.score, pair.score),
          };
        });
      const forUnit = bestOthers(model, model.pairsByUnit[pair.unit]!, p)
        .map((q) => {
          const alt = model.pairs.at(q);
          const placed = clientPlace.get(alt.client);
          return {
            clientId: model.clients[alt.client]!.id,
            score: alt.score,
            difference: round2(alt.score - pair.score),
            placedAt: placed === undefined ? null : model.units[placed]!.id,
            note: placed !== undefined ? `Krijgt ${model.units[placed]!.id} voorgesteld` : 'Niet geplaatst in dit voorstel',
          };
        });
      return {
        clientId: c.id,
        unitId: u.id,
        score: pair.score,
        terms: scored.terms,
        locked: locked.has(p),
        deviation: dev
          ? { reason: dev, label: deviationLabel(dev), from: c.originMunicipalityCode, to: u.municipalityCode }
          : null,
        binding: bindingOf(p),
        ...(movesOut ? { movesOut } : {}),
        ...addedNote(model, c),
        alternatives: { forClient, forUnit },
      };
    });
}

/** `Match.addedByChair` for a client the chair added by hand, saying that readiness did not decide. */
function addedNote(model: RoundModel, c: Client): Pick<Match, 'addedByChair'> {
  const reason = model.addedByChair.get(c.id);
  if (reason === undefined) return {};
  const open = openReadinessItems(c, model.policy);
  const readiness = open.length && !c.housingFirst ? ` Doet mee hoewel nog niet alle voorwaarden zijn afgerond (open: ${open.join('; ')}).` : '';
  return { addedByChair: { reason, note: `Door de voorzitter aan de ronde toegevoegd: ${reason.trim().replace(/[.!?]+$/, '')}.${readiness}` } };
}

/**
 * Why each candidate is not placed. `heldFor`, when the round planned for later (plan.ts), says why a
 * free home's pair was left for later, or null when planning was not the reason.
 */
export function explainUnplaced(model: RoundModel, chosen: number[], heldFor?: (pair: number) => string | null): Unplaced[] {
  const placedClients = new Set(chosen.map((p) => model.pairs.at(p).client));
  const unitTaker = new Map(chosen.map((p) => [model.pairs.at(p).unit, model.pairs.at(p).client]));
  const out: Unplaced[] = [...model.notCandidates];
  // Constraint use of the proposal: a home left free names only the limits it would break.
  const use = evaluate(model, chosen).use;
  model.clients.forEach((c, ci) => {
    if (placedClients.has(ci)) return;
    const ps = model.pairsByClient[ci]!;
    if (ps.length === 0) {
      const counts = model.exclusionCounts.get(c.id) ?? new Map();
      const reasons: Exclusion[] = [...counts.entries()]
        .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
        .map(([code, { count, example }]) => ({
          code,
          message: `${RULES[code as RuleCode] ?? code} ${homesShare(count, model.units.length)} (bijv. ${example})`,
        }));
      if (!model.units.length) reasons.push({ code: 'NO_UNITS', message: 'Er zijn geen woningen in deze ronde.' });
      out.push({ clientId: c.id, kind: 'no-possible-unit', reasons });
      return;
    }
    const reasons: Exclusion[] = bestOthers(model, ps, -1)
      .map((q) => {
        const alt = model.pairs.at(q);
        const taker = unitTaker.get(alt.unit);
        const unitId = model.units[alt.unit]!.id;
        const held = taker === undefined && heldFor ? heldFor(q) : null;
        if (held !== null) return { code: 'HELD_FOR_LATER', message: `${unitId} (score ${scoreText(alt.score)}) blijft vrij: ${held}` };
        if (taker === undefined) {
          return {
            code: 'ROUND_LIMIT',
            message: `${unitId} (score ${scoreText(alt.score)}) blijft vrij: plaatsing zou een rondegrens overschrijden (${alt.cons
              .filter(({ c, a }) => use[c]! + a > model.constraints[c]!.rhs + 1e-9)
              .map(({ c }) => model.constraints[c]!)
              .filter((k) => k.hard)
              .map((k) => k.label)
              .join('; ') || 'zachte grens, boete hoger dan de score'})`,
          };
        }
        return {
          code: 'OUTCOMPETED',
          message: `${unitId} (score ${scoreText(alt.score)}) gaat naar ${model.clients[taker]!.id}; samen levert dat de hoogste totaalscore op`,
        };
      });
    out.push({ clientId: c.id, kind: 'outcompeted', reasons });
  });
  return out.sort((a, b) => (a.clientId < b.clientId ? -1 : 1));
}

export function roundFigures(model: RoundModel, chosen: number[], ev: Evaluation): Figures {
  const matched = chosen.map((p) => model.pairs.at(p));
  const homeOrNetwork = matched.filter((pr) => {
    const c = model.clients[pr.client]!;
    const u = model.units[pr.unit]!;
    return u.municipalityCode === c.originMunicipalityCode || c.networkPlaces.some((n) => n.municipalityCode === u.municipalityCode);
  }).length;
  let highest: Figures['highestNeighbourhoodLoad'] = null;
  let highestShare = Number.NEGATIVE_INFINITY;
  for (const k of model.constraints) {
    if (k.kind !== 'NEIGHBOURHOOD') continue;
    const placements = k.usedBefore + ev.use[k.index]!;
    // A cap of 0 with placements is the most loaded of all; its share is given as the placements
    // themselves (a number must be finite to be stored and sent).
    const share = k.limit > 0 ? placements / k.limit : placements > 0 ? Number.POSITIVE_INFINITY : 0;
    if (!highest || share > highestShare || (share === highestShare && k.key < highest.neighbourhoodCode)) {
      highestShare = share;
      const shown = Number.isFinite(share) ? share : placements;
      highest = { neighbourhoodCode: k.key, name: model.neighbourhood(k.key)?.name ?? k.key, placements, limit: k.limit, share: Math.round(shown * 1000) / 1000 };
    }
  }
  const exchange = new Map<string, { before: number; after: number }>();
  for (const k of model.constraints) {
    if (k.kind !== 'EXCHANGE_OUT') continue;
    exchange.set(k.key, { before: k.usedBefore, after: k.usedBefore + ev.use[k.index]! });
  }
  const quotaUse = model.constraints
    .filter((k) => k.kind === 'QUOTA')
    .map((k) => {
      const [corporationId, municipalityCode] = k.key.split('|') as [string, string];
      return {
        corporationId,
        municipalityCode,
        year: Number(model.options.referenceDate.slice(0, 4)),
        agreed: k.limit,
        kind: 'maximum',
        usedBefore: k.usedBefore,
        proposed: ev.use[k.index]!,
      };
    });
  return {
    candidates: model.clients.length,
    unitsAvailable: model.units.length,
    possiblePairs: model.pairs.length,
    placed: matched.length,
    homeOrNetworkShare: matched.length ? Math.round((homeOrNetwork / matched.length) * 1000) / 1000 : 0,
    highestNeighbourhoodLoad: highest,
    exchangeBalances: [...exchange.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([code, e]) => ({ municipalityCode: code, name: model.municipalityName(code), before: e.before, after: e.after, band: model.policy.exchange.band })),
    quotaUse,
    penalties: round2(ev.penalties),
  };
}
