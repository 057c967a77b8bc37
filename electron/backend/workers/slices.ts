// Long loops on the thread that answers requests, cut into slices with a turn for everyone else in
// between: building 10,000 rows of a list export is a few hundred milliseconds in one piece, and on
// the regional server every other user's request would wait that long. Node only (setImmediate).

/** Rows per slice: a few milliseconds of work each. */
export const SLICE = 500;

/** Lets the event loop run what is waiting (requests, I/O) before the caller goes on. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** `items.map(fn)`, a slice at a time. */
export async function mapInSlices<T, U>(items: readonly T[], fn: (item: T) => U, slice = SLICE): Promise<U[]> {
  const out: U[] = [];
  for (let i = 0; i < items.length; i += slice) {
    if (i > 0) await nextTurn();
    for (const item of items.slice(i, i + slice)) out.push(fn(item));
  }
  return out;
}
