// The renderer's screen table against the access matrix: each role's start page is a screen it may
// open, the screens each role may open are exactly the ones the navigation should offer, and every
// screen's method exists in the matrix. Pure TypeScript, no browser.
import { describe, expect, it } from 'vitest';
import { ACCESS_MATRIX } from '../../shared/auth/access-matrix';
import { ROLES } from '../../shared/auth/roles';
import { mayOpen, SCREEN_METHODS, screenMethod, START_PATHS } from '../../renderer/src/features/auth/screen-access';

const TOP = ['/kandidaten', '/woningen', '/uitstroomtafel', '/beoordelen', '/rapportages', '/instellingen'];

describe('screen access', () => {
  it('starts every role on a screen it may open', () => {
    for (const role of ROLES) expect(mayOpen(role, START_PATHS[role]), role).toBe(true);
  });

  it('offers each role exactly its screens', () => {
    const open = Object.fromEntries(ROLES.map((role) => [role, TOP.filter((p) => mayOpen(role, p))]));
    expect(open).toEqual({
      chair: TOP,
      provider: ['/kandidaten', '/rapportages', '/instellingen'],
      liaison: ['/beoordelen', '/rapportages', '/instellingen'],
      readonly: ['/rapportages', '/instellingen'],
    });
  });

  it('takes the longest matching prefix and keeps sub-screens to the chair', () => {
    expect(screenMethod('/kandidaten/K-0001/bewerken')).toBe('clients.list');
    expect(screenMethod('/kandidaten/nieuw')).toBe('clients.create');
    expect(screenMethod('/uitstroomtafel/nazorg')).toBe('followup.todo');
    expect(screenMethod('/kandidatenlijst')).toBeNull();
    expect(mayOpen('provider', '/kandidaten/nieuw')).toBe(true);
    expect(mayOpen('provider', '/instellingen')).toBe(true);
    for (const sub of ['gemeenten', 'buurten', 'corporaties', 'afspraken', 'beleid/3']) {
      expect(mayOpen('provider', `/instellingen/${sub}`), sub).toBe(false);
      expect(mayOpen('chair', `/instellingen/${sub}`), sub).toBe(true);
    }
  });

  it('names only methods of the access matrix', () => {
    for (const [, method] of SCREEN_METHODS) expect(Object.keys(ACCESS_MATRIX)).toContain(method);
  });
});
