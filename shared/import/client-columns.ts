// The client (kandidaat) columns of the import, export and template: Dutch headers, cell syntax,
// reading a cell into a Client and writing it back. Pure TypeScript.
import type { Client } from '../dataset/dataset.schema';
import {
  AVOID_REASON_LABELS,
  AVOID_REASONS,
  CLIENT_GROUP_LABELS,
  CLIENT_GROUPS,
  CLIENT_STATUS_LABELS,
  CLIENT_STATUSES,
  type ClientGroup,
  DEBT_STATUS_LABELS,
  DEBT_STATUSES,
  FUNDING_FRAME_LABELS,
  FUNDING_FRAMES,
  GENDER_LABELS,
  GENDERS,
  INCOME_SOURCE_LABELS,
  INCOME_SOURCES,
  NEED_LABELS,
  NEEDS,
  NETWORK_KIND_LABELS,
  NETWORK_KINDS,
  SUPPORT_INTENSITIES,
  SUPPORT_INTENSITY_LABELS,
  UNIT_KIND_LABELS,
  UNIT_KINDS,
  URGENCY_LABELS,
  URGENCY_LEVELS,
} from '../domain/codes';
import {
  CellError,
  amount,
  bool,
  cellText,
  date,
  enumReader,
  escapeListItem,
  int,
  norm,
  parseAmount,
  parseBool,
  parseCode,
  parseDate,
  parseInteger,
  parseOptionalAmount,
  parseOptionalDate,
  parseOptionalInteger,
  parseOptionalText,
  parseText,
  splitList,
  txt,
} from './cells';
import { clientRuleProblems } from '../dataset/validate';
import { type ColumnDef, type RefData, checkMunicipality, checkNeighbourhood, checkOrganisation, required } from './columns';

/** Short group names used in the files (the UI's labels are accepted too). */
export const GROUP_SHORT: Record<ClientGroup, string> = { BW: 'BW', MO: 'MO', VO: 'VO', YOUTH: 'Jongeren', FORENSIC: 'Forensisch' };
const readGroup = enumReader(CLIENT_GROUPS, GROUP_SHORT, 'doelgroep', {
  BW: [CLIENT_GROUP_LABELS.BW],
  MO: [CLIENT_GROUP_LABELS.MO],
  VO: [CLIENT_GROUP_LABELS.VO],
  YOUTH: [CLIENT_GROUP_LABELS.YOUTH, 'jongeren 18-23'],
  FORENSIC: [CLIENT_GROUP_LABELS.FORENSIC, 'forensische zorg'],
});
const readGender = enumReader(GENDERS, GENDER_LABELS, 'waarde voor geslacht', { female: ['v'], male: ['m'], other: ['x'] });
const readIncome = enumReader(INCOME_SOURCES, INCOME_SOURCE_LABELS, 'inkomensbron', { none: ['geen'], student: ['studie'] });
const DEBT_SHORT = { none: 'Geen', arrangement: 'Met regeling', open: 'Open' } as const;
const readDebts = enumReader(DEBT_STATUSES, DEBT_SHORT, 'waarde voor schulden', {
  none: [DEBT_STATUS_LABELS.none],
  arrangement: [DEBT_STATUS_LABELS.arrangement, 'regeling'],
  open: [DEBT_STATUS_LABELS.open, 'open schulden'],
});
/** Short names of the legal/funding frames in the files (the UI's labels are accepted too). */
export const FRAME_SHORT = { wmo: 'Wmo', wlz: 'Wlz', zvw: 'Zvw', forensic: 'Forensisch', youth: 'Jeugdwet', unknown: 'Onbekend' } as const;
const readFrame = enumReader(FUNDING_FRAMES, FRAME_SHORT, 'waarde voor kader', {
  wmo: [FUNDING_FRAME_LABELS.wmo],
  wlz: [FUNDING_FRAME_LABELS.wlz],
  zvw: [FUNDING_FRAME_LABELS.zvw],
  forensic: [FUNDING_FRAME_LABELS.forensic, 'forensisch kader'],
  youth: [FUNDING_FRAME_LABELS.youth, 'jeugd'],
});
const readIntensity = enumReader(SUPPORT_INTENSITIES, SUPPORT_INTENSITY_LABELS, 'intensiteit');
const readUrgency = enumReader(URGENCY_LEVELS, URGENCY_LABELS, 'urgentie', { none: ['nee'], high: ['hoog', 'ja'] });
const readStatus = enumReader(CLIENT_STATUSES, CLIENT_STATUS_LABELS, 'status');
const readNeed = enumReader(NEEDS, NEED_LABELS, 'behoefte');
const readKind = enumReader(UNIT_KINDS, UNIT_KIND_LABELS, 'woningsoort', { 'housing-first': ['housing first'] });
const NETWORK_SHORT = Object.fromEntries(NETWORK_KINDS.map((k) => [k, NETWORK_KIND_LABELS[k].toLowerCase()])) as Record<
  (typeof NETWORK_KINDS)[number],
  string
