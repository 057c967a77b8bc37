// Enumerations of the domain (groups, unit kinds, needs, ...) with their Dutch UI labels.
// Pure TypeScript: runs in the renderer, the backend and the matching engine.
import { z } from 'zod';

export const CLIENT_GROUPS = ['BW', 'MO', 'VO', 'YOUTH', 'FORENSIC'] as const;
export const ClientGroup = z.enum(CLIENT_GROUPS);
export type ClientGroup = z.infer<typeof ClientGroup>;
export const CLIENT_GROUP_LABELS: Record<ClientGroup, string> = {
  BW: 'Beschermd wonen',
  MO: 'Maatschappelijke opvang',
  VO: 'Vrouwenopvang',
  YOUTH: 'Jongeren (18-23)',
  FORENSIC: 'Forensische nazorg',
};

export const UNIT_KINDS = [
  'contingent',
  'kanswoning',
  'omklap',
  'housing-first',
  'skaeve-huse',
  'regular',
  'crisis',
] as const;
export const UnitKind = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof UnitKind>;
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  contingent: 'Contingentwoning',
  kanswoning: 'Kanswoning',
  omklap: 'Omklapwoning',
  'housing-first': 'Housing First-woning',
  'skaeve-huse': 'Skaeve Huse',
  regular: 'Reguliere woning',
  crisis: 'Crisiswoning',
};

export const CONTRACT_FORMS = ['regular', 'three-party', 'sublet', 'temporary'] as const;
export const ContractForm = z.enum(CONTRACT_FORMS);
export type ContractForm = z.infer<typeof ContractForm>;
export const CONTRACT_FORM_LABELS: Record<ContractForm, string> = {
  regular: 'Regulier huurcontract',
  'three-party': 'Driepartijenovereenkomst',
  sublet: 'Onderhuur via zorgaanbieder',
  temporary: 'Tijdelijk huurcontract',
};

export const UNIT_STATUSES = ['available', 'reserved', 'let', 'withdrawn'] as const;
export const UnitStatus = z.enum(UNIT_STATUSES);
export type UnitStatus = z.infer<typeof UnitStatus>;
export const UNIT_STATUS_LABELS: Record<UnitStatus, string> = {
  available: 'Beschikbaar',
  reserved: 'Gereserveerd',
  let: 'Verhuurd',
  withdrawn: 'Ingetrokken',
};

export const CLIENT_STATUSES = ['active', 'set-aside', 'placed', 'archived'] as const;
export const ClientStatus = z.enum(CLIENT_STATUSES);
export type ClientStatus = z.infer<typeof ClientStatus>;
export const CLIENT_STATUS_LABELS: Record<ClientStatus, string> = {
  active: 'Actief',
  'set-aside': 'Geparkeerd',
  placed: 'Geplaatst',
  archived: 'Gearchiveerd',
};

export const NEEDS = ['ground-floor', 'lift', 'low-stimulus', 'no-shared-stairwell', 'pets', 'wheelchair'] as const;
export const Need = z.enum(NEEDS);
export type Need = z.infer<typeof Need>;
export const NEED_LABELS: Record<Need, string> = {
  'ground-floor': 'Begane grond',
  lift: 'Lift',
  'low-stimulus': 'Prikkelarm',
  'no-shared-stairwell': 'Geen gedeeld trappenhuis',
  pets: 'Huisdier',
  wheelchair: 'Rolstoeltoegankelijk',
};

export const NETWORK_KINDS = ['family', 'friends', 'day-activity', 'work', 'school', 'treatment'] as const;
export const NetworkKind = z.enum(NETWORK_KINDS);
export type NetworkKind = z.infer<typeof NetworkKind>;
export const NETWORK_KIND_LABELS: Record<NetworkKind, string> = {
  family: 'Familie',
  friends: 'Vrienden',
  'day-activity': 'Dagbesteding',
  work: 'Werk',
  school: 'School',
  treatment: 'Behandeling',
};

export const AVOID_REASONS = ['perpetrator', 'scene', 'other'] as const;
export const AvoidReason = z.enum(AVOID_REASONS);
export type AvoidReason = z.infer<typeof AvoidReason>;
export const AVOID_REASON_LABELS: Record<AvoidReason, string> = {
  perpetrator: 'Pleger (veiligheid)',
  scene: 'Oude omgeving / scene',
  other: 'Overig',
};

