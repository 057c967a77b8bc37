// The score of a possible pair: a sum of named terms with the policy's weights, each explained.
// Also the neighbourhood load indicator and the deviation from the municipality of origin.
// Pure TypeScript.
import type { Client, Neighbourhood, Unit } from '../dataset/dataset.schema';
import { DEVIATION_REASON_LABELS, type DeviationReason, UNIT_KIND_LABELS } from '../domain/codes';
import type { PolicySettings } from '../domain/policy';
import { formatLongDate, plural } from '../reports/format-nl';
import type { ScoreTerm } from './round.schema';

export interface ScoreContext {
  policy: PolicySettings;
  referenceDate: string;
  municipalityName: (code: string) => string;
  neighbourhood: (code: string) => Neighbourhood | undefined;
  /** Placements already made in the cap period, per neighbourhood. */
  recentPlacements: (neighbourhoodCode: string) => number;
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Whole months between two days (YYYY-MM-DD), never negative. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  const m = (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
  return Math.max(0, m);
}

/**
 * Load of a neighbourhood, 0 (light) .. 1 (heavy): the mean of the indicators it has — share of
 * social rent, Leefbaarometer class (9 best .. 1 worst, scaled), and recent placements against
 * the cap.
 */
export function neighbourhoodLoad(code: string | null, ctx: ScoreContext): number {
  if (code === null) return 0;
  const n = ctx.neighbourhood(code);
  const parts: number[] = [];
  if (n?.socialRentShare != null) parts.push(n.socialRentShare);
  if (n?.liveabilityClass != null) parts.push((9 - n.liveabilityClass) / 8);
  const cap = ctx.policy.caps.perNeighbourhood;
  parts.push(cap > 0 ? Math.min(1, ctx.recentPlacements(code) / cap) : 0);
  return parts.reduce((a, b) => a + b, 0) / parts.length;
}

export function deviationReason(c: Client, u: Unit): DeviationReason | null {
  if (u.municipalityCode === c.originMunicipalityCode) return null;
  if (c.networkPlaces.some((p) => p.municipalityCode === u.municipalityCode)) return 'network';
  if (c.avoidPlaces.some((a) => a.neighbourhoodCode === null && a.municipalityCode === c.originMunicipalityCode)) return 'safety';
  if (c.preferences.municipalityCodes.includes(u.municipalityCode)) return 'own-choice';
  return 'other';
}

const waitCache = new WeakMap<Client, { day: string; readyDate: string | null; months: number }>();
/** Months since the ready date, cached per client and keyed by both dates (a client may be edited). */
export function monthsSinceReady(c: Client, day: string): number {
  const hit = waitCache.get(c);
  if (hit && hit.day === day && hit.readyDate === c.readyDate) return hit.months;
  const months = c.readyDate === null ? 0 : monthsBetween(c.readyDate, day);
  waitCache.set(c, { day, readyDate: c.readyDate, months });
  return months;
}

export const deviationLabel = (r: DeviationReason): string => DEVIATION_REASON_LABELS[r];

/** The pair's score; with `withText` also each term's label and detail (explanations only). */
export function scorePair(c: Client, u: Unit, ctx: ScoreContext, withText = true): { score: number; terms: ScoreTerm[] } {
  const w = ctx.policy.weights;
  const terms: ScoreTerm[] = [];
  // Without texts (scoring a whole round) only the sum is kept: no object per term and pair.
  let sum = 0;
  const add = (code: string, label: string, points: number, detail: () => string) => {
    const p = round2(points);
    if (p === 0) return;
    sum += p;
    if (withText) terms.push({ code, label, points: p, detail: detail() });
  };
  const muni = () => ctx.municipalityName(u.municipalityCode);

  add('PLACEMENT', 'Plaatsing', w.placement, () => 'Iedere plaatsing telt mee');

  const networkHere = c.networkPlaces.filter((p) => p.municipalityCode === u.municipalityCode);
  if (u.municipalityCode === c.originMunicipalityCode) {
    add('HOME', 'Gemeente van herkomst', w.homeMunicipality, () => `Terug naar ${muni()}`);
  } else if (networkHere.length) {
    // The network exception: where the client's network lives counts as home.
    add('HOME', 'Netwerkgemeente telt als thuis', w.homeMunicipality, () => `Netwerk woont in ${muni()} (herkomst: ${ctx.municipalityName(c.originMunicipalityCode)})`);
  }

  if (networkHere.length) {
    const sameNbh = u.neighbourhoodCode !== null && networkHere.some((p) => p.neighbourhoodCode === u.neighbourhoodCode);
    add(
      'NETWORK',
      'Dicht bij het netwerk',
      sameNbh ? w.network : w.network / 2,
      () => (sameNbh ? 'Netwerk in dezelfde buurt' : `Netwerk in dezelfde gemeente (${plural(networkHere.length, 'plek', 'plekken')})`),
    );
  }

  const readyDate = c.readyDate;
  if (readyDate !== null) {
    const months = Math.min(monthsSinceReady(c, ctx.referenceDate), w.waitingMaxMonths);
    add('WAITING', 'Wachttijd sinds woonrijp', months * w.waitingPerMonth, () => `${plural(months, 'maand', 'maanden')} sinds ${formatLongDate(readyDate)}`);
  }
  if (c.urgency === 'high') add('URGENCY', 'Urgentie', w.urgencyHigh, () => 'Urgent');
  if (c.urgency === 'crisis') add('URGENCY', 'Urgentie', w.urgencyCrisis, () => 'Crisis');

  if (c.preferences.municipalityCodes.includes(u.municipalityCode)) add('PREF_MUNICIPALITY', 'Voorkeursgemeente', w.preferredMunicipality, muni);
  if (u.neighbourhoodCode !== null && c.preferences.neighbourhoodCodes.includes(u.neighbourhoodCode)) {
    add('PREF_NEIGHBOURHOOD', 'Voorkeursbuurt', w.preferredNeighbourhood, () => ctx.neighbourhood(u.neighbourhoodCode!)?.name ?? u.neighbourhoodCode!);
  }
  if (c.preferences.kinds.includes(u.kind)) add('PREF_KIND', 'Gewenste woningsoort', w.preferredKind, () => UNIT_KIND_LABELS[u.kind]);
  if (u.kind === 'omklap' && u.occupantClientId === c.id) add('STAY', 'Blijft wonen (omklap)', w.stayInPlace, () => 'Huurcontract gaat over op eigen naam');

  const load = neighbourhoodLoad(u.neighbourhoodCode, ctx);
  if (u.neighbourhoodCode !== null) {
    add('LOAD', 'Buurtbelasting', -w.neighbourhoodLoad * load, () => `${ctx.neighbourhood(u.neighbourhoodCode!)?.name ?? u.neighbourhoodCode}: belasting ${Math.round(load * 100)}%`);
  }
  return { score: round2(sum), terms };
}
