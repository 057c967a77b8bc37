// What a proposal planned with the future in view kept for later rounds (plan.ts): per cap, quota or
// exchange step the places it held back and why, beside the round's own optimum. Shown only for proposals
// that planned. Pure presentation; runs in the renderer.
import { Alert, List, Stack, Text } from '@mantine/core';
import type { Proposal } from '../../../../shared/engine/round.schema';

export function HeldForLater({ planning }: { planning: NonNullable<Proposal['planning']> }) {
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
      </Stack>
    </Alert>
  );
}
