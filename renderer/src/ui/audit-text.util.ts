// Dutch wording for audit-log entries: the backend records actions and details in code terms
// ("decide", {"clientAnswer":"pending"}); the Logboek shows them in words, per action where it knows the
// action and readably otherwise (never raw JSON). Pure functions; runs in the renderer.
import { CLIENT_ANSWERS, DECLINE_REASON_LABELS } from '../../../shared/api/rounds.contract';
import { formatLongDate, plural } from '../../../shared/reports/format-nl';
import { formatMoment } from '../../../shared/domain/moments';
import { formatDate } from './format.util';

const ACTIONS: Record<string, string> = {
  view: 'inzage',
  list: 'lijst ingezien',
  import: 'import',
  export: 'export',
  create: 'aangemaakt',
  update: 'gewijzigd',
  delete: 'verwijderd',
  status: 'status gewijzigd',
  readiness: 'voorwaarde bevestigd',
  decide: 'besluit vastgelegd',
  close: 'afgesloten',
  propose: 'voorstel berekend',
  'control-add': 'aanpassing toegevoegd',
  'control-lift': 'aanpassing opgeheven',
  'member-add': 'aan de ronde toegevoegd',
  'member-drop': 'uit de ronde gehaald',
  check: 'controle vastgelegd',
  login: 'aangemeld',
  logout: 'afgemeld',
  'login-failed': 'aanmelden mislukt',
  'login-refused': 'aanmelden geweigerd',
  denied: 'geweigerd',
  setup: 'eerste start',
  backup: 'reservekopie gemaakt',
  restore: 'reservekopie teruggezet',
  erase: 'gewist',
  pseudonymise: 'gepseudonimiseerd',
  retention: 'bewaartermijnen toegepast',
  'retention-dry-run': 'bewaartermijnen nagerekend',
  'reset-passphrase': 'wachtwoordzin opnieuw ingesteld',
  'change-passphrase': 'wachtwoordzin gewijzigd',
  unlock: 'ontgrendeld',
};

const ENTITIES: Record<string, string> = {
  client: 'kandidaat',
  unit: 'woning',
  region: 'regio',
  dataset: 'dataset',
  policy: 'beleid',
  round: 'ronde',
  municipality: 'gemeente',
  neighbourhood: 'buurt',
  corporation: 'corporatie',
  'care-provider': 'zorgaanbieder',
  quota: 'afspraak',
  proposal: 'voorstel van ronde',
  'proposal-comparison': 'vergelijking van voorstellen van ronde',
  placement: 'plaatsing',
  followup: 'nazorglijst',
  audit: 'logboek',
  user: 'gebruiker',
  method: 'functie',
  report: 'rapport',
  review: 'beoordelingsbestand',
  'review-decisions': 'besluitenbestand',
  database: 'database',
  backup: 'reservekopie',
  settings: 'instelling',
  'monitor-rows': 'monitorgegevens',
};

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
  fields: 'velden',
  before: 'was',
  after: 'wordt',
  changes: 'wijzigingen',
  basedOn: 'op basis van',
  validFrom: 'geldig vanaf',
  validTo: 'geldig tot',
  name: 'naam',
  displayName: 'naam',
  filter: 'filter',
  filters: 'filters',
  count: 'aantal',
  total: 'totaal',
  reason: 'reden',
  note: 'toelichting',
  version: 'versie',
  role: 'rol',
  status: 'status',
  date: 'datum',
  from: 'van',
  to: 'tot',
  kind: 'soort',
  format: 'formaat',
  rows: 'rijen',
  list: 'lijst',
  report: 'rapport',
  fileName: 'bestand',
  file: 'bestand',
  bytes: 'bytes',
  keep: 'bewaren',
  clientId: 'kandidaat',
  unitId: 'woning',
  decidedBy: 'door',
  decidedAt: 'op',
  agreed: 'afgesproken',
  code: 'code',
  id: 'code',
  method: 'functie',
  failures: 'mislukte pogingen',
  lockedUntil: 'geblokkeerd tot',
  deleted: 'verwijderd',
  pseudonymised: 'gepseudonimiseerd',
  removed: 'verwijderd',
  withheld: 'achtergehouden',
  withheldNoConsent: 'achtergehouden (geen toestemming)',
  proposals: 'voorstellen',
  alreadyRead: 'al ingelezen',
  included: 'meegenomen',
  replace: 'vervangen',
  roundId: 'ronde',
  until: 'tot',
  rent: 'huur',
  availableFrom: 'beschikbaar vanaf',
  birthDate: 'geboortedatum',
  readyDate: 'woonrijp vanaf',
  address: 'adres',
  municipalityCode: 'gemeente',
  originMunicipalityCode: 'gemeente van herkomst',
  careProviderId: 'zorgaanbieder',
  corporationId: 'corporatie',
  group: 'doelgroep',
  household: 'huishouden',
  adults: 'volwassenen',
  children: 'kinderen',
  moveInDate: 'verhuisdatum',
  supportStart: 'start begeleiding',
  active: 'actief',
};

