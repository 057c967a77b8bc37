// The access matrix: for every API method, what each role may do with it. One table, read by the
// backend's dispatcher (which enforces it before any handler runs), by the renderer (which hides what a
// role may not use) and by docs/access-matrix.md (generated from it, checked by a test).
// Pure TypeScript.
import type { MethodName } from '../api/contract';
import type { Role } from './roles';

/**
 * yes: the whole method, every field of its output;
 * own: only the role's own records — a provider worker's own care provider's clients, a liaison's own
 *   corporation's homes and review files — checked on the input and filtered on the output in the backend;
 * no: refused (FORBIDDEN), nothing written, the refusal audited.
 */
export type Grant = 'yes' | 'own' | 'no';

export interface MethodAccess {
  /** Answered before login (auth.*): no role needed. */
  public?: true;
  chair: Grant;
  provider: Grant;
  liaison: Grant;
  readonly: Grant;
  /** What 'own' means for this method, or why a role may use it; shown in docs/access-matrix.md. */
  note?: string;
}

const CHAIR: MethodAccess = { chair: 'yes', provider: 'no', liaison: 'no', readonly: 'no' };
const EVERYONE: MethodAccess = { chair: 'yes', provider: 'yes', liaison: 'yes', readonly: 'yes' };
const PUBLIC: MethodAccess = { public: true, ...EVERYONE, note: 'vóór het inloggen' };
const PROVIDER_OWN = (note: string): MethodAccess => ({ chair: 'yes', provider: 'own', liaison: 'no', readonly: 'no', note });
const LIAISON_OWN = (note: string): MethodAccess => ({ chair: 'yes', provider: 'no', liaison: 'own', readonly: 'no', note });

