// Dutch wording for audit-log entries: the backend records actions and details in code terms
// ("view", "report", "corporation", {"filter":{"corporationId":"corp-kustlicht"}}); the Logboek is the
// record a privacy officer reads, so every entry reads in words: what was done, to what (reports by their
// title, organisations, municipalities and people by name, placements by client and round) and the
// particulars (filters as "corporatie Kustlicht Woondiensten; periode 1 januari 2026 t/m 30 juni 2026").
// Every action the backend writes has its own reading here; anything else is read generically (never raw
// JSON). Pure functions; runs in the renderer.
import { BACKUP_REASON_LABELS } from '../../../shared/api/backup.contract';
import { HOST_LABELS, type Reference } from '../../../shared/api/contract';
import { ERASE_COUNT_LABELS, RETENTION_ACTION_LABELS, RETENTION_KIND_LABELS } from '../../../shared/api/privacy.contract';
import { CLIENT_ANSWERS, DECLINE_REASON_LABELS } from '../../../shared/api/rounds.contract';
import { ROLE_LABELS } from '../../../shared/auth/roles';
import {
  CLIENT_GROUP_LABELS,
  CLIENT_STATUS_LABELS,
  CONTRACT_FORM_LABELS,
  GENDER_LABELS,
  QUOTA_KIND_LABELS,
  UNIT_KIND_LABELS,
  UNIT_STATUS_LABELS,
  URGENCY_LABELS,
} from '../../../shared/domain/codes';
import { formatMoment } from '../../../shared/domain/moments';
import { PlanningValues, RoundPlanningChoice, planningChoiceText, planningValuesText } from '../../../shared/domain/round-planning';
import { agendaReport, corporationReport, minutesReport, monitorReport, providerReport } from '../../../shared/reports/definitions';
import { formatLongDate, formatPeriod, plural } from '../../../shared/reports/format-nl';
import { formatDate, joinDutch } from './format.util';

/** How the Logboek names what the log stores by code: people, organisations, places, readiness items. */
export interface AuditNames {
  person: (login: string) => string;
  corporation: (id: string) => string;
  careProvider: (id: string) => string;
  municipality: (code: string) => string;
  neighbourhood: (code: string) => string;
  readinessItem: (key: string) => string;
}

const same = (x: string) => x;
/** Codes as they are: for a reading without reference data (tests, a log read before it loads). */
export const CODES_AS_NAMES: AuditNames = { person: same, corporation: same, careProvider: same, municipality: same, neighbourhood: same, readinessItem: same };

/** Names from the reference data and the users list; a code nobody has (any more) stays a code. */
export function auditNames(reference?: Reference | null, users?: readonly { name: string; displayName: string }[] | null): AuditNames {
  const map = (rows: readonly { key: string; name: string }[] | undefined) => {
    const m = new Map((rows ?? []).map((r) => [r.key, r.name]));
    return (k: string) => m.get(k) ?? k;
  };
  return {
    person: map(users?.map((u) => ({ key: u.name, name: u.displayName }))),
    corporation: map(reference?.corporations.map((o) => ({ key: o.id, name: o.name }))),
    careProvider: map(reference?.careProviders.map((o) => ({ key: o.id, name: o.name }))),
    municipality: map(reference?.municipalities.map((m) => ({ key: m.code, name: m.name }))),
    neighbourhood: map(reference?.neighbourhoods.map((m) => ({ key: m.code, name: m.name }))),
    readinessItem: map(reference?.policy?.settings.readinessItems.map((r) => ({ key: r.key, name: r.label }))),
  };
}

const ACTIONS: Record<string, string> = {
  view: 'inzage',
  list: 'lijst ingezien',
  import: 'ingelezen',
  export: 'geëxporteerd',
  create: 'aangemaakt',
  update: 'gewijzigd',
  delete: 'verwijderd',
  status: 'status gewijzigd',
  readiness: 'voorwaarde bijgewerkt',
  decide: 'besluit vastgelegd',
  close: 'afgesloten',
  propose: 'voorstel berekend',
  'what-if': 'proefberekening gedaan',
  'control-add': 'aanpassing toegevoegd',
  'control-lift': 'aanpassing opgeheven',
  'planning-set': 'plannen over rondes ingesteld',
  'member-add': 'aan de ronde toegevoegd',
  'member-drop': 'uit de ronde gehaald',
  'lock-release': 'voorbereiding vrijgegeven',
  'lock-take-over': 'voorbereiding overgenomen',
  check: 'nazorgcontrole vastgelegd',
  login: 'aangemeld',
  logout: 'afgemeld',
  'login-failed': 'aanmelden mislukt',
  'login-refused': 'aanmelden geweigerd',
  denied: 'geweigerd',
  setup: 'eerste start',
  backup: 'back-up gemaakt',
  restore: 'back-up teruggezet',
  erase: 'gewist',
  pseudonymise: 'gepseudonimiseerd',
  retention: 'bewaartermijnen toegepast',
  'retention-dry-run': 'bewaartermijnen nagerekend',
  'reset-passphrase': 'nieuwe wachtwoordzin ingesteld',
  'change-passphrase': 'eigen wachtwoordzin gewijzigd',
  unlock: 'blokkade opgeheven',
};

const ENTITIES: Record<string, string> = {
  client: 'kandidaat',
  unit: 'woning',
  region: 'regio',
  dataset: 'dataset',
  policy: 'beleidsversie',
  round: 'ronde',
  municipality: 'gemeente',
  neighbourhood: 'buurt',
  corporation: 'corporatie',
  'care-provider': 'zorgaanbieder',
  quota: 'afspraak',
  proposal: 'voorstel van ronde',
  'proposal-comparison': 'voorstellen van ronde',
  placement: 'plaatsing',
  followup: 'nazorglijst',
  audit: 'logboek',
  user: 'gebruiker',
  method: 'functie',
  report: 'rapportage',
  review: 'beoordelingsbestand',
  'review-decisions': 'besluitenbestand',
  database: 'back-up',
  backup: 'back-up',
  settings: 'instelling',
  'monitor-rows': 'onderliggende rijen van de monitor',
};

