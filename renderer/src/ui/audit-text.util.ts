// Dutch wording for audit-log entries: the backend records actions and details in code terms
// ("view", {"source":"demo"}); the Logboek shows them in words. Pure functions; runs in the renderer.

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
  fields: 'velden',
  before: 'was',
  after: 'wordt',
  changes: 'wijzigingen',
  basedOn: 'op basis van',
  validFrom: 'geldig vanaf',
  name: 'naam',
  filter: 'filter',
  count: 'aantal',
  total: 'totaal',
};

export function auditAction(action: string): string {
  return ACTIONS[action] ?? action;
}

export function auditEntity(entity: string, entityId: string | null): string {
  const name = ENTITIES[entity] ?? entity;
  return entityId ? `${name} ${entityId}` : name;
}

/** A JSON object detail as "bron: demo, gemeenten: 6"; other text as is; "{}" or empty as "". */
export function auditDetail(detail: string): string {
  const trimmed = detail.trim();
  if (!trimmed.startsWith('{')) return trimmed;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return trimmed;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return trimmed;
  return Object.entries(parsed)
    .map(([key, value]) => `${DETAIL_KEYS[key] ?? key}: ${valueText(value)}`)
    .join(', ');
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  return JSON.stringify(value);
}
