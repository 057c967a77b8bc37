// topByValue (shared/engine/top.ts) gives what a stable sort of the whole list would: the k best by
// value, highest first, the lowest index first on a tie, among the entries it keeps.
import { describe, expect, it } from 'vitest';
import { topByValue } from '../../shared/engine/top';

describe('topByValue', () => {
  it('equals sorting the whole list, over random lists with many ties', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < 500; round++) {
      const n = Math.floor(rand() * 40);
      const list = Array.from({ length: n }, () => Math.floor(rand() * 60)).filter((v, i, a) => a.indexOf(v) === i);
      const value = new Map(list.map((p) => [p, Math.floor(rand() * 5)]));
      const keep = (p: number) => p % 7 !== 3;
      const k = 1 + Math.floor(rand() * 6);
      const expected = list
        .filter(keep)
        .sort((a, b) => value.get(b)! - value.get(a)! || a - b)
        .slice(0, k);
      expect(topByValue(list, k, (p) => value.get(p)!, keep), `round ${round}`).toEqual(expected);
    }
  });

  it('appends to the list it is given', () => {
    const out = [99];
    topByValue([1, 2, 3], 2, (p) => p, () => true, out);
    expect(out).toEqual([99, 3, 2]);
  });
});