export const ACCESS_MATRIX = {
  'auth.status': PUBLIC,
  'auth.setup': { ...PUBLIC, note: 'alleen bij de eerste start: maakt de eerste voorzitter' },
  'auth.login': PUBLIC,
  'auth.logout': PUBLIC,
  'account.changePassphrase': { ...EVERYONE, note: 'alleen de eigen wachtwoordzin' },

  'app.info': { ...EVERYONE, note: 'het databasepad alleen voor de voorzitter' },
  'reference.get': { ...EVERYONE, note: 'gemeenten, buurten, organisaties, afspraken en beleid: geen persoonsgegevens' },
  'monitor.figures': { ...EVERYONE, note: 'alleen aantallen, nooit een persoon' },
  'monitor.report': { ...EVERYONE, note: 'alleen aantallen; kleine aantallen (onder de drempel uit het beleid) verborgen voor iedereen behalve de voorzitter' },
  'monitor.rows': PROVIDER_OWN('de rijen achter een cijfer: alleen de eigen kandidaten van de zorgaanbieder; pseudoniem, geen namen'),
  'reports.provider': PROVIDER_OWN('alleen de matchrapportage van de eigen zorgaanbieder'),
  'reports.corporation': LIAISON_OWN('alleen de rapportage van de eigen corporatie: woningfeiten, nooit diagnoses, namen of gebieden om te mijden'),
  'reports.agenda': CHAIR,
  'reports.minutes': CHAIR,
  'reports.export': {
    chair: 'yes',
    provider: 'own',
    liaison: 'own',
    readonly: 'own',
    note: 'zorgaanbieder: de eigen matchrapportage en de monitor; corporatie: de eigen rapportage en de monitor; alleen lezen: de monitor; kleine aantallen altijd verborgen in de monitor en de totalen van de corporatierapportage',
  },

  'clients.list': PROVIDER_OWN('alleen de kandidaten van de eigen zorgaanbieder'),
  'clients.get': PROVIDER_OWN('alleen een kandidaat van de eigen zorgaanbieder'),
  'clients.create': PROVIDER_OWN('alleen voor de eigen zorgaanbieder'),
  'clients.update': PROVIDER_OWN('alleen eigen kandidaten, en niet naar een andere zorgaanbieder'),
  'clients.setStatus': PROVIDER_OWN('alleen eigen kandidaten'),
  'clients.confirmReadiness': PROVIDER_OWN('alleen eigen kandidaten'),
  'export.list': PROVIDER_OWN('alleen de kandidatenlijst van de eigen zorgaanbieder'),

  'units.list': CHAIR,
  'units.get': CHAIR,
  'units.create': CHAIR,
  'units.update': CHAIR,
  'units.setStatus': CHAIR,

  'dataset.export': CHAIR,
  'dataset.import': CHAIR,
  'import.preview': CHAIR,
  'import.commit': CHAIR,
  'import.template': CHAIR,
  'jobs.cancel': CHAIR,
  'audit.list': CHAIR,
  'audit.verify': CHAIR,

  'municipalities.list': CHAIR,
  'municipalities.save': CHAIR,
  'municipalities.delete': CHAIR,
  'neighbourhoods.list': CHAIR,
  'neighbourhoods.save': CHAIR,
  'neighbourhoods.delete': CHAIR,
  'corporations.list': CHAIR,
  'corporations.save': CHAIR,
  'corporations.delete': CHAIR,
  'careProviders.list': CHAIR,
  'careProviders.save': CHAIR,
  'careProviders.delete': CHAIR,
  'quotas.list': CHAIR,
  'quotas.save': CHAIR,
  'quotas.delete': CHAIR,
  'policies.list': CHAIR,
  'policies.get': CHAIR,
  'policies.saveVersion': CHAIR,
  'policies.whatIf': CHAIR,

  'rounds.list': { chair: 'yes', provider: 'no', liaison: 'yes', readonly: 'no', note: 'de contactpersoon ziet welke rondes er zijn (datum en status), om het eigen beoordelingsbestand te kiezen' },
  'rounds.create': CHAIR,
  'rounds.get': CHAIR,
  'rounds.setMember': CHAIR,
  'rounds.addControl': CHAIR,
  'rounds.liftControl': CHAIR,
  'rounds.setPlanning': CHAIR,
  'rounds.propose': CHAIR,
  'rounds.proposal': CHAIR,
  'rounds.compare': CHAIR,
  'rounds.decide': CHAIR,
  'rounds.close': CHAIR,
  'rounds.release': { ...CHAIR, note: 'alleen wie de ronde voorbereidt' },
  'rounds.takeOver': { ...CHAIR, note: 'neemt de voorbereiding van een andere voorzitter over; in het logboek met de vorige' },
  'placements.list': CHAIR,
  'placements.update': CHAIR,
  'placements.check': CHAIR,
  'followup.todo': CHAIR,

  'review.export': LIAISON_OWN('alleen het beoordelingsbestand voor de eigen corporatie: wat dat bestand toont, nooit diagnoses'),
  'review.importDecisions': LIAISON_OWN('alleen besluiten over woningen van de eigen corporatie'),
  'review.startFile': { ...PUBLIC, note: 'vóór het inloggen: het beoordelingsbestand waarmee de app is gestart (--review), of niets' },

  'users.list': CHAIR,
  'users.create': CHAIR,
  'users.update': CHAIR,
  'users.resetPassphrase': CHAIR,
  'users.unlock': CHAIR,

  'backups.list': CHAIR,
  'backups.create': CHAIR,
  'backups.saveSettings': CHAIR,
  'backups.restore': CHAIR,

  'privacy.settings': CHAIR,
  'privacy.saveSettings': CHAIR,
  'retention.run': CHAIR,
  'clients.accessExport': CHAIR,
  'clients.erase': CHAIR,
} as const satisfies { [M in MethodName]: MethodAccess };

export function grantOf(method: MethodName, role: Role): Grant {
  return (ACCESS_MATRIX[method] as MethodAccess)[role];
}

/** True when the role may use the method at all (yes or own). */
export function mayCall(role: Role, method: MethodName): boolean {
  return grantOf(method, role) !== 'no';
}

export function isPublicMethod(method: MethodName): boolean {
  return (ACCESS_MATRIX[method] as MethodAccess).public === true;
}
