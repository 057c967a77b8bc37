// The one date field of the app: a calendar picker that also takes typed dd-mm-jjjj (or d-m-jjjj);
// value in and out as 'yyyy-mm-dd' or '' — text that is no date goes out as typed, with its error shown.
import { DateInput, type DateInputProps } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { useState } from 'react';
import { dateTextProblem, isIsoDate, parseDateText } from './date-text.util';

export interface DateFieldProps extends Omit<DateInputProps, 'value' | 'defaultValue' | 'onChange' | 'dateParser' | 'valueFormat'> {
  /** 'yyyy-mm-dd', '' / null for empty, or text typed earlier that is no date. */
  value: string | null;
  /** 'yyyy-mm-dd' for a date, '' when emptied, the typed text when it is no date (the form names it). */
  onChange: (value: string) => void;
}

export function DateField({ value, onChange, error, onBlur, onFocus, onClick, onKeyDown, placeholder, popoverProps, ...rest }: DateFieldProps) {
  const iso = isIsoDate(value) ? value : null;
  // Typed text that is no date: its own message (not the form's) once the person leaves the field.
  const typedProblem = dateTextProblem(value);
  const [left, setLeft] = useState(typedProblem !== null);
  // The calendar is open while the field has focus, and closes once a whole date is typed or picked
  // (so it never covers the button the person goes to next).
  const [open, setOpen] = useState(false);
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
        setOpen(false);
        onChange(v ?? '');
      }}
      onInput={(e) => {
        // Mantine reports only dates; text that is not (yet) one, or nothing, goes out here.
        const text = e.currentTarget.value;
        const r = parseDateText(text);
        setLeft(false);
        setOpen(!(r.ok && r.iso !== null));
        if (!r.ok) onChange(text);
        else if (r.iso === null) onChange('');
      }}
      onBlur={(e) => {
        setLeft(true);
        setOpen(false);
        onBlur?.(e);
      }}
      onFocus={(e) => {
        setOpen(true);
        onFocus?.(e);
      }}
      onClick={(e) => {
        setOpen(true);
        onClick?.(e);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setOpen(false);
        if (e.key === 'ArrowDown') setOpen(true);
        onKeyDown?.(e);
      }}
      popoverProps={{ ...popoverProps, opened: open, onClose: () => setOpen(false) }}
      // A date typed as 4-12-2026 reads 04-12-2026 after leaving the field; text that is no date stays.
      fixOnBlur={typedProblem === null}
      clearable
      clearButtonProps={{ 'aria-label': 'Datum wissen' }}
      leftSection={<IconCalendar size={16} aria-hidden />}
      error={typedProblem !== null ? (left ? typedProblem : undefined) : error || undefined}
      previousLabel="Vorige"
      nextLabel="Volgende"
      ariaLabels={{
        previousMonth: 'Vorige maand',
        nextMonth: 'Volgende maand',
        previousYear: 'Vorig jaar',
        nextYear: 'Volgend jaar',
        previousDecade: 'Vorige tien jaar',
        nextDecade: 'Volgende tien jaar',
      }}
      // Days of the next and previous month would be pale grey (too little contrast): left out.
      hideOutsideDates
    />
  );
}
