// Voorstel: compute the proposal (a cancellable job), the figures beside today's practice, the
// proposals with "Waarom dit voorstel", the unplaced with "Waarom niet", the chair's adjustments
// (vastzetten, uitsluiten, parkeren, opheffen — each with a reason), versions and "Vergelijk".
// How the round plans for later rounds is set in the planning card (planning-setting.component.tsx).
// Runs in the renderer; `rounds.propose`, `rounds.proposal`, `rounds.compare`, `rounds.addControl`, `rounds.liftControl`.
import { ActionIcon, Alert, Badge, Button, Card, Drawer, Group, Loader, Menu, Modal, Select, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import {
  IconAdjustments,
  IconBan,
  IconCalculator,
  IconDots,
  IconGitCompare,
  IconLock,
  IconLockOpen,
  IconPlayerPause,
  IconPlayerStop,
} from '@tabler/icons-react';
import { useState } from 'react';
import type { ControlKind, RoundControl, RoundDetail } from '../../../../shared/api/rounds.contract';
import type { Match, Proposal, Unplaced } from '../../../../shared/engine/round.schema';
import { ApiCallError } from '../../api/api.client';
import { useApi } from '../../api/api.context';
import { useQuery } from '../../api/use-query.hook';
import { formatMoment } from '../../../../shared/domain/moments';
import { plural } from '../../ui/format.util';
import { ErrorAlert, PageSkeleton } from '../../ui/query-state.component';
import { ReasonModal } from '../../ui/reason-modal.component';
import { ProposalComparison } from './compare.component';
import { MatchExplanation, type RoundNames, UNPLACED_KIND_LABELS, UnplacedExplanation, formatPoints } from './explanation.component';
import { FiguresPanel } from './figures.component';
import { PRACTICE, PROPOSAL_RULE } from '../../../../shared/domain/round-words';
import { type RoundPeopleNames, useRoundNames } from './round-names.hook';
import { TERM_HELP, TermHelp } from './term-help.component';
import { EmptyHomesPanel, WhatItWouldTake } from './what-if.component';
import { HeldForLater, NothingHeld } from './held.component';
import { PlanningSettingCard } from './planning-setting.component';
import { LOCK_NOTICE_ID, useRoundBlocked } from './round-lock.component';

export function ProposalStep({ round, onChanged }: { round: RoundDetail; onChanged: () => void }) {
  const api = useApi();
  const names = useRoundNames(round);
  const reference = useQuery('reference.get', {});
  const corporationName = (id: string) => reference.data?.corporations.find((c) => c.id === id)?.name ?? id;
  const latest = round.versions.at(-1)?.version ?? null;
  const [picked, setPicked] = useState<number | null>(null);
  const version = picked !== null && round.versions.some((v) => v.version === picked) ? picked : latest;
  const [jobId, setJobId] = useState<string | null>(null);
  const [runMessage, setRunMessage] = useState<{ color: string; text: string } | null>(null);
  const [compareWith, setCompareWith] = useState<string | null>(null);
  const [comparing, setComparing] = useState(false);
  const closed = round.status === 'closed';
  // Another chair prepares the round: no run (the reason is the notice above the steps).
  const blocked = useRoundBlocked();

  const run = async () => {
    const id = crypto.randomUUID();
    setJobId(id);
    setRunMessage(null);
    try {
      const result = await api.call('rounds.propose', { roundId: round.id, jobId: id });
      setPicked(result.version);
      setRunMessage({ color: 'green', text: `Versie ${result.version} berekend: ${result.proposal.figures.placed} kandidaten geplaatst.` });
      onChanged();
    } catch (e) {
      if (e instanceof ApiCallError && e.code === 'CANCELLED') setRunMessage({ color: 'yellow', text: 'Berekening gestopt; er is geen nieuwe versie opgeslagen.' });
      else setRunMessage({ color: 'red', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setJobId(null);
    }
  };
  const stop = async () => {
    if (jobId) await api.call('jobs.cancel', { jobId });
  };

  const versionOptions = round.versions.map((v) => ({
    value: String(v.version),
    label: `Versie ${v.version} · ${formatMoment(v.createdAt)} · ${v.figures.placed} geplaatst`,
  }));
  const otherOptions = versionOptions.filter((o) => o.value !== String(version));

  return (
    <Stack gap="md" data-testid="proposal-step">
      {/* Set before proposing: how this round treats capacity it could keep for later rounds. */}
      <PlanningSettingCard round={round} names={names} onChanged={onChanged} />
      <Card withBorder radius="md" padding="sm">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Group gap="xs">
            {jobId ? (
              <>
                <Button loading variant="light" leftSection={<IconCalculator size={16} />}>
                  Berekenen
                </Button>
                <Button color="red" variant="light" leftSection={<IconPlayerStop size={16} />} onClick={() => void stop()} data-testid="propose-stop">
                  Stoppen
                </Button>
                <Loader size="sm" />
                <Text size="sm" c="dimmed">
                  Het voorstel wordt berekend…
                </Text>
              </>
            ) : (
              <Button leftSection={<IconCalculator size={16} />} onClick={() => void run()} disabled={closed || blocked !== null} title={blocked ?? undefined} aria-describedby={blocked ? LOCK_NOTICE_ID : undefined} data-testid="propose-run">
                {latest === null ? 'Voorstel berekenen' : 'Opnieuw berekenen'}
              </Button>
            )}
          </Group>
          {version !== null && (
            <Group gap="xs">
              <Select
                aria-label="Versie"
                data={versionOptions}
                value={String(version)}
                onChange={(v) => v && setPicked(Number(v))}
                allowDeselect={false}
                size="xs"
                w={300}
                data-testid="version-select"
              />
              <Select
                aria-label="Vergelijk met"
                placeholder="Vergelijk met…"
                data={otherOptions}
                value={compareWith}
                onChange={setCompareWith}
                size="xs"
                w={150}
                disabled={otherOptions.length === 0}
                data-testid="compare-select"
              />
              <Button size="xs" variant="default" leftSection={<IconGitCompare size={14} />} disabled={!compareWith} onClick={() => setComparing(true)} data-testid="compare-open">
                Vergelijk
              </Button>
            </Group>
          )}
        </Group>
      </Card>
      {runMessage && (
        <Alert color={runMessage.color} variant="light" data-testid="propose-message" withCloseButton onClose={() => setRunMessage(null)}>
          {runMessage.text}
        </Alert>
      )}
      <ControlsCard round={round} names={names} onChanged={onChanged} />
      {version === null ? (
        <Alert color="blue" variant="light" data-testid="no-proposal">
          Nog geen voorstel voor deze ronde. Kies “Voorstel berekenen”.
        </Alert>
      ) : (
        <ProposalView key={version} round={round} version={version} names={names} corporationName={corporationName} onChanged={onChanged} />
      )}
      <Modal opened={comparing && compareWith !== null && version !== null} onClose={() => setComparing(false)} title="Versies vergelijken" size="90%" data-testid="compare-modal">
        {compareWith !== null && version !== null && (
          <CompareLoader roundId={round.id} a={Math.min(version, Number(compareWith))} b={Math.max(version, Number(compareWith))} names={names} corporationName={corporationName} />
        )}
      </Modal>
    </Stack>
  );
}

function CompareLoader(props: { roundId: number; a: number; b: number; names: RoundNames; corporationName: (id: string) => string }) {
  const compare = useQuery('rounds.compare', { roundId: props.roundId, a: props.a, b: props.b });
  if (compare.error) return <ErrorAlert error={compare.error} onRetry={compare.refetch} />;
  if (!compare.data) return <PageSkeleton lines={8} />;
  return <ProposalComparison compare={compare.data} names={props.names} corporationName={props.corporationName} />;
}

interface ControlRequest {
  kind: ControlKind;
  clientId?: string;
  unitId?: string;
}

const CONTROL_TEXT: Record<ControlKind, { title: string; label: string; description: string }> = {
  lock: { title: 'Vastzetten', label: 'Vastzetten', description: 'Dit paar blijft in elk volgend voorstel, wat de score ook is.' },
  forbid: { title: 'Uitsluiten', label: 'Uitsluiten', description: 'Deze kandidaat krijgt deze woning niet voorgesteld in een volgende berekening.' },
  'set-aside-client': { title: 'Kandidaat parkeren', label: 'Parkeren', description: 'De kandidaat doet niet mee in de volgende berekening van deze ronde.' },
  'set-aside-unit': { title: 'Woning parkeren', label: 'Parkeren', description: 'De woning doet niet mee in de volgende berekening van deze ronde.' },
};

function controlText(c: Pick<RoundControl, 'kind' | 'clientId' | 'unitId'>, names: RoundNames): string {
  const client = c.clientId ? names.client(c.clientId) : '';
  const unit = c.unitId ? names.unit(c.unitId) : '';
  switch (c.kind) {
    case 'lock':
      return `Vastgezet: ${client} → ${unit}`;
    case 'forbid':
      return `Uitgesloten: ${client} ✕ ${unit}`;
    case 'set-aside-client':
      return `Geparkeerd: ${client}`;
    case 'set-aside-unit':
      return `Geparkeerd: ${unit}`;
  }
}

function ControlsCard({ round, names, onChanged }: { round: RoundDetail; names: RoundPeopleNames; onChanged: () => void }) {
  const api = useApi();
  const [lifting, setLifting] = useState<RoundControl | null>(null);
  const blocked = useRoundBlocked();
  const active = round.controls.filter((c) => !c.lifted);
  const latest = round.versions.at(-1);
  const pending = latest ? active.filter((c) => c.createdAt > latest.createdAt).length : active.length;
  return (
    <Card withBorder radius="md" padding="sm" data-testid="controls">
      <Group gap="xs" mb={active.length ? 'xs' : 0}>
        <IconAdjustments size={18} />
        <Text fw={600} size="sm">
          Aanpassingen van de voorzitter
        </Text>
        <Text size="sm" c="dimmed">
          {active.length === 0 ? 'geen — vastzetten, uitsluiten en parkeren kan per voorstel' : `${active.length} actief`}
        </Text>
        {latest && pending > 0 && round.status !== 'closed' && (
          <Badge color="orange" variant="light" data-testid="controls-pending">
            Nog niet meegenomen: bereken opnieuw
          </Badge>
        )}
      </Group>
      {active.length > 0 && (
        <Table fz="sm" verticalSpacing={2}>
          <Table.Tbody>
            {active.map((c) => (
              <Table.Tr key={c.id} data-testid={`control-${c.id}`}>
                <Table.Td>{controlText(c, names)}</Table.Td>
                <Table.Td c="dimmed">
                  {/* A declined pair's reason already says "Afgewezen in deze ronde: …". */}
                  {c.reason}
                </Table.Td>
                <Table.Td c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {names.person(c.createdBy)}
                </Table.Td>
                <Table.Td ta="right">
                  <Button size="compact-xs" variant="subtle" leftSection={<IconLockOpen size={12} />} disabled={round.status === 'closed' || blocked !== null} title={blocked ?? undefined} onClick={() => setLifting(c)} aria-label={`Opheffen: ${controlText(c, names)}`} data-testid={`control-lift-${c.id}`}>
                    Opheffen
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ReasonModal
        opened={lifting !== null}
        title="Aanpassing opheffen"
        description={lifting ? `${controlText(lifting, names)}. Geldt niet meer vanaf de volgende berekening.` : ''}
        confirmLabel="Opheffen"
        reasonRequired
        onClose={() => setLifting(null)}
        onConfirm={async (reason) => {
          if (!lifting) return;
          await api.call('rounds.liftControl', { roundId: round.id, controlId: lifting.id, reason });
          onChanged();
        }}
      />
    </Card>
  );
}

/** The proposal's "what it would take" for one client (absent for proposals made without it). */
const whatIfFor = (proposal: Proposal, clientId: string) => proposal.counterfactuals?.clients.find((c) => c.clientId === clientId);

type Opened = { kind: 'match'; match: Match } | { kind: 'unplaced'; unplaced: Unplaced };

function ProposalView(props: { round: RoundDetail; version: number; names: RoundNames; corporationName: (id: string) => string; onChanged: () => void }) {
  const { round, version, names } = props;
  const api = useApi();
  const pair = useQuery('rounds.proposal', { roundId: round.id, version });
  const [opened, setOpened] = useState<Opened | null>(null);
  const [request, setRequest] = useState<ControlRequest | null>(null);
  const blocked = useRoundBlocked();
  if (pair.error) return <ErrorAlert error={pair.error} onRetry={pair.refetch} />;
  if (!pair.data) return <PageSkeleton lines={10} />;
  const { proposal, greedy } = pair.data;
  // Closed, or prepared by another chair: the proposal can be read, not adjusted.
  const closed = round.status === 'closed' || blocked !== null;
  const text = request ? CONTROL_TEXT[request.kind] : null;
  return (
    <Stack gap="md">
      <FiguresPanel
        corporationName={props.corporationName}
        municipalityName={names.municipality}
        columns={[
          { title: `Voorstel (versie ${version})`, note: PROPOSAL_RULE, figures: proposal.figures, optimality: proposal.optimality, totalScore: proposal.totalScore, emptyHomes: proposal.counterfactuals?.emptyByReason.map((r) => r.sentence), testId: 'figures-optimal' },
          { title: PRACTICE.title, note: PRACTICE.rule, figures: greedy.figures, totalScore: greedy.totalScore, testId: 'figures-greedy' },
        ]}
      />
      {proposal.planning && <HeldForLater planning={proposal.planning} setting={proposal.planningSetting} />}
      {!proposal.planning && proposal.planningSetting && proposal.planningSetting.mode !== 'policy' && <NothingHeld setting={proposal.planningSetting} />}
      {proposal.conflicts.length > 0 && (
        <Alert color="orange" variant="light" title="Niet toegepast" data-testid="conflicts">
          <Stack gap={2}>
            {proposal.conflicts.map((c, i) => (
              <Text key={i} size="sm">
                {c.message}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      <MatchesTable
        proposal={proposal}
        round={round}
        names={names}
        disabled={closed}
        onOpen={(match) => setOpened({ kind: 'match', match })}
        onControl={setRequest}
      />
      <UnplacedTable proposal={proposal} names={names} disabled={closed} onOpen={(unplaced) => setOpened({ kind: 'unplaced', unplaced })} onControl={setRequest} />
      {proposal.counterfactuals && <EmptyHomesPanel counterfactuals={proposal.counterfactuals} names={names} />}
      <Drawer
        opened={opened !== null}
        onClose={() => setOpened(null)}
        position="right"
        size="xl"
        title={<Title order={4}>{opened?.kind === 'unplaced' ? `Waarom niet: ${names.client(opened.unplaced.clientId)}` : 'Waarom dit voorstel'}</Title>}
        data-testid="explanation-drawer"
      >
        {opened?.kind === 'match' && <MatchExplanation match={opened.match} names={names} />}
        {opened?.kind === 'unplaced' && <UnplacedExplanation unplaced={opened.unplaced} />}
        {opened?.kind === 'unplaced' && whatIfFor(proposal, opened.unplaced.clientId) && (
          <WhatItWouldTake whatIf={whatIfFor(proposal, opened.unplaced.clientId)!} names={names} />
        )}
      </Drawer>
      <ReasonModal
        opened={request !== null}
        title={text?.title ?? ''}
        description={request && text ? `${controlText({ kind: request.kind, clientId: request.clientId ?? null, unitId: request.unitId ?? null }, names)}. ${text.description}` : ''}
        confirmLabel={text?.label ?? ''}
        reasonRequired
        onClose={() => setRequest(null)}
        onConfirm={async (reason) => {
          if (!request) return;
          await api.call('rounds.addControl', { roundId: round.id, ...request, reason });
          props.onChanged();
        }}
      />
    </Stack>
  );
}

function MatchesTable(props: {
  proposal: Proposal;
  round: RoundDetail;
  names: RoundNames;
  disabled: boolean;
  onOpen: (m: Match) => void;
  onControl: (r: ControlRequest) => void;
}) {
  const units = new Map(props.round.units.map((u) => [u.id, u]));
  return (
    <Stack gap={4}>
      <Title order={4}>Voorstellen ({props.proposal.matches.length})</Title>
      <Text size="sm" c="dimmed">
        Klik op een voorstel voor de toelichting.
      </Text>
      <Table highlightOnHover fz="sm" verticalSpacing={4} data-testid="matches">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Kandidaat</Table.Th>
            <Table.Th>Woning</Table.Th>
            <Table.Th>
              Gemeente
              <TermHelp term="afwijking" help={TERM_HELP.deviation} testId="help-deviation" />
            </Table.Th>
            <Table.Th>Buurt</Table.Th>
            <Table.Th ta="right">
              <TermHelp term="score" help={TERM_HELP.score} testId="help-score" />
              Score
            </Table.Th>
            <Table.Th w={40}>
              <VisuallyHidden>Vastgezet</VisuallyHidden>
            </Table.Th>
            <Table.Th w={50}>
              <VisuallyHidden>Acties</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.proposal.matches.map((m) => {
            const u = units.get(m.unitId);
            return (
              <Table.Tr key={m.clientId} style={{ cursor: 'pointer' }} onClick={() => props.onOpen(m)} data-testid={`match-${m.clientId}`}>
                <Table.Td fw={500}>{props.names.client(m.clientId)}</Table.Td>
                <Table.Td>{m.unitId}</Table.Td>
                <Table.Td>
                  {u?.municipality ?? '—'}
                  {m.deviation && (
                    <Badge ml={6} size="xs" variant="light" color="blue" title="Afwijking van de gemeente van herkomst">
                      afwijking: {m.deviation.label.toLowerCase()}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{u?.neighbourhood ?? '—'}</Table.Td>
                <Table.Td ta="right">{formatPoints(m.score)}</Table.Td>
                <Table.Td>{m.locked && <IconLock size={16} color="var(--mantine-color-violet-7)" aria-label="vastgezet" data-testid="locked-icon" />}</Table.Td>
                <Table.Td onClick={(e) => e.stopPropagation()}>
                  <Menu position="bottom-end" withinPortal>
                    <Menu.Target>
                      <ActionIcon variant="subtle" color="gray" aria-label={`Acties voor ${m.clientId}`} disabled={props.disabled} data-testid={`match-actions-${m.clientId}`}>
                        <IconDots size={16} />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item leftSection={<IconLock size={14} />} disabled={m.locked} onClick={() => props.onControl({ kind: 'lock', clientId: m.clientId, unitId: m.unitId })} data-testid="action-lock">
                        Vastzetten
                      </Menu.Item>
                      <Menu.Item leftSection={<IconBan size={14} />} onClick={() => props.onControl({ kind: 'forbid', clientId: m.clientId, unitId: m.unitId })} data-testid="action-forbid">
                        Uitsluiten
                      </Menu.Item>
                      <Menu.Divider />
                      <Menu.Item leftSection={<IconPlayerPause size={14} />} onClick={() => props.onControl({ kind: 'set-aside-client', clientId: m.clientId })} data-testid="action-park-client">
                        Kandidaat parkeren
                      </Menu.Item>
                      <Menu.Item leftSection={<IconPlayerPause size={14} />} onClick={() => props.onControl({ kind: 'set-aside-unit', unitId: m.unitId })} data-testid="action-park-unit">
                        Woning parkeren
                      </Menu.Item>
                    </Menu.Dropdown>
                  </Menu>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

const UNPLACED_ORDER: Unplaced['kind'][] = ['outcompeted', 'no-possible-unit', 'set-aside', 'not-candidate'];

function UnplacedTable(props: { proposal: Proposal; names: RoundNames; disabled: boolean; onOpen: (u: Unplaced) => void; onControl: (r: ControlRequest) => void }) {
  const rows = [...props.proposal.unplaced].sort(
    (a, b) => UNPLACED_ORDER.indexOf(a.kind) - UNPLACED_ORDER.indexOf(b.kind) || a.clientId.localeCompare(b.clientId),
  );
  return (
    <Stack gap={4}>
      <Title order={4}>Niet geplaatst ({rows.length})</Title>
      <Table fz="sm" verticalSpacing={4} data-testid="unplaced">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Kandidaat</Table.Th>
            <Table.Th>Waarom niet</Table.Th>
            <Table.Th>
              <VisuallyHidden>Acties</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((u) => (
            <Table.Tr key={u.clientId} data-testid={`unplaced-${u.clientId}`}>
              <Table.Td fw={500} style={{ whiteSpace: 'nowrap' }}>
                {props.names.client(u.clientId)}
              </Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color={u.kind === 'outcompeted' ? 'blue' : u.kind === 'no-possible-unit' ? 'orange' : 'gray'} mr={6}>
                  {UNPLACED_KIND_LABELS[u.kind]}
                </Badge>
                <Text span size="xs" c="dimmed">
                  {u.reasons[0]?.message ?? ''}
                  {u.reasons.length > 1 ? ` (en nog ${plural(u.reasons.length - 1, 'reden', 'redenen')} onder “Waarom niet”)` : ''}
                </Text>
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                <Button size="compact-xs" variant="subtle" onClick={() => props.onOpen(u)} aria-label={`Waarom niet: ${u.clientId}`} data-testid={`why-not-${u.clientId}`}>
                  Waarom niet
                </Button>
                {u.kind !== 'not-candidate' && u.kind !== 'set-aside' && (
                  <Button size="compact-xs" variant="subtle" color="gray" disabled={props.disabled} onClick={() => props.onControl({ kind: 'set-aside-client', clientId: u.clientId })} aria-label={`${u.clientId} parkeren`}>
                    Parkeren
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
