// The code of a new readiness condition is made from its Dutch label, never typed by the chair.
import { describe, expect, it } from 'vitest';
import { ReadinessItemDef, readinessKeyFor } from '../../shared/domain/policy';

describe('readinessKeyFor', () => {
  it('makes a valid code from a Dutch label', () => {
    expect(readinessKeyFor('Schulden onder beheer', new Set())).toBe('schulden-onder-beheer');
    expect(readinessKeyFor('  Perspectief-/ondersteuningsplan actueel! ', new Set())).toBe('perspectief-ondersteuningsplan-actueel');
    expect(readinessKeyFor('Cliënt heeft één ID-bewijs', new Set())).toBe('client-heeft-een-id-bewijs');
    for (const label of ['Schulden onder beheer', 'Cliënt – één €', '???', '', 'x'.repeat(300)]) {
      const key = readinessKeyFor(label, new Set());
      expect(ReadinessItemDef.safeParse({ key, label: 'iets' }).success, key).toBe(true);
    }
  });

  it('an empty or symbol-only label still gets a code', () => {
    expect(readinessKeyFor('', new Set())).toBe('voorwaarde');
    expect(readinessKeyFor('—', new Set())).toBe('voorwaarde');
  });

  it('never takes a code already in use', () => {
    expect(readinessKeyFor('Income', new Set(['income']))).toBe('income-2');
    expect(readinessKeyFor('Income', new Set(['income', 'income-2']))).toBe('income-3');
  });
});
