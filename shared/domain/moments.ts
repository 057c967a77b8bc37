// A moment (ISO timestamp) as a person reads it, on every screen, in every document and message:
// "27-11-2026 11:00" in Dutch time, whatever the host's time zone. The one function for a time of day
// (test/unit/moments.test.ts keeps host-zone formatting out). Pure TypeScript (Intl only).

const TIME_ZONE = 'Europe/Amsterdam';

const parts = new Intl.DateTimeFormat('nl-NL', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** dd-mm-jjjj hh:mm in Dutch time, e.g. 27-11-2026 11:00; unparseable input is returned as is. */
export function formatMoment(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = parts.formatToParts(d);
  const part = (type: Intl.DateTimeFormatPartTypes) => p.find((x) => x.type === type)?.value ?? '';
  return `${part('day')}-${part('month')}-${part('year')} ${part('hour')}:${part('minute')}`;
}
