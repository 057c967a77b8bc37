// One multi-choice filter for the lists and the monitor (clients, units, monitor): a labelled
// MultiSelect that says "Alle" while nothing is chosen and grows with what is chosen, so a chosen
// value reads in full ("Vrouwenopvang", "Dijkzicht Zorg (beschermd wonen)") instead of an ellipsis
// in a fixed-width box. Runs in the renderer.
import { MultiSelect, type MultiSelectProps } from '@mantine/core';

export interface FilterOption {
  value: string;
  label: string;
}

export interface FilterSelectProps {
  label: string;
  options: readonly FilterOption[];
  value: string[];
  onChange: (value: string[]) => void;
  /** Shown while nothing is chosen (default "Alle"). */
  emptyText?: string;
  /** Type to narrow the options (long lists: municipalities, organisations). */
  searchable?: boolean;
  /** Narrowest width, with nothing chosen. */
  minWidth?: number;
  size?: MultiSelectProps['size'];
  testId: string;
}

/** Widest a filter grows before its chosen values wrap onto a second line. */
const MAX_WIDTH = 420;

export function FilterSelect({ label, options, value, onChange, emptyText = 'Alle', searchable = false, minWidth = 170, size = 'xs', testId }: FilterSelectProps) {
  return (
    <MultiSelect
      label={label}
      placeholder={value.length ? undefined : emptyText}
      data={options as FilterOption[]}
      value={value}
      onChange={onChange}
      searchable={searchable}
      clearable
      size={size}
      miw={minWidth}
      maw={MAX_WIDTH}
      // The typing field's own width (Mantine gives it at least 100 px) would otherwise widen the box.
      styles={{ inputField: { width: 40, minWidth: 40 } }}
      data-testid={testId}
    />
  );
}
