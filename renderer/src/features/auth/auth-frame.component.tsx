// The calm frame of the pages shown before anyone is logged in (first start, login): the app's name,
// one centred card, no navigation and no data. Runs in the renderer.
import { Box, Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { ReviewStartChoice } from '../review/review-open.component';

export function AuthFrame({ title, lead, width = 440, testId, children }: { title: string; lead: string; width?: number; testId: string; children: ReactNode }) {
  return (
    <Box component="main" mih="100vh" bg="gray.0" py={48} px="md">
      <Center>
        <Stack gap="lg" w="100%" maw={width}>
          <Stack gap={2} align="center">
            <Text fw={700} fz={26} c="teal.8">
              Uitstroomtafel
            </Text>
            <Text size="sm" c="dimmed" ta="center">
              Van beschermd wonen en opvang naar een eigen woning
            </Text>
          </Stack>
          <Paper withBorder radius="md" p="xl" shadow="xs" data-testid={testId}>
            <Stack gap="md">
              <Stack gap={4}>
                <Title order={1} fz={24}>
                  {title}
                </Title>
                <Text size="sm" c="dimmed">
                  {lead}
                </Text>
              </Stack>
              {children}
            </Stack>
          </Paper>
          <ReviewStartChoice />
        </Stack>
      </Center>
    </Box>
  );
}
