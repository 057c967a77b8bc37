// What reading a decisions file did, in words: new decisions, decisions already there, or nothing at all
// ("al ingelezen, niets veranderd"). Used by the chair's read-back and the liaison's recording. And the
// warning before unsaved decisions are lost. Runs in the renderer.
import type { MethodOutput } from '../../../../shared/api/contract';
import { plural } from '../../ui/format.util';

const were = (n: number) => `${plural(n, 'besluit', 'besluiten')} ${n === 1 ? 'stond' : 'stonden'} er al`;

export function decisionsReadMessage(out: MethodOutput<'review.importDecisions'>, fileName: string): string {
  if (out.recorded === 0) return `${fileName}: al ingelezen, niets veranderd${out.unchanged > 0 ? ` (${were(out.unchanged)})` : ''}.`;
  const recorded = out.unchanged > 0 ? plural(out.recorded, 'nieuw besluit', 'nieuwe besluiten') : plural(out.recorded, 'besluit', 'besluiten');
  return `${recorded} van ${out.decidedBy} vastgelegd in ronde ${out.roundId}${out.unchanged > 0 ? `; ${were(out.unchanged)}` : ''}.`;
}

/** "U heeft 1 besluit ingevoerd dat nog niet is opgeslagen. ... gaat het verloren." (and the plural). */
export function unsavedWarning(decided: number, canRecord: boolean): string {
  const one = decided === 1;
  const notYet = canRecord ? (one ? 'is vastgelegd of opgeslagen' : 'zijn vastgelegd of opgeslagen') : one ? 'is opgeslagen' : 'zijn opgeslagen';
  return `U heeft ${plural(decided, 'besluit', 'besluiten')} ingevoerd ${one ? 'dat' : 'die'} nog niet ${notYet}. Als u de beoordeling nu sluit, ${one ? 'gaat het' : 'gaan ze'} verloren.`;
}
