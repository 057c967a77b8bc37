// API methods of the client's rights and retention: what the app keeps how long, a retention run that
// pseudonymises or deletes old records (with a record of what it did), the right of access (everything
// held about one client, as JSON and PDF) and the right to erasure. Merged into contract.ts. Pure TypeScript.
import { z } from 'zod';
import { Id, Text, OUT_FILE_MAX, OUT_MAX } from '../domain/primitives';
import type { MethodSpec } from './method-spec';

export const RETENTION_KINDS = ['placed', 'withdrawn'] as const;
export const RetentionKind = z.enum(RETENTION_KINDS);
export const RETENTION_KIND_LABELS: Record<(typeof RETENTION_KINDS)[number], string> = {
  placed: 'Kandidaten die gehuisvest zijn (na de laatste nazorgcontrole)',
  withdrawn: 'Kandidaten die gearchiveerd of teruggetrokken zijn',
};
export const RetentionAction = z.enum(['keep', 'pseudonymise', 'delete']);

export const RetentionRule = z.object({
  kind: RetentionKind,
  /** After how many years (counted from placement, or from archiving) the action applies. */
  years: z.number().int().min(1).max(100),
  action: RetentionAction,
});
export type RetentionRule = z.infer<typeof RetentionRule>;

export const PrivacySettings = z.object({ retention: z.array(RetentionRule).max(RETENTION_KINDS.length) });
export type PrivacySettings = z.infer<typeof PrivacySettings>;

export const RETENTION_ACTION_LABELS: Record<z.infer<typeof RetentionAction>, string> = {
  keep: 'Bewaren',
  pseudonymise: 'Pseudonimiseren',
  delete: 'Verwijderen',
};

export const RetentionOutcome = z.object({
  /** dryRun: what would happen, nothing changed. */
  dryRun: z.boolean(),
  /** Per rule that acts: its cut-off day (records dated on or before it are due) and how many were due. */
  rules: z.array(z.object({ kind: RetentionKind, action: RetentionAction, years: z.number().int(), cutoff: z.string().max(OUT_MAX), count: z.number().int() })),
  pseudonymised: z.array(z.string().max(OUT_MAX)),
  deleted: z.array(z.string().max(OUT_MAX)),
  /** The monitor's figures are kept: counts per year and municipality survive the run. */
  message: z.string().max(OUT_MAX),
});
export type RetentionOutcome = z.infer<typeof RetentionOutcome>;

/** What an erasure removed or changed (the keys of clients.erase's `removed`), in Dutch. */
export const ERASE_COUNT_LABELS: Record<string, string> = {
  clients: 'Inschrijving',
  places: 'Netwerk en te vermijden gebieden',
  readiness: 'Voorwaarden duurzame uitstroom',
  consents: 'Toestemmingen',
  vetoes: 'Bezwaren van corporaties',
  roundMembers: 'Deelname aan rondes',
  controls: 'Maatregelen in rondes',
  decisions: 'Besluiten',
  proposalVersions: 'Voorstelversies aangepast',
  reviewFiles: 'Beoordelingsbestanden aangepast',
  placements: 'Plaatsingen geanonimiseerd',
  placementChecks: 'Nazorgcontroles',
  units: 'Woningen (bewoner losgekoppeld)',
  auditEntries: 'Logboekregels geanonimiseerd',
  otherTexts: 'Andere teksten waarin code of naam stond',
};

export const privacyMethods = {
  'privacy.settings': { kind: 'query', input: z.object({}).strict(), output: PrivacySettings },
  'privacy.saveSettings': { kind: 'mutation', input: PrivacySettings.strict(), output: PrivacySettings },
  /** Applies the retention rules today (or shows what they would do, with dryRun). */
  'retention.run': { kind: 'mutation', input: z.object({ dryRun: z.boolean() }).strict(), output: RetentionOutcome },
  /** Right of access: everything held about one client, as JSON and as PDF. Audited as an export. */
  'clients.accessExport': {
    kind: 'mutation',
    input: z.object({ id: Id }).strict(),
    output: z.object({
      jsonFileName: z.string().max(OUT_MAX),
      jsonBase64: z.string().max(OUT_FILE_MAX),
      pdfFileName: z.string().max(OUT_MAX),
      pdfBase64: z.string().max(OUT_FILE_MAX),
    }),
  },
  /** Right to erasure: removes the client and every record about them; the audit keeps only that it happened. */
  'clients.erase': {
    kind: 'mutation',
    input: z.object({ id: Id, reason: Text(2000).refine((s) => s.trim().length > 0, 'geef de reden (bijv. het verzoek van de cliënt, met datum)') }).strict(),
    output: z.object({ id: z.string().max(OUT_MAX), removed: z.record(z.string().max(OUT_MAX), z.number().int()) }),
  },
} as const satisfies Record<string, MethodSpec>;
