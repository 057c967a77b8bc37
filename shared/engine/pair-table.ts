// The hot loop of model building: which pairs are possible and what each scores, for every client
// against every unit in the round. Units are compiled once into typed arrays (kind, rent, rooms,
// needs met, places as small integers) and each client once into masks and small sets, so a pair
// costs a few integer comparisons and additions. It must agree exactly with the rules
// (rules.ts checkPair) and the score (score.ts scorePair); test/engine/pair-table.test.ts checks
// both on generated regions. Pure TypeScript.
import type { Client, Unit } from '../dataset/dataset.schema';
import { CLIENT_GROUPS, NEEDS, UNIT_KINDS } from '../domain/codes';
import { type ClientFacts, type RuleContext, needMet } from './rules';
import { type ScoreContext, monthsSinceReady, neighbourhoodLoad, round2 } from './score';

const KIND_INDEX = new Map<string, number>(UNIT_KINDS.map((k, i) => [k, i]));
const GROUP_INDEX = new Map<string, number>(CLIENT_GROUPS.map((g, i) => [g, i]));
const HOUSING_FIRST = KIND_INDEX.get('housing-first')!;
const OMKLAP = KIND_INDEX.get('omklap')!;

/** Small integer ids for codes (municipalities, neighbourhoods, corporations). */
class Codes {
  private map = new Map<string, number>();
  id(code: string): number {
    let i = this.map.get(code);
    if (i === undefined) {
      i = this.map.size;
      this.map.set(code, i);
    }
    return i;
  }
  /** The id of a code already seen, or -1 (a code no unit has can never match). */
  find(code: string): number {
    return this.map.get(code) ?? -1;
  }
}

export class PairTable {
  readonly size: number;
  private kind: Uint8Array;
  private rent: Float64Array;
  private rooms: Int32Array;
  private needsMet: Uint8Array;
  private groups: Uint8Array;
  private minAge: Float64Array;
  private maxAge: Float64Array;
  private muni: Int32Array;
  private nbh: Int32Array;
  private corp: Int32Array;
  private free: Uint8Array;
  private occupant: (string | null)[];
  /** Each unit's neighbourhood-load points (0 when it has no neighbourhood). */
  private loadPoints: Float64Array;
  private munis = new Codes();
  private nbhs = new Codes();
  private corps = new Codes();

  constructor(
    private units: readonly Unit[],
    private rules: RuleContext,
    private score: ScoreContext,
  ) {
    const n = units.length;
    this.size = n;
    this.kind = new Uint8Array(n);
    this.rent = new Float64Array(n);
    this.rooms = new Int32Array(n);
    this.needsMet = new Uint8Array(n);
    this.groups = new Uint8Array(n);
    this.minAge = new Float64Array(n);
    this.maxAge = new Float64Array(n);
    this.muni = new Int32Array(n);
    this.nbh = new Int32Array(n);
    this.corp = new Int32Array(n);
    this.free = new Uint8Array(n);
    this.occupant = new Array<string | null>(n);
    this.loadPoints = new Float64Array(n);
    const w = score.policy.weights;
    units.forEach((u, i) => {
      this.kind[i] = KIND_INDEX.get(u.kind)!;
      this.rent[i] = u.rent;
      this.rooms[i] = u.rooms;
      let met = 0;
      NEEDS.forEach((need, b) => {
        if (needMet(need, u)) met |= 1 << b;
      });
      this.needsMet[i] = met;
      let groups = 0;
      for (const g of u.allowedGroups) groups |= 1 << GROUP_INDEX.get(g)!;
      this.groups[i] = groups;
      this.minAge[i] = u.minAge ?? Number.NEGATIVE_INFINITY;
      this.maxAge[i] = u.maxAge ?? Number.POSITIVE_INFINITY;
      this.muni[i] = this.munis.id(u.municipalityCode);
      this.nbh[i] = u.neighbourhoodCode === null ? -1 : this.nbhs.id(u.neighbourhoodCode);
      this.corp[i] = this.corps.id(u.corporationId);
      this.free[i] = u.status === 'available' && u.availableFrom <= rules.window.to ? 1 : 0;
      this.occupant[i] = u.occupantClientId;
      this.loadPoints[i] = u.neighbourhoodCode === null ? 0 : round2(-w.neighbourhoodLoad * neighbourhoodLoad(u.neighbourhoodCode, score));
    });
  }

