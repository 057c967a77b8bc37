// The regional monitor's figures: counts only, never a person. Every role may read them (the
// read-only role reads nothing else). Merged into contract.ts. Pure TypeScript.
import { z } from 'zod';
import { OUT_MAX } from '../domain/primitives';
import type { MethodSpec } from './method-spec';

const Count = z.object({ key: z.string().max(OUT_MAX), label: z.string().max(OUT_MAX), count: z.number().int() });

export const MonitorFigures = z.object({
  /** Clients in the register by status (active, set aside, placed, archived). */
  clientsByStatus: z.array(Count),
  /** Active clients ready to move (every readiness item done), by target group. */
  readyByGroup: z.array(Count),
  /** Units by status. */
  unitsByStatus: z.array(Count),
  /** Placements (accepted matches) by municipality of the home. */
  placementsByMunicipality: z.array(Count),
  rounds: z.object({ total: z.number().int(), closed: z.number().int() }),
  /**
   * Client records no longer in the register (deleted by retention or erased on request) whose counts
   * the figures above still include (from the monitor archive, by the status they had).
   */
  removedClients: z.number().int(),
});
export type MonitorFigures = z.infer<typeof MonitorFigures>;

export const monitorMethods = {
  'monitor.figures': { kind: 'query', input: z.object({}).strict(), output: MonitorFigures },
} as const satisfies Record<string, MethodSpec>;
