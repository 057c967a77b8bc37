// A moment as a person reads it: one function (formatMoment) for every screen, document and message,
// always in Dutch time whatever the host's time zone. Before, the Logboek, the closed round and the
// version picker used the host's zone (an hour off on a UTC host) while the rest used Dutch time.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The host runs on UTC (as a server or CI machine does): set before the formatter is loaded, since
// Intl formatters take the host zone when they are made.
process.env.TZ = 'UTC';

describe('formatMoment', () => {
  it('reads a moment in Dutch time on a UTC host: winter +1, summer +2, across both switches', async () => {
    // The host really is on UTC here: 11:12 UTC is 11 on its clock.
    expect(new Date('2026-12-05T11:12:00Z').getHours()).toBe(11);
    const { formatMoment } = await import('../../shared/domain/moments');
    expect(formatMoment('2026-12-05T11:12:00.000Z')).toBe('05-12-2026 12:12');
    expect(formatMoment('2026-07-01T10:05:00Z')).toBe('01-07-2026 12:05');
    // 29 March 2026: clocks go from 02:00 to 03:00 (01:00 UTC).
    expect(formatMoment('2026-03-29T00:59:00Z')).toBe('29-03-2026 01:59');
    expect(formatMoment('2026-03-29T01:00:00Z')).toBe('29-03-2026 03:00');
    // 25 October 2026: back from 03:00 to 02:00 (01:00 UTC); a late evening is already the next day.
    expect(formatMoment('2026-10-25T00:30:00Z')).toBe('25-10-2026 02:30');
    expect(formatMoment('2026-10-25T01:30:00Z')).toBe('25-10-2026 02:30');
    expect(formatMoment('2026-12-31T23:30:00Z')).toBe('01-01-2027 00:30');
    // One shape: no comma, no seconds; unreadable input as it is.
    expect(formatMoment('2026-12-05T11:12:59Z')).toMatch(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}$/);
    expect(formatMoment('gisteren')).toBe('gisteren');
  });

  it('is the only way the renderer and the documents show a time of day (no host-zone formatting)', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => {
        const p = join(dir, f);
        return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : [];
      });
    const offenders = ['renderer/src', 'shared', 'electron/backend/reports', 'electron/backend/privacy']
      .flatMap(files)
      .filter((f) => /toLocaleTimeString|toLocaleDateString|timeStyle|formatDateTime|hour: '2-digit'/.test(readFileSync(f, 'utf8')))
      .filter((f) => !f.endsWith(join('shared', 'domain', 'moments.ts')));
    expect(offenders).toEqual([]);
  });
});