/** The report kinds by their documents' own titles (shared/reports/definitions). */
const REPORT_TITLES: Record<string, string> = {
  provider: providerReport.title(),
  corporation: corporationReport.title(),
  agenda: agendaReport.TITLE,
  minutes: minutesReport.TITLE,
  monitor: monitorReport.MONITOR_TITLE,
};

const MONITOR_SECTION_TITLES: Record<string, string> = Object.fromEntries(
  [monitorReport.SUMMARY, ...monitorReport.TABLE_SECTIONS].map((s) => [s.key, s.title]),
);

const SETTINGS: Record<string, string> = { 'privacy.retention': 'bewaartermijnen', 'backup.keep': 'aantal back-ups dat bewaard blijft' };

/** A call refused by role: its area and verb in words ("rondes: besluit vastleggen"). */
const METHOD_AREAS: Record<string, string> = {
  clients: 'kandidaten',
  units: 'woningen',
  rounds: 'rondes',
  placements: 'plaatsingen',
  followup: 'nazorg',
  reports: 'rapportages',
  monitor: 'monitor',
  review: 'beoordelingen',
  users: 'gebruikers',
  account: 'eigen account',
  backups: 'back-ups',
  privacy: 'privacy',
  retention: 'bewaartermijnen',
  dataset: 'regio',
  import: 'import',
  export: 'export',
  audit: 'logboek',
  municipalities: 'gemeenten',
  neighbourhoods: 'buurten',
  corporations: 'corporaties',
  careProviders: 'zorgaanbieders',
  quotas: 'afspraken',
  policies: 'beleid',
};
const METHOD_VERBS: Record<string, string> = {
  list: 'lijst inzien',
  get: 'inzien',
  create: 'aanmaken',
  update: 'wijzigen',
  save: 'opslaan',
  saveVersion: 'nieuwe versie opslaan',
  delete: 'verwijderen',
  setStatus: 'status wijzigen',
  confirmReadiness: 'voorwaarde bevestigen',
  export: 'exporteren',
  import: 'inlezen',
  restore: 'terugzetten',
  make: 'maken',
  decide: 'besluit vastleggen',
  close: 'afsluiten',
  propose: 'voorstel berekenen',
  whatIf: 'proefberekening',
  erase: 'wissen',
  accessExport: 'inzage exporteren',
  run: 'toepassen',
  verify: 'controleren',
  rows: 'onderliggende rijen inzien',
  report: 'inzien',
};

function methodText(method: string): string {
  const [area = '', verb = ''] = method.split('.');
  if (area === 'reports' && REPORT_TITLES[verb]) return `${REPORT_TITLES[verb]} inzien`;
  if (method === 'monitor.report') return `${REPORT_TITLES.monitor} inzien`;
  return `${METHOD_AREAS[area] ?? area}: ${METHOD_VERBS[verb] ?? verb}`;
}

/** Machine-only keys (hashes, signatures, whole requests, hosts' internals): nothing a person reads. */
const HIDDEN_KEYS = new Set(['mac', 'signature', 'reviewSignature', 'request', 'prevHash', 'hash', 'secret', 'table', 'forbidControlId', 'controlId', 'updated_by', 'updated_at', 'created_at', 'sortBy', 'sortDir', 'limit', 'offset']);

const DETAIL_KEYS: Record<string, string> = {
  source: 'bron',
  region: 'regio',
  municipalities: 'gemeenten',
  neighbourhoods: 'buurten',
  corporations: 'corporaties',
  careProviders: 'zorgaanbieders',
  quotas: 'afspraken',
  policies: 'beleidsprofielen',
  units: 'woningen',
  clients: 'kandidaten',
  placements: 'plaatsingen',
  decisions: 'besluiten',
  changes: 'wijzigingen',
  basedOn: 'op basis van',
  validFrom: 'geldig vanaf',
  validTo: 'geldig tot',
  name: 'naam',
  displayName: 'naam',
  count: 'aantal',
  total: 'totaal',
  reason: 'reden',
  note: 'toelichting',
  notes: 'notities',
  version: 'versie',
  role: 'rol',
  status: 'status',
  date: 'datum',
  from: 'van',
  to: 'tot',
  kind: 'soort',
  format: 'formaat',
  rows: 'rijen',
  fileName: 'bestand',
  file: 'bestand',
  keep: 'bewaren',
  clientId: 'kandidaat',
  unitId: 'woning',
  decidedBy: 'door',
  onBehalfOf: 'namens',
  decidedAt: 'op',
  agreed: 'afgesproken',
  code: 'code',
  id: 'code',
  failures: 'mislukte pogingen',
  lockedUntil: 'geblokkeerd tot',
  until: 'tot',
  rent: 'huur',
  availableFrom: 'beschikbaar vanaf',
  birthDate: 'geboortedatum',
  readyDate: 'woonrijp vanaf',
  address: 'adres',
  complex: 'complex',
  rooms: 'kamers',
  floor: 'verdieping',
  lift: 'lift',
  minAge: 'minimumleeftijd',
  maxAge: 'maximumleeftijd',
  allowedGroups: 'doelgroepen',
  contractForms: 'contractvormen',
  features: 'kenmerken',
  municipalityCode: 'gemeente',
  neighbourhoodCode: 'buurt',
  originMunicipalityCode: 'gemeente van herkomst',
  currentMunicipalityCode: 'huidige gemeente',
  careProviderId: 'zorgaanbieder',
  corporationId: 'corporatie',
  group: 'doelgroep',
  gender: 'geslacht',
  household: 'huishouden',
  adults: 'volwassenen',
  children: 'kinderen',
  networkPlaces: 'netwerk',
  avoidPlaces: 'te vermijden gebieden',
  income: 'inkomen',
  rentLimit: 'huurgrens',
  needs: 'behoeften',
  support: 'begeleiding',
  careSince: 'in zorg sinds',
  fundingFrame: 'financieel kader',
  readiness: 'voorwaarden',
  housingFirst: 'Housing First',
  urgency: 'urgentie',
  preferences: 'voorkeuren',
  consents: 'toestemmingen',
  vetoes: 'bezwaren van corporaties',
  refusals: 'weigeringen',
  moveInDate: 'verhuisdatum',
  supportStart: 'start begeleiding',
  contractForm: 'contractvorm',
  reviewDate: 'evaluatiedatum',
  leaseTransferDate: 'datum huurcontract op eigen naam',
  active: 'actief',
  district: 'wijk',
  socialRentShare: 'aandeel sociale huur',
  liveabilityClass: 'Leefbaarometer',
  occupantClientId: 'bewoner',
};

