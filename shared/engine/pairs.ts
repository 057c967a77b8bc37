// The round's possible pairs in typed arrays: a pair is a client, a unit, a score and the list of
// round constraints it counts towards. A large round has millions of pairs (5000 x 4000: about
// 7 million), so a pair is not an object but an index into parallel arrays, and the constraint
// lists, shared by every pair with the same unit and municipality of origin, are stored once in
// compressed rows. About 28 bytes a pair, where an object per pair took some 110. Pure TypeScript.

/** A constraint membership: constraint index and coefficient. */
export interface Membership {
  c: number;
  a: number;
}

/** One pair as an object (explanations, exports and tests; the solvers read the arrays). */
export interface Pair {
  index: number;
  client: number;
  unit: number;
  score: number;
  cons: readonly Membership[];
}

export class PairStore {
  /** Per membership list l: its rows run from listStart[l] to listStart[l + 1] in consRow/consCoef. */
  readonly listStart: Int32Array;
  readonly consRow: Int32Array;
  readonly consCoef: Float64Array;

  constructor(
    readonly length: number,
    readonly client: Int32Array,
    readonly unit: Int32Array,
    readonly score: Float64Array,
    /** Each pair's membership list (an index into `lists`). */
    readonly list: Int32Array,
    private readonly lists: readonly (readonly Membership[])[],
  ) {
    this.listStart = new Int32Array(lists.length + 1);
    let n = 0;
    lists.forEach((l, i) => {
      n += l.length;
      this.listStart[i + 1] = n;
    });
    this.consRow = new Int32Array(n);
    this.consCoef = new Float64Array(n);
    let j = 0;
    for (const l of lists) {
      for (const { c, a } of l) {
        this.consRow[j] = c;
        this.consCoef[j++] = a;
      }
    }
  }

  /** The pair's constraint memberships (shared, read-only). */
  cons(p: number): readonly Membership[] {
    return this.lists[this.list[p]!]!;
  }

  /** Whether `p` is the index of a pair. */
  has(p: number): boolean {
    return Number.isInteger(p) && p >= 0 && p < this.length;
  }

  at(p: number): Pair {
    if (!this.has(p)) throw new RangeError(`no pair ${p}`);
    return { index: p, client: this.client[p]!, unit: this.unit[p]!, score: this.score[p]!, cons: this.cons(p) };
  }

  /** The same pairs with other scores (what-if solves): the arrays and lists are shared, not copied. */
  withScores(score: Float64Array): PairStore {
    if (score.length !== this.length) throw new RangeError(`expected ${this.length} scores, got ${score.length}`);
    return new PairStore(this.length, this.client, this.unit, score, this.list, this.lists);
  }

  /** Every pair as an object: for small rounds (tests, exports), never in a solver. */
  all(): Pair[] {
    return Array.from({ length: this.length }, (_, p) => this.at(p));
  }

  /** The pairs of each owner (client or unit), in pair order, as views into one array. */
  groupBy(owner: Int32Array, owners: number): Int32Array[] {
    const start = new Int32Array(owners + 1);
    let sorted = true;
    for (let p = 0; p < this.length; p++) {
      start[owner[p]! + 1]!++;
      if (p > 0 && owner[p]! < owner[p - 1]!) sorted = false;
    }
    for (let i = 0; i < owners; i++) start[i + 1] = start[i + 1]! + start[i]!;
    const flat = new Int32Array(this.length);
    if (sorted) {
      // Pairs already in owner order (a model's pairs by client): each owner's pairs are a range.
      for (let p = 0; p < this.length; p++) flat[p] = p;
    } else {
      const at = start.slice(0, owners);
      for (let p = 0; p < this.length; p++) flat[at[owner[p]!]!++] = p;
    }
    return Array.from({ length: owners }, (_, i) => flat.subarray(start[i]!, start[i + 1]!));
  }
}

/** Collects pairs as they are found, in growing typed arrays; `finish` trims them to size. */
export class PairStoreBuilder {
  private capacity: number;
  private n = 0;
  private client: Int32Array;
  private unit: Int32Array;
  private score: Float64Array;
  private list: Int32Array;
  private lists: (readonly Membership[])[] = [];
  private listIds = new Map<readonly Membership[], number>();

  constructor(expected = 1024) {
    this.capacity = Math.max(16, expected);
    this.client = new Int32Array(this.capacity);
    this.unit = new Int32Array(this.capacity);
    this.score = new Float64Array(this.capacity);
    this.list = new Int32Array(this.capacity);
  }

  get length(): number {
    return this.n;
  }

  /** The number of a membership list (the same array object gets the same number). */
  listId(list: readonly Membership[]): number {
    let id = this.listIds.get(list);
    if (id === undefined) {
      id = this.lists.length;
      this.lists.push(list);
      this.listIds.set(list, id);
    }
    return id;
  }

  /** Adds a pair and returns its index. */
  push(client: number, unit: number, score: number, list: number): number {
    if (this.n === this.capacity) this.grow();
    const p = this.n++;
    this.client[p] = client;
    this.unit[p] = unit;
    this.score[p] = score;
    this.list[p] = list;
    return p;
  }

  /** Makes room for `total` pairs in all (an estimate: pushing beyond it still works). */
  reserve(total: number): void {
    if (total > this.capacity) this.grow(total);
  }

  private grow(to = Math.ceil(this.capacity * 1.5)): void {
    this.capacity = to;
    const int = (a: Int32Array) => {
      const b = new Int32Array(this.capacity);
      b.set(a);
      return b;
    };
    this.client = int(this.client);
    this.unit = int(this.unit);
    this.list = int(this.list);
    const score = new Float64Array(this.capacity);
    score.set(this.score);
    this.score = score;
  }

  finish(): PairStore {
    const n = this.n;
    // Nearly full arrays are used as they are (a view); others are copied to size.
    const fit = n >= this.capacity * 0.9 ? <T extends Int32Array | Float64Array>(a: T) => a.subarray(0, n) as T : <T extends Int32Array | Float64Array>(a: T) => a.slice(0, n) as T;
    return new PairStore(n, fit(this.client), fit(this.unit), fit(this.score), fit(this.list), this.lists);
  }
}

/** A store from pair objects (hand-built models in tests; small rounds). */
export function pairStoreOf(pairs: readonly Omit<Pair, 'index'>[]): PairStore {
  const b = new PairStoreBuilder(pairs.length);
  for (const p of pairs) b.push(p.client, p.unit, p.score, b.listId(p.cons));
  return b.finish();
}
