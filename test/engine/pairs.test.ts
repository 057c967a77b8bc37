// The pair store (shared/engine/pairs.ts): pairs in growing typed arrays, membership lists shared
// and stored once, and the per-client and per-unit views, against plain objects built beside it.
import { describe, expect, it } from 'vitest';
import { type Membership, PairStoreBuilder, pairStoreOf } from '../../shared/engine/pairs';

describe('pair store', () => {
  it('keeps every pair through many growths, with shared membership lists stored once', () => {
    const lists: Membership[][] = [[], [{ c: 0, a: 1 }], [{ c: 1, a: 1 }, { c: 2, a: -1 }]];
    const b = new PairStoreBuilder(16);
    const plain: { client: number; unit: number; score: number; list: number }[] = [];
    let x = 7;
    for (let i = 0; i < 5000; i++) {
      x = (x * 48271) % 2147483647;
      const row = { client: x % 37, unit: (x >> 4) % 29, score: (x % 10000) / 100, list: x % 3 };
      plain.push(row);
      expect(b.push(row.client, row.unit, row.score, b.listId(lists[row.list]!))).toBe(i);
    }
    const store = b.finish();
    expect(store.length).toBe(5000);
    expect(store.client.length).toBe(5000);
    plain.forEach((row, p) => {
      expect(store.at(p)).toEqual({ index: p, client: row.client, unit: row.unit, score: row.score, cons: lists[row.list] });
      // The compressed rows say the same as the list.
      const l = store.list[p]!;
      const rows = Array.from({ length: store.listStart[l + 1]! - store.listStart[l]! }, (_, i) => ({
        c: store.consRow[store.listStart[l]! + i]!,
        a: store.consCoef[store.listStart[l]! + i]!,
      }));
      expect(rows).toEqual(lists[row.list]);
    });
    expect(store.listStart.length).toBe(4);
    expect(store.consRow.length).toBe(3);
    expect(() => store.at(5000)).toThrow(RangeError);
    expect(store.has(-1) || store.has(1.5) || store.has(5000)).toBe(false);
  });

  it('groups pairs by client and by unit in pair order', () => {
    const store = pairStoreOf([
      { client: 2, unit: 0, score: 1, cons: [] },
      { client: 0, unit: 1, score: 2, cons: [] },
      { client: 2, unit: 1, score: 3, cons: [] },
      { client: 0, unit: 0, score: 4, cons: [] },
    ]);
    expect(store.groupBy(store.client, 4).map((v) => Array.from(v))).toEqual([[1, 3], [], [0, 2], []]);
    expect(store.groupBy(store.unit, 2).map((v) => Array.from(v))).toEqual([[0, 3], [1, 2]]);
    expect(store.all().map((p) => p.score)).toEqual([1, 2, 3, 4]);
  });
});
