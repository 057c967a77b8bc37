// Besluiten: per proposal of the latest version, the corporation's decision and the client's answer; then
// "Ronde afsluiten": a confirmation of what happens to every pair, or which decisions are missing.
// Runs in the renderer; `rounds.decide`, `rounds.close`.
import { Alert, Badge, Button, Group, List, Modal, ScrollArea, SegmentedControl, Select, Stack, Table, Text, TextInput, Textarea, VisuallyHidden } from '@mantine/core';
import { IconCheck, IconFlagCheck, IconGavel } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import {
  CLIENT_ANSWERS,
  DECLINE_REASONS,
  DECLINE_REASON_LABELS,
  DECISIONS,
  type RoundDecision,
  type RoundDetail,
} from '../../../../shared/api/rounds.contract';
import type { Match } from '../../../../shared/engine/round.schema';
import { ApiCallError } from '../../api/api.client';
import { useApi } from '../../api/api.context';
import { useQuery } from '../../api/use-query.hook';
import { closeRefusal } from '../../../../shared/domain/round-outcome';
import { plural } from '../../../../shared/reports/format-nl';
import { CORPORATION_DECLINE_REASONS } from '../../../../shared/review/review-file';
import { ErrorAlert, PageSkeleton } from '../../ui/query-state.component';
import { formatPoints } from './explanation.component';
import { CloseOutcome, capitalise, outcomeSentence, releaseHeading } from './close-outcome.component';
import { type RoundPeopleNames, useRoundNames } from './round-names.hook';
import { StaleAlert } from '../../ui/stale-alert.component';
import { useStaleConflict } from '../../ui/stale-conflict.hook';
import { LOCK_NOTICE_ID, useRoundBlocked } from './round-lock.component';

type Decision = RoundDecision['decision'];
type DeclineReason = NonNullable<RoundDecision['declineReason']>;
type ClientAnswer = RoundDecision['clientAnswer'];

export const DECISION_LABELS: Record<Decision, string> = {
  accepted: 'Akkoord',
  'accepted-conditions': 'Akkoord onder voorwaarden',
  declined: 'Afgewezen',
};
const DECISION_COLORS: Record<Decision, string> = { accepted: 'green', 'accepted-conditions': 'teal', declined: 'red' };
export const CLIENT_ANSWER_LABELS: Record<ClientAnswer, string> = { pending: 'Nog niet bekend', accepted: 'Akkoord', refused: 'Weigert' };

export function DecisionBadge({ decision }: { decision: RoundDecision }) {
  return (
    <Badge variant="light" color={DECISION_COLORS[decision.decision]} data-testid="decision-badge">
      {DECISION_LABELS[decision.decision]}
    </Badge>
  );
}

export function decisionDetail(d: RoundDecision): string {
  if (d.decision === 'accepted-conditions') return d.conditions ?? '';
  if (d.decision === 'declined') return d.declineReason ? DECLINE_REASON_LABELS[d.declineReason] : '';
  return '';
}

/**
 * Who is behind a decision, for the decisions tables: "J. de Vries (namens Kustlicht)" over "vastgelegd door
 * Anna de Voorzitter" when the corporation's contact person is known (a decisions file, or named by the
 * chair); otherwise only who entered it.
 */
export function DecidedBy({ decision, round, names }: { decision: RoundDecision; round: RoundDetail; names: RoundPeopleNames }) {
  const recorded = `vastgelegd door ${names.person(decision.decidedBy)}`;
  if (!decision.onBehalfOf) {
    return (
      <Text size="xs" c="dimmed" data-testid="decided-by">
        {recorded}
      </Text>
    );
  }
  const corporation = round.units.find((u) => u.id === decision.unitId)?.corporation;
  return (
    <Stack gap={0} data-testid="decided-by">
      <Text size="sm" data-testid="decided-on-behalf-of">
        {decision.onBehalfOf}
        {corporation ? ` (namens ${corporation})` : ''}
      </Text>
      <Text size="xs" c="dimmed">
        {recorded}
      </Text>
    </Stack>
  );
}