/** Codes a key's value names: an organisation, a place, a label. */
function namedValue(key: string, value: string, n: AuditNames, entity: string): string | undefined {
  switch (key) {
    case 'corporationId':
    case 'corporationIds':
    case 'corporation_id':
      return n.corporation(value);
    case 'careProviderId':
    case 'careProviderIds':
      return n.careProvider(value);
    case 'municipalityCode':
    case 'municipalityCodes':
    case 'originMunicipalityCode':
    case 'originMunicipalityCodes':
    case 'currentMunicipalityCode':
    case 'origin_municipality_code':
    case 'destination_municipality_code':
      return n.municipality(value);
    case 'neighbourhoodCode':
    case 'neighbourhood_code':
      return n.neighbourhood(value);
    case 'group':
    case 'groups':
    case 'allowedGroups':
      return CLIENT_GROUP_LABELS[value as keyof typeof CLIENT_GROUP_LABELS];
    case 'status':
    case 'statuses':
      return entity === 'unit'
        ? UNIT_STATUS_LABELS[value as keyof typeof UNIT_STATUS_LABELS]
        : CLIENT_STATUS_LABELS[value as keyof typeof CLIENT_STATUS_LABELS];
    case 'kind':
      return entity === 'unit' ? UNIT_KIND_LABELS[value as keyof typeof UNIT_KIND_LABELS] : entity === 'quota' ? QUOTA_KIND_LABELS[value as keyof typeof QUOTA_KIND_LABELS] : undefined;
    case 'contractForm':
    case 'contractForms':
      return CONTRACT_FORM_LABELS[value as keyof typeof CONTRACT_FORM_LABELS];
    case 'role':
      return ROLE_LABELS[value as keyof typeof ROLE_LABELS];
    case 'urgency':
      return URGENCY_LABELS[value as keyof typeof URGENCY_LABELS];
    case 'gender':
      return GENDER_LABELS[value as keyof typeof GENDER_LABELS];
    case 'format':
      return FORMAT_WORDS[value];
    default:
      return undefined;
  }
}

const FORMAT_WORDS: Record<string, string> = { pdf: 'PDF', xlsx: 'Excel', csv: 'CSV', json: 'JSON' };
const DECISION_WORDS: Record<string, string> = { accepted: 'akkoord', 'accepted-conditions': 'akkoord onder voorwaarden', declined: 'afgewezen' };
const ANSWER_WORDS: Record<(typeof CLIENT_ANSWERS)[number], string> = { pending: 'nog niet bekend', accepted: 'akkoord', refused: 'weigert' };
const CONTROL_WORDS: Record<string, string> = { lock: 'vastgezet', forbid: 'uitgesloten', 'set-aside-client': 'kandidaat geparkeerd', 'set-aside-unit': 'woning geparkeerd' };
/** The proposal's optimality status (shared/engine/round.schema.ts), worded as the round's badge. */
const OPTIMALITY_WORDS: Record<string, string> = { proven: 'bewezen optimaal', unproven: 'niet bewezen optimaal', heuristic: 'vuistregel (geen bewijs)' };
const READINESS_WORDS: Record<string, string> = { ready: 'woonrijp', 'not-ready': 'nog niet woonrijp' };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const num = (v: unknown): number => (typeof v === 'number' ? v : Array.isArray(v) ? v.length : 0);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.map(str).filter(Boolean) : typeof v === 'string' && v ? [v] : []);
const pairText = (p: unknown): string => (isObj(p) ? `${str(p.clientId)} → ${str(p.unitId)}` : str(p));
const list = (items: string[], max = 6): string =>
  items.length > max ? `${items.slice(0, max).join(', ')} en ${items.length - max} meer` : items.join(', ');
const sentence = (parts: (string | false | null | undefined)[]): string => parts.filter(Boolean).join('; ');

/** The planning setting a proposal was made with (rounds.propose) and what it kept for later. */
function planningAuditText(p: Obj): string {
  const values = PlanningValues.safeParse(p);
  const who = p.mode === 'spend-now' ? 'deze ronde zet alles nu in' : p.mode === 'custom' ? 'eigen instelling van deze ronde' : 'het beleid';
  const detail = p.mode !== 'spend-now' && values.success ? ` (${planningValuesText(values.data)})` : '';
  const held = num(p.heldPlaces);
  return `plannen over rondes: ${who}${detail}${held > 0 ? `, ${plural(held, 'plek', 'plekken')} bewaard voor later` : ''}`;
}
const when = (iso: unknown): string => (typeof iso === 'string' && iso ? (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? formatDate(iso) : formatMoment(iso)) : '');

/** A period: "periode 1 januari 2026 t/m 30 juni 2026", "vanaf …", "tot en met …"; nothing without either end. */
function periodText(from: unknown, to: unknown): string {
  const f = str(from);
  const t = str(to);
  if (f && t) return `periode ${formatPeriod({ from: f, to: t })}`;
  if (f) return `vanaf ${formatLongDate(f)}`;
  if (t) return `tot en met ${formatLongDate(t)}`;
  return '';
}

/** A list of codes named: "gemeente Lelystad", "gemeenten Almere en Lelystad". */
function namedList(key: string, codes: string[], singular: string, pluralWord: string, n: AuditNames, entity = ''): string {
  if (codes.length === 0) return '';
  const names = codes.map((c) => namedValue(key, c, n, entity) ?? c);
  return `${codes.length === 1 ? singular : pluralWord} ${joinDutch(names.length > 6 ? [...names.slice(0, 6), `${names.length - 6} meer`] : names)}`;
}

