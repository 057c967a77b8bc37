// A calm page for a part of the app that is still to come: what it will do, not a broken screen.
// Runs in the renderer.
import { Badge, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function ComingSoon({
  title,
  lead,
  icon,
  children,
  testId,
}: {
  title: string;
  lead: string;
  icon: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Stack gap="md" data-testid={testId}>
      <Title order={2}>{title}</Title>
      <Paper withBorder radius="md" p="xl" maw={760}>
        <Stack gap="md">
          <Group gap="md" wrap="nowrap">
            <ThemeIcon size={52} radius="xl" variant="light" color="teal">
              {icon}
            </ThemeIcon>
            <Stack gap={4}>
              <Text fw={600} size="lg">
                {lead}
              </Text>
              <Badge variant="light" color="gray" w="fit-content">
                In ontwikkeling
              </Badge>
            </Stack>
          </Group>
          {children}
        </Stack>
      </Paper>
    </Stack>
  );
}