  /**
   * Writes every unit the client may be offered into `unitsOut`, in unit order, with its score in
   * `scoresOut` (the same number scorePair() gives), and returns how many there are. Both arrays
   * need room for every unit of the table.
   */
  possible(c: Client, facts: ClientFacts, unitsOut: Int32Array, scoresOut: Float64Array): number {
    const w = this.score.policy.weights;
    let kindsAllowed = 0;
    for (const k of facts.allowedKinds) {
      const i = KIND_INDEX.get(k);
      if (i !== undefined) kindsAllowed |= 1 << i;
    }
    let kindsRefused = 0;
    for (const k of c.preferences.refusedKinds) kindsRefused |= 1 << KIND_INDEX.get(k)!;
    let needs = 0;
    for (const need of c.needs) needs |= 1 << NEEDS.indexOf(need);
    const groupBit = 1 << GROUP_INDEX.get(c.group)!;
    const hf = c.housingFirst;
    const ready = facts.ready;
    const age = facts.age;
    const rentLimit = facts.rentLimit + 1e-9;
    const roomsNeeded = facts.roomsNeeded;
    const avoidMuni = c.avoidPlaces.filter((a) => a.neighbourhoodCode === null).map((a) => this.munis.find(a.municipalityCode));
    const avoidNbh = c.avoidPlaces.filter((a) => a.neighbourhoodCode !== null).map((a) => this.nbhs.find(a.neighbourhoodCode!));
    const vetoCorp = c.vetoes.map((v) => this.corps.find(v.corporationId));

    // Score parts in scorePair's order: placement, home, network, waiting, urgency, preferences, stay, load.
    const placement = round2(w.placement);
    const home = round2(w.homeMunicipality);
    const networkSame = round2(w.network);
    const networkHalf = round2(w.network / 2);
    const months = c.readyDate === null ? 0 : Math.min(monthsSinceReady(c, this.score.referenceDate), w.waitingMaxMonths);
    const waiting = c.readyDate === null ? 0 : round2(months * w.waitingPerMonth);
    const urgency = c.urgency === 'high' ? round2(w.urgencyHigh) : c.urgency === 'crisis' ? round2(w.urgencyCrisis) : 0;
    const prefMuniPts = round2(w.preferredMunicipality);
    const prefNbhPts = round2(w.preferredNeighbourhood);
    const prefKindPts = round2(w.preferredKind);
    const stayPts = round2(w.stayInPlace);
    const origin = this.munis.find(c.originMunicipalityCode);
    const prefMunis = new Set(c.preferences.municipalityCodes.map((m) => this.munis.find(m)));
    const prefNbhs = new Set(c.preferences.neighbourhoodCodes.map((m) => this.nbhs.find(m)));
    let prefKinds = 0;
    for (const k of c.preferences.kinds) prefKinds |= 1 << KIND_INDEX.get(k)!;
    // Network per municipality: the neighbourhoods named there (-1 for none).
    const network = new Map<number, number[]>();
    for (const p of c.networkPlaces) {
      const m = this.munis.find(p.municipalityCode);
      const list = network.get(m) ?? [];
      list.push(p.neighbourhoodCode === null ? -2 : this.nbhs.find(p.neighbourhoodCode));
      network.set(m, list);
    }

    const { kind, rent, rooms, needsMet, groups, minAge, maxAge, muni, nbh, corp, free, occupant, loadPoints } = this;
    let n = 0;
    for (let u = 0; u < this.size; u++) {
      if (!free[u]) continue;
      const occ = occupant[u]!;
      if (occ !== null && occ !== c.id) continue;
      if (rent[u]! > rentLimit) continue;
      if (rooms[u]! < roomsNeeded) continue;
      if ((needs & ~needsMet[u]!) !== 0) continue;
      const k = kind[u]!;
      const kBit = 1 << k;
      if ((kindsAllowed & kBit) === 0) continue;
      if (groups[u]! !== 0 && (groups[u]! & groupBit) === 0) continue;
      if ((kindsRefused & kBit) !== 0) continue;
      if (k === HOUSING_FIRST ? !hf : hf && !ready) continue;
      if (age < minAge[u]! || age > maxAge[u]!) continue;
      const m = muni[u]!;
      const b = nbh[u]!;
      if (avoidMuni.length && avoidMuni.includes(m)) continue;
      if (b >= 0 && avoidNbh.length && avoidNbh.includes(b)) continue;
      if (vetoCorp.length && vetoCorp.includes(corp[u]!)) continue;

      let sum = 0;
      sum += placement;
      const net = network.size ? network.get(m) : undefined;
      if (m === origin || net) sum += home;
      if (net) sum += b >= 0 && net.includes(b) ? networkSame : networkHalf;
      sum += waiting;
      sum += urgency;
      if (prefMunis.has(m)) sum += prefMuniPts;
      if (b >= 0 && prefNbhs.has(b)) sum += prefNbhPts;
      if ((prefKinds & kBit) !== 0) sum += prefKindPts;
      if (k === OMKLAP && occ === c.id) sum += stayPts;
      sum += loadPoints[u]!;
      unitsOut[n] = u;
      scoresOut[n++] = round2(sum);
    }
    return n;
  }
}
