// The care provider's match report (report 'provider'): its title, privacy line, sections, figures and
// columns with their Dutch labels and types — the one place the PDF, XLSX, CSV, screen and CLI read them
// from. The builder electron/backend/reports/provider.report.ts fills them. Pure TypeScript.
import type { FigureDef, ReportColumn } from '../report-doc';

/** "Matchrapportage zorgaanbieder", about "Dijkzicht Zorg". */
export const title = (): string => 'Matchrapportage zorgaanbieder';
export const subject = (provider: string): string => provider;

export const PRIVACY =
  'Alleen kandidaten van deze zorgaanbieder, met hun code; een naam alleen waar de cliënt daarvoor toestemming gaf aan deze zorgaanbieder. Geen diagnoses, notities, netwerk of te vermijden gebieden.';

export const SECTIONS = {
  figures: { key: 'kerncijfers', title: 'Kerncijfers' },
  candidates: {
    key: 'kandidaten',
    title: 'Kandidaten',
    note: 'Eén regel per kandidaat. Wachttijd: hele maanden van woonrijp tot vandaag, of tot de plaatsing.',
  },
  decisions: {
    key: 'besluiten',
    title: 'Voorstellen en besluiten',
    note: 'Elk besluit over een voorstel dat in de periode is vastgelegd (het laatste besluit per voorstel).',
  },
  placements: {
    key: 'plaatsingen',
    title: 'Plaatsingen',
    note: 'Plaatsingen in de periode met de afspraken van de nazorg. Controles na 6, 12 en 24 maanden, gerekend vanaf de verhuisdatum (of de plaatsingsdatum).',
  },
} as const;

/** The figures on page one, in this order. In a round report "in de periode" reads "in de ronde". */
export const FIGURES = [
  { key: 'inRegister', label: 'Kandidaten in het register', type: 'count', hint: 'Alle kandidaten van deze zorgaanbieder in het register (of in de ronde).' },
  { key: 'ready', label: 'Woonrijp', type: 'count', hint: 'Actieve kandidaten bij wie elke voorwaarde van het huidige beleid is afgevinkt, en actieve Housing First-kandidaten (voor hen geldt de toets niet).' },
  { key: 'waiting', label: 'Wachtend', type: 'count', hint: 'Woonrijp, actief en niet voorgesteld in een lopende ronde.' },
  { key: 'proposed', label: 'Voorgesteld', type: 'count', hint: "Kandidaten in het laatste voorstel van een ronde in de periode, of met een besluit in zo'n ronde." },
  { key: 'accepted', label: 'Akkoord van de corporatie', type: 'count', hint: 'Kandidaten met een akkoord (ook onder voorwaarden) dat in de periode is vastgelegd.' },
  { key: 'declined', label: 'Afgewezen voorstellen', type: 'count', hint: 'Afgewezen voorstellen met een besluit in de periode (door de corporatie of de cliënt).' },
  { key: 'placed', label: 'Geplaatst in de periode', type: 'count' },
  { key: 'medianWait', label: 'Mediane wachttijd tot plaatsing', type: 'months', hint: 'Hele maanden van woonrijp tot de plaatsing, van de plaatsingen in de periode.' },
] as const satisfies readonly FigureDef[];
export type FigureKey = (typeof FIGURES)[number]['key'];

export const CANDIDATE_COLUMNS = [
  { key: 'code', label: 'Code', type: 'text' },
  { key: 'name', label: 'Naam', type: 'text', hint: 'Alleen als de cliënt toestemming gaf om zijn gegevens met deze zorgaanbieder te delen.' },
  { key: 'group', label: 'Doelgroep', type: 'text' },
  { key: 'readySince', label: 'Woonrijp sinds', type: 'date' },
  { key: 'openItems', label: 'Open voorwaarden', type: 'text', hint: 'Voorwaarden voor duurzame uitstroom uit het huidige beleid die nog niet zijn afgevinkt.' },
  { key: 'status', label: 'Status', type: 'text' },
  { key: 'waitMonths', label: 'Wachttijd (mnd)', type: 'int', hint: 'Hele maanden van woonrijp tot vandaag, of tot de plaatsing.' },
  { key: 'nextStep', label: 'Volgende stap', type: 'text' },
  { key: 'nextDate', label: 'Datum volgende stap', type: 'date' },
] as const satisfies readonly ReportColumn[];

export const DECISION_COLUMNS = [
  { key: 'round', label: 'Ronde', type: 'int' },
  { key: 'roundDate', label: 'Datum ronde', type: 'date' },
  { key: 'decidedAt', label: 'Datum besluit', type: 'date' },
  { key: 'code', label: 'Code', type: 'text' },
  { key: 'municipality', label: 'Gemeente woning', type: 'text' },
  { key: 'kind', label: 'Soort woning', type: 'text' },
  { key: 'decision', label: 'Besluit', type: 'text' },
  { key: 'reason', label: 'Reden van afwijzing', type: 'text' },
  { key: 'clientAnswer', label: 'Antwoord cliënt', type: 'text' },
] as const satisfies readonly ReportColumn[];

export const PLACEMENT_COLUMNS = [
  { key: 'code', label: 'Code', type: 'text', hint: '"— (verwijderd)": de gegevens van de cliënt zijn gewist; de plaatsing telt mee.' },
  { key: 'date', label: 'Plaatsingsdatum', type: 'date' },
  { key: 'round', label: 'Ronde', type: 'int' },
  { key: 'municipality', label: 'Gemeente', type: 'text' },
  { key: 'kind', label: 'Soort woning', type: 'text' },
  { key: 'moveIn', label: 'Verhuisdatum', type: 'date' },
  { key: 'supportStart', label: 'Start begeleiding', type: 'date' },
  { key: 'reviewDate', label: 'Omklapdatum (evaluatie)', type: 'date' },
  { key: 'leaseTransfer', label: 'Huurcontract op eigen naam', type: 'date' },
  { key: 'check6', label: 'Controle 6 mnd', type: 'text' },
  { key: 'check12', label: 'Controle 12 mnd', type: 'text' },
  { key: 'check24', label: 'Controle 24 mnd', type: 'text' },
] as const satisfies readonly ReportColumn[];

/** Status words of the Kandidaten table. */
export const STATUS_WORDS = {
  waiting: 'Wachtend',
  notReady: 'Nog niet woonrijp',
  setAside: 'Geparkeerd',
  archived: 'Gearchiveerd',
  placed: 'Geplaatst',
} as const;

/** A removed client's code in the tables. */
export const REMOVED_CODE = '— (verwijderd)';