/** Machine-only keys (hashes, signatures, whole requests): nothing a person reads. */
const HIDDEN_KEYS = new Set(['mac', 'signature', 'reviewSignature', 'request', 'prevHash', 'hash', 'secret', 'table', 'forbidControlId', 'controlId']);

const DECISION_WORDS: Record<string, string> = { accepted: 'akkoord', 'accepted-conditions': 'akkoord onder voorwaarden', declined: 'afgewezen' };
const ANSWER_WORDS: Record<(typeof CLIENT_ANSWERS)[number], string> = { pending: 'nog niet bekend', accepted: 'akkoord', refused: 'weigert' };
const CONTROL_WORDS: Record<string, string> = { lock: 'vastgezet', forbid: 'uitgesloten', 'set-aside-client': 'kandidaat geparkeerd', 'set-aside-unit': 'woning geparkeerd' };
const OPTIMALITY_WORDS: Record<string, string> = { optimal: 'bewezen optimaal', feasible: 'niet bewezen optimaal', 'time-limit': 'tijdslimiet bereikt' };

export function auditAction(action: string): string {
  return ACTIONS[action] ?? action;
}

export function auditEntity(entity: string, entityId: string | null): string {
  const name = ENTITIES[entity] ?? entity;
  return entityId ? `${name} ${entityId}` : name;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const num = (v: unknown): number => (typeof v === 'number' ? v : Array.isArray(v) ? v.length : 0);
const pairText = (p: unknown): string => (isObj(p) ? `${str(p.clientId)} → ${str(p.unitId)}` : valueText(p));
const list = (items: string[], max = 6): string =>
  items.length > max ? `${items.slice(0, max).join(', ')} en ${items.length - max} meer` : items.join(', ');

function decisionText(d: Obj): string {
  const reason = str(d.declineReason);
  let text = DECISION_WORDS[str(d.decision)] ?? str(d.decision);
  if (d.decision === 'declined' && reason) text += ` (${DECLINE_REASON_LABELS[reason as keyof typeof DECLINE_REASON_LABELS] ?? reason})`;
  if (d.decision === 'accepted-conditions' && str(d.conditions)) text += ` (${str(d.conditions)})`;
  return text;
}

/** Formatters for the details of actions a person reads often; `undefined` falls back to the generic reading. */
const FORMATTERS: Record<string, (d: Obj) => string | undefined> = {
  'round:decide': (d) => {
    const parts = [`${pairText(d)} (versie ${str(d.version)}): ${decisionText(d)}`, `antwoord cliënt: ${ANSWER_WORDS[d.clientAnswer as keyof typeof ANSWER_WORDS] ?? str(d.clientAnswer)}`];
    if (str(d.note)) parts.push(`toelichting: ${str(d.note)}`);
    if (isObj(d.before)) parts.push(`was: ${decisionText(d.before)}`);
    return parts.join('; ');
  },
  'round:close': (d) => {
    const placed = num(d.placements);
    const returned = Array.isArray(d.returned) ? d.returned : null;
    const waiting = Array.isArray(d.waiting) ? d.waiting : Array.isArray(d.notPlaced) ? d.notPlaced : [];
    const parts = [`versie ${str(d.version)}: ${plural(placed, 'plaatsing', 'plaatsingen')}`];
    if (returned) {
      if (returned.length) {
        const why = returned.map((r) => (isObj(r) ? `${pairText(r)}, ${r.by === 'client' ? 'geweigerd door de cliënt' : 'afgewezen door de corporatie'}` : valueText(r)));
        parts.push(`${plural(returned.length, 'paar', 'paren')} terug naar de pool (${list(why, 4)})`);
      }
    } else if (num(d.declined)) parts.push(`${plural(num(d.declined), 'paar', 'paren')} afgewezen`);
    if (waiting.length) parts.push(`${plural(waiting.length, 'paar', 'paren')} niet geplaatst, antwoord cliënt onbekend (${list(waiting.map(pairText), 4)})`);
    if (str(d.note)) parts.push(`toelichting: ${str(d.note)}`);
    return parts.join('; ');
  },
  'round:propose': (d) =>
    `versie ${str(d.version)}: ${plural(num(d.placed), 'paar', 'paren')} voorgesteld, ${OPTIMALITY_WORDS[str(d.optimality)] ?? str(d.optimality)}; huidige werkwijze ${plural(num(d.greedyPlaced), 'paar', 'paren')}`,
  'round:create': (d) => {
    const w = isObj(d.window) ? d.window : {};
    return `ronde van ${formatLongDate(str(d.date))}, planningsperiode ${formatDate(str(w.from))} t/m ${formatDate(str(w.to))}; ${plural(num(d.clientsIncluded), 'kandidaat', 'kandidaten')} en ${plural(num(d.units), 'woning', 'woningen')}`;
  },
  'round:control-add': (d) => `${CONTROL_WORDS[str(d.kind)] ?? str(d.kind)}: ${[str(d.clientId), str(d.unitId)].filter(Boolean).join(' → ')}; reden: ${str(d.reason)}`,
  'round:control-lift': (d) => `${CONTROL_WORDS[str(d.kind)] ?? str(d.kind)} opgeheven: ${[str(d.clientId), str(d.unitId)].filter(Boolean).join(' → ')}; reden: ${str(d.reason)}`,
  'round:member-add': (d) => `${str(d.id)} toegevoegd; reden: ${str(d.reason)}`,
  'round:member-drop': (d) => `${str(d.id)} uit de ronde gehaald; reden: ${str(d.reason)}`,
  'placement:create': (d) =>
    d.client_id === undefined ? undefined : `${str(d.client_id)} → ${str(d.unit_id)} (ronde ${str(d.round_id)}, ${formatDate(str(d.date))}): ${decisionText(d)}`,
};

/**
 * An entry's detail in words: a formatter for known actions ("K-0004 → W-12 (versie 2): afgewezen
 * (Corporatie weigert: huurschuld); antwoord cliënt: nog niet bekend"), otherwise "bron: demo, gemeenten: 6"
 * with nested values read out; plain text as is; "{}" or empty as "".
 */
export function auditDetail(detail: string, entry?: { action: string; entity: string }): string {
  const trimmed = detail.trim();
  if (!trimmed.startsWith('{')) return trimmed;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return trimmed;
  }
  if (!isObj(parsed)) return trimmed;
  const format = entry ? FORMATTERS[`${entry.entity}:${entry.action}`] : undefined;
  if (format) {
    try {
      const text = format(parsed);
      if (text !== undefined) return text;
    } catch {
      // An older or unexpected shape: read it generically below.
    }
  }
  return objectText(parsed);
}

