// What reading a decisions file did, in words: new decisions, decisions already there, or nothing at all
// ("al ingelezen, niets veranderd"). Used by the chair's read-back and the liaison's recording. Runs in the renderer.
import type { MethodOutput } from '../../../../shared/api/contract';
import { plural } from '../../ui/format.util';

const were = (n: number) => `${plural(n, 'besluit', 'besluiten')} ${n === 1 ? 'stond' : 'stonden'} er al`;

export function decisionsReadMessage(out: MethodOutput<'review.importDecisions'>, fileName: string): string {
  if (out.recorded === 0) return `${fileName}: al ingelezen, niets veranderd${out.unchanged > 0 ? ` (${were(out.unchanged)})` : ''}.`;
  const recorded = out.unchanged > 0 ? plural(out.recorded, 'nieuw besluit', 'nieuwe besluiten') : plural(out.recorded, 'besluit', 'besluiten');
  return `${recorded} van ${out.decidedBy} vastgelegd in ronde ${out.roundId}${out.unchanged > 0 ? `; ${were(out.unchanged)}` : ''}.`;
}