export const DEVIATION_REASONS = ['network', 'recovery', 'safety', 'own-choice', 'other'] as const;
export const DeviationReason = z.enum(DEVIATION_REASONS);
export type DeviationReason = z.infer<typeof DeviationReason>;
export const DEVIATION_REASON_LABELS: Record<DeviationReason, string> = {
  network: 'Netwerk',
  recovery: 'Herstel',
  safety: 'Veiligheid',
  'own-choice': 'Eigen keuze',
  other: 'Overig',
};

export const INCOME_SOURCES = ['benefit', 'work', 'wajong', 'student', 'pension', 'none'] as const;
export const IncomeSource = z.enum(INCOME_SOURCES);
export type IncomeSource = z.infer<typeof IncomeSource>;
export const INCOME_SOURCE_LABELS: Record<IncomeSource, string> = {
  benefit: 'Uitkering',
  work: 'Werk',
  wajong: 'Wajong',
  student: 'Studiefinanciering',
  pension: 'Pensioen',
  none: 'Geen inkomen',
};

export const DEBT_STATUSES = ['none', 'arrangement', 'open'] as const;
export const DebtStatus = z.enum(DEBT_STATUSES);
export type DebtStatus = z.infer<typeof DebtStatus>;
export const DEBT_STATUS_LABELS: Record<DebtStatus, string> = {
  none: 'Geen schulden',
  arrangement: 'Schulden met regeling',
  open: 'Open schulden zonder regeling',
};

export const CONSENT_PARTIES = ['corporation', 'municipality', 'care-provider'] as const;
export const ConsentParty = z.enum(CONSENT_PARTIES);
export type ConsentParty = z.infer<typeof ConsentParty>;
export const CONSENT_PARTY_LABELS: Record<ConsentParty, string> = {
  corporation: 'Woningcorporatie',
  municipality: 'Gemeente',
  'care-provider': 'Zorgaanbieder',
};

export const LEGAL_BASES = ['consent', 'public-task', 'contract', 'none'] as const;
export const LegalBasis = z.enum(LEGAL_BASES);
export type LegalBasis = z.infer<typeof LegalBasis>;
export const LEGAL_BASIS_LABELS: Record<LegalBasis, string> = {
  consent: 'Toestemming',
  'public-task': 'Publieke taak',
  contract: 'Overeenkomst',
  none: 'Geen grondslag',
};

export const URGENCY_LEVELS = ['none', 'high', 'crisis'] as const;
export const Urgency = z.enum(URGENCY_LEVELS);
export type Urgency = z.infer<typeof Urgency>;
export const URGENCY_LABELS: Record<Urgency, string> = {
  none: 'Geen',
  high: 'Urgent',
  crisis: 'Crisis',
};

export const SUPPORT_INTENSITIES = ['light', 'medium', 'intensive'] as const;
export const SupportIntensity = z.enum(SUPPORT_INTENSITIES);
export type SupportIntensity = z.infer<typeof SupportIntensity>;
export const SUPPORT_INTENSITY_LABELS: Record<SupportIntensity, string> = {
  light: 'Licht',
  medium: 'Middel',
  intensive: 'Intensief',
};

/**
 * The legal and funding frame a client comes from (seed 002:578: Zvw, Wlz, forensic care, Jeugdwet,
 * the local Wmo). A monitor field; 'unknown' until recorded.
 */
export const FUNDING_FRAMES = ['wmo', 'wlz', 'zvw', 'forensic', 'youth', 'unknown'] as const;
export const FundingFrame = z.enum(FUNDING_FRAMES);
export type FundingFrame = z.infer<typeof FundingFrame>;
export const FUNDING_FRAME_LABELS: Record<FundingFrame, string> = {
  wmo: 'Wmo (beschermd wonen, opvang)',
  wlz: 'Wet langdurige zorg',
  zvw: 'Zorgverzekeringswet',
  forensic: 'Forensische zorg',
  youth: 'Jeugdwet',
  unknown: 'Onbekend',
};

export const GENDERS = ['female', 'male', 'other', 'unknown'] as const;
export const Gender = z.enum(GENDERS);
export type Gender = z.infer<typeof Gender>;
export const GENDER_LABELS: Record<Gender, string> = {
  female: 'Vrouw',
  male: 'Man',
  other: 'Anders',
  unknown: 'Onbekend',
};

export const QUOTA_KINDS = ['maximum', 'target'] as const;
export const QuotaKind = z.enum(QUOTA_KINDS);
export type QuotaKind = z.infer<typeof QuotaKind>;
export const QUOTA_KIND_LABELS: Record<QuotaKind, string> = {
  maximum: 'Maximum',
  target: 'Afgesproken aantal',
};
