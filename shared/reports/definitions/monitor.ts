// The regional monitor's definitions: every section's key, Dutch title, columns (types, hints, the count
// a derived figure rests on), chart hint, note and what its click-through shows; the category bands of
// the seeds' monitor fields and the columns of the click-through rows. Pure TypeScript (shared).
import {
  CLIENT_GROUPS,
  CLIENT_GROUP_LABELS,
  FUNDING_FRAMES,
  FUNDING_FRAME_LABELS,
  GENDERS,
  GENDER_LABELS,
  SUPPORT_INTENSITIES,
  SUPPORT_INTENSITY_LABELS,
} from '../../domain/codes';
import { formatNumber } from '../format-nl';
import type { ChartHint, ReportColumn } from '../report-doc';

export const MONITOR_TITLE = 'Regionale monitor uitstroom';
export const MONITOR_PRIVACY = 'Alleen aantallen, geen personen: geen namen, codes, diagnoses of adressen. Kleine aantallen worden verborgen buiten het scherm van de voorzitter.';

/** Days in an average month: durations in months are days divided by this. */
export const DAYS_PER_MONTH = 365.25 / 12;

// ---------------------------------------------------------------------------------------------
// Categories of the seeds' monitor fields (002:574-581)

export interface Category {
  key: string;
  label: string;
}

const UNKNOWN: Category = { key: 'unknown', label: 'Onbekend' };

export const AGE_BANDS: (Category & { min: number; max: number | null })[] = [
  { key: 'lt18', label: 'Jonger dan 18', min: 0, max: 17 },
  { key: '18-22', label: '18-22 jaar', min: 18, max: 22 },
  { key: '23-26', label: '23-26 jaar', min: 23, max: 26 },
  { key: '27-34', label: '27-34 jaar', min: 27, max: 34 },
  { key: '35-49', label: '35-49 jaar', min: 35, max: 49 },
  { key: '50-64', label: '50-64 jaar', min: 50, max: 64 },
  { key: '65+', label: '65 jaar en ouder', min: 65, max: null },
];

export const HOUSEHOLD_KINDS: Category[] = [
  { key: 'single', label: 'Alleenstaand' },
  { key: 'couple', label: 'Met partner' },
  { key: 'single-parent', label: 'Eenoudergezin' },
  { key: 'family', label: 'Gezin met kinderen' },
];

/** Trajectory length: from "in care since" to the placement date, in whole years [min, max). */
export const TRAJECTORY_BANDS: (Category & { minYears: number; maxYears: number | null })[] = [
  { key: 'lt1', label: 'Korter dan 1 jaar', minYears: 0, maxYears: 1 },
  { key: '1-2', label: '1 tot 2 jaar', minYears: 1, maxYears: 2 },
  { key: '2-3', label: '2 tot 3 jaar', minYears: 2, maxYears: 3 },
  { key: '3-5', label: '3 tot 5 jaar', minYears: 3, maxYears: 5 },
  { key: '5+', label: '5 jaar of langer', minYears: 5, maxYears: null },
];

const labelled = <K extends string>(keys: readonly K[], labels: Record<K, string>): Category[] => keys.map((k) => ({ key: k, label: labels[k] }));

/** The monitor-field sections, in order: which placement fact, and its categories (always 'Onbekend' last). */
export const FIELD_SECTIONS = [
  { key: 'gender', title: 'Geslacht', categories: [...labelled(GENDERS.filter((g) => g !== 'unknown'), GENDER_LABELS), UNKNOWN] },
  { key: 'age-band', title: 'Leeftijd bij plaatsing', categories: [...AGE_BANDS.map(({ key, label }) => ({ key, label })), UNKNOWN] },
  { key: 'household', title: 'Woonsituatie (huishouden)', categories: [...HOUSEHOLD_KINDS, UNKNOWN] },
  { key: 'care-background', title: 'Zorgachtergrond (doelgroep)', categories: [...labelled(CLIENT_GROUPS, CLIENT_GROUP_LABELS), UNKNOWN] },
  { key: 'care-intensity', title: 'Intensiteit van de begeleiding', categories: [...labelled(SUPPORT_INTENSITIES, SUPPORT_INTENSITY_LABELS), UNKNOWN] },
  { key: 'trajectory', title: 'Duur van het zorgtraject', categories: [...TRAJECTORY_BANDS.map(({ key, label }) => ({ key, label })), UNKNOWN] },
  { key: 'funding-frame', title: 'Wettelijk en financieel kader', categories: [...labelled(FUNDING_FRAMES.filter((f) => f !== 'unknown'), FUNDING_FRAME_LABELS), UNKNOWN] },
] as const satisfies readonly { key: string; title: string; categories: Category[] }[];
export type FieldSectionKey = (typeof FIELD_SECTIONS)[number]['key'];

