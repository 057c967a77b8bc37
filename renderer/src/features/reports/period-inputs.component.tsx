// The period of a report: two date inputs, "Van" and "Tot en met", with the check's message at the
// field that is wrong. Runs in the renderer.
import { Group } from '@mantine/core';
import { DateField } from '../../ui/date-field.component';

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
      <DateField
        label="Van"
        value={from}
        onChange={onFrom}
        error={fromError}
        size={size}
        w={170}
        data-testid={`${testId}-from`}
      />
      <DateField
        label="Tot en met"
        value={to}
        onChange={onTo}
        error={toError}
        size={size}
        w={170}
        data-testid={`${testId}-to`}
      />
    </Group>
  );
}