/** The filters of a report, list or monitor in words, in a fixed order; unknown keys read generically. */
function filterText(filter: unknown, n: AuditNames, entity = 'client'): string {
  if (!isObj(filter)) return '';
  const f = isObj(filter.filters) ? { ...filter, ...filter.filters } : filter;
  const parts = [
    f.roundId !== undefined ? `ronde ${str(f.roundId)}` : '',
    f.clientId !== undefined ? `kandidaat ${str(f.clientId)}` : '',
    f.corporationId !== undefined ? `corporatie ${n.corporation(str(f.corporationId))}` : '',
    f.careProviderId !== undefined ? `zorgaanbieder ${n.careProvider(str(f.careProviderId))}` : '',
    namedList('corporationIds', strs(f.corporationIds), 'corporatie', 'corporaties', n),
    namedList('careProviderIds', strs(f.careProviderIds), 'zorgaanbieder', 'zorgaanbieders', n),
    namedList('municipalityCodes', strs(f.municipalityCodes), 'gemeente', 'gemeenten', n),
    namedList('originMunicipalityCodes', strs(f.originMunicipalityCodes), 'gemeente van herkomst', 'gemeenten van herkomst', n),
    namedList('groups', strs(f.groups), 'doelgroep', 'doelgroepen', n),
    namedList('statuses', strs(f.statuses), 'status', 'statussen', n, entity),
    f.readiness !== undefined ? (READINESS_WORDS[str(f.readiness)] ?? str(f.readiness)) : '',
    str(f.search) ? `zoekterm ‘${str(f.search)}’` : '',
    periodText(f.from, f.to),
    f.until !== undefined ? `tot en met ${formatLongDate(str(f.until))}` : '',
  ];
  const known = new Set(['roundId', 'clientId', 'corporationId', 'careProviderId', 'corporationIds', 'careProviderIds', 'municipalityCodes', 'originMunicipalityCodes', 'groups', 'statuses', 'readiness', 'search', 'from', 'to', 'until', 'filters', 'id', 'section', 'rowKey', 'columnKey', 'version', 'a', 'b']);
  const rest = Object.fromEntries(Object.entries(f).filter(([k]) => !known.has(k)));
  return sentence([...parts, genericText(rest, { n, entity })]);
}

function decisionText(d: Obj): string {
  const reason = str(d.declineReason);
  let text = DECISION_WORDS[str(d.decision)] ?? str(d.decision);
  if (d.decision === 'declined' && reason) text += ` (${DECLINE_REASON_LABELS[reason as keyof typeof DECLINE_REASON_LABELS] ?? reason})`;
  if (d.decision === 'accepted-conditions' && str(d.conditions)) text += ` (${str(d.conditions)})`;
  return text;
}

/** A placement id 'P-R1-K-0060' as "K-0060 (ronde 1)". */
function placementName(id: string): string {
  const m = /^P-R(\d+)-(.+)$/.exec(id);
  return m ? `${m[2]} (ronde ${m[1]})` : id;
}

/** Review and decisions files are named '1/corp-polderhuis': round and corporation. */
function roundAndCorporation(id: string, n: AuditNames): string {
  const [round, corporation] = id.split('/');
  return corporation ? `ronde ${round}, ${n.corporation(corporation)}` : id;
}

interface Ctx {
  n: AuditNames;
  entity: string;
}

/** What the entry is about ("Onderwerp"): by name, never by an internal code. */
export function auditSubject(entry: { entity: string; entityId: string | null; detail?: string }, names: AuditNames = CODES_AS_NAMES): string {
  const { entity, entityId: id } = entry;
  const d = parseDetail(entry.detail ?? '') ?? {};
  const word = ENTITIES[entity] ?? entity;
  const after = isObj(d.after) ? d.after : isObj(d.before) ? d.before : {};
  switch (entity) {
    case 'report':
      return id ? (REPORT_TITLES[id] ?? `${word} ${id}`) : word;
    case 'monitor-rows':
      return id ? `${word}: ${MONITOR_SECTION_TITLES[id] ?? id}` : word;
    case 'placement':
      return id ? `${word} ${placementName(id)}` : 'plaatsingen';
    case 'user':
      return id ? `${word} ${names.person(id)}` : word;
    case 'method':
      return id ? methodText(id) : word;
    case 'corporation':
      return id ? `${word} ${str(after.name) || names.corporation(id)}` : word;
    case 'care-provider':
      return id ? `${word} ${str(after.name) || names.careProvider(id)}` : word;
    case 'municipality':
      return id ? `${word} ${str(after.name) || names.municipality(id)}` : word;
    case 'neighbourhood':
      return id ? `${word} ${str(after.name) || names.neighbourhood(id)}` : word;
    case 'quota': {
      const [corporation = '', municipality = '', year = ''] = (id ?? '').split('/');
      return id ? `${word} ${names.corporation(corporation)} in ${names.municipality(municipality)}, ${year}` : word;
    }
    case 'policy':
      return str(d.name) ? `${word} ${str(d.name)}` : id ? `${word} ${id}` : word;
    case 'review':
    case 'review-decisions':
      return id ? `${word} ${roundAndCorporation(id, names)}` : word;
    case 'settings':
      return id ? (SETTINGS[id] ?? `${word} ${id}`) : word;
    case 'region':
      return str(d.region) ? `${word} ${str(d.region)}` : word;
    case 'client':
      if (!id) return isObj(d.removed) ? 'een kandidaat (gewist)' : 'kandidaten';
      return `${word} ${id}`;
    case 'unit':
      if (!id) return 'woningen';
      return `${word} ${id}`;
    default:
      return id ? `${word} ${id}` : word;
  }
}