/** The age band of an age in whole years (null: unknown). */
export function ageBandOf(age: number | null): string {
  if (age === null) return 'unknown';
  return AGE_BANDS.find((b) => age >= b.min && (b.max === null || age <= b.max))?.key ?? 'unknown';
}

/** The household kind from adults and children (null: unknown). */
export function householdOf(adults: number | null, children: number | null): string {
  if (adults === null || children === null) return 'unknown';
  if (children > 0) return adults >= 2 ? 'family' : 'single-parent';
  return adults >= 2 ? 'couple' : 'single';
}

// ---------------------------------------------------------------------------------------------
// Labels of periods

const MONTHS_SHORT = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

/** '2026-01' → 'jan 2026'. */
export function monthLabel(ym: string): string {
  return `${MONTHS_SHORT[Number(ym.slice(5, 7)) - 1] ?? ym.slice(5, 7)} ${ym.slice(0, 4)}`;
}

/** '2026-01' → '2026-K1' (the row key of a quarter). */
export function quarterKeyOf(ym: string): string {
  return `${ym.slice(0, 4)}-K${Math.floor((Number(ym.slice(5, 7)) - 1) / 3) + 1}`;
}

/** '2026-K1' → 'K1 2026'. */
export function quarterLabel(key: string): string {
  return `${key.slice(5)} ${key.slice(0, 4)}`;
}

// ---------------------------------------------------------------------------------------------
// Sections

/** The kind of rows a section's figures click through to (monitor.rows). */
export type DrillKind = 'placements' | 'waiting' | 'declines';

export interface MonitorSectionDef {
  key: string;
  title: string;
  /** What the section counts and how the filters apply (shown under the title). */
  note: string;
  /** The fixed columns (sections with a column per municipality add those between `lead` and `tail`). */
  columns: ReportColumn[];
  chart?: ChartHint;
  drill: DrillKind;
  /** What a click on a figure shows. */
  drillNote: string;
}

const col = (key: string, label: string, type: ReportColumn['type'], extra: Partial<ReportColumn> = {}): ReportColumn => ({ key, label, type, ...extra });

const PLACEMENT_FILTERS =
  'Gemeente is de gemeente van de woning (bestemming); zorgaanbieder, doelgroep en de andere kenmerken zijn die van de kandidaat op de plaatsingsdatum.';

export const SUMMARY = {
  key: 'summary',
  title: 'Kerncijfers',
  note: `Plaatsingen en afwijzingen in de gekozen periode; wachtende kandidaten op dit moment. ${PLACEMENT_FILTERS}`,
  drill: 'placements' as DrillKind,
  drillNote: 'De plaatsingen, kandidaten of afwijzingen achter het cijfer.',
  figures: {
    placed: { key: 'placed', label: 'Geplaatst in de periode', type: 'count', hint: 'Plaatsingen met een plaatsingsdatum in de periode.' },
    waiting: { key: 'waiting', label: 'Woonrijp en wachtend', type: 'count', hint: 'Actieve kandidaten bij wie elke voorwaarde voor uitstroom vervuld is, nu.' },
    handoverMedian: { key: 'handover-median', label: 'Mediaan woonrijp tot sleutel', type: 'months', hint: 'In maanden, van de woonrijpdatum tot de verhuisdatum (of de plaatsingsdatum als die ontbreekt).' },
    handoverWithin: { key: 'handover-within', label: 'Binnen de beleidsnorm', type: 'percent', hint: 'Aandeel plaatsingen met een sleutel binnen de norm uit het beleid.' },
    declines: { key: 'declines', label: 'Afwijzingen', type: 'count', hint: 'Afwijzingen door corporatie of kandidaat, besloten in de periode.' },
    sustained12: { key: 'sustained-12', label: 'Nog gehuisvest na 12 maanden', type: 'percent', hint: 'Aandeel van de controles na 12 maanden (in de periode) waarbij de kandidaat nog gehuisvest was.' },
  },
} as const;

