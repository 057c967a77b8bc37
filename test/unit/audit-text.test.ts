// The Logboek's wording of audit details: per action for the round's decisions and close, readable for
// anything else (nested objects, change records, unknown keys), never raw JSON.
import { describe, expect, it } from 'vitest';
import { auditAction, auditDetail, auditEntity } from '../../renderer/src/ui/audit-text.util';

const json = (o: unknown) => JSON.stringify(o);
const noJson = (text: string) => {
  expect(text).not.toMatch(/[{}"]/);
  expect(text).not.toContain('[object');
};

describe('audit details in words', () => {
  it('reads a decision: pair, version, decision with its reason, the client answer and what it was', () => {
    const text = auditDetail(
      json({
        version: 2,
        clientId: 'K-0004',
        unitId: 'W-12',
        decision: 'declined',
        conditions: null,
        declineReason: 'rent-debt',
        note: 'Eerst schuld regelen',
        clientAnswer: 'pending',
        decidedBy: 'anna',
        decidedAt: '2026-12-04T10:00:00.000Z',
        before: { decision: 'accepted', clientAnswer: 'pending', declineReason: null, conditions: null },
        forbidControlId: 7,
      }),
      { action: 'decide', entity: 'round' },
    );
    expect(text).toBe(
      'K-0004 → W-12 (versie 2): afgewezen (Corporatie weigert: huurschuld); antwoord cliënt: nog niet bekend; toelichting: Eerst schuld regelen; was: akkoord',
    );
  });

  it('reads on whose behalf a decision was recorded (a decisions file, or the contact person the chair named)', () => {
    const text = auditDetail(
      json({ version: 1, clientId: 'K-0004', unitId: 'W-12', decision: 'accepted', conditions: null, declineReason: null, note: 'Via besluitenbestand (30-11-2026)', clientAnswer: 'pending', decidedBy: 'anna', onBehalfOf: 'J. de Vries', decidedAt: '2026-12-04T10:00:00.000Z', before: null }),
      { action: 'decide', entity: 'round' },
    );
    expect(text).toBe('K-0004 → W-12 (versie 1): akkoord; antwoord cliënt: nog niet bekend; namens: J. de Vries; toelichting: Via besluitenbestand (30-11-2026)');
  });

  it('reads a close: placements, pairs back to the pool and by whom, pairs not placed for want of an answer', () => {
    const text = auditDetail(
      json({
        version: 3,
        decisions: [{ clientId: 'K-1' }, { clientId: 'K-2' }],
        placements: [{ id: 'P-R1-K-0001', clientId: 'K-0001', unitId: 'W-1' }],
        declined: 1,
        notPlaced: [{ clientId: 'K-0007', unitId: 'W-3' }],
        waiting: [{ clientId: 'K-0007', unitId: 'W-3' }],
        returned: [{ clientId: 'K-0004', unitId: 'W-12', by: 'corporation', declineReason: 'rent-debt' }],
        note: '',
      }),
      { action: 'close', entity: 'round' },
    );
    expect(text).toBe(
      'versie 3: 1 plaatsing; 1 paar terug naar de pool (K-0004 → W-12, afgewezen door de corporatie); 1 paar niet geplaatst, antwoord cliënt onbekend (K-0007 → W-3)',
    );
  });

  it('reads a change record as field: old → new, and a new record by its fields', () => {
    expect(auditDetail(json({ fields: ['rent', 'availableFrom'], before: { rent: 650.5, availableFrom: '2026-12-01' }, after: { rent: 700, availableFrom: '2027-01-01' } }))).toBe(
      'huur: 650,5 → 700, beschikbaar vanaf: 01-12-2026 → 01-01-2027',
    );
    // A status change keeps its reason, in the backend's own wording of the change.
    expect(
      auditDetail(json({ fields: ['status'], before: { status: 'active' }, after: { status: 'set-aside' }, reason: 'Tijdelijke opname; eerst herstel', text: 'Actief → Geparkeerd' })),
    ).toBe('Actief → Geparkeerd; reden: Tijdelijke opname; eerst herstel');
    const created = auditDetail(json({ before: null, after: { id: 'K-0100', name: 'Sam', household: { adults: 1, children: [4, 7] } } }), { action: 'create', entity: 'client' });
    expect(created).toBe('nieuw: (code K-0100, naam Sam, huishouden (volwassenen 1, kinderen 4, 7))');
  });

  it('reads unknown keys and nesting without JSON, hides machine-only keys, keeps plain text', () => {
    const text = auditDetail(json({ fileName: 'besluiten.json', mac: 'ab12', alreadyRead: true, deep: { a: { b: { c: { d: 1 } } } }, rows: [{ x: 1 }, { x: 2 }] }));
    noJson(text);
    expect(text).toBe('bestand: besluiten.json, al ingelezen: ja, deep: (a (b 1 veld)), rijen: 2');
    expect(auditDetail('Tijdelijke opname; eerst herstel')).toBe('Tijdelijke opname; eerst herstel');
    expect(auditDetail('{}')).toBe('');
    expect(auditDetail('{niet: json')).toBe('{niet: json');
  });

  it('falls back to the generic reading when a known action has an unexpected shape', () => {
    const text = auditDetail(json({ something: { else: 1 } }), { action: 'create', entity: 'placement' });
    noJson(text);
    expect(text).toBe('something: (else 1)');
  });

  it('names actions and entities in Dutch, unknown ones as they are', () => {
    expect(auditAction('decide')).toBe('besluit vastgelegd');
    expect(auditAction('close')).toBe('afgesloten');
    expect(auditAction('iets-nieuws')).toBe('iets-nieuws');
    expect(auditEntity('review-decisions', '1/corp-polderhuis')).toBe('besluitenbestand 1/corp-polderhuis');
  });
});