/** Readings per entity:action; `undefined` falls back to the generic reading. */
const FORMATTERS: Record<string, (d: Obj, c: Ctx, entityId: string | null) => string | undefined> = {
  // ---- Reads of client data (the dispatcher's read log)
  'client:list': (d, c) =>
    sentence([filterText(d.filter, c.n), `${formatNumberText(num(d.count))} van ${plural(num(d.total), 'kandidaat', 'kandidaten')} getoond`]),
  'round:view': (d) => `${plural(num(d.count), 'kandidaat', 'kandidaten')} getoond`,
  'proposal:view': (d) => sentence([isObj(d.filter) && d.filter.version !== undefined ? `versie ${str(d.filter.version)}` : '', `${plural(num(d.count), 'kandidaat', 'kandidaten')} getoond`]),
  'proposal-comparison:view': (d) =>
    sentence([isObj(d.filter) ? `versie ${str(d.filter.a)} met versie ${str(d.filter.b)} vergeleken` : '', `${plural(num(d.count), 'kandidaat', 'kandidaten')} getoond`]),
  'placement:list': (d, c) => sentence([filterText(d.filter, c.n), `${plural(num(d.count), 'plaatsing', 'plaatsingen')} getoond`]),
  'followup:list': (d, c) => sentence([filterText(d.filter, c.n), `${plural(num(d.count), 'regel', 'regels')} getoond`]),
  'report:export': (d, c) => {
    const request = isObj(d.request) ? Object.fromEntries(Object.entries(d.request).filter(([k]) => k !== 'report')) : {};
    const small = isObj(d.smallNumbers) ? d.smallNumbers : null;
    return sentence([
      `als ${FORMAT_WORDS[str(d.format)] ?? str(d.format)}${str(d.fileName) ? ` (${str(d.fileName)})` : ''}`,
      filterText(request, c.n),
      `${plural(num(d.clients), 'kandidaat', 'kandidaten')} in de rapportage`,
      small?.hidden === true && `aantallen onder ${num(small.threshold)} verborgen`,
    ]);
  },
  'report:view': (d, c) => sentence([filterText(d.filter, c.n), `${plural(num(d.count), 'kandidaat', 'kandidaten')} in de rapportage`]),
  'monitor-rows:view': (d, c) => {
    const f = isObj(d.filter) ? d.filter : {};
    const cell = [str(f.rowKey) && `rij ${cellKey(str(f.rowKey), c.n)}`, str(f.columnKey) && `kolom ${cellKey(str(f.columnKey), c.n)}`].filter(Boolean).join(', ');
    return sentence([cell, filterText(f.filters, c.n), `${formatNumberText(num(d.count))} van ${plural(num(d.total), 'rij', 'rijen')} getoond`]);
  },
  'audit:list': (d) => `${plural(num(d.count), 'regel', 'regels')} getoond`,

  // ---- Clients and units
  'client:view': () => 'inschrijving geopend',
  'client:create': (d, c) => (isObj(d.after) ? `nieuwe inschrijving: ${recordSummary(d.after, c)}` : undefined),
  'unit:create': (d, c) => (isObj(d.after) ? `nieuwe woning: ${recordSummary(d.after, c)}` : undefined),
  'client:readiness': (d, c) => {
    const item = c.n.readinessItem(str(d.item));
    const after = isObj(d.after) ? d.after : {};
    if (after.done === true) return sentence([`‘${item}’ vervuld`, str(after.confirmedBy) && `bevestigd door ${str(after.confirmedBy)}`, str(after.confirmedAt) && `op ${when(after.confirmedAt)}`]);
    return `‘${item}’ weer open`;
  },
  'client:export': (d, c) => {
    if (d.kind === 'inzage') {
      return `inzageverzoek: alle gegevens als JSON en PDF; ${plural(num(d.rounds), 'ronde', 'rondes')}, ${plural(num(d.placements), 'plaatsing', 'plaatsingen')}, ${plural(num(d.reviewFiles), 'beoordelingsbestand', 'beoordelingsbestanden')}, ${plural(num(d.auditEntries), 'logboekregel', 'logboekregels')}`;
    }
    return listExportText(d, c, 'kandidaat', 'kandidaten');
  },
  'unit:export': (d, c) => listExportText(d, c, 'woning', 'woningen'),
  'client:import': (d) => importText(d, 'kandidaat', 'kandidaten'),
  'unit:import': (d) => importText(d, 'woning', 'woningen'),
  'client:erase': (d) =>
    sentence([
      str(d.reason) && `reden: ${str(d.reason)}`,
      isObj(d.removed)
        ? `verwijderd: ${list(Object.entries(d.removed).filter(([, v]) => num(v) > 0).map(([k, v]) => `${(ERASE_COUNT_LABELS[k] ?? k).toLowerCase()} ${num(v)}`), 8)}`
        : '',
    ]),
  'client:retention': (d) => retentionText(d, false),
  'client:retention-dry-run': (d) => retentionText(d, true),

  // ---- Region
  'region:import': (d) =>
    sentence([
      str(d.source) && `uit ${str(d.source)}`,
      str(d.replaced) && `vervangt ${str(d.replaced)}`,
      summaryText(d),
      isObj(d.history) || isObj(d.replacedAudit) ? 'met de geschiedenis en het logboek' : '',
    ]),
  'region:export': (d) => sentence(['alle gegevens van de regio', summaryText(d), isObj(d.history) ? 'met de geschiedenis' : '']),

  // ---- Rounds
  'round:decide': (d) =>
    sentence([
      `${pairText(d)} (versie ${str(d.version)}): ${decisionText(d)}`,
      `antwoord cliënt: ${ANSWER_WORDS[d.clientAnswer as keyof typeof ANSWER_WORDS] ?? str(d.clientAnswer)}`,
      str(d.onBehalfOf) && `namens: ${str(d.onBehalfOf)}`,
      str(d.note) && `toelichting: ${str(d.note)}`,
      isObj(d.before) && `was: ${decisionText(d.before)}`,
    ]),
  'round:close': (d) => {
    const placed = num(d.placements);
    const returned = Array.isArray(d.returned) ? d.returned : null;
    const waiting = Array.isArray(d.waiting) ? d.waiting : Array.isArray(d.notPlaced) ? d.notPlaced : [];
    const parts = [`versie ${str(d.version)}: ${plural(placed, 'plaatsing', 'plaatsingen')}`];
    if (returned) {
      if (returned.length) {
        const why = returned.map((r) => (isObj(r) ? `${pairText(r)}, ${r.by === 'client' ? 'geweigerd door de cliënt' : 'afgewezen door de corporatie'}` : str(r)));
        parts.push(`${plural(returned.length, 'paar', 'paren')} terug naar de pool (${list(why, 4)})`);
      }
    } else if (num(d.declined)) parts.push(`${plural(num(d.declined), 'paar', 'paren')} afgewezen`);
    if (waiting.length) parts.push(`${plural(waiting.length, 'paar', 'paren')} niet geplaatst, antwoord cliënt onbekend (${list(waiting.map(pairText), 4)})`);
    if (str(d.note)) parts.push(`toelichting: ${str(d.note)}`);
    return parts.join('; ');
  },
  'round:propose': (d) =>
    sentence([
      `versie ${str(d.version)}: ${plural(num(d.placed), 'paar', 'paren')} voorgesteld, ${OPTIMALITY_WORDS[str(d.optimality)] ?? str(d.optimality)}`,
      `huidige werkwijze ${plural(num(d.greedyPlaced), 'paar', 'paren')}`,
      isObj(d.planning) && planningAuditText(d.planning),
    ]),
  'round:planning-set': (d) => {
    const policy = PlanningValues.safeParse(d.policy);
    const after = RoundPlanningChoice.safeParse(d.after);
    const before = RoundPlanningChoice.safeParse(d.before);
    return sentence([
      after.success ? planningChoiceText(after.data, policy.success ? policy.data : undefined) : '',
      before.success && `was: ${planningChoiceText(before.data)}`,
    ]);
  },
  'round:create': (d) => {
    const w = isObj(d.window) ? d.window : {};
    return `ronde van ${formatLongDate(str(d.date))}, planningsperiode ${formatDate(str(w.from))} t/m ${formatDate(str(w.to))}; ${plural(num(d.clientsIncluded), 'kandidaat', 'kandidaten')} en ${plural(num(d.units), 'woning', 'woningen')}`;
  },
  'round:control-add': (d) => `${CONTROL_WORDS[str(d.kind)] ?? str(d.kind)}: ${[str(d.clientId), str(d.unitId)].filter(Boolean).join(' → ')}; reden: ${str(d.reason)}`,
  'round:control-lift': (d) => `${CONTROL_WORDS[str(d.kind)] ?? str(d.kind)} opgeheven: ${[str(d.clientId), str(d.unitId)].filter(Boolean).join(' → ')}; reden: ${str(d.reason)}`,
  'round:member-add': (d) => `${d.kind === 'unit' ? 'woning' : 'kandidaat'} ${str(d.id)} toegevoegd; reden: ${str(d.reason)}`,
  'round:lock-release': (d) => (str(d.since) ? `voorbereid sinds ${when(d.since)}` : ''),
  'round:lock-take-over': (d, c) =>
    str(d.previous)
      ? `van ${c.n.person(str(d.previous))}${str(d.previousSince) ? `, die de ronde voorbereidde sinds ${when(d.previousSince)}` : ''}${d.expired === true ? ' (verlopen)' : ''}`
      : 'niemand bereidde de ronde voor',
  'round:member-drop': (d) => `${d.kind === 'unit' ? 'woning' : 'kandidaat'} ${str(d.id)} uit de ronde gehaald; reden: ${str(d.reason)}`,

  // ---- Placements
  'placement:create': (d, c) =>
    d.client_id === undefined
      ? undefined
      : `${str(d.client_id)} → ${str(d.unit_id)} (${c.n.municipality(str(d.destination_municipality_code))}, ${c.n.corporation(str(d.corporation_id))}), plaatsingsdatum ${formatDate(str(d.date))}: ${decisionText(d)}`,
  'placement:check': (d) =>
    d.month === undefined
      ? undefined
      : sentence([
          `controle na ${plural(num(d.month), 'maand', 'maanden')} op ${when(d.checked_at)}`,
          d.still_housed === 1 || d.still_housed === true ? 'nog gehuisvest' : 'niet meer gehuisvest',
          d.relapse === 1 || d.relapse === true ? 'terugval' : 'geen terugval',
          str(d.note) && `toelichting: ${str(d.note)}`,
          isObj(d.before) && 'eerdere controle vervangen',
        ]),

  // ---- Review files
  'review:export': (d) =>
    sentence([`versie ${str(d.version)}: ${plural(num(d.proposals), 'voorstel', 'voorstellen')}`, num(d.withheld) > 0 && `${plural(num(d.withheld), 'kandidaat', 'kandidaten')} weggelaten (geen toestemming)`]),
  'review-decisions:import': (d, c) =>
    d.alreadyRead
      ? `bestand ${str(d.fileName)} was al ingelezen; niets gewijzigd`
      : sentence([
          `bestand ${str(d.fileName)}`,
          `${plural(num(d.decisions), 'besluit', 'besluiten')} van ${c.n.person(str(d.decidedBy))}${str(d.decidedAt) ? ` (${when(d.decidedAt)})` : ''}`,
          `${formatNumberText(num(d.recorded))} nieuw vastgelegd`,
        ]),

  // ---- Users and logins
  'user:create': (d, c) => (isObj(d.after) ? userText(d.after, c.n) : undefined),
  'user:reset-passphrase': (d) => sentence([str(d.role) && `rol ${str(d.role)}`, str(d.lockLifted) && `blokkade tot ${when(d.lockLifted)} opgeheven`]),
  'user:unlock': (d) => sentence([`na ${plural(num(d.failures), 'mislukte poging', 'mislukte pogingen')}`, str(d.lockedUntil) && `was geblokkeerd tot ${when(d.lockedUntil)}`]),
  'user:change-passphrase': () => '',
  'user:login': (d) => hostText(d),
  'user:logout': () => '',
  'user:login-failed': (d) =>
    sentence([
      d.failures !== undefined ? `${num(d.failures)}e mislukte poging` : '',
      str(d.reason),
      str(d.lockedUntil) && `geblokkeerd tot ${when(d.lockedUntil)}`,
      hostText(d),
      d.whileLocked ? 'vastgelegd terwijl de database dicht was' : '',
    ]),
  'user:login-refused': (d) => sentence([str(d.reason), str(d.lockedUntil) && `tot ${when(d.lockedUntil)}`, hostText(d)]),
  'user:setup': (d) =>
    sentence([
      d.finished ? 'eerste voorzitter afgemaakt na een onderbroken start' : 'eerste voorzitter aangemaakt',
      isObj(d.encrypted) ? `bestaande database versleuteld (${plural(num(d.encrypted.rows), 'rij', 'rijen')})` : '',
      hostText(d),
    ]),
  'method:denied': (d) =>
    sentence([`rol ${ROLE_LABELS[str(d.role) as keyof typeof ROLE_LABELS] ?? (str(d.role) === 'geen' ? 'geen (niet aangemeld)' : str(d.role))}`, str(d.reason) && `reden: ${str(d.reason)}`]),

  // ---- Backups and settings
  'database:backup': (d) => sentence([BACKUP_REASON_LABELS[str(d.reason) as keyof typeof BACKUP_REASON_LABELS] ?? str(d.reason), sizeText(num(d.bytes)), str(d.out) && `naar ${str(d.out)}`]),
  'backup:restore': (d) => sentence([str(d.from) && `uit ${str(d.from)}`, str(d.keptAside) && `de vorige database bewaard als ${str(d.keptAside)}`]),
  'settings:update': (d, _c, id) => {
    if (id === 'backup.keep') return `${str(d.from)} → ${str(d.to)}`;
    if (id === 'privacy.retention' && Array.isArray(d.after)) {
      return d.after.map((r) => (isObj(r) ? `${RETENTION_KIND_LABELS[str(r.kind) as keyof typeof RETENTION_KIND_LABELS] ?? str(r.kind)}: na ${plural(num(r.years), 'jaar', 'jaar')} ${(RETENTION_ACTION_LABELS[str(r.action) as keyof typeof RETENTION_ACTION_LABELS] ?? str(r.action)).toLowerCase()}` : '')).join('; ');
    }
    return undefined;
  },

  // ---- Reference data
  'policy:what-if': (d) =>
    sentence([
      `${plural(num(d.months), 'maand', 'maanden')} vanaf ${formatDate(str(d.startDate))}`,
      `met dit beleid ${plural(num(d.draftPlaced), 'plaatsing', 'plaatsingen')}, met het geldende ${num(d.inForcePlaced)}`,
      d.roundId !== null && d.roundId !== undefined ? `en ronde ${str(d.roundId)}` : '',
    ]),
  'policy:create': (d) =>
    sentence([
      str(d.validFrom) && `geldig vanaf ${formatDate(str(d.validFrom))}`,
      str(d.basedOn) && `op basis van ${str(d.basedOn)}`,
      Array.isArray(d.changes) ? (d.changes.length ? `${plural(d.changes.length, 'instelling', 'instellingen')} gewijzigd` : 'niets gewijzigd') : str(d.changes),
    ]),
};

