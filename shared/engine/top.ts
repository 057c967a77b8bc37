// The k best of a list without sorting the whole list: the lists run to thousands of pairs and
// only a handful is wanted. Pure TypeScript.

/**
 * Appends to `out` (and returns it) the at most `k` entries of `list` that `keep` accepts with the
 * highest `value`, highest first and the lowest index first on a tie: what a stable sort of the
 * whole list by value would give, through a small sorted buffer.
 */
export function topByValue(list: ArrayLike<number>, k: number, value: (p: number) => number, keep: (p: number) => boolean, out: number[] = []): number[] {
  const top: number[] = [];
  const vals: number[] = [];
  for (let j = 0; j < list.length; j++) {
    const p = list[j]!;
    if (!keep(p)) continue;
    const v = value(p);
    if (top.length === k) {
      const last = top[k - 1]!;
      const lv = vals[k - 1]!;
      if (v < lv || (v === lv && p > last)) continue;
      top.pop();
      vals.pop();
    }
    let i = top.length;
    while (i > 0 && (vals[i - 1]! < v || (vals[i - 1]! === v && top[i - 1]! > p))) i--;
    top.splice(i, 0, p);
    vals.splice(i, 0, v);
  }
  for (const p of top) out.push(p);
  return out;
}
