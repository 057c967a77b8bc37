// New arrivals made from a region's own clients and homes: a copy, with a new id, of a client who is
// woonrijp on the arrival date with every readiness condition of the policy met, and of a home that is
// free from that date without an occupant. The replay (replay.ts) draws the months it plays this way,
// the planning step (plan.ts) the futures it samples. Pure TypeScript.
import type { Client, Unit } from '../dataset/dataset.schema';
import type { PolicySettings } from '../domain/policy';

/** A client who arrives on `date`: a copy of `template`, ready then, every readiness condition met. */
export function arrivingClient(template: Client, id: string, date: string, policy: PolicySettings): Client {
  return {
    ...template,
    id,
    name: null,
    readiness: policy.readinessItems.map((r) => ({ item: r.key, done: true, confirmedBy: null, confirmedAt: date })),
    readyDate: date,
    status: 'active',
  };
}

/** A home that comes free on `date`: a copy of `template`, available then, without an occupant. */
export function arrivingUnit(template: Unit, id: string, date: string): Unit {
  return { ...template, id, address: null, availableFrom: date, status: 'available', occupantClientId: null };
}