/** "1.234": a count as the app writes numbers. */
const formatNumberText = (n: number): string => n.toLocaleString('nl-NL');

function cellKey(key: string, n: AuditNames): string {
  const m = n.municipality(key);
  return m !== key ? m : key;
}

function hostText(d: Obj): string {
  const host = str(d.host);
  return host ? `via ${HOST_LABELS[host as keyof typeof HOST_LABELS] ?? host}` : '';
}

function sizeText(bytes: number): string {
  if (!bytes) return '';
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toLocaleString('nl-NL', { maximumFractionDigits: 1 })} MB` : `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('nl-NL')} kB`;
}

function summaryText(d: Obj): string {
  const counts: [string, string, string][] = [
    ['municipalities', 'gemeente', 'gemeenten'],
    ['corporations', 'corporatie', 'corporaties'],
    ['careProviders', 'zorgaanbieder', 'zorgaanbieders'],
    ['clients', 'kandidaat', 'kandidaten'],
    ['units', 'woning', 'woningen'],
    ['placements', 'plaatsing', 'plaatsingen'],
  ];
  return counts.filter(([k]) => typeof d[k] === 'number').map(([k, s, p]) => plural(num(d[k]), s, p)).join(', ');
}

function listExportText(d: Obj, c: Ctx, singular: string, pluralWord: string): string {
  return sentence([
    `lijst${str(d.format) ? ` als ${FORMAT_WORDS[str(d.format)] ?? str(d.format)}` : ''}`,
    filterText(d.filters, c.n, c.entity),
    `${plural(num(d.rows), singular, pluralWord)}`,
    num(d.withheldNoConsent) > 0 && `${plural(num(d.withheldNoConsent), singular, pluralWord)} weggelaten (geen toestemming)`,
  ]);
}

function importText(d: Obj, singular: string, pluralWord: string): string {
  const codes = strs(d.codes);
  return sentence([
    str(d.file) && `bestand ${str(d.file)}`,
    `${formatNumberText(num(d.new))} nieuw, ${formatNumberText(num(d.changed))} gewijzigd, ${formatNumberText(num(d.unchanged))} ongewijzigd`,
    str(d.note),
    codes.length > 0 && `${codes.length === 1 ? singular : pluralWord} ${list(codes, 8)}`,
  ]);
}

function retentionText(d: Obj, dryRun: boolean): string {
  const rules = Array.isArray(d.rules) ? d.rules.filter(isObj) : [];
  return sentence([
    dryRun
      ? `zou ${plural(num(d.pseudonymised), 'kandidaat', 'kandidaten')} pseudonimiseren en ${formatNumberText(num(d.deleted))} verwijderen`
      : `${plural(num(d.pseudonymised), 'kandidaat', 'kandidaten')} gepseudonimiseerd, ${formatNumberText(num(d.deleted))} verwijderd`,
    ...rules.map(
      (r) =>
        `${RETENTION_KIND_LABELS[str(r.kind) as keyof typeof RETENTION_KIND_LABELS] ?? str(r.kind)}: na ${num(r.years)} jaar ${(RETENTION_ACTION_LABELS[str(r.action) as keyof typeof RETENTION_ACTION_LABELS] ?? str(r.action)).toLowerCase()}${r.cutoff ? ` (vóór ${formatDate(str(r.cutoff))})` : ''}: ${num(r.count)}`,
    ),
  ]);
}

/** A user record (users.service's audit view): name, role, organisation, active. */
function userText(u: Obj, n: AuditNames): string {
  const role = str(u.role);
  return sentence([
    str(u.displayName),
    `rol ${ROLE_LABELS[role as keyof typeof ROLE_LABELS] ?? role}`,
    str(u.careProviderId) && `zorgaanbieder ${n.careProvider(str(u.careProviderId))}`,
    str(u.corporationId) && `corporatie ${n.corporation(str(u.corporationId))}`,
    u.active === false ? 'niet actief' : '',
  ]);
}

/** A new client or unit in a few facts, not a dump of every field. */
function recordSummary(r: Obj, c: Ctx): string {
  const keys = ['name', 'group', 'careProviderId', 'originMunicipalityCode', 'corporationId', 'municipalityCode', 'neighbourhoodCode', 'kind', 'address', 'rent', 'availableFrom', 'status'];
  return keys
    .filter((k) => r[k] !== undefined && r[k] !== null && r[k] !== '')
    .map((k) => `${label(k)} ${valueText(r[k], c, k)}`)
    .join(', ');
}

/** A change record in words: "naam: Oud → Nieuw", codes named, nested fields briefly. */
function changeText(o: Obj, c: Ctx): string | undefined {
  if (Array.isArray(o.fields) && isObj(o.before) && isObj(o.after)) {
    const { fields, before, after, text, reason, ...rest } = o as Obj & { fields: unknown[]; before: Obj; after: Obj };
    const changed =
      typeof text === 'string' && text
        ? text
        : fields.length
          ? list(fields.map((f) => `${label(str(f))}: ${valueText(before[str(f)], c, str(f))} → ${valueText(after[str(f)], c, str(f))}`), 5)
          : 'niets gewijzigd';
    return sentence([changed, str(reason) && `reden: ${str(reason)}`, genericText(rest, c)]);
  }
  if ('before' in o && 'after' in o) {
    const { before, after, keyRemoved, ...rest } = o;
    let main: string;
    if (before === null && isObj(after)) main = `nieuw: ${c.entity === 'user' ? userText(after, c.n) : fieldsText(after, c)}`;
    else if (after === null && isObj(before)) main = `was: ${c.entity === 'user' ? userText(before, c.n) : fieldsText(before, c)}`;
    else if (isObj(before) && isObj(after)) {
      const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !HIDDEN_KEYS.has(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]));
      main = keys.length ? list(keys.map((k) => `${label(k)}: ${valueText(before[k], c, k)} → ${valueText(after[k], c, k)}`), 5) : 'niets gewijzigd';
    } else return undefined;
    return sentence([main, keyRemoved ? 'toegang ingetrokken' : '', genericText(rest, c)]);
  }
  return undefined;
}

function fieldsText(o: Obj, c: Ctx): string {
  return Object.entries(o)
    // The code is the subject's own ("gemeente Lelystad"): not repeated.
    .filter(([k, v]) => !HIDDEN_KEYS.has(k) && v !== undefined && v !== null && !['version', 'id', 'code'].includes(k))
    .slice(0, 8)
    .map(([k, v]) => `${label(k)} ${valueText(v, c, k)}`)
    .join(', ');
}

/** "bron: demo, gemeenten: 6" for anything without its own reading. */
function genericText(o: Obj, c: Ctx): string {
  return Object.entries(o)
    .filter(([key, value]) => !HIDDEN_KEYS.has(key) && value !== undefined && !(isObj(value) && Object.keys(value).length === 0))
    .map(([key, value]) => (Array.isArray(value) && value.some(isObj) ? `${label(key)}: ${value.length}` : `${label(key)}: ${valueText(value, c, key)}`))
    .join(', ');
}

function label(key: string): string {
  return DETAIL_KEYS[key] ?? key;
}

function valueText(value: unknown, c: Ctx, key = '', depth = 0): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') {
    const named = namedValue(key, value, c.n, c.entity);
    if (named) return named;
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return formatMoment(value);
    return value.length > 160 ? `${value.slice(0, 157)}…` : value;
  }
  if (typeof value === 'number') return value.toLocaleString('nl-NL');
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  if (Array.isArray(value)) {
    if (value.length === 0) return 'geen';
    if (value.some(isObj)) return plural(value.length, 'item', 'items');
    return list(value.map((v) => valueText(v, c, key, depth + 1)), 8);
  }
  if (isObj(value)) {
    // Nested deeper than one level: the number of fields, not a wall of text.
    if (depth > 1) return plural(Object.keys(value).length, 'veld', 'velden');
    const inner = Object.entries(value)
      .filter(([k, v]) => !HIDDEN_KEYS.has(k) && v !== undefined)
      .slice(0, 6)
      .map(([k, v]) => `${label(k)} ${valueText(v, c, k, depth + 1)}`);
    const more = Object.keys(value).length > 6 ? ', …' : '';
    return `(${inner.join(', ')}${more})`;
  }
  return String(value);
}

function parseDetail(detail: string): Obj | null {
  const trimmed = detail.trim();
  if (!trimmed.startsWith('{')) return null;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return isObj(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function auditAction(action: string): string {
  return ACTIONS[action] ?? action;
}

/**
 * An entry's particulars in words: a reading per action ("K-0004 → W-12 (versie 2): afgewezen
 * (Corporatie weigert: huurschuld); antwoord cliënt: nog niet bekend"), change records as "veld: oud →
 * nieuw", otherwise "bron: demo, gemeenten: 6"; plain text as is; "{}" or empty as "".
 */
export function auditDetail(detail: string, entry?: { action: string; entity: string; entityId?: string | null }, names: AuditNames = CODES_AS_NAMES): string {
  const trimmed = detail.trim();
  if (!trimmed.startsWith('{')) return trimmed;
  const parsed = parseDetail(trimmed);
  if (!parsed) return trimmed;
  const c: Ctx = { n: names, entity: entry?.entity ?? '' };
  const format = entry ? FORMATTERS[`${entry.entity}:${entry.action}`] : undefined;
  if (format) {
    try {
      const text = format(parsed, c, entry?.entityId ?? null);
      if (text !== undefined) return text;
    } catch {
      // An older or unexpected shape: read it generically below.
    }
  }
  return changeText(parsed, c) ?? genericText(parsed, c);
}

/** One Logboek row in words: what was done, to what, and the particulars. */
export function auditLine(
  entry: { action: string; entity: string; entityId: string | null; detail: string },
  names: AuditNames = CODES_AS_NAMES,
): { action: string; subject: string; detail: string } {
  return { action: auditAction(entry.action), subject: auditSubject(entry, names), detail: auditDetail(entry.detail, entry, names) };
}