export const MONTH_SECTION: MonitorSectionDef = {
  key: 'outflow-month',
  title: 'Uitstroom per maand',
  note: `Plaatsingen per maand, per gemeente van de woning. ${PLACEMENT_FILTERS}`,
  columns: [col('label', 'Maand', 'text'), col('total', 'Totaal', 'count')],
  chart: { type: 'stacked', x: 'label', series: [] },
  drill: 'placements',
  drillNote: 'De plaatsingen in die maand (en gemeente).',
};

export const QUARTER_SECTION: MonitorSectionDef = {
  key: 'outflow-quarter',
  title: 'Uitstroom per kwartaal',
  note: `Plaatsingen per kwartaal (alleen de dagen binnen de periode), per gemeente van de woning. ${PLACEMENT_FILTERS}`,
  columns: [col('label', 'Kwartaal', 'text'), col('total', 'Totaal', 'count')],
  chart: { type: 'stacked', x: 'label', series: [] },
  drill: 'placements',
  drillNote: 'De plaatsingen in dat kwartaal (en gemeente).',
};

export const AGREED_SECTION: MonitorSectionDef = {
  key: 'outflow-agreed',
  title: 'Uitstroom tegen de afspraken',
  note:
    'Per gemeente: plaatsingen in de periode tegenover de jaarafspraken van de corporaties (maximum of afgesproken aantal), ' +
    'naar rato van de maanden van de periode in elk jaar. Met een filter op zorgaanbieder of doelgroep telt alleen dat deel van de plaatsingen.',
  columns: [
    col('municipality', 'Gemeente', 'text'),
    col('placed', 'Geplaatst', 'count'),
    col('agreed', 'Afgesproken (naar rato)', 'decimal', { hint: 'Jaarafspraak × maanden van de periode in dat jaar / 12, opgeteld over de jaren.' }),
    col('realisation', 'Realisatie', 'percent', { basis: 'placed', hint: 'Geplaatst als deel van het afgesproken aantal.' }),
  ],
  chart: { type: 'bar', x: 'municipality', series: ['placed', 'agreed'] },
  drill: 'placements',
  drillNote: 'De plaatsingen in die gemeente in de periode.',
};

export const QUOTA_SECTION: MonitorSectionDef = {
  key: 'quota',
  title: 'Afspraken per corporatie',
  note:
    'Per corporatie, gemeente en jaar (elk jaar dat de periode raakt, het hele kalenderjaar): de afspraak en de plaatsingen in woningen van die corporatie. ' +
    'Met een filter op zorgaanbieder of doelgroep telt alleen dat deel van de plaatsingen.',
  columns: [
    col('corporation', 'Corporatie', 'text'),
    col('municipality', 'Gemeente', 'text'),
    col('year', 'Jaar', 'year'),
    col('agreed', 'Afspraak', 'int'),
    col('realised', 'Gerealiseerd', 'count'),
    col('remaining', 'Resterend', 'int', { basis: 'realised', hint: 'Afspraak min gerealiseerd (negatief: boven de afspraak).' }),
    col('realisation', 'Realisatie', 'percent', { basis: 'realised' }),
  ],
  // Placed first, agreed second, as in the chart above: the same colour means the same thing in both.
  chart: { type: 'bar', x: 'corporation', series: ['realised', 'agreed'] },
  drill: 'placements',
  drillNote: 'De plaatsingen in woningen van die corporatie in die gemeente en dat jaar.',
};

