// The unit (woning) columns of the import, export and template: Dutch headers, cell syntax,
// reading a cell into a Unit and writing it back. Pure TypeScript.
import type { Unit } from '../dataset/dataset.schema';
import {
  CLIENT_GROUP_LABELS,
  CLIENT_GROUPS,
  CONTRACT_FORM_LABELS,
  CONTRACT_FORMS,
  NEED_LABELS,
  NEEDS,
  UNIT_KIND_LABELS,
  UNIT_KINDS,
  UNIT_STATUS_LABELS,
  UNIT_STATUSES,
} from '../domain/codes';
import {
  CellError,
  amount,
  bool,
  cellText,
  date,
  enumReader,
  int,
  parseAmount,
  parseBool,
  parseCode,
  parseDate,
  parseInteger,
  parseOptionalInteger,
  parseOptionalText,
  parseText,
  splitList,
  txt,
} from './cells';
import { GROUP_SHORT } from './client-columns';
import { type ColumnDef, checkMunicipality, checkNeighbourhood, checkOrganisation, required } from './columns';

const readKind = enumReader(UNIT_KINDS, UNIT_KIND_LABELS, 'woningsoort', { 'housing-first': ['housing first'] });
const readStatus = enumReader(UNIT_STATUSES, UNIT_STATUS_LABELS, 'status');
const readNeed = enumReader(NEEDS, NEED_LABELS, 'voorziening');
const readForm = enumReader(CONTRACT_FORMS, CONTRACT_FORM_LABELS, 'contractvorm', {
  regular: ['regulier'],
  'three-party': ['driepartijen'],
  sublet: ['onderhuur'],
  temporary: ['tijdelijk'],
});
const readGroup = enumReader(CLIENT_GROUPS, GROUP_SHORT, 'doelgroep', {
  BW: [CLIENT_GROUP_LABELS.BW],
  MO: [CLIENT_GROUP_LABELS.MO],
  VO: [CLIENT_GROUP_LABELS.VO],
  YOUTH: [CLIENT_GROUP_LABELS.YOUTH],
  FORENSIC: [CLIENT_GROUP_LABELS.FORENSIC],
});
const labelList = <T extends string>(values: readonly T[], labels: Record<T, string>) => txt(values.map((v) => labels[v]).join(';'));

