// The corporation report (report 'corporation'): its title, privacy line, sections, figures and columns
// with their Dutch labels and types — the one place the PDF, XLSX, CSV, screen and CLI read them from.
// Housing facts only, exactly those the liaison's review file shares. Pure TypeScript.
import type { FigureDef, ReportColumn } from '../report-doc';

/** "Rapportage woningcorporatie", about "Polderhuis Wonen". */
export const title = (): string => 'Rapportage woningcorporatie';
export const subject = (corporation: string): string => corporation;

export const PRIVACY =
  'Pseudoniem: kandidaten alleen met hun code en alleen de gegevens die voor de verhuur nodig zijn, zoals in het beoordelingsbestand. Geen namen, diagnoses, notities, netwerk of te vermijden gebieden.';

export const SECTIONS = {
  figures: { key: 'kerncijfers', title: 'Kerncijfers' },
  proposals: {
    key: 'voorstellen',
    title: 'Voorstellen',
    note: 'Voorstellen voor woningen van de corporatie in de rondes van de periode: het laatste voorstel van elke ronde en elk voorstel waarover een besluit is vastgelegd.',
  },
  households: {
    key: 'huishoudens',
    title: 'Huishouden en begeleiding',
    note: 'Per voorstel wat de verhuur nodig heeft, zoals in het beoordelingsbestand: huishouden, inkomensklasse, schulden, begeleiding en woonbehoeften.',
  },
  decisions: { key: 'besluiten', title: 'Besluiten', note: 'Het laatste besluit per voorstel, met de contactpersoon van de corporatie die besloot (of anders wie het vastlegde).' },
  placements: { key: 'plaatsingen', title: 'Plaatsingen', note: 'Plaatsingen in woningen van de corporatie in de periode.' },
  quota: {
    key: 'afspraken',
    title: 'Afspraken per gemeente',
    note: 'Gerealiseerd: plaatsingen in woningen van de corporatie in die gemeente in dat kalenderjaar. Resterend: afgesproken min gerealiseerd (negatief: meer dan afgesproken).',
  },
} as const;

/** Said in the proposals note when proposals are left out for lack of consent (as the review file does). */
export const withheldNote = (count: number): string =>
  `${count === 1 ? '1 voorstel is' : `${count} voorstellen zijn`} weggelaten: de cliënt gaf geen toestemming om gegevens met deze corporatie te delen (zoals in het beoordelingsbestand). De kerncijfers tellen alleen de getoonde voorstellen.`;

/** Said in the placements note when a placement's client may not be named to this corporation. */
export const placementWithheldNote = (count: number): string =>
  `Bij ${count === 1 ? '1 plaatsing' : `${count} plaatsingen`} staat geen code: de cliënt gaf geen toestemming om gegevens met deze corporatie te delen, of de gegevens zijn gewist.`;

export const FIGURES = [
  { key: 'proposals', label: 'Voorstellen', type: 'count' },
  { key: 'accepted', label: 'Akkoord (ook onder voorwaarden)', type: 'count' },
  { key: 'declined', label: 'Afgewezen', type: 'count' },
  { key: 'pending', label: 'Nog geen besluit', type: 'count' },
  { key: 'placed', label: 'Geplaatst in de periode', type: 'count' },
  { key: 'realised', label: 'Plaatsingen binnen de afspraken', type: 'count', hint: 'Plaatsingen in de jaren en gemeenten van de afspraken hieronder.' },
  { key: 'agreed', label: 'Afgesproken aantal', type: 'int', hint: 'De som van de afspraken van de jaren in de periode.' },
] as const satisfies readonly FigureDef[];

/** One figure per decline reason follows the fixed figures: "Afgewezen: Corporatie weigert: huurschuld". */
export const declineFigureKey = (reason: string): string => `declined-${reason}`;
export const declineFigureLabel = (reasonLabel: string): string => `Afgewezen: ${reasonLabel}`;

