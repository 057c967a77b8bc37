// "Plannen over rondes" for one round (issue 14 item 1): before proposing, the chair chooses how this
// round treats capacity under the caps — follow the policy (the default), spend everything now, or a hold
// (and empty home-month cost) of this round's own. Shows who chose it and whether the latest version
// used it. Runs in the renderer; `rounds.setPlanning`.
import { Alert, Badge, Button, Card, Group, NumberInput, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconHourglass } from '@tabler/icons-react';
import { useState } from 'react';
import type { RoundDetail } from '../../../../shared/api/rounds.contract';
import { formatMoment } from '../../../../shared/domain/moments';
import {
  COST_LABEL,
  HOLD_LABEL,
  ROUND_PLANNING_MODES,
  ROUND_PLANNING_MODE_LABELS,
  type RoundPlanningChoice,
  type RoundPlanningMode,
  planningChoiceText,
  planningValuesText,
} from '../../../../shared/domain/round-planning';
import { formatNumberShort } from '../../../../shared/reports/format-nl';
import { ApiCallError } from '../../api/api.client';
import { useApi } from '../../api/api.context';
import { type FieldErrors, toFieldErrors } from '../../ui/form-errors.util';
import type { RoundPeopleNames } from './round-names.hook';
import { useRoundBlocked } from './round-lock.component';

const MODE_HELP: Record<RoundPlanningMode, (policy: string) => string> = {
  policy: (policy) => `Zoals het beleid zegt: ${policy}.`,
  'spend-now': () => 'Deze ronde gebruikt alle ruimte onder de buurt- en complexgrenzen; er wordt niets bewaard voor volgende rondes.',
  custom: () => 'Alleen voor deze ronde; het beleid blijft zoals het is.',
};

/** The number a NumberInput holds, or undefined when it is empty (the server names the field then). */
const numberOf = (v: number | string): number | undefined => (typeof v === 'number' ? v : v.trim() === '' ? undefined : Number(v.replace(',', '.')));

