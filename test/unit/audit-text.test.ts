// The Logboek's wording: every action the backend writes reads in Dutch words, with reports by their
// title, organisations, places and people by name, filters readable, placements by client and round —
// never raw JSON, internal codes ('corp-kustlicht', 'prov-dijkzicht', 'GM0995') or English words.
import { describe, expect, it } from 'vitest';
import { auditAction, auditDetail, auditLine, type AuditNames } from '../../renderer/src/ui/audit-text.util';

const json = (o: unknown) => JSON.stringify(o);
const noJson = (text: string) => {
  expect(text).not.toMatch(/[{}"]/);
  expect(text).not.toContain('[object');
};

const table = (m: Record<string, string>) => (k: string) => m[k] ?? k;
const names: AuditNames = {
  person: table({ anna: 'Anna Jansen', lies: 'Lies Visser' }),
  corporation: table({ 'corp-kustlicht': 'Kustlicht Woondiensten', 'corp-polderhuis': 'Polderhuis' }),
  careProvider: table({ 'prov-dijkzicht': 'Dijkzicht Zorg', 'prov-windkering': 'De Windkering' }),
  municipality: table({ GM0995: 'Lelystad', GM0034: 'Almere' }),
  neighbourhood: table({ BU09950101: 'Boswijk' }),
  readinessItem: table({ 'budget-plan': 'Budgetplan afgerond' }),
};

/** One entry read as the Logboek shows it: "handeling | onderwerp | toelichting". */
const row = (action: string, entity: string, entityId: string | null, detail: unknown = {}) => {
  const line = auditLine({ action, entity, entityId, detail: typeof detail === 'string' ? detail : json(detail) }, names);
  const text = `${line.action} | ${line.subject} | ${line.detail}`;
  noJson(text);
  // No internal codes of organisations or municipalities, no English words of the log's own vocabulary.
  expect(text).not.toMatch(/corp-|prov-|GM\d{4}|\bcorporation\b|\bprovider\b|\bview\b|\(code /);
  return text;
};

describe('the Logboek reads every action in Dutch', () => {
  it('reads of reports: the report by its title, the filter as names and a period, how many clients', () => {
    expect(
      row('view', 'report', 'corporation', { filter: { corporationId: 'corp-kustlicht', from: '2026-01-01', to: '2026-06-30' }, count: 7 }),
    ).toBe('inzage | Rapportage woningcorporatie | corporatie Kustlicht Woondiensten; periode 1 januari 2026 t/m 30 juni 2026; 7 kandidaten in de rapportage');
    expect(row('view', 'report', 'provider', { filter: { careProviderId: 'prov-dijkzicht', from: '2025-12-06', to: '2026-12-05' }, count: 15 })).toBe(
      'inzage | Matchrapportage zorgaanbieder | zorgaanbieder Dijkzicht Zorg; periode 6 december 2025 t/m 5 december 2026; 15 kandidaten in de rapportage',
    );
    expect(row('view', 'report', 'agenda', { filter: { roundId: 1 }, count: 20 })).toBe('inzage | Agenda uitstroomtafel | ronde 1; 20 kandidaten in de rapportage');
    expect(row('view', 'report', 'minutes', { filter: { roundId: 1 }, count: 1 })).toBe('inzage | Verslag uitstroomtafel | ronde 1; 1 kandidaat in de rapportage');
    expect(
      row('export', 'report', 'monitor', {
        report: 'monitor',
        format: 'xlsx',
        request: { report: 'monitor', filters: { municipalityCodes: ['GM0995', 'GM0034'], groups: ['BW'] } },
        fileName: 'monitor.xlsx',
        clients: 0,
        smallNumbers: { threshold: 5, hidden: true },
      }),
    ).toBe(
      'geëxporteerd | Regionale monitor uitstroom | als Excel (monitor.xlsx); gemeenten Lelystad en Almere; doelgroep Beschermd wonen; 0 kandidaten in de rapportage; aantallen onder 5 verborgen',
    );
    expect(
      row('view', 'monitor-rows', 'outflow-month', {
        filter: { filters: { corporationIds: ['corp-polderhuis'] }, section: 'outflow-month', rowKey: 'GM0995', columnKey: '2026-03' },
        count: 4,
        total: 4,
      }),
    ).toBe('inzage | onderliggende rijen van de monitor: Uitstroom per maand | rij Lelystad, kolom 2026-03; corporatie Polderhuis; 4 van 4 rijen getoond');
  });

  it('reads of client lists and rounds: the filter in words, no paging or "(code 1)"', () => {
    expect(
      row('list', 'client', null, {
        filter: { careProviderIds: ['prov-dijkzicht'], statuses: ['active', 'set-aside'], readiness: 'ready', search: 'Mich', limit: 50, offset: 0, sortBy: 'id' },
        count: 3,
        total: 3,
      }),
    ).toBe('lijst ingezien | kandidaten | zorgaanbieder Dijkzicht Zorg; statussen Actief en Geparkeerd; woonrijp; zoekterm ‘Mich’; 3 van 3 kandidaten getoond');
    expect(row('list', 'client', null, { filter: {}, count: 50, total: 60 })).toBe('lijst ingezien | kandidaten | 50 van 60 kandidaten getoond');
    expect(row('view', 'round', '1', { filter: { id: 1 }, count: 50 })).toBe('inzage | ronde 1 | 50 kandidaten getoond');
    expect(row('view', 'proposal', '1', { filter: { roundId: 1, version: 2 }, count: 40 })).toBe('inzage | voorstel van ronde 1 | versie 2; 40 kandidaten getoond');
    expect(row('view', 'proposal-comparison', '1', { filter: { roundId: 1, a: 1, b: 2 }, count: 41 })).toBe(
      'inzage | voorstellen van ronde 1 | versie 1 met versie 2 vergeleken; 41 kandidaten getoond',
    );
    expect(row('list', 'placement', null, { filter: { roundId: 1 }, count: 17 })).toBe('lijst ingezien | plaatsingen | ronde 1; 17 plaatsingen getoond');
    expect(row('list', 'followup', null, { filter: { until: '2027-03-31' }, count: 34 })).toBe('lijst ingezien | nazorglijst | tot en met 31 maart 2027; 34 regels getoond');
    expect(row('list', 'audit', null, { filter: { limit: 50 }, count: 50 })).toBe('lijst ingezien | logboek | 50 regels getoond');
    expect(row('view', 'client', 'K-0001')).toBe('inzage | kandidaat K-0001 | inschrijving geopend');
  });

  it('rounds: a decision with its reason, the close with what went back to the pool, controls and members', () => {
    expect(
      auditDetail(
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
      ),
    ).toBe('K-0004 → W-12 (versie 2): afgewezen (Corporatie weigert: huurschuld); antwoord cliënt: nog niet bekend; toelichting: Eerst schuld regelen; was: akkoord');
    // A decision recorded on behalf of the corporation's contact person (a decisions file, a phone call) names them.
    expect(
      auditDetail(
        json({ version: 1, clientId: 'K-0004', unitId: 'W-12', decision: 'accepted', conditions: null, declineReason: null, note: 'Via besluitenbestand (30-11-2026)', clientAnswer: 'pending', decidedBy: 'anna', onBehalfOf: 'J. de Vries', decidedAt: '2026-12-04T10:00:00.000Z', before: null }),
        { action: 'decide', entity: 'round' },
      ),
    ).toBe('K-0004 → W-12 (versie 1): akkoord; antwoord cliënt: nog niet bekend; namens: J. de Vries; toelichting: Via besluitenbestand (30-11-2026)');
    expect(
      row('close', 'round', '1', {
        version: 3,
        decisions: [{ clientId: 'K-1' }, { clientId: 'K-2' }],
        placements: [{ id: 'P-R1-K-0001', clientId: 'K-0001', unitId: 'W-1' }],
        declined: 1,
        notPlaced: [{ clientId: 'K-0007', unitId: 'W-3' }],
        waiting: [{ clientId: 'K-0007', unitId: 'W-3' }],
        returned: [{ clientId: 'K-0004', unitId: 'W-12', by: 'corporation', declineReason: 'rent-debt' }],
        note: '',
      }),
    ).toBe(
      'afgesloten | ronde 1 | versie 3: 1 plaatsing; 1 paar terug naar de pool (K-0004 → W-12, afgewezen door de corporatie); 1 paar niet geplaatst, antwoord cliënt onbekend (K-0007 → W-3)',
    );
    expect(
      row('create', 'round', '1', { date: '2026-12-04', window: { from: '2026-12-01', to: '2027-01-31' }, clientsIncluded: 50, clientsExcluded: 10, units: 45, preparedOn: '2026-11-27' }),
    ).toBe('aangemaakt | ronde 1 | ronde van 4 december 2026, planningsperiode 01-12-2026 t/m 31-01-2027; 50 kandidaten en 45 woningen');
    expect(row('propose', 'round', '1', { version: 1, policyId: 'x', totalScore: 10, placed: 20, optimality: 'proven', greedyTotalScore: 8, greedyPlaced: 17, controls: { locks: 0 } })).toBe(
      'voorstel berekend | ronde 1 | versie 1: 20 paren voorgesteld, bewezen optimaal; huidige werkwijze 17 paren',
    );
    expect(row('control-add', 'round', '1', { controlId: 3, kind: 'lock', clientId: 'K-0001', unitId: 'W-001', reason: 'Past precies' })).toBe(
      'aanpassing toegevoegd | ronde 1 | vastgezet: K-0001 → W-001; reden: Past precies',
    );
    expect(row('control-lift', 'round', '1', { controlId: 3, kind: 'set-aside-client', source: 'chair', clientId: 'K-0001', unitId: null, reason: 'Weer beschikbaar' })).toBe(
      'aanpassing opgeheven | ronde 1 | kandidaat geparkeerd opgeheven: K-0001; reden: Weer beschikbaar',
    );
    expect(row('member-add', 'round', '1', { table: 'round_clients', kind: 'client', id: 'K-0009', included: true, reason: 'Toch woonrijp', before: null })).toBe(
      'aan de ronde toegevoegd | ronde 1 | kandidaat K-0009 toegevoegd; reden: Toch woonrijp',
    );
    expect(row('member-drop', 'round', '1', { table: 'round_units', kind: 'unit', id: 'W-002', included: false, reason: 'Verhuurd', before: null })).toBe(
      'uit de ronde gehaald | ronde 1 | woning W-002 uit de ronde gehaald; reden: Verhuurd',
    );
  });

  it('placements by client and round, the home by place and corporation; follow-up checks and dates', () => {
    expect(
      row('create', 'placement', 'P-R1-K-0060', {
        id: 'P-R1-K-0060',
        client_id: 'K-0060',
        unit_id: 'W-018',
        date: '2026-11-27',
        origin_municipality_code: 'GM0034',
        destination_municipality_code: 'GM0995',
        neighbourhood_code: 'BU09950101',
        corporation_id: 'corp-kustlicht',
        round_id: 1,
        decision: 'accepted',
        conditions: null,
      }),
    ).toBe('aangemaakt | plaatsing K-0060 (ronde 1) | K-0060 → W-018 (Lelystad, Kustlicht Woondiensten), plaatsingsdatum 27-11-2026: akkoord');
    expect(
      row('update', 'placement', 'P-R1-K-0060', {
        fields: ['moveInDate', 'contractForm'],
        before: { moveInDate: null, contractForm: null },
        after: { moveInDate: '2027-01-15', contractForm: 'three-party' },
      }),
    ).toMatch(/^gewijzigd \| plaatsing K-0060 \(ronde 1\) \| verhuisdatum: — → 15-01-2027, contractvorm: — → \S/);
    expect(
      row('check', 'placement', 'P-R1-K-0060', { placement_id: 'P-R1-K-0060', month: 6, due_date: '2027-07-15', checked_at: '2027-07-20', still_housed: 1, relapse: 0, note: '', checked_by: 'anna', before: null }),
    ).toBe('nazorgcontrole vastgelegd | plaatsing K-0060 (ronde 1) | controle na 6 maanden op 20-07-2027; nog gehuisvest; geen terugval');
  });

  it('clients and units: new, changed, status, readiness, lists exported and imported, erasure and retention', () => {
    expect(
      row('create', 'client', 'K-0100', { before: null, after: { id: 'K-0100', name: 'Sam', group: 'BW', careProviderId: 'prov-dijkzicht', originMunicipalityCode: 'GM0995', household: { adults: 1 } } }),
    ).toBe('aangemaakt | kandidaat K-0100 | nieuwe inschrijving: naam Sam, doelgroep Beschermd wonen, zorgaanbieder Dijkzicht Zorg, gemeente van herkomst Lelystad');
    expect(
      row('update', 'client', 'K-0100', { fields: ['careProviderId', 'originMunicipalityCode'], before: { careProviderId: 'prov-dijkzicht', originMunicipalityCode: 'GM0995' }, after: { careProviderId: 'prov-windkering', originMunicipalityCode: 'GM0034' } }),
    ).toBe('gewijzigd | kandidaat K-0100 | zorgaanbieder: Dijkzicht Zorg → De Windkering, gemeente van herkomst: Lelystad → Almere');
    expect(
      row('status', 'client', 'K-0025', { fields: ['status'], before: { status: 'active' }, after: { status: 'set-aside' }, reason: 'Tijdelijke opname; eerst herstel', text: 'Actief → Geparkeerd' }),
    ).toBe('status gewijzigd | kandidaat K-0025 | Actief → Geparkeerd; reden: Tijdelijke opname; eerst herstel');
    expect(
      row('readiness', 'client', 'K-0003', { fields: ['readiness'], item: 'budget-plan', before: null, after: { item: 'budget-plan', done: true, confirmedBy: 'Pieter (Dijkzicht)', confirmedAt: '2026-11-20' } }),
    ).toBe('voorwaarde bijgewerkt | kandidaat K-0003 | ‘Budgetplan afgerond’ vervuld; bevestigd door Pieter (Dijkzicht); op 20-11-2026');
    expect(row('export', 'client', 'K-0001', { kind: 'inzage', rounds: 2, placements: 1, reviewFiles: 0, auditEntries: 14 })).toBe(
      'geëxporteerd | kandidaat K-0001 | inzageverzoek: alle gegevens als JSON en PDF; 2 rondes, 1 plaatsing, 0 beoordelingsbestanden, 14 logboekregels',
    );
    expect(row('export', 'client', null, { list: 'kandidaten', format: 'xlsx', rows: 12, filters: { careProviderIds: ['prov-dijkzicht'] }, withheldNoConsent: 2 })).toBe(
      'geëxporteerd | kandidaten | lijst als Excel; zorgaanbieder Dijkzicht Zorg; 12 kandidaten; 2 kandidaten weggelaten (geen toestemming)',
    );
    expect(row('export', 'unit', null, { list: 'woningen', format: 'csv', rows: 45, filters: {} })).toBe('geëxporteerd | woningen | lijst als CSV; 45 woningen');
    expect(row('import', 'unit', null, { file: 'woningen.xlsx', new: 1, changed: 2, unchanged: 40, codes: ['W-100', 'W-001', 'W-002'] })).toBe(
      'ingelezen | woningen | bestand woningen.xlsx; 1 nieuw, 2 gewijzigd, 40 ongewijzigd; woningen W-100, W-001, W-002',
    );
    expect(row('import', 'client', null, { file: 'k.csv', new: 0, changed: 0, unchanged: 5, note: 'niets gewijzigd', codes: [] })).toBe(
      'ingelezen | kandidaten | bestand k.csv; 0 nieuw, 0 gewijzigd, 5 ongewijzigd; niets gewijzigd',
    );
    expect(row('erase', 'client', null, { reason: 'Verzoek van de cliënt', removed: { clients: 1, consents: 2, auditEntries: 0 } })).toBe(
      'gewist | een kandidaat (gewist) | reden: Verzoek van de cliënt; verwijderd: inschrijving 1, toestemmingen 2',
    );
    expect(
      row('retention-dry-run', 'client', null, { rules: [{ kind: 'placed', action: 'pseudonymise', years: 5, cutoff: '2021-12-05', count: 3 }], pseudonymised: 3, deleted: 0 }),
    ).toBe(
      'bewaartermijnen nagerekend | kandidaten | zou 3 kandidaten pseudonimiseren en 0 verwijderen; Kandidaten die gehuisvest zijn (na de laatste nazorgcontrole): na 5 jaar pseudonimiseren (vóór 05-12-2021): 3',
    );
    expect(row('retention', 'client', null, { rules: [], pseudonymised: 0, deleted: 1 })).toBe('bewaartermijnen toegepast | kandidaten | 0 kandidaten gepseudonimiseerd, 1 verwijderd');
    expect(row('create', 'unit', 'W-100', { before: null, after: { id: 'W-100', corporationId: 'corp-kustlicht', municipalityCode: 'GM0995', neighbourhoodCode: 'BU09950101', kind: 'kanswoning', rent: 650 } })).toBe(
      'aangemaakt | woning W-100 | nieuwe woning: corporatie Kustlicht Woondiensten, gemeente Lelystad, buurt Boswijk, soort Kanswoning, huur 650',
    );
    expect(
      row('status', 'unit', 'W-100', { fields: ['status'], before: { status: 'available' }, after: { status: 'let' }, reason: 'Verhuurd buiten de tafel', text: 'Beschikbaar → Verhuurd' }),
    ).toBe('status gewijzigd | woning W-100 | Beschikbaar → Verhuurd; reden: Verhuurd buiten de tafel');
  });

  it('the region, review files and decisions files', () => {
    expect(
      row('import', 'region', null, { source: 'demo', version: 2, replaced: null, region: 'Flevoland (fictieve demo)', municipalities: 6, neighbourhoods: 20, corporations: 3, careProviders: 4, quotas: 12, policies: 1, units: 45, clients: 60, placements: 0, kept: {} }),
    ).toBe('ingelezen | regio Flevoland (fictieve demo) | uit demo; 6 gemeenten, 3 corporaties, 4 zorgaanbieders, 60 kandidaten, 45 woningen, 0 plaatsingen');
    expect(row('export', 'region', null, { version: 2, municipalities: 6, clients: 60, units: 45, history: { rounds: 1 } })).toBe(
      'geëxporteerd | regio | alle gegevens van de regio; 6 gemeenten, 60 kandidaten, 45 woningen; met de geschiedenis',
    );
    expect(row('export', 'review', '1/corp-polderhuis', { version: 3, proposals: 5, withheld: 1, signature: 'abc' })).toBe(
      'geëxporteerd | beoordelingsbestand ronde 1, Polderhuis | versie 3: 5 voorstellen; 1 kandidaat weggelaten (geen toestemming)',
    );
    expect(
      row('import', 'review-decisions', '1/corp-polderhuis', { fileName: 'besluiten.json', decidedBy: 'Lies Visser', decidedAt: '2026-12-05T11:12:00.000Z', decisions: 5, recorded: 3, mac: 'x' }),
    ).toBe('ingelezen | besluitenbestand ronde 1, Polderhuis | bestand besluiten.json; 5 besluiten van Lies Visser (05-12-2026 12:12); 3 nieuw vastgelegd');
    expect(row('import', 'review-decisions', '1/corp-polderhuis', { fileName: 'besluiten.json', alreadyRead: true, mac: 'x' })).toBe(
      'ingelezen | besluitenbestand ronde 1, Polderhuis | bestand besluiten.json was al ingelezen; niets gewijzigd',
    );
  });

  it('users and logins by name, refusals by what was asked, in words', () => {
    expect(row('create', 'user', 'lies', { before: null, after: { displayName: 'Lies Visser', role: 'liaison', careProviderId: null, corporationId: 'corp-kustlicht', active: true } })).toBe(
      'aangemaakt | gebruiker Lies Visser | Lies Visser; rol Contactpersoon corporatie; corporatie Kustlicht Woondiensten',
    );
    expect(
      row('update', 'user', 'anna', {
        before: { displayName: 'voorzitter', role: 'chair', careProviderId: null, corporationId: null, active: true },
        after: { displayName: 'Anna Jansen', role: 'chair', careProviderId: null, corporationId: null, active: true },
      }),
    ).toBe('gewijzigd | gebruiker Anna Jansen | naam: voorzitter → Anna Jansen');
    expect(
      row('update', 'user', 'lies', {
        before: { displayName: 'Lies Visser', role: 'liaison', careProviderId: null, corporationId: 'corp-kustlicht', active: true },
        after: { displayName: 'Lies Visser', role: 'liaison', careProviderId: null, corporationId: 'corp-polderhuis', active: false },
        keyRemoved: true,
      }),
    ).toBe('gewijzigd | gebruiker Lies Visser | corporatie: Kustlicht Woondiensten → Polderhuis, actief: ja → nee; toegang ingetrokken');
    expect(row('reset-passphrase', 'user', 'lies', { role: 'Contactpersoon corporatie', lockLifted: '2026-12-05T11:30:00.000Z' })).toBe(
      'nieuwe wachtwoordzin ingesteld | gebruiker Lies Visser | rol Contactpersoon corporatie; blokkade tot 05-12-2026 12:30 opgeheven',
    );
    expect(row('unlock', 'user', 'lies', { failures: 5, lockedUntil: '2026-07-01T10:00:00.000Z' })).toBe(
      'blokkade opgeheven | gebruiker Lies Visser | na 5 mislukte pogingen; was geblokkeerd tot 01-07-2026 12:00',
    );
    expect(row('change-passphrase', 'user', 'anna', '')).toBe('eigen wachtwoordzin gewijzigd | gebruiker Anna Jansen | ');
    expect(row('login', 'user', 'anna', { host: 'browser' })).toBe('aangemeld | gebruiker Anna Jansen | via Browser (lokale server)');
    expect(row('logout', 'user', 'anna')).toBe('afgemeld | gebruiker Anna Jansen | ');
    expect(row('login-failed', 'user', 'lies', { failures: 3, host: 'desktop' })).toBe('aanmelden mislukt | gebruiker Lies Visser | 3e mislukte poging; via Desktop-app');
    expect(row('login-failed', 'user', null, { reason: 'onbekende naam', host: 'desktop', whileLocked: true })).toBe(
      'aanmelden mislukt | gebruiker | onbekende naam; via Desktop-app; vastgelegd terwijl de database dicht was',
    );
    expect(row('login-refused', 'user', 'lies', { reason: 'geblokkeerd', lockedUntil: '2026-12-05T11:30:00.000Z', host: 'cli' })).toBe(
      'aanmelden geweigerd | gebruiker Lies Visser | geblokkeerd; tot 05-12-2026 12:30; via Opdrachtregel',
    );
    expect(row('setup', 'user', 'anna', { role: 'chair', host: 'browser' })).toBe('eerste start | gebruiker Anna Jansen | eerste voorzitter aangemaakt; via Browser (lokale server)');
    expect(row('denied', 'method', 'reports.corporation', { role: 'liaison' })).toBe('geweigerd | Rapportage woningcorporatie inzien | rol Contactpersoon corporatie');
    expect(row('denied', 'method', 'backups.restore', { role: 'readonly' })).toBe('geweigerd | back-ups: terugzetten | rol Alleen lezen (monitor)');
  });

  it('backups, settings and reference data by name', () => {
    expect(row('backup', 'database', 'ut-20261205-111200.sqlite', { reason: 'daily', bytes: 454_656 })).toBe('back-up gemaakt | back-up ut-20261205-111200.sqlite | Dagelijks; 444 kB');
    expect(row('restore', 'backup', 'ut-20261205-111200.sqlite', { keptAside: 'ut-voor-terugzetten.sqlite' })).toBe(
      'back-up teruggezet | back-up ut-20261205-111200.sqlite | de vorige database bewaard als ut-voor-terugzetten.sqlite',
    );
    expect(row('update', 'settings', 'backup.keep', { from: 10, to: 12 })).toBe('gewijzigd | aantal back-ups dat bewaard blijft | 10 → 12');
    expect(row('update', 'settings', 'privacy.retention', { before: [], after: [{ kind: 'withdrawn', years: 2, action: 'delete' }] })).toBe(
      'gewijzigd | bewaartermijnen | Kandidaten die gearchiveerd of teruggetrokken zijn: na 2 jaar verwijderen',
    );
    expect(row('update', 'corporation', 'corp-kustlicht', { before: { id: 'corp-kustlicht', name: 'Kustlicht' }, after: { id: 'corp-kustlicht', name: 'Kustlicht Woondiensten' } })).toBe(
      'gewijzigd | corporatie Kustlicht Woondiensten | naam: Kustlicht → Kustlicht Woondiensten',
    );
    expect(row('delete', 'care-provider', 'prov-windkering', { before: { id: 'prov-windkering', name: 'De Windkering' }, after: null })).toBe(
      'verwijderd | zorgaanbieder De Windkering | was: naam De Windkering',
    );
    expect(row('create', 'municipality', 'GM0995', { before: null, after: { code: 'GM0995', name: 'Lelystad', validFrom: '2026-01-01', validTo: null } })).toBe(
      'aangemaakt | gemeente Lelystad | nieuw: naam Lelystad, geldig vanaf 01-01-2026',
    );
    expect(
      row('update', 'neighbourhood', 'BU09950101', {
        before: { code: 'BU09950101', name: 'Boswijk', municipalityCode: 'GM0995', district: null, socialRentShare: 40, liveabilityClass: 5 },
        after: { code: 'BU09950101', name: 'Boswijk', municipalityCode: 'GM0995', district: null, socialRentShare: 45, liveabilityClass: 5 },
      }),
    ).toBe('gewijzigd | buurt Boswijk | aandeel sociale huur: 40 → 45');
    expect(row('update', 'quota', 'corp-kustlicht/GM0995/2026', { before: { agreed: 10, kind: 'maximum' }, after: { agreed: 12, kind: 'maximum' } })).toBe(
      'gewijzigd | afspraak Kustlicht Woondiensten in Lelystad, 2026 | afgesproken: 10 → 12',
    );
    expect(
      row('create', 'policy', 'beleid-2027-01-01-1', { name: 'Beleid 2027', validFrom: '2027-01-01', basedOn: 'beleid-2026-01-01-1', changes: [{ path: 'weights.network', before: 1, after: 2 }] }),
    ).toBe('aangemaakt | beleidsversie Beleid 2027 | geldig vanaf 01-01-2027; op basis van beleid-2026-01-01-1; 1 instelling gewijzigd');
  });

  it('reads unknown keys and nesting without JSON, hides machine-only keys, keeps plain text', () => {
    const text = auditDetail(json({ fileName: 'besluiten.json', mac: 'ab12', alreadyRead: true, deep: { a: { b: { c: { d: 1 } } } }, rows: [{ x: 1 }, { x: 2 }] }));
    noJson(text);
    expect(text).toBe('bestand: besluiten.json, alreadyRead: ja, deep: (a (b 1 veld)), rijen: 2');
    expect(auditDetail('Tijdelijke opname; eerst herstel')).toBe('Tijdelijke opname; eerst herstel');
    expect(auditDetail('{}')).toBe('');
    expect(auditDetail('{niet: json')).toBe('{niet: json');
    // A known action with an unexpected shape falls back to the generic reading.
    expect(auditDetail(json({ something: { else: 1 } }), { action: 'create', entity: 'placement' })).toBe('something: (else 1)');
  });

  it('names actions in Dutch, unknown ones as they are', () => {
    expect(auditAction('decide')).toBe('besluit vastgelegd');
    expect(auditAction('iets-nieuws')).toBe('iets-nieuws');
  });
});