export const PROPOSAL_COLUMNS = [
  { key: 'round', label: 'Ronde', type: 'int' },
  { key: 'roundDate', label: 'Datum ronde', type: 'date' },
  { key: 'unit', label: 'Woning', type: 'text' },
  { key: 'address', label: 'Adres', type: 'text' },
  { key: 'municipality', label: 'Gemeente', type: 'text' },
  { key: 'neighbourhood', label: 'Buurt', type: 'text' },
  { key: 'kind', label: 'Soort woning', type: 'text' },
  { key: 'rooms', label: 'Kamers', type: 'int' },
  { key: 'rent', label: 'Huur', type: 'money', hint: 'Kale huur per maand.' },
  { key: 'contractForms', label: 'Contractvormen', type: 'text' },
  { key: 'code', label: 'Kandidaat', type: 'text' },
] as const satisfies readonly ReportColumn[];

export const HOUSEHOLD_COLUMNS = [
  { key: 'round', label: 'Ronde', type: 'int' },
  { key: 'unit', label: 'Woning', type: 'text' },
  { key: 'code', label: 'Kandidaat', type: 'text' },
  { key: 'adults', label: 'Volwassenen', type: 'int' },
  { key: 'children', label: 'Kinderen', type: 'int' },
  { key: 'incomeBand', label: 'Netto inkomen per maand', type: 'text' },
  { key: 'budgetManagement', label: 'Budgetbeheer', type: 'text' },
  { key: 'debts', label: 'Schulden', type: 'text' },
  { key: 'supportProvider', label: 'Begeleiding door', type: 'text' },
  { key: 'supportIntensity', label: 'Intensiteit', type: 'text' },
  { key: 'supportStart', label: 'Start begeleiding', type: 'date' },
  { key: 'supportMonths', label: 'Duur begeleiding (mnd)', type: 'int' },
  { key: 'needs', label: 'Woonbehoeften', type: 'text' },
] as const satisfies readonly ReportColumn[];

export const DECISION_COLUMNS = [
  { key: 'round', label: 'Ronde', type: 'int' },
  { key: 'unit', label: 'Woning', type: 'text' },
  { key: 'code', label: 'Kandidaat', type: 'text' },
  { key: 'decision', label: 'Besluit', type: 'text' },
  { key: 'reason', label: 'Reden van afwijzing', type: 'text' },
  { key: 'clientAnswer', label: 'Antwoord cliënt', type: 'text' },
  { key: 'decidedBy', label: 'Vastgelegd door', type: 'text', hint: 'De contactpersoon van de corporatie namens wie het besluit is vastgelegd; anders wie het heeft ingevoerd.' },
  { key: 'decidedAt', label: 'Datum besluit', type: 'date' },
] as const satisfies readonly ReportColumn[];

export const PLACEMENT_COLUMNS = [
  { key: 'date', label: 'Plaatsingsdatum', type: 'date' },
  { key: 'round', label: 'Ronde', type: 'int' },
  { key: 'unit', label: 'Woning', type: 'text' },
  { key: 'municipality', label: 'Gemeente', type: 'text' },
  { key: 'neighbourhood', label: 'Buurt', type: 'text' },
  { key: 'kind', label: 'Soort woning', type: 'text' },
  { key: 'code', label: 'Kandidaat', type: 'text' },
  { key: 'moveIn', label: 'Verhuisdatum', type: 'date' },
  { key: 'contractForm', label: 'Contractvorm', type: 'text' },
  { key: 'reviewDate', label: 'Omklapdatum (evaluatie)', type: 'date' },
  { key: 'leaseTransfer', label: 'Huurcontract op eigen naam', type: 'date' },
] as const satisfies readonly ReportColumn[];

export const QUOTA_COLUMNS = [
  { key: 'municipality', label: 'Gemeente', type: 'text' },
  { key: 'year', label: 'Jaar', type: 'year' },
  { key: 'kind', label: 'Soort afspraak', type: 'text' },
  { key: 'agreed', label: 'Afgesproken', type: 'int' },
  { key: 'realised', label: 'Gerealiseerd', type: 'count' },
  { key: 'remaining', label: 'Resterend', type: 'int', basis: 'realised' },
  { key: 'realisation', label: 'Realisatie', type: 'percent', basis: 'realised' },
] as const satisfies readonly ReportColumn[];

export const YES_NO = { yes: 'Ja', no: 'Nee' } as const;
/** A municipality and year with placements but no agreement. */
export const NO_AGREEMENT = 'Geen afspraak';