/** "naam: 'Oud' → 'Nieuw'" for a change record ({fields, before, after}); otherwise key: value pairs. */
function objectText(o: Obj, depth = 0): string {
  if (Array.isArray(o.fields) && isObj(o.before) && isObj(o.after)) {
    const { fields, before, after, text, ...rest } = o as Obj & { fields: unknown[]; before: Obj; after: Obj };
    // The backend's own wording of the change ("Actief → Geparkeerd") when it gave one.
    const changed =
      typeof text === 'string' && text
        ? text
        : fields.length
          ? list(fields.map((f) => `${label(str(f))}: ${valueText(before[str(f)], depth + 1)} → ${valueText(after[str(f)], depth + 1)}`), 5)
          : 'niets gewijzigd';
    const extra = objectText(rest, depth);
    return extra ? `${changed}; ${extra}` : changed;
  }
  if ('before' in o && 'after' in o && (o.before === null || o.after === null)) {
    const rest = Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'before' && k !== 'after'));
    const main = o.before === null ? `nieuw: ${valueText(o.after, depth + 1)}` : `was: ${valueText(o.before, depth + 1)}`;
    const extra = objectText(rest, depth);
    return extra ? `${main}; ${extra}` : main;
  }
  return Object.entries(o)
    .filter(([key, value]) => !HIDDEN_KEYS.has(key) && value !== undefined && !(isObj(value) && Object.keys(value).length === 0))
    .map(([key, value]) => (Array.isArray(value) && value.some(isObj) ? `${label(key)}: ${value.length}` : `${label(key)}: ${valueText(value, depth + 1)}`))
    .join(', ');
}

function label(key: string): string {
  return DETAIL_KEYS[key] ?? key;
}

function valueText(value: unknown, depth = 0): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return formatMoment(value);
    return value.length > 160 ? `${value.slice(0, 157)}…` : value;
  }
  if (typeof value === 'number') return value.toLocaleString('nl-NL');
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  if (Array.isArray(value)) {
    if (value.some(isObj)) return plural(value.length, 'item', 'items');
    return list(value.map((v) => valueText(v, depth + 1)), 8);
  }
  if (isObj(value)) {
    // Nested deeper than one level: the number of fields, not a wall of text.
    if (depth > 2) return plural(Object.keys(value).length, 'veld', 'velden');
    const inner = Object.entries(value)
      .filter(([k, v]) => !HIDDEN_KEYS.has(k) && v !== undefined)
      .slice(0, 6)
      .map(([k, v]) => `${label(k)} ${valueText(v, depth + 1)}`);
    const more = Object.keys(value).length > 6 ? ', …' : '';
    return `(${inner.join(', ')}${more})`;
  }
  return String(value);
}
