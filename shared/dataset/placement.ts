// The placement record a closed round makes of a client and a home, with the monitor's snapshot of the
// client's facts on the placement date (migration 0011). Pure TypeScript: the demo generator fills its
// placements' snapshots with it and the replay benchmark (engine/replay.ts) records its placements.
import type { UnitKind } from '../domain/codes';
import { ageOn } from '../engine/rules';
import type { Client, Placement, PLACEMENT_SNAPSHOT_KEYS, Unit } from './dataset.schema';

/** The monitor facts a placement carries, all of them set. */
export type PlacementSnapshot = { [K in (typeof PLACEMENT_SNAPSHOT_KEYS)[number]]-?: Exclude<Placement[K], undefined> };

/** The client's monitor facts on the placement date (in PLACEMENT_SNAPSHOT_KEYS order) and the home's kind. */
export function placementSnapshot(c: Client, unitKind: UnitKind, date: string): PlacementSnapshot {
  return {
    targetGroup: c.group,
    gender: c.gender,
    age: ageOn(c.birthDate, date),
    adults: c.household.adults,
    children: c.household.childrenAges.length,
    careProviderId: c.careProviderId,
    supportIntensity: c.support.intensity,
    fundingFrame: c.fundingFrame,
    readyDate: c.readyDate,
    careSince: c.careSince,
    unitKind,
  };
}

/** The placement of `c` in `u` on `date`, as closing a round records it (electron rounds.close). */
export function placementOf(id: string, c: Client, u: Unit, date: string): Placement {
  return {
    id,
    clientId: c.id,
    unitId: u.id,
    date,
    originMunicipalityCode: c.originMunicipalityCode,
    destinationMunicipalityCode: u.municipalityCode,
    neighbourhoodCode: u.neighbourhoodCode,
    complex: u.complex,
    corporationId: u.corporationId,
    ...placementSnapshot(c, u.kind, date),
  };
}