>;
const readNetworkKind = enumReader(NETWORK_KINDS, NETWORK_SHORT, 'soort netwerk');
const AVOID_SHORT = { perpetrator: 'pleger', scene: 'scene', other: 'overig' } as const;
const readAvoidReason = enumReader(AVOID_REASONS, AVOID_SHORT, 'reden om te vermijden', {
  perpetrator: [AVOID_REASON_LABELS.perpetrator],
  scene: [AVOID_REASON_LABELS.scene, 'oude omgeving'],
  other: [AVOID_REASON_LABELS.other],
});

const list = <T extends string>(cell: Parameters<ColumnDef<Client>['read']>[0], read: (s: string) => T): T[] => splitList(cell).map(read);
const joinList = (values: readonly string[]) => txt(values.join(';'));
const labelList = <T extends string>(values: readonly T[], labels: Record<T, string>) => joinList(values.map((v) => labels[v]));

/** A place cell: "soort:GM0000[:BU00000000[:notitie]]" items separated by ';'. */
function readPlaces(cell: Parameters<ColumnDef<Client>['read']>[0], ref: RefData) {
  return splitList(cell, true).map((item) => {
    const [kind = '', gm = '', bu = '', ...rest] = item.split(':');
    if (gm.trim() === '') throw new CellError(`'${item}' mist een gemeentecode; schrijf soort:GM0000 of soort:GM0000:BU00000000`);
    const municipalityCode = checkMunicipality(gm, ref);
    const neighbourhoodCode = bu.trim() === '' ? null : checkNeighbourhood(bu, ref, municipalityCode);
    return { kind: kind.trim(), municipalityCode, neighbourhoodCode, note: rest.join(':').trim() };
  });
}

function writePlaces(places: { category: string; municipalityCode: string; neighbourhoodCode: string | null; note: string }[]) {
  return joinList(
    places.map((p) => {
      // A ';' in a note is written '\;' (and '\' as '\\'), so the note reads back as it was.
      const note = escapeListItem(p.note);
      const parts = [p.category, p.municipalityCode];
      if (p.neighbourhoodCode || note) parts.push(p.neighbourhoodCode ?? '');
      if (note) parts.push(note);
      return parts.join(':');
    }),
  );
}

export const READINESS_PREFIX = 'Voorwaarde: ';
const yesNo = 'ja of nee (leeg = nee)';

