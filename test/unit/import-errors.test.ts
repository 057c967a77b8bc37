// The import preview's error badge and alert title count the same thing, in the right plural.
import { describe, expect, it } from 'vitest';
import { errorCount, errorTitle } from '../../renderer/src/features/import/import-errors.util';

const p = (row: number | null) => ({ row, column: null, message: 'x' });

describe('import error words', () => {
  it('one error: singular in badge and title', () => {
    expect(errorCount([p(3)])).toBe('1 fout');
    expect(errorTitle([p(3)])).toBe('1 fout in 1 rij: er wordt niets geïmporteerd');
  });
  it('two errors in one row: the badge says 2 fouten, as the title does (it said "1 fout")', () => {
    expect(errorCount([p(3), p(3)])).toBe('2 fouten');
    expect(errorTitle([p(3), p(3)])).toBe('2 fouten in 1 rij: er wordt niets geïmporteerd');
  });
  it('errors over rows and the whole file', () => {
    expect(errorTitle([p(3), p(5), p(null)])).toBe('3 fouten in 2 rijen: er wordt niets geïmporteerd');
    expect(errorTitle([p(null)])).toBe('1 fout: er wordt niets geïmporteerd');
    expect(errorCount([])).toBe('0 fouten');
  });
});