export const HANDOVER_SECTION: MonitorSectionDef = {
  key: 'handover',
  title: 'Van woonrijp tot sleutel',
  note:
    `Plaatsingen in de periode met een woonrijpdatum: maanden van woonrijp tot de verhuisdatum (of de plaatsingsdatum als die ontbreekt), per gemeente van de woning en per doelgroep. ` +
    `Een maand is ${formatNumber(DAYS_PER_MONTH, 2)} dagen; een sleutel vóór de woonrijpdatum telt als 0.`,
  columns: [
    col('dimension', 'Indeling', 'text'),
    col('label', 'Gemeente of doelgroep', 'text'),
    col('count', 'Plaatsingen', 'count'),
    col('median', 'Mediaan', 'months', { basis: 'count' }),
    col('p25', '25e percentiel', 'months', { basis: 'count', hint: 'Een kwart wachtte korter (lineaire interpolatie).' }),
    col('p75', '75e percentiel', 'months', { basis: 'count', hint: 'Een kwart wachtte langer (lineaire interpolatie).' }),
    col('within', 'Binnen de norm', 'percent', { basis: 'count' }),
  ],
  chart: { type: 'bar', x: 'label', series: ['median'] },
  drill: 'placements',
  drillNote: 'De plaatsingen met hun woonrijp- en verhuisdatum.',
};

export const WAITING_SECTION: MonitorSectionDef = {
  key: 'waiting',
  title: 'Woonrijp en wachtend',
  note:
    'Actieve kandidaten bij wie nu elke voorwaarde voor duurzame uitstroom vervuld is, per zorgaanbieder en doelgroep, met de maanden sinds de woonrijpdatum. ' +
    'Gemeente is hier de gemeente van herkomst; de periode en de corporatie gelden niet (dit is de stand van vandaag).',
  columns: [
    col('provider', 'Zorgaanbieder', 'text'),
    col('group', 'Doelgroep', 'text'),
    col('count', 'Wachtend', 'count'),
    col('median', 'Mediaan wachttijd', 'months', { basis: 'count', hint: 'Maanden sinds woonrijp; kandidaten zonder woonrijpdatum tellen niet mee.' }),
    col('longest', 'Langste wachttijd', 'months', { basis: 'count' }),
  ],
  chart: { type: 'bar', x: 'provider', series: ['count'] },
  drill: 'waiting',
  drillNote: 'De wachtende kandidaten (code, zorgaanbieder, doelgroep, woonrijp sinds).',
};

export const DECLINE_PARTIES = [
  { key: 'client', label: 'Kandidaat' },
  { key: 'corporation', label: 'Corporatie' },
] as const;

export const DECLINES_SECTION: MonitorSectionDef = {
  key: 'declines',
  title: 'Afwijzingen: partij en reden',
  note:
    'Besluiten in de periode waarin de corporatie afwees of de kandidaat weigerde. Kandidaat: de reden "cliënt weigert" of een weigering van de kandidaat bij een voorstel dat de corporatie niet afwees; ' +
    'corporatie: de andere redenen. Gemeente en corporatie zijn die van de woning; zorgaanbieder en doelgroep die van de kandidaat.',
  columns: [col('party', 'Partij', 'text'), col('reason', 'Reden', 'text'), col('count', 'Aantal', 'count')],
  chart: { type: 'bar', x: 'reason', series: ['count'] },
  drill: 'declines',
  drillNote: 'De besluiten (ronde, datum, code, woning, reden, vastgelegd door).',
};