export function PlanningSettingCard({ round, names, onChanged }: { round: RoundDetail; names: RoundPeopleNames; onChanged: () => void }) {
  const api = useApi();
  const state = round.planning;
  const closed = round.status === 'closed';
  const blocked = useRoundBlocked();
  const latest = round.versions.at(-1);
  const pending = !closed && latest !== undefined && state.setAt !== null && state.setAt > latest.createdAt;
  const [editing, setEditing] = useState(false);
  const [mode, setMode] = useState<RoundPlanningMode>(state.choice.mode);
  const [hold, setHold] = useState<number | string>(state.choice.mode === 'custom' ? state.choice.hold : state.effective.hold);
  const [cost, setCost] = useState<number | string>(state.choice.mode === 'custom' ? (state.choice.emptyHomeMonthCost ?? '') : '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const open = () => {
    setMode(state.choice.mode);
    setHold(state.choice.mode === 'custom' ? state.choice.hold : state.effective.hold);
    setCost(state.choice.mode === 'custom' ? (state.choice.emptyHomeMonthCost ?? '') : '');
    setErrors({});
    setFailure(null);
    setSaved(false);
    setEditing(true);
  };

  const save = async () => {
    const planning = (mode === 'custom' ? { mode, hold: numberOf(hold), emptyHomeMonthCost: numberOf(cost) ?? null } : { mode }) as RoundPlanningChoice;
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      await api.call('rounds.setPlanning', { roundId: round.id, planning });
      setEditing(false);
      setSaved(true);
      onChanged();
    } catch (e) {
      const fields = e instanceof ApiCallError ? toFieldErrors(e.problems.map((p) => ({ ...p, path: p.path.replace(/^planning\./, '') }))) : {};
      setErrors(fields);
      // A problem no field shows (a closed round, a lost connection): said above the buttons.
      if (!fields.hold && !fields.emptyHomeMonthCost) setFailure(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder radius="md" padding="sm" data-testid="round-planning">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Group gap="xs" wrap="wrap">
          <IconHourglass size={18} aria-hidden />
          <Text fw={600} size="sm">
            Plannen over rondes
          </Text>
          <Text size="sm" data-testid="round-planning-summary">
            Deze ronde: {planningChoiceText(state.choice, state.policy)}
          </Text>
          {state.setBy && state.setAt && (
            <Text size="sm" c="dimmed">
              · ingesteld door {names.person(state.setBy)} op {formatMoment(state.setAt)}
            </Text>
          )}
        </Group>
        <Group gap="xs" wrap="nowrap">
          {pending && (
            <Badge color="orange" variant="light" data-testid="round-planning-pending">
              Nog niet meegenomen: bereken opnieuw
            </Badge>
          )}
          {!closed && !editing && (
            <Button size="compact-sm" variant="subtle" onClick={open} disabled={blocked !== null} title={blocked ?? undefined} data-testid="round-planning-edit">
              Wijzigen
            </Button>
          )}
        </Group>
      </Group>
      {saved && !editing && (
        <Text size="sm" c="dimmed" mt={4} data-testid="round-planning-saved">
          Opgeslagen; geldt vanaf de volgende berekening van deze ronde.
        </Text>
      )}
      {editing && (
        <Stack gap="sm" mt="sm" id="round-planning-form" data-testid="round-planning-form">
          <Radio.Group
            label="Hoe gaat deze ronde om met plekken onder de grenzen?"
            description="Een plek die nu wordt gebruikt, is later in de periode niet meer vrij. Kies voor deze ronde, voordat u het voorstel berekent."
            value={mode}
            onChange={(v) => setMode(v as RoundPlanningMode)}
            data-testid="round-planning-mode"
          >
            <Stack gap="xs" mt="xs">
              {ROUND_PLANNING_MODES.map((m) => (
                <Radio key={m} value={m} label={ROUND_PLANNING_MODE_LABELS[m]} description={MODE_HELP[m](planningValuesText(state.policy))} data-testid={`round-planning-${m}`} />
              ))}
            </Stack>
          </Radio.Group>
          {mode === 'custom' && (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <NumberInput
                label={`${HOLD_LABEL} (0 tot 1)`}
                description="0: alles nu inzetten. 1: een plek telt voor haar volle verwachte waarde in de rondes die nog komen."
                withAsterisk
                value={hold}
                onChange={(v) => {
                  setHold(v);
                  setErrors((e) => ({ ...e, hold: '' }));
                }}
                min={0}
                max={1}
                step={0.1}
                decimalScale={2}
                decimalSeparator=","
                allowNegative={false}
                error={errors.hold || undefined}
                data-testid="round-planning-hold"
              />
              <NumberInput
                label={`${COST_LABEL} (punten)`}
                description={`Leeg: zoals het beleid (${formatNumberShort(state.policy.emptyHomeMonthCost, 2)} punten).`}
                value={cost}
                onChange={(v) => {
                  setCost(v);
                  setErrors((e) => ({ ...e, emptyHomeMonthCost: '' }));
                }}
                min={0}
                max={10_000}
                decimalScale={2}
                decimalSeparator=","
                thousandSeparator="."
                allowNegative={false}
                error={errors.emptyHomeMonthCost || undefined}
                data-testid="round-planning-cost"
              />
            </SimpleGrid>
          )}
          {failure && (
            <Alert color="red" variant="light" data-testid="round-planning-error">
              {failure}
            </Alert>
          )}
          <Group gap="xs">
            <Button size="xs" onClick={() => void save()} loading={busy} data-testid="round-planning-save">
              Instelling opslaan
            </Button>
            <Button size="xs" variant="default" onClick={() => setEditing(false)} disabled={busy} data-testid="round-planning-cancel">
              Annuleren
            </Button>
          </Group>
        </Stack>
      )}
    </Card>
  );
}