export function DecideStep({ round, onChanged, onClosed }: { round: RoundDetail; onChanged: () => void; onClosed: () => void }) {
  const latest = round.versions.at(-1)?.version ?? null;
  if (latest === null) {
    return (
      <Alert color="blue" variant="light" data-testid="decide-step">
        Er is nog geen voorstel om over te besluiten.
      </Alert>
    );
  }
  return <DecideView round={round} version={latest} onChanged={onChanged} onClosed={onClosed} />;
}

function DecideView({ round, version, onChanged, onClosed }: { round: RoundDetail; version: number; onChanged: () => void; onClosed: () => void }) {
  const api = useApi();
  const names = useRoundNames(round);
  const pair = useQuery('rounds.proposal', { roundId: round.id, version });
  const [deciding, setDeciding] = useState<Match | null>(null);
  const blocked = useRoundBlocked();
  const [closeError, setCloseError] = useState<string | null>(null);
  // "Ronde afsluiten" with decisions missing: the refusal lists them (from the round as it is now).
  const [refused, setRefused] = useState(false);
  const [closing, setClosing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // A refusal by the server is about the decisions as they were; a new decision makes it stale.
  useEffect(() => setCloseError(null), [round.decisions.length]);
  useEffect(() => setRefused(false), [version]);
  if (pair.error) return <ErrorAlert error={pair.error} onRetry={pair.refetch} />;
  if (!pair.data) return <PageSkeleton lines={8} />;
  const matches = pair.data.proposal.matches;
  const decisions = new Map(round.decisions.filter((d) => d.version === version).map((d) => [`${d.clientId}|${d.unitId}`, d]));
  const decisionOf = (m: Match) => decisions.get(`${m.clientId}|${m.unitId}`);
  const missing = matches.filter((m) => !decisionOf(m));
  const closed = round.status === 'closed';

  const close = async () => {
    setClosing(true);
    setCloseError(null);
    try {
      await api.call('rounds.close', { roundId: round.id });
      setConfirming(false);
      onChanged();
      onClosed();
    } catch (e) {
      setConfirming(false);
      setCloseError(e instanceof Error ? e.message : String(e));
      // Someone else may have changed the round meanwhile: read it again.
      onChanged();
    } finally {
      setClosing(false);
    }
  };
  // With every decision in: first say what closing does with each pair. Missing ones: say which, and
  // read the round again (a decision made elsewhere shows up); nothing is closed without the confirmation.
  const askToClose = () => {
    setCloseError(null);
    if (missing.length === 0) {
      setRefused(false);
      setConfirming(true);
    } else {
      setRefused(true);
      onChanged();
    }
  };
  const waiting = round.outcome.filter((o) => o.fate === 'waiting').length;

  return (
    <Stack gap="md" data-testid="decide-step">
      <Text size="sm" c="dimmed">
        Versie {version}: leg per voorstel het besluit van de corporatie en het antwoord van de cliënt vast. Afgewezen paren gaan terug naar de pool en
        worden uitgesloten voor een volgende berekening (op te heffen bij Voorstel).
      </Text>
      <Table fz="sm" verticalSpacing={4} data-testid="decisions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Kandidaat</Table.Th>
            <Table.Th>Woning</Table.Th>
            <Table.Th ta="right">Score</Table.Th>
            <Table.Th>Corporatie</Table.Th>
            <Table.Th>Cliënt</Table.Th>
            <Table.Th>Besloten door</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actie</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {matches.map((m) => {
            const d = decisionOf(m);
            return (
              <Table.Tr key={m.clientId} data-testid={`decision-row-${m.clientId}`}>
                <Table.Td fw={500}>{names.client(m.clientId)}</Table.Td>
                <Table.Td>{names.unit(m.unitId)}</Table.Td>
                <Table.Td ta="right">{formatPoints(m.score)}</Table.Td>
                <Table.Td>
                  {d ? (
                    <Stack gap={0}>
                      <DecisionBadge decision={d} />
                      {decisionDetail(d) && (
                        <Text size="xs" c="dimmed">
                          {decisionDetail(d)}
                        </Text>
                      )}
                      {d.note && (
                        <Text size="xs" c="dimmed">
                          {d.note}
                        </Text>
                      )}
                    </Stack>
                  ) : (
                    <Text size="sm" c="dimmed">
                      nog geen besluit
                    </Text>
                  )}
                </Table.Td>
                <Table.Td c={d?.clientAnswer === 'pending' && d.decision !== 'declined' ? 'orange.9' : undefined} data-testid="client-answer">{d ? CLIENT_ANSWER_LABELS[d.clientAnswer] : '—'}</Table.Td>
                <Table.Td>{d ? <DecidedBy decision={d} round={round} names={names} /> : ''}</Table.Td>
                <Table.Td ta="right">
                  <Button size="compact-xs" variant={d ? 'subtle' : 'light'} leftSection={<IconGavel size={12} />} disabled={closed || blocked !== null} title={blocked ?? undefined} onClick={() => setDeciding(m)} data-testid={`decide-${m.clientId}`}>
                    {d ? 'Wijzigen' : 'Besluit vastleggen'}
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {!closed && (
        <Group justify="space-between">
          <Text size="sm" c={missing.length ? 'orange.8' : 'green.8'} id="decisions-summary" data-testid="decisions-summary">
            {missing.length === 0 ? (
              <>
                <IconCheck size={14} /> {matches.length === 1 ? 'Het voorstel heeft een besluit.' : `Alle ${matches.length} voorstellen hebben een besluit.`}
              </>
            ) : (
              `${matches.length - missing.length} van ${plural(matches.length, 'voorstel heeft', 'voorstellen hebben')} een besluit. Eerst een besluit bij elk voorstel, dan kan de ronde worden afgesloten.`
            )}
            {missing.length === 0 && waiting > 0 && ` ${plural(waiting, 'paar wacht', 'paren wachten')} nog op het antwoord van de cliënt.`}
          </Text>
          {/* Stays enabled with decisions missing: a click says which ones (a disabled button says nothing);
              disabled while another chair prepares the round (the notice above the steps says who). */}
          <Button
            leftSection={<IconFlagCheck size={16} />}
            onClick={askToClose}
            loading={closing}
            disabled={blocked !== null}
            title={blocked ?? undefined}
            aria-describedby={blocked ? `decisions-summary ${LOCK_NOTICE_ID}` : 'decisions-summary'}
            data-testid="round-close"
          >
            Ronde afsluiten
          </Button>
        </Group>
      )}
      {!closed && refused && missing.length > 0 && (
        <Alert color="orange" variant="light" title={closeRefusal(missing.length)} data-testid="close-error">
          <Stack gap={4}>
            <Text size="sm">Leg eerst bij {missing.length === 1 ? 'dit voorstel' : 'deze voorstellen'} het besluit van de corporatie vast:</Text>
            <List size="sm" data-testid="close-missing">
              {missing.map((m) => (
                <List.Item key={m.clientId} data-testid={`close-missing-${m.clientId}`}>
                  <PairName client={names.client(m.clientId)} unit={names.unit(m.unitId)} />
                </List.Item>
              ))}
            </List>
          </Stack>
        </Alert>
      )}
      {closeError && (
        <Alert color="red" variant="light" title="De ronde is niet afgesloten" data-testid="close-failed">
          <Text size="sm">{closeError}</Text>
        </Alert>
      )}
      <CloseConfirmModal opened={confirming} round={round} names={names} busy={closing} onCancel={() => setConfirming(false)} onConfirm={() => void close()} />
      <DecisionModal round={round} version={version} match={deciding} existing={deciding ? decisionOf(deciding) : undefined} names={names} onClose={() => setDeciding(null)} onDone={onChanged} />
    </Stack>
  );
}

/** "K-0001 · Michelle → W-021 · Centrum, Lelystad": each side kept on one line, so a code never breaks at its hyphen. */
function PairName({ client, unit }: { client: string; unit: string }) {
  return (
    <>
      <span style={{ whiteSpace: 'nowrap' }} data-pair-side="client">
        {client}
      </span>{' '}
      →{' '}
      <span style={{ whiteSpace: 'nowrap' }} data-pair-side="unit">
        {unit}
      </span>
    </>
  );
}

/** "Ronde afsluiten?": what happens to every pair, counted, before anything is closed. */
function CloseConfirmModal(props: { opened: boolean; round: RoundDetail; names: RoundPeopleNames; busy: boolean; onCancel: () => void; onConfirm: () => void }) {
  const { round } = props;
  return (
    <Modal opened={props.opened} onClose={props.onCancel} title="Ronde afsluiten?" centered size="xl" data-testid="close-confirm">
      <Stack gap="md">
        <Text size="sm" fw={500} data-testid="close-confirm-summary">
          {outcomeSentence(round.outcome, 'future')}
          {round.releases.length > 0 &&
            ` ${capitalise(releaseHeading(round.releases, 'future'))}: ${round.releases.length === 1 ? 'de huidige bewoner krijgt' : 'de huidige bewoners krijgen'} een andere woning.`}
        </Text>
        {/* The pairs scroll inside the dialog, so its buttons stay in view on a round of 40 pairs too. */}
        <ScrollArea.Autosize
          mah="calc(100vh - 20rem)"
          type="auto"
          offsetScrollbars
          viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': 'Wat er met elk paar gebeurt' }}
          data-testid="close-confirm-pairs"
        >
          <CloseOutcome round={round} names={props.names} tense="future" />
        </ScrollArea.Autosize>
        <Text size="sm">Na het afsluiten kunnen de besluiten van deze ronde niet meer worden gewijzigd.</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel} data-testid="close-cancel">
            Annuleren
          </Button>
          <Button leftSection={<IconFlagCheck size={16} />} onClick={props.onConfirm} loading={props.busy} data-testid="close-confirm-button">
            Ronde afsluiten
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function DecisionModal(props: {
  round: RoundDetail;
  version: number;
  match: Match | null;
  existing: RoundDecision | undefined;
  names: RoundPeopleNames;
  onClose: () => void;
  onDone: () => void;
}) {
  const { match, existing } = props;
  const api = useApi();
  const [decision, setDecision] = useState<Decision>('accepted');
  const [conditions, setConditions] = useState('');
  const [reason, setReason] = useState<DeclineReason | null>(null);
  const [answer, setAnswer] = useState<ClientAnswer>('pending');
  const [note, setNote] = useState('');
  const [onBehalfOf, setOnBehalfOf] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  // An older decision recorded with 'client-refused' as the reason keeps it on screen; new ones cannot pick it.
  const reasonsShown: readonly DeclineReason[] = existing?.declineReason === 'client-refused' ? DECLINE_REASONS : CORPORATION_DECLINE_REASONS;
  // Decided by someone else since the round was loaded: close, and reload the round (the latest decision).
  const stale = useStaleConflict(() => {
    props.onClose();
    props.onDone();
  });
  useEffect(() => {
    stale.clear();
    setDecision(existing?.decision ?? 'accepted');
    setConditions(existing?.conditions ?? '');
    setReason(existing?.declineReason ?? null);
    setAnswer(existing?.clientAnswer ?? 'pending');
    setNote(existing?.note ?? '');
    setOnBehalfOf(existing?.onBehalfOf ?? '');
    setErrors({});
    // Keyed on the pair and the stored decision's version, not on object identity: the round is read again
    // in the background after every change, and that must not wipe what is being typed in this dialog.
  }, [match?.clientId, match?.unitId, existing?.version]);

  const submit = async () => {
    if (!match) return;
    setBusy(true);
    setErrors({});
    try {
      await api.call('rounds.decide', {
        roundId: props.round.id,
        version: props.version,
        clientId: match.clientId,
        unitId: match.unitId,
        decision,
        ...(decision === 'accepted-conditions' ? { conditions } : {}),
        ...(decision === 'declined' && reason ? { declineReason: reason } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(onBehalfOf.trim() ? { onBehalfOf: onBehalfOf.trim() } : {}),
        clientAnswer: answer,
        seenDecidedAt: existing?.decidedAt ?? null,
      });
      props.onClose();
      props.onDone();
    } catch (e) {
      if (stale.catchStale(e)) return;
      const next: Record<string, string> = {};
      if (e instanceof ApiCallError && e.problems.length) for (const p of e.problems) next[p.path || 'form'] = p.message;
      else next.form = e instanceof Error ? e.message : String(e);
      setErrors(next);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={match !== null} onClose={props.onClose} title="Besluit vastleggen" centered size="lg" data-testid="decision-modal">
      {match && (
        <Stack gap="sm">
          <Text size="sm" fw={500}>
            {props.names.client(match.clientId)} → {props.names.unit(match.unitId)}
          </Text>
          <div>
            <Text size="sm" fw={500} mb={4}>
              Besluit van de corporatie
            </Text>
            <SegmentedControl
              fullWidth
              value={decision}
              onChange={(v) => setDecision(DECISIONS.find((d) => d === v) ?? 'accepted')}
              data={DECISIONS.map((d) => ({ value: d, label: DECISION_LABELS[d] }))}
              data-testid="decision-kind"
            />
          </div>
          {decision === 'accepted-conditions' && (
            <Textarea label="Welke voorwaarden" withAsterisk autosize minRows={2} value={conditions} onChange={(e) => setConditions(e.currentTarget.value)} error={errors.conditions} data-testid="decision-conditions" />
          )}
          {decision === 'declined' && (
            <Select
              label="Reden van afwijzing"
              withAsterisk
              // The corporation's own reasons: a client's refusal is the client's answer, below.
              data={reasonsShown.map((r) => ({ value: r, label: DECLINE_REASON_LABELS[r] }))}
              value={reason}
              onChange={(v) => setReason(reasonsShown.find((r) => r === v) ?? null)}
              error={errors.declineReason}
              data-testid="decision-reason"
            />
          )}
          <TextInput
            label="Namens (contactpersoon corporatie)"
            description="Wie bij de corporatie besloot, bijvoorbeeld als u het besluit na een telefoongesprek vastlegt."
            placeholder="bijvoorbeeld J. de Vries"
            maxLength={200}
            value={onBehalfOf}
            onChange={(e) => setOnBehalfOf(e.currentTarget.value)}
            error={errors.onBehalfOf}
            data-testid="decision-on-behalf-of"
          />
          <Select
            label="Antwoord van de cliënt"
            data={CLIENT_ANSWERS.map((a) => ({ value: a, label: CLIENT_ANSWER_LABELS[a] }))}
            value={answer}
            onChange={(v) => setAnswer(CLIENT_ANSWERS.find((a) => a === v) ?? 'pending')}
            allowDeselect={false}
            data-testid="decision-answer"
          />
          <Textarea label="Toelichting" autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} data-testid="decision-note" />
          <StaleAlert error={stale.error} onReload={stale.reload} />
          {errors.form && (
            <Alert color="red" variant="light" p="xs">
              {errors.form}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Annuleren
            </Button>
            <Button onClick={() => void submit()} loading={busy} data-testid="decision-save">
              Vastleggen
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
