// Pair rules: whether a client may be offered a unit at all, and if not, which rules exclude it
// (a code and a Dutch sentence each). Also the readiness gate per client. Pure TypeScript.
import type { Client, Unit } from '../dataset/dataset.schema';
import { NEED_LABELS, UNIT_KIND_LABELS, type Need } from '../domain/codes';
import type { PolicySettings } from '../domain/policy';
import { formatLongDate, formatMoney, plural } from '../reports/format-nl';
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

export function needMet(need: Need, u: Unit): boolean {
  if (u.features.includes(need)) return true;
  if (need === 'ground-floor') return u.floor <= 0;
  if (need === 'lift') return u.floor <= 0 || u.lift;
  if (need === 'low-stimulus') return u.kind === 'skaeve-huse';
  return false;
}

/** What the rules need to know of a client, computed once per round rather than once per pair. */
export interface ClientFacts {
  age: number;
  rentLimit: number;
  roomsNeeded: number;
  ready: boolean;
  allowedKinds: ReadonlySet<string>;
}

export function clientFacts(c: Client, ctx: RuleContext): ClientFacts {
  return {
    age: ageOn(c.birthDate, ctx.referenceDate),
    rentLimit: rentLimit(c, ctx),
    roomsNeeded: roomsNeeded(c),
    ready: isReady(c, ctx.policy),
    allowedKinds: new Set(ctx.policy.kindsByGroup[c.group] ?? []),
  };
}

/**
 * Every rule that excludes this pair; empty when the pair is possible. With `withMessages`
 * false only the codes are filled in (the message is the rule's name): fast for whole rounds.
 */
export function pairExclusions(c: Client, u: Unit, ctx: RuleContext, facts: ClientFacts = clientFacts(c, ctx), withMessages = true): Exclusion[] {
  const out: Exclusion[] = [];
  const add = (code: RuleCode, detail: () => string) =>
    out.push({ code, message: withMessages ? `${RULES[code]}: ${detail()}` : RULES[code] });
  checkPair(c, u, ctx, facts, add);
  return out;
}

/** True when no rule excludes the pair; stops at the first rule that does. */
export function pairPossible(c: Client, u: Unit, ctx: RuleContext, facts: ClientFacts): boolean {
  return checkPair(c, u, ctx, facts, null);
}

/** The rules, in one place for both uses above. Returns true when the pair is possible. */
function checkPair(
  c: Client,
  u: Unit,
  ctx: RuleContext,
  facts: ClientFacts,
  report: ((code: RuleCode, detail: () => string) => void) | null,
): boolean {
  // `add` says whether to stop: at the first rule when only asking "possible?", never when reporting
  // (then every rule is listed). The fast path allocates no closure per pair (a hot loop).
  const add =
    report === null
      ? stopHere
      : (code: RuleCode, detail: () => string) => {
          report(code, detail);
          return false;
        };

  if (u.status !== 'available' || u.availableFrom > ctx.window.to) {
    if (add('UNIT_NOT_FREE', () => (u.status !== 'available' ? `status ${u.status}` : `vrij vanaf ${formatLongDate(u.availableFrom)}, na ${formatLongDate(ctx.window.to)}`))) return false;
  }
  if (u.occupantClientId !== null && u.occupantClientId !== c.id) {
    if (add('OMKLAP_OCCUPIED', () => `${u.id} wordt bewoond door ${u.occupantClientId}`)) return false;
  }
  if (u.rent > facts.rentLimit + 1e-9 && add('RENT', () => `${formatMoney(u.rent)} boven ${formatMoney(facts.rentLimit)}`)) return false;
  if (u.rooms < facts.roomsNeeded && add('ROOMS', () => `${plural(householdSize(c), 'persoon', 'personen')}, ${plural(u.rooms, 'kamer', 'kamers')}`)) return false;
  if (c.needs.length) {
    const unmet = c.needs.filter((n) => !needMet(n, u));
    if (unmet.length && add('ACCESS', () => unmet.map((n) => NEED_LABELS[n].toLowerCase()).join(', '))) return false;
  }
  if (!facts.allowedKinds.has(u.kind) || (u.allowedGroups.length > 0 && !u.allowedGroups.includes(c.group))) {
    if (add('KIND_GROUP', () => `${UNIT_KIND_LABELS[u.kind]} voor doelgroep ${c.group}`)) return false;
  }
  if (c.preferences.refusedKinds.includes(u.kind) && add('KIND_REFUSED', () => UNIT_KIND_LABELS[u.kind])) return false;
  if (u.kind === 'housing-first' && !c.housingFirst && add('HOUSING_FIRST', () => 'alleen voor Housing First-cliënten')) return false;
  if (c.housingFirst && !facts.ready && u.kind !== 'housing-first' && add('HOUSING_FIRST', () => 'zonder afgeronde voorwaarden alleen een Housing First-woning')) return false;
  if ((u.minAge !== null && facts.age < u.minAge) || (u.maxAge !== null && facts.age > u.maxAge)) {
    if (add('AGE', () => `${facts.age} jaar, woning ${u.minAge ?? '–'} t/m ${u.maxAge ?? '–'}`)) return false;
  }
  for (const a of c.avoidPlaces) {
    const hit = a.neighbourhoodCode === null ? a.municipalityCode === u.municipalityCode : a.neighbourhoodCode === u.neighbourhoodCode;
    if (hit) {
      if (add('SAFETY', () => (a.neighbourhoodCode === null ? 'gemeente te vermijden' : 'buurt te vermijden'))) return false;
      break;
    }
  }
  if (c.vetoes.length) {
    const veto = c.vetoes.find((v) => v.corporationId === u.corporationId);
    if (veto && add('VETO', () => veto.reason)) return false;
  }
  return report === null;
}

const stopHere = (): boolean => true;