export const EXCHANGE_SECTION: MonitorSectionDef = {
  key: 'exchange',
  title: 'Uitwisseling tussen gemeenten',
  note:
    'Plaatsingen in de periode: rijen de gemeente van herkomst, kolommen de gemeente van de woning. Uit: naar andere gemeenten; in: uit andere gemeenten; saldo: in min uit. ' +
    'Een filter op gemeente houdt hier de plaatsingen van of naar die gemeente.',
  columns: [
    col('origin', 'Herkomst', 'text'),
    col('out', 'Uit', 'count', { hint: 'Naar een andere gemeente geplaatst.' }),
    col('in', 'In', 'count', { hint: 'Uit een andere gemeente ontvangen.' }),
    col('balance', 'Saldo', 'int', { basis: ['in', 'out'], hint: 'In min uit.' }),
  ],
  chart: { type: 'stacked', x: 'origin', series: [] },
  drill: 'placements',
  drillNote: 'De plaatsingen van die herkomst (naar die gemeente).',
};

export const LOAD_SECTION: MonitorSectionDef = {
  key: 'load',
  title: 'Draagkracht: buurt en complex',
  note:
    'Plaatsingen in de capperiode uit het beleid, tot en met het einde van de gekozen periode, per buurt (alle buurten) en per complex (met plaatsingen), ' +
    'naast het maximum uit het beleid en de kenmerken van de buurt.',
  columns: [
    col('level', 'Niveau', 'text'),
    col('municipality', 'Gemeente', 'text'),
    col('neighbourhood', 'Buurt', 'text'),
    col('complex', 'Complex', 'text'),
    col('count', 'Plaatsingen', 'count'),
    col('cap', 'Maximum', 'int', { hint: 'Per buurt of per complex in de capperiode (beleid).' }),
    col('socialRent', 'Sociale huur', 'percent', { hint: 'Aandeel sociale huurwoningen in de buurt.' }),
    col('liveability', 'Leefbaarometer', 'int', { hint: 'Klasse 1-9 (Leefbaarometer).' }),
  ],
  chart: { type: 'bar', x: 'neighbourhood', series: ['count', 'cap'] },
  drill: 'placements',
  drillNote: 'De plaatsingen in die buurt of dat complex in de capperiode.',
};

export const SUSTAINED_SECTION: MonitorSectionDef = {
  key: 'sustained',
  title: 'Duurzaam gehuisvest',
  note:
    'Plaatsingen waarvan de controle na 6, 12 of 24 maanden (na de verhuisdatum, anders de plaatsingsdatum) in de periode viel, tot vandaag: ' +
    'hoeveel zijn gecontroleerd, nog gehuisvest, en met terugval. Ook plaatsingen zonder nazorg in de app tellen als te controleren.',
  columns: [
    col('label', 'Controle', 'text'),
    col('due', 'Te controleren', 'count'),
    col('checked', 'Gecontroleerd', 'count'),
    col('housed', 'Nog gehuisvest', 'count'),
    col('share', 'Aandeel gehuisvest', 'percent', { basis: 'checked', hint: 'Nog gehuisvest als deel van de gecontroleerde plaatsingen.' }),
    col('relapse', 'Terugval', 'count'),
  ],
  chart: { type: 'bar', x: 'label', series: ['checked', 'housed'] },
  drill: 'placements',
  drillNote: 'De plaatsingen met hun controle.',
};

export const OMKLAP_SECTION: MonitorSectionDef = {
  key: 'omklap',
  title: 'Omklapdata komende 12 maanden',
  note: `Evaluaties van onderhuur (omklapdatum) en huurcontracten op eigen naam vanaf vandaag, per maand. De periode geldt hier niet. ${PLACEMENT_FILTERS}`,
  columns: [
    col('label', 'Maand', 'text'),
    col('review', 'Omklapdatum', 'count'),
    col('transfer', 'Huurcontract op eigen naam', 'count'),
    col('total', 'Totaal', 'count'),
  ],
  chart: { type: 'stacked', x: 'label', series: ['review', 'transfer'] },
  drill: 'placements',
  drillNote: 'De plaatsingen met die datum in die maand.',
};