export function unitColumns(): ColumnDef<Unit>[] {
  return [
    {
      header: 'Code',
      required: true,
      help: 'Code van de woning; uniek. Letters, cijfers, punt, streepje. Een bestaande code werkt die woning bij.',
      example: 'W-0101',
      fields: ['id'],
      read: (c, d) => void (d.id = parseCode(required(c))),
      write: (r) => txt(r.id),
    },
    {
      header: 'Corporatie',
      required: true,
      help: 'Code van de woningcorporatie (zie Referentiegegevens), of de volledige naam.',
      example: 'corp-polderhuis',
      fields: ['corporationId'],
      read: (c, d, ref) => void (d.corporationId = checkOrganisation(cellText(required(c)), ref.corporations, 'woningcorporatie')),
      write: (r) => txt(r.corporationId),
    },
    {
      header: 'Gemeente',
      required: true,
      help: 'CBS-gemeentecode, zoals GM0995 (Lelystad).',
      example: 'GM0995',
      fields: ['municipalityCode'],
      read: (c, d, ref) => void (d.municipalityCode = checkMunicipality(cellText(required(c)), ref)),
      write: (r) => txt(r.municipalityCode),
    },
    {
      header: 'Buurt',
      required: false,
      help: 'CBS-buurtcode binnen de gemeente, zoals BU09950101; mag leeg.',
      example: 'BU09950101',
      fields: ['neighbourhoodCode'],
      // Checked against the municipality once the whole row is read (finishUnit).
      read: (c, d, ref) => void (d.neighbourhoodCode = cellText(c) === '' ? null : checkNeighbourhood(cellText(c), ref)),
      write: (r) => txt(r.neighbourhoodCode),
    },
    {
      header: 'Complex',
      required: false,
      help: 'Naam van het complex (voor de spreiding per complex); mag leeg.',
      example: 'De Kust',
      fields: ['complex'],
      read: (c, d) => void (d.complex = parseOptionalText(c, 200)),
      write: (r) => txt(r.complex),
    },
    {
      header: 'Adres',
      required: false,
      help: 'Straat en huisnummer; mag leeg.',
      example: 'Dijkstraat 12',
      fields: ['address'],
      read: (c, d) => void (d.address = parseOptionalText(c, 200)),
      write: (r) => txt(r.address),
    },
    {
      header: 'Soort',
      required: true,
      help: `${UNIT_KINDS.map((k) => UNIT_KIND_LABELS[k]).join(', ')}.`,
      example: 'Contingentwoning',
      fields: ['kind'],
      read: (c, d) => void (d.kind = readKind(cellText(required(c)))),
      write: (r) => txt(UNIT_KIND_LABELS[r.kind]),
    },
    {
      header: 'Kamers',
      required: true,
      help: 'Aantal kamers, 1 t/m 10.',
      example: '2',
      fields: ['rooms'],
      read: (c, d) => void (d.rooms = parseInteger(required(c), 1, 10)),
      write: (r) => int(r.rooms),
    },
    {
      header: 'Verdieping',
      required: false,
      help: '0 = begane grond, -1 t/m 40 (leeg = 0).',
      example: '0',
      fields: ['floor'],
      read: (c, d) => void (d.floor = parseOptionalInteger(c, -1, 40) ?? 0),
      write: (r) => int(r.floor),
    },
    {
      header: 'Lift',
      required: false,
      help: 'ja of nee (leeg = nee).',
      example: 'nee',
      fields: ['lift'],
      read: (c, d) => void (d.lift = parseBool(c)),
      write: (r) => bool(r.lift),
    },
    {
      header: 'Huur',
      required: true,
      help: 'Kale huur per maand in euro, zoals 612,35 (niet negatief, hoogstens twee decimalen).',
      example: '612,35',
      fields: ['rent'],
      read: (c, d) => void (d.rent = parseAmount(required(c))),
      write: (r) => amount(r.rent),
    },
    {
      header: 'Beschikbaar vanaf',
      required: true,
      help: 'Datum (dd-mm-jjjj of jjjj-mm-dd).',
      example: '01-12-2026',
      fields: ['availableFrom'],
      read: (c, d) => void (d.availableFrom = parseDate(required(c))),
      write: (r) => date(r.availableFrom),
    },
    {
      header: 'Doelgroepen',
      required: false,
      help: 'Doelgroepen die hier mogen wonen, gescheiden door ; (BW, MO, VO, Jongeren, Forensisch). Leeg = alle.',
      example: 'BW;Jongeren',
      fields: ['allowedGroups'],
      read: (c, d) => void (d.allowedGroups = splitList(c).map(readGroup)),
      write: (r) => labelList(r.allowedGroups, GROUP_SHORT),
    },
    {
      header: 'Min. leeftijd',
      required: false,
      help: '16 t/m 120; leeg = geen ondergrens.',
      example: '',
      fields: ['minAge'],
      read: (c, d) => void (d.minAge = parseOptionalInteger(c, 16, 120)),
      write: (r) => int(r.minAge),
    },
    {
      header: 'Max. leeftijd',
      required: false,
      help: '16 t/m 120; leeg = geen bovengrens.',
      example: '',
      fields: ['maxAge'],
      read: (c, d) => void (d.maxAge = parseOptionalInteger(c, 16, 120)),
      write: (r) => int(r.maxAge),
    },
    {
      header: 'Contractvormen',
      required: true,
      help: `Minstens één, gescheiden door ;. Keuze uit: ${CONTRACT_FORMS.map((f) => CONTRACT_FORM_LABELS[f]).join(', ')} (kort: regulier, driepartijen, onderhuur, tijdelijk).`,
      example: 'Regulier huurcontract',
      fields: ['contractForms'],
      read: (c, d) => void (d.contractForms = splitList(required(c)).map(readForm)),
      write: (r) => labelList(r.contractForms, CONTRACT_FORM_LABELS),
    },
    {
      header: 'Voorzieningen',
      required: false,
      help: `Gescheiden door ;. Keuze uit: ${NEEDS.map((n) => NEED_LABELS[n]).join(', ')}.`,
      example: 'Begane grond',
      fields: ['features'],
      read: (c, d) => void (d.features = splitList(c).map(readNeed)),
      write: (r) => labelList(r.features, NEED_LABELS),
    },
    {
      header: 'Status',
      required: false,
      help: `${UNIT_STATUSES.map((s) => UNIT_STATUS_LABELS[s]).join(', ')} (leeg = Beschikbaar).`,
      example: 'Beschikbaar',
      fields: ['status'],
      read: (c, d) => void (d.status = cellText(c) === '' ? 'available' : readStatus(cellText(c))),
      write: (r) => txt(UNIT_STATUS_LABELS[r.status]),
    },
    {
      header: 'Huidige bewoner',
      required: false,
      help: 'Alleen bij een omklapwoning: code van de kandidaat die er al woont (moet al bestaan); mag leeg.',
      example: '',
      fields: ['occupantClientId'],
      read: (c, d, ref) => {
        const v = cellText(c);
        if (v !== '' && !ref.clientIds.has(v)) throw new CellError(`kandidaat ${v} bestaat niet; importeer eerst de kandidaten`);
        d.occupantClientId = v === '' ? null : v;
      },
      write: (r) => txt(r.occupantClientId),
    },
    {
      header: 'Notities',
      required: false,
      help: 'Vrije tekst, hoogstens 2000 tekens.',
      example: '',
      fields: ['notes'],
      read: (c, d) => void (d.notes = parseText(c)),
      write: (r) => txt(r.notes),
    },
  ];
}

export function newUnitDraft(id: string): Unit {
  return {
    id,
    corporationId: '',
    municipalityCode: '',
    neighbourhoodCode: null,
    complex: null,
    address: null,
    kind: 'regular',
    rooms: 1,
    floor: 0,
    lift: false,
    rent: 0,
    availableFrom: '',
    allowedGroups: [],
    minAge: null,
    maxAge: null,
    contractForms: [],
    features: [],
    status: 'available',
    occupantClientId: null,
    notes: '',
  };
}

/** Rules across columns, after the whole row is read: returns [column, message] pairs. */
export function finishUnit(d: Unit, neighbourhoodOwner: (code: string) => string | undefined): [string, string][] {
  const problems: [string, string][] = [];
  if (d.neighbourhoodCode !== null && d.municipalityCode !== '') {
    const owner = neighbourhoodOwner(d.neighbourhoodCode);
    if (owner !== undefined && owner !== d.municipalityCode) {
      problems.push(['Buurt', `buurt ${d.neighbourhoodCode} ligt in ${owner}, niet in gemeente ${d.municipalityCode}`]);
    }
  }
  if (d.minAge !== null && d.maxAge !== null && d.minAge > d.maxAge) {
    problems.push(['Max. leeftijd', `${d.maxAge} is lager dan de minimumleeftijd ${d.minAge}`]);
  }
  return problems;
}
