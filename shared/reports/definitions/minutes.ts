// The minutes of a round (report 'minutes'): title, privacy line, sections, figures and columns with
// Dutch labels and types — the one place the PDF, XLSX, CSV, screen and CLI read them from. The builder
// electron/backend/reports/minutes.report.ts fills them from the round's record. Pure TypeScript.
import type { FigureDef, ReportColumn } from '../report-doc';

export const TITLE = 'Verslag uitstroomtafel';
export const DRAFT_TITLE = 'Verslag uitstroomtafel (concept)';
export const DRAFT_LINE = 'Concept — de ronde is nog niet gesloten';

export const PRIVACY =
  'Pseudoniem: kandidaten staan er alleen met hun code in, zonder naam, adres, notities, diagnoses, netwerk of te vermijden gebieden.';

/** Section titles stay within 31 characters: they name the XLSX sheets. */
export const SECTIONS = {
  summary: { key: 'samenvatting', title: 'Samenvatting' },
  decisions: { key: 'besluiten', title: 'Besluiten' },
  controls: {
    key: 'aanpassingen',
    title: 'Aanpassingen in de ronde',
    note: 'Wat de voorzitter vastzette, uitsloot of parkeerde, en afwijzingen die het paar uitsloten voor een volgende berekening.',
  },
  members: { key: 'deelname', title: 'Handmatig in of uit de ronde' },
  placements: { key: 'plaatsingen', title: 'Plaatsingen' },
  followUp: {
    key: 'vervolg',
    title: 'Vervolgafspraken',
    note: 'Controles na 6, 12 en 24 maanden rekenen vanaf de verhuisdatum (of de plaatsingsdatum zolang die ontbreekt).',
  },
} as const;

export const SUMMARY_FIGURES = [
  { key: 'date', label: 'Datum van de tafel', type: 'date' },
  { key: 'status', label: 'Status', type: 'text' },
  { key: 'version', label: 'Besloten op versie', type: 'int' },
  { key: 'note', label: 'Notitie bij de ronde', type: 'text' },
  { key: 'decisions', label: 'Besluiten', type: 'count' },
  { key: 'accepted', label: 'Akkoord', type: 'count' },
  { key: 'acceptedConditions', label: 'Akkoord onder voorwaarden', type: 'count' },
  { key: 'declined', label: 'Afgewezen', type: 'count' },
  { key: 'clientRefused', label: 'Cliënt weigert', type: 'count' },
  { key: 'clientPending', label: 'Antwoord cliënt nog niet bekend', type: 'count' },
  { key: 'controls', label: 'Vastgezet, uitgesloten of geparkeerd', type: 'count' },
  { key: 'placements', label: 'Plaatsingen', type: 'count' },
] as const satisfies readonly FigureDef[];

export const DECISION_COLUMNS = [
  { key: 'client', label: 'Kandidaat', type: 'text' },
  { key: 'unit', label: 'Woning', type: 'text' },
  { key: 'municipality', label: 'Gemeente', type: 'text' },
  { key: 'corporation', label: 'Corporatie', type: 'text' },
  { key: 'version', label: 'Versie', type: 'int' },
  { key: 'decision', label: 'Besluit', type: 'text' },
  { key: 'conditions', label: 'Voorwaarden', type: 'text' },
  { key: 'declineReason', label: 'Reden afwijzing', type: 'text' },
  { key: 'clientAnswer', label: 'Antwoord cliënt', type: 'text' },
  { key: 'note', label: 'Toelichting', type: 'text' },
  { key: 'by', label: 'Vastgelegd door', type: 'text' },
  { key: 'at', label: 'Vastgelegd op', type: 'text' },
] as const satisfies readonly ReportColumn[];

export const CONTROL_COLUMNS = [
  { key: 'kind', label: 'Wat', type: 'text' },
  { key: 'client', label: 'Kandidaat', type: 'text' },
  { key: 'unit', label: 'Woning', type: 'text' },
  { key: 'reason', label: 'Reden', type: 'text' },
  { key: 'by', label: 'Door', type: 'text' },
  { key: 'at', label: 'Op', type: 'text' },
  { key: 'lifted', label: 'Opgeheven', type: 'text' },
  { key: 'liftReason', label: 'Reden opheffen', type: 'text' },
] as const satisfies readonly ReportColumn[];

export const MEMBER_COLUMNS = [
  { key: 'what', label: 'Kandidaat of woning', type: 'text' },
  { key: 'code', label: 'Code', type: 'text' },
  { key: 'change', label: 'Wijziging', type: 'text' },
  { key: 'reason', label: 'Reden', type: 'text' },
] as const satisfies readonly ReportColumn[];

export const PLACEMENT_COLUMNS = [
  { key: 'client', label: 'Kandidaat', type: 'text' },
  { key: 'unit', label: 'Woning', type: 'text' },
  { key: 'municipality', label: 'Gemeente', type: 'text' },
  { key: 'kind', label: 'Soort woning', type: 'text' },
  { key: 'corporation', label: 'Corporatie', type: 'text' },
  { key: 'date', label: 'Geplaatst op', type: 'date' },
  { key: 'contractForm', label: 'Contractvorm', type: 'text' },
] as const satisfies readonly ReportColumn[];

export const FOLLOW_UP_COLUMNS = [
  { key: 'client', label: 'Kandidaat', type: 'text' },
  { key: 'unit', label: 'Woning', type: 'text' },
  { key: 'moveIn', label: 'Verhuizing', type: 'date' },
  { key: 'supportStart', label: 'Start begeleiding', type: 'date' },
  { key: 'review', label: 'Evaluatie omklap', type: 'date' },
  { key: 'leaseTransfer', label: 'Huurcontract op eigen naam', type: 'date' },
  { key: 'check6', label: 'Controle 6 maanden', type: 'date' },
  { key: 'check12', label: 'Controle 12 maanden', type: 'date' },
  { key: 'check24', label: 'Controle 24 maanden', type: 'date' },
] as const satisfies readonly ReportColumn[];

export const DECISION_LABELS = {
  accepted: 'Akkoord',
  'accepted-conditions': 'Akkoord onder voorwaarden',
  declined: 'Afgewezen',
} as const;

export const CLIENT_ANSWER_LABELS = { pending: 'Nog niet bekend', accepted: 'Akkoord', refused: 'Weigert' } as const;

export const CONTROL_KIND_LABELS = {
  lock: 'Vastgezet',
  forbid: 'Uitgesloten',
  'set-aside-client': 'Kandidaat geparkeerd',
  'set-aside-unit': 'Woning geparkeerd',
} as const;

/** A forbid that a declined pair made (source 'decision') is said so. */
export const FORBID_BY_DECLINE = 'Uitgesloten na afwijzing';
