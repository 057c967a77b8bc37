// What closing a round does (the confirmation) or did (the closed step) with every pair: placed, back to the
// pool (declined by the corporation or refused by the client, and why), or not placed while the client's
// answer was unknown; and the omklap homes that come free because their tenant moves to another home.
// Runs in the renderer; data from `rounds.get` (outcome, decisions, releases).
import { Badge, List, Stack, Text, Title } from '@mantine/core';
import type { OmklapRelease, PairOutcome, RoundDecision, RoundDetail } from '../../../../shared/api/rounds.contract';
import { UNIT_KIND_LABELS, UnitKind } from '../../../../shared/domain/codes';
import { plural } from '../../../../shared/reports/format-nl';
import type { RoundPeopleNames } from './round-names.hook';

type Tense = 'future' | 'past';
type Fate = 'placed' | 'returned' | 'waiting';

/** A decline reason as it reads inside a sentence ("afgewezen door de corporatie: huurschuld"). */
const REASON_WORDS: Record<string, string> = {
  'rent-debt': 'huurschuld',
  'landlord-statement': 'verhuurdersverklaring',
  liveability: 'leefbaarheid',
  'client-refused': 'de cliënt weigert',
  other: 'andere reden',
};

export const FATE_LABELS: Record<PairOutcome['fate'], string> = {
  placed: 'Geplaatst',
  returned: 'Terug naar de pool',
  waiting: 'Niet geplaatst: antwoord cliënt onbekend',
  undecided: 'Nog geen besluit',
};
const FATE_COLORS: Record<PairOutcome['fate'], string> = { placed: 'green', returned: 'gray', waiting: 'orange', undecided: 'red' };

export function FateBadge({ fate }: { fate: PairOutcome['fate'] }) {
  return (
    <Badge variant="light" color={FATE_COLORS[fate]} data-testid="fate-badge">
      {FATE_LABELS[fate]}
    </Badge>
  );
}

/** "12 paren worden geplaatst", "1 paar gaat terug naar de pool", ... (future) or as it went (past). */
export function fateHeading(fate: Fate, n: number, tense: Tense): string {
  const one = n === 1;
  const pairs = plural(n, 'paar', 'paren');
  if (tense === 'future') {
    if (fate === 'placed') return `${pairs} ${one ? 'wordt' : 'worden'} geplaatst`;
    if (fate === 'returned') return `${pairs} ${one ? 'gaat' : 'gaan'} terug naar de pool`;
    return `${pairs} ${one ? 'wacht' : 'wachten'} op het antwoord van de cliënt en ${one ? 'wordt' : 'worden'} niet geplaatst`;
  }
  if (fate === 'placed') return `${pairs} ${one ? 'is' : 'zijn'} geplaatst`;
  if (fate === 'returned') return `${pairs} ${one ? 'is' : 'zijn'} teruggegaan naar de pool`;
  return `${pairs} ${one ? 'is' : 'zijn'} niet geplaatst: het antwoord van de cliënt was nog niet bekend`;
}

/** What closing does (future) or did (past) with the pairs of one fate, in a sentence or two. */
function fateText(fate: Fate, n: number, tense: Tense): string {
  const these = n === 1 ? 'dit paar' : 'deze paren';
  if (fate === 'placed') {
    return tense === 'future'
      ? 'De kandidaat krijgt de woning: de woning wordt verhuurd en de plaatsing komt in de nazorg.'
      : 'De plaatsingen staan in de nazorg en in de tabel hieronder.';
  }
  if (fate === 'returned') {
    return tense === 'future'
      ? 'Afgewezen door de corporatie of geweigerd door de cliënt: kandidaat en woning blijven beschikbaar voor een volgende ronde.'
      : 'Kandidaat en woning zijn beschikbaar gebleven voor een volgende ronde.';
  }
  return tense === 'future'
    ? `De corporatie is akkoord, maar het antwoord van de cliënt is nog niet bekend. Afsluiten plaatst ${these} niet: kandidaat en woning gaan terug naar de pool, en het antwoord kan in deze ronde niet meer worden vastgelegd. Is het antwoord al bekend? Kies dan Annuleren en leg het eerst vast met Wijzigen.`
    : 'De corporatie was akkoord, maar het antwoord van de cliënt was nog niet bekend bij het afsluiten. Kandidaat en woning zijn teruggegaan naar de pool voor een volgende ronde.';
}

/** Most pressing first: the pairs that closing does not place although the corporation accepted. */
const FATE_ORDER = ['waiting', 'returned', 'placed'] as const;

