// Building blocks of the detail pages: a titled card and a list of label/value facts.
// Runs in the renderer.
import { Card, DataList, Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function SectionCard({
  title,
  icon,
  children,
  testId,
}: {
  title: string;
  icon?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Card withBorder radius="md" padding="lg" data-testid={testId}>
      <Group gap="xs" mb="sm" wrap="nowrap">
        {icon}
        <Title order={4}>{title}</Title>
      </Group>
      {children}
    </Card>
  );
}

export type Fact = [label: string, value: ReactNode];

export function Facts({ items, labelWidth = 180 }: { items: Fact[]; labelWidth?: number }) {
  return (
    <DataList labelWidth={labelWidth} gap="xs" size="sm">
      {items.map(([label, value]) => (
        <DataList.Item key={label}>
          <DataList.ItemLabel>
            <Text span size="sm" c="dimmed">
              {label}
            </Text>
          </DataList.ItemLabel>
          <DataList.ItemValue>{value}</DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}

/** A dimmed "none" text for empty facts and lists. */
export function None({ children = 'Geen' }: { children?: ReactNode }) {
  return (
    <Text span size="sm" c="dimmed">
      {children}
    </Text>
  );
}
