// The period of a report: two date inputs, "Van" and "Tot en met", with the check's message at the
// field that is wrong. Runs in the renderer.
import { Group, TextInput } from '@mantine/core';

export interface PeriodInputsProps {
  from: string;
  to: string;
  onFrom: (value: string) => void;
  onTo: (value: string) => void;
  fromError?: string | undefined;
  toError?: string | undefined;
  size?: 'xs' | 'sm';
  testId?: string;
}

export function PeriodInputs({ from, to, onFrom, onTo, fromError, toError, size = 'sm', testId = 'period' }: PeriodInputsProps) {
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <TextInput
        type="date"
        label="Van"
        value={from}
        onChange={(e) => onFrom(e.currentTarget.value)}
        error={fromError}
        size={size}
        w={150}
        data-testid={`${testId}-from`}
      />
      <TextInput
        type="date"
        label="Tot en met"
        value={to}
        onChange={(e) => onTo(e.currentTarget.value)}
        error={toError}
        size={size}
        w={150}
        data-testid={`${testId}-to`}
      />
    </Group>
  );
}