/** One sentence for the whole round: "Van de 18 voorstellen worden er 15 geplaatst, ..." */
export function outcomeSentence(outcome: PairOutcome[], tense: Tense): string {
  const count = (f: Fate) => outcome.filter((o) => o.fate === f).length;
  const parts = (['placed', 'returned', 'waiting'] as const).filter((f) => count(f) > 0).map((f) => fateHeading(f, count(f), tense));
  const list = parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} en ${parts.at(-1) ?? ''}`;
  return `Van de ${plural(outcome.length, 'voorstel', 'voorstellen')}: ${list}.`;
}

/** Why a pair went back, or under which conditions it was placed, in words. */
export function outcomeDetail(o: PairOutcome, d: RoundDecision | undefined): string {
  const note = d?.note?.trim() ? ` (${d.note.trim()})` : '';
  if (o.fate === 'returned') {
    if (o.by === 'client') return `geweigerd door de cliënt${note}`;
    const reason = o.declineReason ? (REASON_WORDS[o.declineReason] ?? o.declineReason) : 'geen reden opgegeven';
    return `afgewezen door de corporatie: ${reason}${note}`;
  }
  if (o.fate === 'placed' && d?.decision === 'accepted-conditions') return `onder voorwaarden: ${d.conditions ?? ''}`;
  return '';
}

/** "Omklapwoning", "Woning": a home's kind as the first word of a sentence. */
function kindWord(kind: string): string {
  const known = UnitKind.safeParse(kind);
  return known.success ? UNIT_KIND_LABELS[known.data] : 'Woning';
}

/**
 * "Omklapwoning W-012 komt vrij: de huidige bewoner K-0013 · Anna verhuist naar W-038 · Centrum, Lelystad."
 * (future) or as it went (past).
 */
export function releaseSentence(r: OmklapRelease, names: Pick<RoundPeopleNames, 'client' | 'unit'>, tense: Tense): string {
  const home = `${kindWord(r.kind)} ${names.unit(r.unitId)}`;
  return tense === 'future'
    ? `${home} komt vrij: de huidige bewoner ${names.client(r.clientId)} verhuist naar ${names.unit(r.toUnitId)}.`
    : `${home} is vrijgekomen: de bewoner ${names.client(r.clientId)} is geplaatst in ${names.unit(r.toUnitId)}.`;
}

/** A sentence's first letter in capitals ("1 omklapwoning" stays as it is). */
export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "1 omklapwoning komt vrij", "2 woningen zijn vrijgekomen". */
export function releaseHeading(releases: readonly OmklapRelease[], tense: Tense): string {
  const n = releases.length;
  const homes = releases.every((r) => r.kind === 'omklap') ? plural(n, 'omklapwoning', 'omklapwoningen') : plural(n, 'woning', 'woningen');
  if (tense === 'future') return `${homes} ${n === 1 ? 'komt' : 'komen'} vrij`;
  return `${homes} ${n === 1 ? 'is' : 'zijn'} vrijgekomen`;
}

function releasedText(n: number, tense: Tense): string {
  const one = n === 1;
  if (tense === 'future') {
    return `${one ? 'De bewoner krijgt' : 'De bewoners krijgen'} in deze ronde een andere woning. Na het afsluiten ${one ? 'is de woning' : 'zijn deze woningen'} niet langer voor ${one ? 'deze bewoner' : 'hen'} bestemd: ${one ? 'ze blijft' : 'ze blijven'} van de corporatie en ${one ? 'doet' : 'doen'} in een volgende ronde mee voor andere kandidaten.`;
  }
  return `${one ? 'De woning is' : 'Deze woningen zijn'} niet langer voor ${one ? 'de vorige bewoner' : 'de vorige bewoners'} bestemd en ${one ? 'doet' : 'doen'} in een volgende ronde mee voor andere kandidaten.`;
}

/** The homes closing frees (or freed): their tenant moves to another home of this round. */
function ReleasedHomes({ releases, names, tense }: { releases: readonly OmklapRelease[]; names: RoundPeopleNames; tense: Tense }) {
  if (releases.length === 0) return null;
  return (
    <Stack gap={4} data-testid="outcome-released">
      <Title order={tense === 'future' ? 3 : 4} size="h5">
        {releaseHeading(releases, tense)}
      </Title>
      <Text size="sm">
        {releasedText(releases.length, tense)}
      </Text>
      <List size="sm" spacing={2}>
        {releases.map((r) => (
          <List.Item key={r.unitId} data-testid={`released-${r.unitId}`}>
            {releaseSentence(r, names, tense)}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

/** The pairs of each fate (those not placed first), with a heading that counts them and says what closing does (or did). */
export function CloseOutcome({ round, names, tense }: { round: RoundDetail; names: RoundPeopleNames; tense: Tense }) {
  const decisions = new Map(round.decisions.map((d) => [`${d.clientId}|${d.unitId}`, d]));
  const groups = FATE_ORDER.map((fate) => ({ fate, pairs: round.outcome.filter((o) => o.fate === fate) }));
  return (
    <Stack gap="sm" data-testid={`close-outcome-${tense}`}>
      {groups
        .filter((g) => g.pairs.length > 0)
        .map((g) => (
          <Stack key={g.fate} gap={4} data-testid={`outcome-${g.fate}`}>
            <Title order={tense === 'future' ? 3 : 4} size="h5" c={g.fate === 'waiting' ? 'orange.9' : undefined}>
              {fateHeading(g.fate, g.pairs.length, tense)}
            </Title>
            <Text size="sm">{fateText(g.fate, g.pairs.length, tense)}</Text>
            {/* After closing, the placements are in the table below; the pairs not placed are listed here. */}
            {(tense === 'future' || g.fate !== 'placed') && (
            <List size="sm" spacing={2}>
              {g.pairs.map((o) => {
                const detail = outcomeDetail(o, decisions.get(`${o.clientId}|${o.unitId}`));
                return (
                  <List.Item key={o.clientId} data-testid={`outcome-pair-${o.clientId}`}>
                    {names.client(o.clientId)} → {names.unit(o.unitId)}
                    {detail ? ` — ${detail}` : ''}
                  </List.Item>
                );
              })}
            </List>
            )}
          </Stack>
        ))}
      <ReleasedHomes releases={round.releases} names={names} tense={tense} />
    </Stack>
  );
}
