// The one date field of the app: a calendar picker that also takes typed dd-mm-jjjj (or d-m-jjjj);
// value in and out as 'yyyy-mm-dd' or '' — text that is no date goes out as typed, with its error shown.
import { DateInput, type DateInputProps } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { useState } from 'react';
import { isIsoDate, parseDateText } from './date-text.util';

export interface DateFieldProps extends Omit<DateInputProps, 'value' | 'defaultValue' | 'onChange' | 'dateParser' | 'valueFormat'> {
  /** 'yyyy-mm-dd', '' / null for empty, or text typed earlier that is no date. */
  value: string | null;
  /** 'yyyy-mm-dd' for a date, '' when emptied, the typed text when it is no date (the form names it). */
  onChange: (value: string) => void;
}

export function DateField({ value, onChange, error, onBlur, placeholder, ...rest }: DateFieldProps) {
  const iso = isIsoDate(value) ? value : null;
  // What the person typed, until it is a date: its message shows once they leave the field.
  const [typed, setTyped] = useState<string | null>(value && !iso ? value : null);
  const [left, setLeft] = useState(typed !== null);
  const typedProblem = iso !== null || typed === null ? null : (() => {
    const r = parseDateText(typed);
    return r.ok ? null : r.message;
  })();
  return (
    <DateInput
      {...rest}
      value={iso}
      valueFormat="DD-MM-YYYY"
      placeholder={placeholder ?? 'dd-mm-jjjj'}
      dateParser={(text) => {
        const r = parseDateText(text);
        return r.ok ? r.iso : null;
      }}
      onChange={(v) => {
        setTyped(null);
        onChange(v ?? '');
      }}
      onInput={(e) => {
        const text = e.currentTarget.value;
        const r = parseDateText(text);
        setLeft(false);
        if (r.ok) {
          setTyped(null);
          if (r.iso === null) onChange('');
        } else {
          setTyped(text);
          onChange(text);
        }
      }}
      onBlur={(e) => {
        setLeft(true);
        onBlur?.(e);
      }}
      // A date typed as 4-12-2026 reads 04-12-2026 after leaving the field; text that is no date stays.
      fixOnBlur={typedProblem === null}
      clearable
      clearButtonProps={{ 'aria-label': 'Datum wissen' }}
      leftSection={<IconCalendar size={16} aria-hidden />}
      error={error || (left ? typedProblem : null) || undefined}
      previousLabel="Vorige"
      nextLabel="Volgende"
      ariaLabels={{
        previousMonth: 'Vorige maand',
        nextMonth: 'Volgende maand',
        previousYear: 'Vorig jaar',
        nextYear: 'Volgend jaar',
        previousDecade: 'Vorige tien jaar',
        nextDecade: 'Volgende tien jaar',
        monthLevelControl: 'Kies een maand',
        yearLevelControl: 'Kies een jaar',
      }}
    />
  );
}
