// The meeting agenda (report 'agenda'): its title, privacy line, sections, figures and columns with their
// Dutch labels and types — the one place the PDF, XLSX, CSV, screen and CLI read them from. The builder
// electron/backend/reports/agenda.report.ts fills them from the round's latest proposal. Pure TypeScript.
import { PRACTICE } from '../../domain/round-words';
import type { FigureDef, ReportColumn } from '../report-doc';

export const TITLE = 'Agenda uitstroomtafel';

export const PRIVACY =
  'Pseudoniem: kandidaten staan er alleen met hun code in, zonder naam, adres, doelgroep, notities, diagnoses, netwerk of te vermijden gebieden.';

/** Section titles stay within 31 characters: they name the XLSX sheets. */
export const SECTIONS = {
  round: { key: 'ronde', title: 'De ronde' },
  proposal: { key: 'voorstel', title: 'Het voorstel' },
  practice: {
    key: 'praktijk',
    title: PRACTICE.title,
    note: `Ter vergelijking. ${PRACTICE.rule}`,
  },
  participants: { key: 'deelnemers', title: 'Deelnemende organisaties' },
  exchange: {
    key: 'uitwisseling',
    title: 'Uitwisseling tussen gemeenten',
    note: 'Kandidaten die naar een andere gemeente verhuizen min de kandidaten die een gemeente ontvangt. Binnen de afgesproken band is de uitwisseling in evenwicht.',
  },
  proposals: { key: 'voorstellen', title: 'Voorstellen' },
  unplaced: { key: 'niet-geplaatst', title: 'Niet geplaatst' },
} as const;

/** "De ronde": when, which window, which proposal. */
export const ROUND_FIGURES = [
  { key: 'date', label: 'Datum van de tafel', type: 'date' },
  { key: 'window', label: 'Planningsperiode', type: 'text', hint: 'Woningen die in deze periode vrijkomen, doen mee.' },
  { key: 'version', label: 'Versie van het voorstel', type: 'int' },
  { key: 'optimality', label: 'Berekening', type: 'text' },
  { key: 'candidates', label: 'Kandidaten in de ronde', type: 'count' },
  { key: 'units', label: 'Woningen in de ronde', type: 'count' },
] as const satisfies readonly FigureDef[];

/** The same figures for the proposal and for today's practice, side by side. */
export const COMPARISON_FIGURES = [
  { key: 'placed', label: 'Geplaatst', type: 'count' },
  {
    key: 'homeOrNetwork',
    label: 'In de gemeente van herkomst of van het netwerk',
    type: 'percent',
    hint: 'Aandeel van de geplaatste kandidaten.',
  },
  { key: 'totalScore', label: 'Totaalscore', type: 'decimal', hint: 'De som van de scores van alle voorgestelde koppelingen.' },
  {
    key: 'medianWait',
    label: 'Mediane wachttijd van de geplaatsten',
    type: 'months',
    hint: 'Maanden sinds woonrijp, op de datum van het voorstel.',
  },
] as const satisfies readonly FigureDef[];

export const PARTICIPANT_COLUMNS = [
  { key: 'kind', label: 'Soort', type: 'text' },
  { key: 'name', label: 'Organisatie', type: 'text' },
  { key: 'proposals', label: 'Voorstellen', type: 'count', hint: 'Voorgestelde koppelingen waarbij de organisatie betrokken is.' },
  { key: 'unplaced', label: 'Niet geplaatst', type: 'count', hint: 'Kandidaten van de zorgaanbieder of uit de gemeente zonder voorstel.' },
] as const satisfies readonly ReportColumn[];

export const EXCHANGE_COLUMNS = [
  { key: 'municipality', label: 'Gemeente', type: 'text' },
  { key: 'before', label: 'Voor de ronde', type: 'int' },
  { key: 'proposal', label: 'Na het voorstel', type: 'int' },
  { key: 'practice', label: 'Na de huidige praktijk', type: 'int' },
  { key: 'band', label: 'Afgesproken band (±)', type: 'int' },
] as const satisfies readonly ReportColumn[];

export const PROPOSAL_COLUMNS = [
  { key: 'client', label: 'Kandidaat', type: 'text' },
  { key: 'household', label: 'Huishouden', type: 'text' },
  { key: 'unit', label: 'Woning', type: 'text' },
  { key: 'municipality', label: 'Gemeente', type: 'text' },
  { key: 'neighbourhood', label: 'Buurt', type: 'text' },
  { key: 'kind', label: 'Soort woning', type: 'text' },
  { key: 'rooms', label: 'Kamers', type: 'int' },
  { key: 'rent', label: 'Huur', type: 'money', hint: 'Kale huur per maand.' },
  { key: 'corporation', label: 'Corporatie', type: 'text' },
  { key: 'why', label: 'Waarom deze woning', type: 'text', hint: 'De zwaarste redenen uit de score, in het kort.' },
  { key: 'score', label: 'Score', type: 'decimal' },
] as const satisfies readonly ReportColumn[];

export const UNPLACED_COLUMNS = [
  { key: 'client', label: 'Kandidaat', type: 'text' },
  { key: 'reason', label: 'Reden', type: 'text' },
  { key: 'detail', label: 'Toelichting', type: 'text' },
] as const satisfies readonly ReportColumn[];

export const PARTICIPANT_KINDS = {
  corporation: 'Corporatie',
  provider: 'Zorgaanbieder',
  municipality: 'Gemeente',
} as const;

/** Why an unplaced client has no proposal, in words (the engine's kinds). */
export const UNPLACED_REASONS = {
  'not-candidate': 'Doet niet mee',
  'set-aside': 'Geparkeerd door de voorzitter',
  'no-possible-unit': 'Geen passende woning in deze ronde',
  outcompeted: 'Een andere verdeling past beter',
} as const;

/** The short explanation's phrases per score term (the engine's term codes). */
export const TERM_PHRASES: Record<string, string> = {
  HOME: 'terug naar de eigen gemeente',
  HOME_NETWORK: 'in de gemeente van het netwerk',
  NETWORK: 'dicht bij het netwerk',
  URGENCY: 'urgent',
  PREF_MUNICIPALITY: 'voorkeursgemeente',
  PREF_NEIGHBOURHOOD: 'voorkeursbuurt',
  PREF_KIND: 'gewenste woningsoort',
  STAY: 'blijft wonen, het huurcontract gaat op eigen naam',
};

/** Why a proposal lies outside the municipality of origin, in words; 'safety' is said without saying it. */
export const DEVIATION_PHRASES: Record<string, string> = {
  recovery: 'buiten de gemeente van herkomst, voor het herstel',
  safety: 'buiten de gemeente van herkomst, om een vertrouwelijke reden',
  'own-choice': 'buiten de gemeente van herkomst, op eigen keuze',
  other: 'buiten de gemeente van herkomst',
};

/** A rule that excluded homes, said without naming what the client avoids. */
export const SAFETY_RULE_PHRASE = 'Ligging past niet voor deze kandidaat';
