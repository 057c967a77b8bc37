// The review mode's sentences: one decision reads in the singular ("dat nog niet is opgeslagen ... gaat het
// verloren"), more in the plural; what reading a decisions file did.
import { describe, expect, it } from 'vitest';
import { decisionsReadMessage, unsavedWarning } from '../../renderer/src/features/review/review-messages';

describe('the warning before unsaved decisions are lost', () => {
  it('one decision, in the singular', () => {
    expect(unsavedWarning(1, false)).toBe('U heeft 1 besluit ingevoerd dat nog niet is opgeslagen. Als u de beoordeling nu sluit, gaat het verloren.');
    expect(unsavedWarning(1, true)).toBe('U heeft 1 besluit ingevoerd dat nog niet is vastgelegd of opgeslagen. Als u de beoordeling nu sluit, gaat het verloren.');
  });
  it('more decisions, in the plural', () => {
    expect(unsavedWarning(3, false)).toBe('U heeft 3 besluiten ingevoerd die nog niet zijn opgeslagen. Als u de beoordeling nu sluit, gaan ze verloren.');
  });
});

describe('what reading a decisions file did', () => {
  const out = { roundId: 2, corporationId: 'corp-a', decidedBy: 'J. de Vries', recorded: 0, unchanged: 1, alreadyRead: true };
  it('says nothing changed on a second read', () => {
    expect(decisionsReadMessage(out, 'besluiten.json')).toBe('besluiten.json: al ingelezen, niets veranderd (1 besluit stond er al).');
  });
  it('counts what was new', () => {
    expect(decisionsReadMessage({ ...out, recorded: 2, unchanged: 0, alreadyRead: false }, 'b.json')).toBe('2 besluiten van J. de Vries vastgelegd in ronde 2.');
  });
});
