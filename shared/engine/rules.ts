// Pair rules: whether a client may be offered a unit at all, and if not, which rules exclude it
// (a code and a Dutch sentence each). Also the readiness gate per client. Pure TypeScript.
import type { Client, Unit } from '../dataset/dataset.schema';
import { NEED_LABELS, UNIT_KIND_LABELS, type Need } from '../domain/codes';
import type { PolicySettings } from '../domain/policy';
import type { Exclusion } from './round.schema';

export const RULES = {
  UNIT_NOT_FREE: 'Woning niet vrij in de planningsperiode',
  RENT: 'Huur boven de huurgrens van de cliënt',
  ROOMS: 'Huishouden past niet in de woning',
  ACCESS: 'Toegankelijkheid past niet',
  KIND_GROUP: 'Woningsoort niet bedoeld voor deze doelgroep',
  KIND_REFUSED: 'Cliënt accepteert deze woningsoort niet',
  HOUSING_FIRST: 'Housing First-woning en -cliënt horen bij elkaar',
  AGE: 'Leeftijd buiten de grenzen van de woning',
  SAFETY: 'Te vermijden gebied (veiligheid)',
  VETO: 'Uitgesloten door de corporatie',
  OMKLAP_OCCUPIED: 'Omklapwoning is bedoeld voor de huidige bewoner',
  FORBIDDEN: 'Uitgesloten door de voorzitter',
  NOT_READY: 'Niet woonrijp: voorwaarden duurzame uitstroom open',
  NOT_ACTIVE: 'Geen actieve kandidaat',
  SET_ASIDE: 'Geparkeerd door de voorzitter',
} as const;
export type RuleCode = keyof typeof RULES;

export interface RuleContext {
  policy: PolicySettings;
  referenceDate: string;
  window: { from: string; to: string };
}

const euro = (n: number) => `€ ${n.toFixed(2).replace('.', ',')}`;

export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export const householdSize = (c: Client): number => c.household.adults + c.household.childrenAges.length;

/** Rooms a household needs: one for the adults, one per two children. */
export const roomsNeeded = (c: Client): number => 1 + Math.ceil(c.household.childrenAges.length / 2);

/** The client's rent limit: their own, else passend toewijzen by household size and age. */
export function rentLimit(c: Client, ctx: RuleContext): number {
  if (c.rentLimit !== null) return c.rentLimit;
  const limits = ctx.policy.rentLimits;
  if (householdSize(c) === 1 && ageOn(c.birthDate, ctx.referenceDate) < 23) return limits.under23;
  return householdSize(c) >= 3 ? limits.large : limits.small;
}

export function isReady(c: Client, policy: PolicySettings): boolean {
  return openReadinessItems(c, policy).length === 0;
}

export function openReadinessItems(c: Client, policy: PolicySettings): string[] {
  const done = new Set(c.readiness.filter((r) => r.done).map((r) => r.item));
  return policy.readinessItems.filter((it) => !done.has(it.key)).map((it) => it.label);
}

/** Why a client is not a candidate for this round at all (empty: a candidate). */
export function clientGate(c: Client, policy: PolicySettings): Exclusion[] {
  if (c.status !== 'active') return [{ code: 'NOT_ACTIVE', message: `${RULES.NOT_ACTIVE} (status: ${c.status}).` }];
  const open = openReadinessItems(c, policy);
  // Housing First: a home first, then support; the readiness gate does not apply.
  if (open.length && !c.housingFirst) return [{ code: 'NOT_READY', message: `${RULES.NOT_READY}: ${open.join('; ')}.` }];
  return [];
}

function needMet(need: Need, u: Unit): boolean {
  if (u.features.includes(need)) return true;
  if (need === 'ground-floor') return u.floor <= 0;
  if (need === 'lift') return u.floor <= 0 || u.lift;
  if (need === 'low-stimulus') return u.kind === 'skaeve-huse';
  return false;
}

/** Every rule that excludes this pair; empty when the pair is possible. */
export function pairExclusions(c: Client, u: Unit, ctx: RuleContext, ready: boolean): Exclusion[] {
  const out: Exclusion[] = [];
  const add = (code: RuleCode, detail: string) => out.push({ code, message: `${RULES[code]}: ${detail}` });

  if (u.status !== 'available' || u.availableFrom > ctx.window.to) {
    add('UNIT_NOT_FREE', u.status !== 'available' ? `status ${u.status}` : `vrij vanaf ${u.availableFrom}, na ${ctx.window.to}`);
  }
  if (u.occupantClientId !== null && u.occupantClientId !== c.id) {
    add('OMKLAP_OCCUPIED', `${u.id} wordt bewoond door ${u.occupantClientId}`);
  }
  const limit = rentLimit(c, ctx);
  if (u.rent > limit + 1e-9) add('RENT', `${euro(u.rent)} boven ${euro(limit)}`);
  if (u.rooms < roomsNeeded(c)) add('ROOMS', `${householdSize(c)} personen, ${u.rooms} kamer(s)`);
  const unmet = c.needs.filter((n) => !needMet(n, u));
  if (unmet.length) add('ACCESS', unmet.map((n) => NEED_LABELS[n].toLowerCase()).join(', '));
  const allowedKinds = ctx.policy.kindsByGroup[c.group] ?? [];
  if (!allowedKinds.includes(u.kind) || (u.allowedGroups.length > 0 && !u.allowedGroups.includes(c.group))) {
    add('KIND_GROUP', `${UNIT_KIND_LABELS[u.kind]} voor doelgroep ${c.group}`);
  }
  if (c.preferences.refusedKinds.includes(u.kind)) add('KIND_REFUSED', UNIT_KIND_LABELS[u.kind]);
  if (u.kind === 'housing-first' && !c.housingFirst) add('HOUSING_FIRST', 'alleen voor Housing First-cliënten');
  if (c.housingFirst && !ready && u.kind !== 'housing-first') add('HOUSING_FIRST', 'zonder afgeronde voorwaarden alleen een Housing First-woning');
  const age = ageOn(c.birthDate, ctx.referenceDate);
  if ((u.minAge !== null && age < u.minAge) || (u.maxAge !== null && age > u.maxAge)) {
    add('AGE', `${age} jaar, woning ${u.minAge ?? '–'} t/m ${u.maxAge ?? '–'}`);
  }
  for (const a of c.avoidPlaces) {
    const hit = a.neighbourhoodCode === null ? a.municipalityCode === u.municipalityCode : a.neighbourhoodCode === u.neighbourhoodCode;
    if (hit) {
      add('SAFETY', a.neighbourhoodCode === null ? 'gemeente te vermijden' : 'buurt te vermijden');
      break;
    }
  }
  const veto = c.vetoes.find((v) => v.corporationId === u.corporationId);
  if (veto) add('VETO', veto.reason);
  return out;
}
