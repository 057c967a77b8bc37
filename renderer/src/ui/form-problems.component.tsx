// The summary above a form that the server refused: one line per problem, next to the marks at the
// fields themselves. Runs in the renderer.
import { Alert, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';

export function FormProblems({ lines }: { lines: string[] }) {
  if (lines.length === 0) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="Niet opgeslagen: controleer de gemarkeerde velden" data-testid="form-problems">
      <Stack gap={2}>
        {lines.map((s) => (
          <Text key={s} size="sm">
            {s}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}
