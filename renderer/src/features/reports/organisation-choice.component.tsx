// The organisation a report is about: a select with names for the chair, or — for a provider worker or
// a liaison, who may only see their own — the organisation fixed and shown by name. Runs in the renderer.
import { Select, Stack, Text } from '@mantine/core';

export interface OrganisationChoiceProps {
  label: string;
  options: { id: string; name: string }[];
  value: string | null;
  onChange: (id: string | null) => void;
  /** The logged-in person's own organisation: shown, not choosable. */
  fixed: string | null;
  testId: string;
}

export function OrganisationChoice({ label, options, value, onChange, fixed, testId }: OrganisationChoiceProps) {
  if (fixed) {
    const name = options.find((o) => o.id === fixed)?.name ?? fixed;
    return (
      <Stack gap={2} data-testid={`${testId}-fixed`}>
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <Text size="sm" fw={600} py={6}>
          {name}
        </Text>
      </Stack>
    );
  }
  return (
    <Select
      label={label}
      placeholder="Kies…"
      data={options.map((o) => ({ value: o.id, label: o.name }))}
      value={value}
      onChange={onChange}
      searchable
      w={280}
      data-testid={testId}
    />
  );
}