/** The client columns for a policy's readiness items, in file order. */
export function clientColumns(readinessItems: RefData['readinessItems']): ColumnDef<Client>[] {
  const cols: ColumnDef<Client>[] = [
    {
      header: 'Code',
      required: true,
      help: 'Pseudoniem van de kandidaat; uniek. Letters, cijfers, punt, streepje. Een bestaande code werkt die kandidaat bij.',
      example: 'K-0101',
      fields: ['id'],
      read: (c, d) => void (d.id = parseCode(required(c))),
      write: (r) => txt(r.id),
    },
    {
      header: 'Naam',
      required: false,
      help: 'Voornaam, alleen als de kandidaat daarvoor toestemming gaf; mag leeg.',
      example: '',
      fields: ['name'],
      read: (c, d) => void (d.name = parseOptionalText(c, 200)),
      write: (r) => txt(r.name),
    },
    {
      header: 'Doelgroep',
      required: true,
      help: 'BW, MO, VO, Jongeren of Forensisch (ook de volledige naam, zoals Beschermd wonen).',
      example: 'BW',
      fields: ['group'],
      read: (c, d) => void (d.group = readGroup(cellText(required(c)))),
      write: (r) => txt(GROUP_SHORT[r.group]),
    },
    {
      header: 'Geslacht',
      required: false,
      help: `${GENDERS.map((g) => GENDER_LABELS[g]).join(', ')} (leeg = Onbekend).`,
      example: 'Vrouw',
      fields: ['gender'],
      read: (c, d) => void (d.gender = cellText(c) === '' ? 'unknown' : readGender(cellText(c))),
      write: (r) => txt(GENDER_LABELS[r.gender]),
    },
    {
      header: 'Geboortedatum',
      required: true,
      help: 'dd-mm-jjjj of jjjj-mm-dd (of een Excel-datum).',
      example: '14-05-2003',
      fields: ['birthDate'],
      // Against today (not in the future, a plausible age) once the row is read: finishClient.
      read: (c, d) => void (d.birthDate = parseDate(required(c))),
      write: (r) => date(r.birthDate),
    },
    {
      header: 'Zorgaanbieder',
      required: true,
      help: 'Code van de zorgaanbieder (zie Referentiegegevens), of de volledige naam.',
      example: 'prov-dijkzicht',
      fields: ['careProviderId'],
      read: (c, d, ref) => void (d.careProviderId = checkOrganisation(cellText(required(c)), ref.careProviders, 'zorgaanbieder')),
      write: (r) => txt(r.careProviderId),
    },
    {
      header: 'Volwassenen',
      required: false,
      help: 'Aantal volwassenen in het huishouden, 1 t/m 6 (leeg = 1).',
      example: '1',
      fields: ['household.adults'],
      read: (c, d) => void (d.household.adults = parseOptionalInteger(c, 1, 6) ?? 1),
      write: (r) => int(r.household.adults),
    },
    {
      header: 'Leeftijden kinderen',
      required: false,
      help: 'Leeftijd van elk kind, gescheiden door ; (bijvoorbeeld 4;7). Leeg = geen kinderen.',
      example: '4;7',
      fields: ['household.childrenAges'],
      read: (c, d) => void (d.household.childrenAges = splitListAllowingRepeats(c).map((s) => parseInteger(s, 0, 26))),
      write: (r) => joinList(r.household.childrenAges.map(String)),
    },
    {
      header: 'Gemeente van herkomst',
      required: true,
      help: 'CBS-gemeentecode, zoals GM0034 (Almere).',
      example: 'GM0171',
      fields: ['originMunicipalityCode'],
      read: (c, d, ref) => void (d.originMunicipalityCode = checkMunicipality(cellText(required(c)), ref)),
      write: (r) => txt(r.originMunicipalityCode),
    },
    {
      header: 'Verblijft in',
      required: true,
      help: 'CBS-gemeentecode van de gemeente waar de kandidaat nu verblijft.',
      example: 'GM0034',
      fields: ['currentMunicipalityCode'],
      read: (c, d, ref) => void (d.currentMunicipalityCode = checkMunicipality(cellText(required(c)), ref)),
      write: (r) => txt(r.currentMunicipalityCode),
    },
    {
      header: 'Netwerk',
      required: false,
      help:
        'Plekken van het netwerk, gescheiden door ;. Elk: soort:gemeentecode[:buurtcode[:notitie]]. Soorten: ' +
        `${NETWORK_KINDS.map((k) => NETWORK_SHORT[k]).join(', ')}. Bijvoorbeeld familie:GM0995:BU09950101:moeder;vrienden:GM0995.`,
      example: 'familie:GM0995:BU09950101;vrienden:GM0995',
      fields: ['networkPlaces'],
      read: (c, d, ref) =>
        void (d.networkPlaces = readPlaces(c, ref).map((p) => ({
          kind: readNetworkKind(p.kind),
          municipalityCode: p.municipalityCode,
          neighbourhoodCode: p.neighbourhoodCode,
          note: p.note,
        }))),
      write: (r) => writePlaces(r.networkPlaces.map((p) => ({ ...p, category: NETWORK_SHORT[p.kind] }))),
    },
    {
      header: 'Te vermijden',
      required: false,
      help:
        'Plekken om te vermijden, gescheiden door ;. Elk: reden:gemeentecode[:buurtcode[:notitie]]; zonder buurtcode geldt de hele gemeente. ' +
        'Redenen: pleger, scene, overig. Bijvoorbeeld pleger:GM0050;scene:GM0995:BU09950101.',
      example: 'pleger:GM0050',
      fields: ['avoidPlaces'],
      read: (c, d, ref) =>
        void (d.avoidPlaces = readPlaces(c, ref).map((p) => ({
          reason: readAvoidReason(p.kind),
          municipalityCode: p.municipalityCode,
          neighbourhoodCode: p.neighbourhoodCode,
          note: p.note,
        }))),
      write: (r) => writePlaces(r.avoidPlaces.map((p) => ({ ...p, category: AVOID_SHORT[p.reason] }))),
    },
    {
      header: 'Inkomensbron',
      required: true,
      help: `${INCOME_SOURCES.map((s) => INCOME_SOURCE_LABELS[s]).join(', ')}.`,
      example: 'Uitkering',
      fields: ['income.source'],
      read: (c, d) => void (d.income.source = readIncome(cellText(required(c)))),
      write: (r) => txt(INCOME_SOURCE_LABELS[r.income.source]),
    },
    {
      header: 'Netto inkomen',
      required: true,
      help: 'Netto per maand in euro, zoals 1250,50 (niet negatief, hoogstens twee decimalen).',
      example: '1250,50',
      fields: ['income.monthlyNet'],
      read: (c, d) => void (d.income.monthlyNet = parseAmount(required(c))),
      write: (r) => amount(r.income.monthlyNet),
    },
    {
      header: 'Schulden',
      required: true,
      help: 'Geen, Met regeling of Open (open schulden zonder regeling).',
      example: 'Geen',
      fields: ['income.debts'],
      read: (c, d) => void (d.income.debts = readDebts(cellText(required(c)))),
      write: (r) => txt(DEBT_SHORT[r.income.debts]),
    },
    {
      header: 'Budgetbeheer',
      required: false,
      help: `Budgetbeheer of bewindvoering: ${yesNo}.`,
      example: 'nee',
      fields: ['income.budgetManagement'],
      read: (c, d) => void (d.income.budgetManagement = parseBool(c)),
      write: (r) => bool(r.income.budgetManagement),
    },
    {
      header: 'Huurgrens',
      required: false,
      help: 'Hoogste huur die de kandidaat kan dragen, in euro. Leeg = de grens uit het beleid (passend toewijzen).',
      example: '',
      fields: ['rentLimit'],
      read: (c, d) => void (d.rentLimit = parseOptionalAmount(c)),
      write: (r) => amount(r.rentLimit),
    },
    {
      header: 'Behoeften',
      required: false,
      help: `Gescheiden door ;. Keuze uit: ${NEEDS.map((n) => NEED_LABELS[n]).join(', ')}.`,
      example: 'Begane grond;Lift',
      fields: ['needs'],
      read: (c, d) => void (d.needs = list(c, readNeed)),
      write: (r) => labelList(r.needs, NEED_LABELS),
    },
    {
      header: 'Begeleider (aanbieder)',
      required: false,
      help: 'Code van de zorgaanbieder die de begeleiding na de verhuizing geeft. Leeg = dezelfde als Zorgaanbieder.',
      example: 'prov-dijkzicht',
      fields: ['support.providerId'],
      // Empty: filled in from Zorgaanbieder once the whole row is read (finishClient).
      read: (c, d, ref) => void (d.support.providerId = cellText(c) === '' ? '' : checkOrganisation(cellText(c), ref.careProviders, 'zorgaanbieder')),
      write: (r) => txt(r.support.providerId),
    },
    {
      header: 'Intensiteit',
      required: false,
      help: `Intensiteit van de begeleiding: ${SUPPORT_INTENSITIES.map((s) => SUPPORT_INTENSITY_LABELS[s]).join(', ')} (leeg = Middel).`,
      example: 'Middel',
      fields: ['support.intensity'],
      read: (c, d) => void (d.support.intensity = cellText(c) === '' ? 'medium' : readIntensity(cellText(c))),
      write: (r) => txt(SUPPORT_INTENSITY_LABELS[r.support.intensity]),
    },
    {
      header: 'Start begeleiding',
      required: false,
      help: 'Datum (dd-mm-jjjj); leeg = nog niet bekend.',
      example: '01-10-2026',
      fields: ['support.start'],
      read: (c, d) => void (d.support.start = parseOptionalDate(c)),
      write: (r) => date(r.support.start),
    },
    {
      header: 'Duur (maanden)',
      required: false,
      help: 'Toegezegde duur van de begeleiding in maanden, 0 t/m 120; leeg = onbekend.',
      example: '24',
      fields: ['support.months'],
      read: (c, d) => void (d.support.months = parseOptionalInteger(c, 0, 120)),
      write: (r) => int(r.support.months),
    },
    {
      header: 'In zorg sinds',
      required: false,
      help: 'Datum (dd-mm-jjjj) sinds wanneer de kandidaat in zorg of opvang is (beschermd wonen, opvang, jeugdzorg, forensische zorg); leeg = niet vastgelegd.',
      example: '01-03-2023',
      fields: ['careSince'],
      read: (c, d) => void (d.careSince = parseOptionalDate(c)),
      write: (r) => date(r.careSince),
    },
    {
      header: 'Kader',
      required: false,
      help: `Wettelijk of financieel kader van de zorg: ${FUNDING_FRAMES.map((f) => FRAME_SHORT[f]).join(', ')} (ook de volledige naam; leeg = Onbekend).`,
      example: 'Wmo',
      fields: ['fundingFrame'],
      read: (c, d) => void (d.fundingFrame = cellText(c) === '' ? 'unknown' : readFrame(cellText(c))),
      write: (r) => txt(FRAME_SHORT[r.fundingFrame]),
    },
    {
      header: 'Woonrijp sinds',
      required: false,
      help: 'Datum (dd-mm-jjjj) waarop de kandidaat woonrijp is verklaard; leeg = nog niet.',
      example: '01-08-2026',
      fields: ['readyDate'],
      read: (c, d) => void (d.readyDate = parseOptionalDate(c)),
      write: (r) => date(r.readyDate),
    },
    {
      header: 'Housing First',
      required: false,
      help: `${yesNo}. Bij ja geldt de toets op de voorwaarden niet.`,
      example: 'nee',
      fields: ['housingFirst'],
      read: (c, d) => void (d.housingFirst = parseBool(c)),
      write: (r) => bool(r.housingFirst),
    },
    {
      header: 'Urgentie',
      required: false,
      help: `${URGENCY_LEVELS.map((u) => URGENCY_LABELS[u]).join(', ')} (leeg = Geen).`,
      example: 'Geen',
      fields: ['urgency'],
      read: (c, d) => void (d.urgency = cellText(c) === '' ? 'none' : readUrgency(cellText(c))),
      write: (r) => txt(URGENCY_LABELS[r.urgency]),
    },
    {
      header: 'Voorkeur gemeenten',
      required: false,
      help: 'CBS-gemeentecodes, gescheiden door ;.',
      example: 'GM0995;GM0034',
      fields: ['preferences.municipalityCodes'],
      read: (c, d, ref) => void (d.preferences.municipalityCodes = splitList(c).map((s) => checkMunicipality(s, ref))),
      write: (r) => joinList(r.preferences.municipalityCodes),
    },
    {
      header: 'Voorkeur buurten',
      required: false,
      help: 'CBS-buurtcodes, gescheiden door ;.',
      example: 'BU09950101',
      fields: ['preferences.neighbourhoodCodes'],
      read: (c, d, ref) => void (d.preferences.neighbourhoodCodes = splitList(c).map((s) => checkNeighbourhood(s, ref))),
      write: (r) => joinList(r.preferences.neighbourhoodCodes),
    },
    {
      header: 'Voorkeur woningsoorten',
      required: false,
      help: `Gescheiden door ;. Keuze uit: ${UNIT_KINDS.map((k) => UNIT_KIND_LABELS[k]).join(', ')}.`,
      example: 'Reguliere woning',
      fields: ['preferences.kinds'],
      read: (c, d) => void (d.preferences.kinds = list(c, readKind)),
      write: (r) => labelList(r.preferences.kinds, UNIT_KIND_LABELS),
    },
    {
      header: 'Weigert woningsoorten',
      required: false,
      help: 'Woningsoorten die de kandidaat niet aanneemt, gescheiden door ; (zelfde keuze als hierboven).',
      example: 'Skaeve Huse',
      fields: ['preferences.refusedKinds'],
      read: (c, d) => void (d.preferences.refusedKinds = list(c, readKind)),
      write: (r) => labelList(r.preferences.refusedKinds, UNIT_KIND_LABELS),
    },
    {
      header: 'Status',
      required: false,
      help: `${CLIENT_STATUSES.map((s) => CLIENT_STATUS_LABELS[s]).join(', ')} (leeg = Actief).`,
      example: 'Actief',
      fields: ['status'],
      read: (c, d) => void (d.status = cellText(c) === '' ? 'active' : readStatus(cellText(c))),
      write: (r) => txt(CLIENT_STATUS_LABELS[r.status]),
    },
    {
      header: 'Notities',
      required: false,
      help: 'Vrije tekst (geen diagnoses), hoogstens 2000 tekens.',
      example: '',
      fields: ['notes'],
      read: (c, d) => void (d.notes = parseText(c)),
      write: (r) => txt(r.notes),
    },
  ];
  for (const item of readinessItems) {
    cols.push({
      header: `${READINESS_PREFIX}${item.label}`,
      required: false,
      help: `Voorwaarde voor duurzame uitstroom '${item.label}' vervuld: ${yesNo}. Een nieuw 'ja' wordt vastgelegd als bevestigd door 'import' op de importdatum.`,
      example: 'ja',
      fields: ['readiness'],
      read: (c, d, ref) => setReadiness(d, item.key, parseBool(c), ref.today),
      write: (r) => bool(r.readiness.some((x) => x.item === item.key && x.done)),
    });
  }
  return cols;
}

