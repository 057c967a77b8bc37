// One round of the uitstroomtafel, by its steps: Voorbereiden → Voorstel → Besluiten → Afgerond. The
// step is in the address (?stap=...), defaulting to where the round stands. Runs in the renderer;
// data from `rounds.get` (and `reference.get` for organisation names).
import { CheckIcon, Group, Stack, Stepper, Text, Title } from '@mantine/core';
import { useParams, useSearchParams } from 'react-router';
import type { RoundDetail } from '../../../../shared/api/rounds.contract';
import { useQuery } from '../../api/use-query.hook';
import { BackLink } from '../../ui/back-link.component';
import { plural } from '../../../../shared/reports/format-nl';
import { formatCount, formatDate } from '../../ui/format.util';
import { ErrorAlert, PageSkeleton } from '../../ui/query-state.component';
import { ClosedStep } from './closed.step';
import { DecideStep } from './decide.step';
import { PrepareStep } from './prepare.step';
import { ProposalStep } from './proposal.step';
import { RoundBlockedProvider, RoundLockNotice, blockedReason, useLiveLock } from './round-lock.component';
import { roundName } from './round-names.hook';
import { RoundStatusBadge } from './rounds-list.page';

const STEPS = ['voorbereiden', 'voorstel', 'besluiten', 'afgerond'] as const;
type Step = (typeof STEPS)[number];

const STEP_LABELS: { key: Step; label: string; description: string }[] = [
  { key: 'voorbereiden', label: 'Voorbereiden', description: 'Kandidaten en woningen' },
  { key: 'voorstel', label: 'Voorstel', description: 'Berekenen en aanpassen' },
  { key: 'besluiten', label: 'Besluiten', description: 'Corporatie en cliënt' },
  { key: 'afgerond', label: 'Afgerond', description: 'Plaatsingen en nazorg' },
];

/** A step after the one shown, in a closed round: drawn like a completed one. */
const DONE_STEP_STYLES = {
  stepIcon: { backgroundColor: 'var(--stepper-color)', borderColor: 'var(--stepper-color)', color: 'var(--mantine-color-white)' },
};

function defaultStep(round: RoundDetail): Step {
  if (round.status === 'closed') return 'afgerond';
  if (round.versions.length === 0) return 'voorbereiden';
  return round.decisions.length > 0 ? 'besluiten' : 'voorstel';
}

/** "35 van 50 kandidaten en 29 van 31 woningen doen mee": the same counts as the prepare step's cards. */
function membersLine({ counts: c }: RoundDetail): string {
  const clients = c.clientsIncluded + c.clientsExcluded;
  const units = c.unitsIncluded + c.unitsExcluded;
  return `${formatCount(c.clientsIncluded)} van ${plural(clients, 'kandidaat', 'kandidaten')} en ${formatCount(c.unitsIncluded)} van ${plural(units, 'woning', 'woningen')} doen mee`;
}

export function RoundPage() {
  const { roundId = '' } = useParams();
  const id = Number.parseInt(roundId, 10);
  const round = useQuery('rounds.get', { id: Number.isFinite(id) && id > 0 ? id : 1 });
  return (
    <Stack gap="md" data-testid="round-page">
      <BackLink to="/uitstroomtafel" label="Alle ronden" testId="back-to-rounds" />
      {round.error && <ErrorAlert error={round.error} onRetry={round.refetch} />}
      {!round.data && !round.error && <PageSkeleton lines={10} />}
      {round.data && <RoundView round={round.data} onChanged={round.refetch} />}
    </Stack>
  );
}

function RoundView({ round, onChanged }: { round: RoundDetail; onChanged: () => void }) {
  const [params, setParams] = useSearchParams();
  const asked = params.get('stap');
  const step: Step = STEPS.find((s) => s === asked) ?? defaultStep(round);
  const go = (s: Step) => setParams({ stap: s }, { replace: true });
  const latest = round.versions.at(-1);
  const active = STEPS.indexOf(step);
  const done = round.status === 'closed';
  // Who prepares the round: another chair's lock disables every preparing button, with the reason.
  const [lock, setLock] = useLiveLock(round, onChanged);
  const blocked = blockedReason(lock, round.status);
  return (
    <RoundBlockedProvider value={blocked}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-end">
          <Stack gap={2}>
            <Title order={2} data-testid="round-title">
              {roundName(round)}
            </Title>
            <Group gap="xs">
              <RoundStatusBadge status={round.status} />
              <Text size="sm" c="dimmed">
                Planningsperiode {formatDate(round.windowFrom)} t/m {formatDate(round.windowTo)} · <span data-testid="round-members">{membersLine(round)}</span>
                {latest ? ` · versie ${latest.version}: ${plural(latest.figures.placed, 'paar', 'paren')} voorgesteld` : ''}
              </Text>
            </Group>
          </Stack>
        </Group>
        <Stepper
          active={active}
          onStepClick={(i) => go(STEPS[i] ?? 'voorbereiden')}
          size="sm"
          // Room after the last label, so "Plaatsingen en nazorg" does not run into the page's edge.
          pr="md"
          styles={done ? { separator: { backgroundColor: 'var(--stepper-color)' } } : undefined}
          data-testid="round-steps"
        >
          {STEP_LABELS.map((s, i) => (
            <Stepper.Step
              key={s.key}
              label={s.label}
              description={s.description}
              // A closed round: every step is done, also those after the one shown (a check, not its number).
              icon={done ? <CheckIcon size="60%" /> : undefined}
              styles={done && i > active ? DONE_STEP_STYLES : undefined}
              data-done={done || i < active}
              data-testid={`step-${s.key}`}
            />
          ))}
        </Stepper>
        <RoundLockNotice
          round={round}
          lock={lock}
          onLockChanged={(next) => {
            setLock(next);
            // Taken over or let go: read the round again (the other chair may have changed it).
            onChanged();
          }}
        />
        {step === 'voorbereiden' && <PrepareStep round={round} onChanged={onChanged} onNext={() => go('voorstel')} />}
        {step === 'voorstel' && <ProposalStep round={round} onChanged={onChanged} />}
        {step === 'besluiten' && <DecideStep round={round} onChanged={onChanged} onClosed={() => go('afgerond')} />}
        {step === 'afgerond' && <ClosedStep round={round} />}
      </Stack>
    </RoundBlockedProvider>
  );
}
