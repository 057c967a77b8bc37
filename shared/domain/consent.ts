// The one rule for what a client's consent records allow today: may the client's facts be shared
// with a party (a corporation, a municipality, a care provider)? Used by the review file, the client
// form and detail, and the validation that refuses contradictory records. Pure TypeScript.
import { CONSENT_PARTY_LABELS, type ConsentParty, LEGAL_BASIS_LABELS, type LegalBasis } from './codes';

/** A recorded consent or other legal basis, or its refusal/withdrawal (the dataset's Consent). */
export interface ConsentRecord {
  party: ConsentParty;
  /** The specific organisation, or null for every party of that kind. */
  partyId: string | null;
  basis: LegalBasis;
  given: boolean;
  date: string | null;
}

export interface SharingVerdict {
  /** May the client's facts be shared with this party today? */
  allowed: boolean;
  /** The record that decides (null: nothing recorded for this party). */
  decidedBy: ConsentRecord | null;
  /** Whether that record names this party ('specific') or all parties of its kind ('general'). */
  scope: 'specific' | 'general' | null;
}

/** A record grants sharing when it is given and names an actual legal basis. */
export const grants = (k: ConsentRecord): boolean => k.given && k.basis !== 'none';

/** Undated records count as older than every dated one (a date is an ISO yyyy-mm-dd string). */
const dateKey = (k: ConsentRecord) => k.date ?? '';

/**
 * The latest record of a list, or null. Saved records never disagree on one date (consentConflicts);
 * in unsaved input (the form) a tie counts as a refusal: when in doubt, do not share.
 */
function latest(records: ConsentRecord[]): ConsentRecord | null {
  let best: ConsentRecord | null = null;
  for (const k of records) {
    if (best === null || dateKey(k) > dateKey(best) || (dateKey(k) === dateKey(best) && !grants(k))) best = k;
  }
  return best;
}

/**
 * What holds today for sharing with one party (`partyId`), or with every party of a kind (`null`).
 *
 * The rule:
 * - Records dated after `asOf` have not taken effect yet and are ignored.
 * - Per scope the latest record decides: the latest about this very party (specific) and the
 *   latest about all parties of the kind (general). Undated records count as the oldest.
 * - A specific record goes before a general one: a refusal for this corporation stands even when a
 *   general consent is given later (only a new consent for this corporation lifts it).
 * - Except that a withdrawal dated later than a consent wins: a general withdrawal or refusal dated
 *   after this party's specific consent withdraws that consent too.
 * - Nothing recorded for the party: no basis, so no sharing.
 */
export function sharingVerdict(consents: readonly ConsentRecord[], party: ConsentParty, partyId: string | null, asOf?: string): SharingVerdict {
  const inForce = consents.filter((k) => k.party === party && (asOf === undefined || k.date === null || k.date <= asOf));
  const specific = partyId === null ? null : latest(inForce.filter((k) => k.partyId === partyId));
  const general = latest(inForce.filter((k) => k.partyId === null));
  const verdict = (k: ConsentRecord | null, scope: 'specific' | 'general'): SharingVerdict =>
    k ? { allowed: grants(k), decidedBy: k, scope } : { allowed: false, decidedBy: null, scope: null };
  if (!specific) return verdict(general, 'general');
  if (!general || !grants(specific)) return verdict(specific, 'specific');
  // Specific consent; a general refusal decides only when it came later.
  return !grants(general) && dateKey(general) > dateKey(specific) ? verdict(general, 'general') : verdict(specific, 'specific');
}

/** Shortcut: may the client's facts be shared with this party today? */
export const mayShareWith = (consents: readonly ConsentRecord[], party: ConsentParty, partyId: string | null, asOf?: string): boolean =>
  sharingVerdict(consents, party, partyId, asOf).allowed;

export interface ConsentConflict {
  /** Index of the later record in the list (the one to correct). */
  index: number;
  /** Index of the record it contradicts. */
  other: number;
  message: string;
}

/**
 * Records that contradict each other: the same party (kind and organisation, or "all") on the same
 * date (or both undated), one granting and one refusing. Which of them holds could not be told, so
 * every way in (form, dataset import, spreadsheet import) refuses them.
 */
export function consentConflicts(consents: readonly ConsentRecord[]): ConsentConflict[] {
  const out: ConsentConflict[] = [];
  consents.forEach((k, i) => {
    const j = consents.findIndex((o, n) => n < i && o.party === k.party && o.partyId === k.partyId && o.date === k.date && grants(o) !== grants(k));
    if (j >= 0) {
      const when = k.date ? `op ${k.date}` : 'zonder datum';
      out.push({
        index: i,
        other: j,
        message: `tegenstrijdig met regel ${j + 1}: ${when} zowel wel als geen toestemming voor ${partyLabel(k.party, k.partyId)}; pas de datum of de keuze aan`,
      });
    }
  });
  return out;
}

/** "Woningcorporatie Kustlicht" / "alle woningcorporaties"-style label, with an optional name lookup. */
export function partyLabel(party: ConsentParty, partyId: string | null, name?: (id: string) => string | undefined): string {
  const kind = CONSENT_PARTY_LABELS[party];
  return partyId === null ? `${kind} (alle)` : `${kind} ${name?.(partyId) ?? partyId}`;
}

/** What holds today for one party, in Dutch: "mag delen: Toestemming sinds 2026-05-20 (algemene regel)". */
export function verdictText(v: SharingVerdict, formatDate: (iso: string) => string = (d) => d): string {
  const k = v.decidedBy;
  if (!k) return 'niet delen: geen toestemming of grondslag vastgelegd';
  const since = k.date ? ` sinds ${formatDate(k.date)}` : ' (zonder datum)';
  const via = v.scope === 'general' ? ' (algemene regel)' : '';
  if (v.allowed) return `mag delen: ${LEGAL_BASIS_LABELS[k.basis]}${since}${via}`;
  const what = k.basis === 'none' && k.given ? 'geen grondslag' : 'geweigerd of ingetrokken';
  return `niet delen: ${what}${since}${via}`;
}

export interface ConsentOverviewRow {
  party: ConsentParty;
  partyId: string | null;
  verdict: SharingVerdict;
}

/**
 * What holds today per party: one row per kind of party that has a general record, and one per
 * organisation named in a record (that one decided with the rule above, general records included).
 */
export function consentOverview(consents: readonly ConsentRecord[], asOf?: string): ConsentOverviewRow[] {
  const rows: ConsentOverviewRow[] = [];
  const seen = new Set<string>();
  for (const k of consents) {
    const key = `${k.party}|${k.partyId ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({ party: k.party, partyId: k.partyId, verdict: sharingVerdict(consents, k.party, k.partyId, asOf) });
  }
  return rows;
}
