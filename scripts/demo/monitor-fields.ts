// The demo's monitor fields (migration 0011): since when each client is in care and their funding frame,
// and the snapshot of monitor facts on each placement. Pure TypeScript, no I/O; used only by the demo generator.
// Its own random stream, so adding these fields changed no other draw of the demo.
import type { ClientGroup, FundingFrame, Gender, SupportIntensity, UnitKind } from '../../shared/domain/codes';
import type { Client, Placement, Unit } from '../../shared/dataset/dataset.schema';
import { placementSnapshot } from '../../shared/dataset/placement';
import { PROV } from './places';
import { addDays, birthDateForAge, type Rng } from './random';

/** Mostly Wmo (BW, MO, VO), some Wlz and Zvw in BW; forensic care for FORENSIC, the Jeugdwet for YOUTH. */
const FRAMES: Record<ClientGroup, readonly (readonly [FundingFrame, number])[]> = {
  BW: [['wmo', 78], ['wlz', 14], ['zvw', 5], ['unknown', 3]],
  MO: [['wmo', 94], ['unknown', 6]],
  VO: [['wmo', 100]],
  YOUTH: [['youth', 85], ['wmo', 15]],
  FORENSIC: [['forensic', 85], ['wmo', 15]],
};

/** The youngest age at which a group's care trajectory starts (youth care before 18). */
const FIRST_CARE_AGE: Record<ClientGroup, number> = { BW: 18, MO: 18, VO: 18, YOUTH: 12, FORENSIC: 18 };

const addYears = (iso: string, years: number) => `${String(Number(iso.slice(0, 4)) + years).padStart(4, '0')}${iso.slice(4)}`;

/**
 * A generated client's monitor fields: in care 1 to 5 years before woonrijp (a client not ready yet:
 * 4 months to 5 years before the reference date, a few not recorded), never before the group's first
 * care age, and a frame that fits the group.
 */
export function monitorFieldsFor(
  rng: Rng,
  group: ClientGroup,
  birthDate: string,
  readyDate: string | null,
  referenceDate: string,
): Pick<Client, 'careSince' | 'fundingFrame'> {
  const fundingFrame = rng.weighted(FRAMES[group]);
  const recorded = readyDate !== null || rng.chance(0.85);
  const drawn = readyDate !== null ? addDays(readyDate, -rng.int(365, 5 * 365)) : addDays(referenceDate, -rng.int(120, 5 * 365));
  const earliest = addYears(birthDate, FIRST_CARE_AGE[group]);
  return { careSince: recorded ? (drawn < earliest ? earliest : drawn) : null, fundingFrame };
}

/** What a placement of a client of this group in the history before the register might have looked like. */
const HISTORY_GROUPS: readonly (readonly [ClientGroup, number])[] = [['BW', 45], ['MO', 25], ['VO', 12], ['YOUTH', 10], ['FORENSIC', 8]];
/** Age ranges on the placement date. */
const HISTORY_AGES: Record<ClientGroup, readonly [number, number]> = { BW: [23, 58], MO: [27, 62], VO: [24, 45], YOUTH: [18, 22], FORENSIC: [26, 55] };

function providerOf(group: ClientGroup): string {
  return group === 'BW' ? PROV.dijkzicht : group === 'MO' || group === 'VO' ? PROV.windkering : PROV.rietland;
}

/**
 * Fills each placement's monitor snapshot: from the placed client and home where the dataset has them,
 * otherwise (history from before the register) invented facts that fit the demo.
 */
export function snapshotPlacements(rng: Rng, placements: Placement[], clients: Client[], units: Unit[]): void {
  for (const p of placements) {
    const c = p.clientId ? clients.find((x) => x.id === p.clientId) : undefined;
    const unit = p.unitId ? units.find((u) => u.id === p.unitId) : undefined;
    const unitKind: UnitKind = unit?.kind ?? rng.weighted<UnitKind>([['contingent', 60], ['kanswoning', 25], ['regular', 15]]);
    if (c) {
      Object.assign(p, placementSnapshot(c, unitKind, p.date));
      continue;
    }
    const group = rng.weighted(HISTORY_GROUPS);
    const [minAge, maxAge] = HISTORY_AGES[group];
    const age = rng.int(minAge, maxAge);
    const readyDate = addDays(p.date, -rng.int(30, 300));
    const fields = monitorFieldsFor(rng, group, birthDateForAge(rng, age, p.date), readyDate, p.date);
    Object.assign(p, {
      targetGroup: group,
      gender: group === 'VO' ? 'female' : rng.weighted<Gender>([['male', 62], ['female', 36], ['other', 2]]),
      age,
      adults: 1,
      children: group === 'VO' ? rng.int(0, 2) : 0,
      careProviderId: providerOf(group),
      supportIntensity: rng.weighted<SupportIntensity>([['light', 25], ['medium', 50], ['intensive', 25]]),
      fundingFrame: fields.fundingFrame,
      readyDate,
      careSince: fields.careSince,
      unitKind,
    } satisfies Partial<Placement>);
  }
}