/** A monitor-field section (one per field of FIELD_SECTIONS). */
export function fieldSection(key: FieldSectionKey): MonitorSectionDef {
  const f = FIELD_SECTIONS.find((s) => s.key === key)!;
  return {
    key: f.key,
    title: f.title,
    note: `Plaatsingen in de periode, naar de gegevens van de kandidaat op de plaatsingsdatum. ${PLACEMENT_FILTERS}`,
    columns: [col('category', f.title, 'text'), col('count', 'Plaatsingen', 'count'), col('share', 'Aandeel', 'percent', { basis: 'count' })],
    chart: { type: 'bar', x: 'category', series: ['count'] },
    drill: 'placements',
    drillNote: 'De plaatsingen in die categorie.',
  };
}

/** Every table section in order (field sections last). Titles fit an XLSX sheet name (31 characters). */
export const TABLE_SECTIONS: MonitorSectionDef[] = [
  MONTH_SECTION,
  QUARTER_SECTION,
  AGREED_SECTION,
  QUOTA_SECTION,
  HANDOVER_SECTION,
  WAITING_SECTION,
  DECLINES_SECTION,
  EXCHANGE_SECTION,
  LOAD_SECTION,
  SUSTAINED_SECTION,
  OMKLAP_SECTION,
  ...FIELD_SECTIONS.map((f) => fieldSection(f.key)),
];

/** Every section key monitor.rows accepts. */
export const MONITOR_SECTION_KEYS: string[] = [SUMMARY.key, ...TABLE_SECTIONS.map((s) => s.key)];

/** A count column per municipality (the key is its code, the label its name). */
export function municipalityColumns(municipalities: { code: string; name: string }[]): ReportColumn[] {
  return municipalities.map((m) => col(m.code, m.name, 'count'));
}

// ---------------------------------------------------------------------------------------------
// Click-through rows (monitor.rows): pseudonymous, never a name, note or area to avoid

export const REMOVED_CLIENT = '— (verwijderd)';

export const PLACEMENT_ROW_COLUMNS: ReportColumn[] = [
  col('code', 'Code', 'text', { hint: 'Pseudonieme code; "— (verwijderd)" als de kandidaat is gewist.' }),
  col('date', 'Plaatsingsdatum', 'date'),
  col('origin', 'Herkomst', 'text'),
  col('destination', 'Gemeente woning', 'text'),
  col('neighbourhood', 'Buurt', 'text'),
  col('corporation', 'Corporatie', 'text'),
  col('group', 'Doelgroep', 'text'),
  col('kind', 'Soort woning', 'text'),
  col('ready', 'Woonrijp sinds', 'date'),
  col('moveIn', 'Verhuisdatum', 'date'),
];

/** Extra columns of the placement rows behind some sections. */
export const PLACEMENT_ROW_EXTRAS: Record<string, ReportColumn[]> = {
  handover: [col('months', 'Maanden woonrijp tot sleutel', 'months')],
  sustained: [col('due', 'Controle op', 'date'), col('checkedAt', 'Gecontroleerd op', 'date'), col('housed', 'Nog gehuisvest', 'text'), col('relapse', 'Terugval', 'text')],
  omklap: [col('review', 'Omklapdatum', 'date'), col('transfer', 'Huurcontract op eigen naam', 'date')],
};

export const WAITING_ROW_COLUMNS: ReportColumn[] = [
  col('code', 'Code', 'text'),
  col('provider', 'Zorgaanbieder', 'text'),
  col('group', 'Doelgroep', 'text'),
  col('origin', 'Herkomst', 'text'),
  col('ready', 'Woonrijp sinds', 'date'),
  col('months', 'Maanden wachtend', 'months'),
];

export const DECLINE_ROW_COLUMNS: ReportColumn[] = [
  col('round', 'Ronde', 'int'),
  col('date', 'Besluitdatum', 'date'),
  col('code', 'Code', 'text'),
  col('unit', 'Woning', 'text'),
  col('party', 'Partij', 'text'),
  col('reason', 'Reden', 'text'),
  col('recordedBy', 'Vastgelegd door', 'text'),
];

/** The most rows monitor.rows returns (the total says how many there are). */
export const MONITOR_ROWS_LIMIT = 2000;