/** Also accepts "Voorwaarde: <key>" for each readiness item. */
export function clientHeaderAliases(readinessItems: RefData['readinessItems'], columns: ColumnDef<Client>[]): Map<string, ColumnDef<Client>> {
  const m = new Map<string, ColumnDef<Client>>();
  for (const item of readinessItems) {
    const col = columns.find((c) => c.header === `${READINESS_PREFIX}${item.label}`);
    if (col) m.set(norm(`${READINESS_PREFIX}${item.key}`), col);
  }
  return m;
}

/** Children's ages may repeat (twins): a plain split without the duplicate check. */
function splitListAllowingRepeats(c: Parameters<ColumnDef<Client>['read']>[0]): string[] {
  return cellText(c)
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/**
 * Sets one readiness item. A 'ja' that was already confirmed keeps who confirmed it and when; a new
 * 'ja' is confirmed by 'import' today. A 'nee' without an entry adds none (absence means not done).
 */
function setReadiness(d: Client, key: string, done: boolean, today: string): void {
  const i = d.readiness.findIndex((r) => r.item === key);
  const cur = i >= 0 ? d.readiness[i] : undefined;
  if (done) {
    if (cur?.done) return;
    const entry = { item: key, done: true, confirmedBy: 'import', confirmedAt: today };
    if (cur) d.readiness[i] = entry;
    else d.readiness.push(entry);
  } else if (cur?.done) {
    d.readiness[i] = { item: key, done: false, confirmedBy: null, confirmedAt: null };
  }
}

/** The record a new code starts from; required columns overwrite the placeholders. */
export function newClientDraft(id: string): Client {
  return {
    id,
    name: null,
    group: 'BW',
    gender: 'unknown',
    birthDate: '',
    careProviderId: '',
    household: { adults: 1, childrenAges: [] },
    originMunicipalityCode: '',
    currentMunicipalityCode: '',
    networkPlaces: [],
    avoidPlaces: [],
    income: { source: 'none', monthlyNet: 0, debts: 'none', budgetManagement: false },
    rentLimit: null,
    needs: [],
    support: { providerId: '', intensity: 'medium', start: null, months: null },
    careSince: null,
    fundingFrame: 'unknown',
    readiness: [],
    readyDate: null,
    housingFirst: false,
    urgency: 'none',
    preferences: { municipalityCodes: [], neighbourhoodCodes: [], kinds: [], refusedKinds: [], note: '' },
    consents: [],
    vetoes: [],
    status: 'active',
    refusals: 0,
    notes: '',
  };
}

const RULE_COLUMNS = {
  birthDate: 'Geboortedatum',
  readyDate: 'Woonrijp sinds',
  careSince: 'In zorg sinds',
  'preferences.refusedKinds': 'Weigert woningsoorten',
} as const;

/** Rules across columns, after the whole row is read: the client rules every way in shares, as [column, message] pairs. */
export function finishClient(d: Client, today: string): [string, string][] {
  if (d.support.providerId === '') d.support.providerId = d.careProviderId;
  if (d.birthDate === '') return [];
  return clientRuleProblems(d, today).map((p) => [RULE_COLUMNS[p.field], p.message]);
}
