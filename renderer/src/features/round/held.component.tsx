// What a proposal planned with the future in view kept for later rounds (plan.ts): per cap, quota or
// exchange step the places it held back and why, beside the round's own optimum, and which setting it
// was made with (the policy's or the round's own). A proposal the round told to spend everything now
// says that instead. Pure presentation; runs in the renderer.
import { Alert, List, Stack, Text } from '@mantine/core';
import { planningSettingSentence } from '../../../../shared/domain/round-planning';
import type { PlanningSetting, Proposal } from '../../../../shared/engine/round.schema';

export function HeldForLater({ planning, setting }: { planning: NonNullable<Proposal['planning']>; setting?: PlanningSetting }) {
  return (
    <Alert color="blue" variant="light" title="Bewaard voor volgende rondes" data-testid="held-for-later">
      <Stack gap={4}>
        <Text size="sm" data-testid="held-sentence">
          {planning.sentence}
        </Text>
        {planning.held.length > 0 && (
          <List size="sm" spacing={2} data-testid="held-list">
            {planning.held.map((h) => (
              <List.Item key={`${h.constraintCode}:${h.key}`}>{h.sentence}</List.Item>
            ))}
          </List>
        )}
        {setting && (
          <Text size="sm" mt={4} data-testid="held-setting">
            {planningSettingSentence(setting)}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

/** A proposal that did not plan because the round chose so (spend everything now, or a hold of 0): said, with the policy's setting beside it. */
export function NothingHeld({ setting }: { setting: PlanningSetting }) {
  return (
    <Alert color="gray" variant="light" title="Niets bewaard voor volgende rondes" data-testid="nothing-held">
      <Text size="sm" data-testid="held-setting">
        {planningSettingSentence(setting)}
      </Text>
    </Alert>
  );
}
