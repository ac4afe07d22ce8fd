import { ValueError } from "../errors/value-error.js";

const MIN_SIZE = 8;

/** A `PyIntSet`'s table as JSON: its size and the occupied slots. */
export interface PyIntSetLayout {
  tableSize: number;
  slots: Array<[slot: number, element: number]>;
}
const LINEAR_PROBES = 9;
const PERTURB_SHIFT_DIVISOR = 32; // perturb >>= 5, on values beyond 32 bits

/**
 * A Python `set` of non-negative integers laid out exactly as CPython 3.11 lays it out (open addressing with
 * linear probes, then perturbation; growth at 3/5 full), so iterating it visits the elements in Python's order.
 * Optimizers ported from Python that iterate sets (GEPA's Pareto fronts and merges) need that order to make the
 * same random choices. Integers hash to themselves; there is no removal.
 *
 * @example
 * const s = PyIntSet.of(3, 9); // Python: {3, 9}
 * [...s]; // [9, 3], as list({3, 9}) in CPython
 */
export class PyIntSet implements Iterable<number> {
  private table: Array<number | undefined>;
  private used = 0;

  private constructor(size = MIN_SIZE) {
    this.table = new Array<number | undefined>(size).fill(undefined);
  }

  /** An empty set (`set()`). */
  static empty(): PyIntSet {
    return new PyIntSet();
  }

  /** A set literal `{a, b, …}`: the elements added in order. */
  static of(...values: number[]): PyIntSet {
    return PyIntSet.from(values);
  }

  /** `set(iterable)` for a list, generator or other non-set iterable: elements added one by one. */
  static from(values: Iterable<number>): PyIntSet {
    const set = new PyIntSet();
    for (const value of values) set.add(value);
    return set;
  }

  /** `set(other)` where `other` is a set: CPython copies the table, or reinserts in `other`'s order after one resize. */
  static copyOf(other: PyIntSet): PyIntSet {
    const set = new PyIntSet();
    if (other.used === 0) return set;
    if (other.used * 5 >= (MIN_SIZE - 1) * 3) set.resize(other.used * 2);
    if (set.table.length === other.table.length) {
      set.table = [...other.table];
      set.used = other.used;
      return set;
    }
    for (const key of other.table) if (key !== undefined) set.insertClean(key);
    set.used = other.used;
    return set;
  }

  get size(): number {
    return this.used;
  }

  has(value: number): boolean {
    return Number.isSafeInteger(value) && value >= 0 && this.probe(value).found;
  }

  /** `s.add(value)`. */
  add(value: number): this {
    checkKey(value);
    const { slot, found } = this.probe(value);
    if (found) return this;
    this.table[slot] = value;
    this.used++;
    const mask = this.table.length - 1;
    if (this.used * 5 >= mask * 3) this.resize(this.used > 50000 ? this.used * 2 : this.used * 4);
    return this;
  }

  /** `a & b` (`a.intersection(b)` with a set): CPython walks the smaller set (`b` on a tie) and keeps common elements. */
  intersection(other: PyIntSet): PyIntSet {
    const [big, small] = other.size > this.size ? [other, this as PyIntSet] : [this as PyIntSet, other];
    const result = new PyIntSet();
    for (const value of small) if (big.has(value)) result.add(value);
    return result;
  }

  [Symbol.iterator](): Iterator<number> {
    return (this.table.filter((key) => key !== undefined) as number[])[Symbol.iterator]();
  }

  /** `list(s)`. */
  toArray(): number[] {
    return [...this];
  }

  /** The table layout (size, then `[slot, element]` pairs), for checkpoints that must restore the same order. */
  toLayout(): PyIntSetLayout {
    const slots: Array<[number, number]> = [];
    this.table.forEach((key, slot) => {
      if (key !== undefined) slots.push([slot, key]);
    });
    return { tableSize: this.table.length, slots };
  }

  /** Restores a set saved with `toLayout()`. */
  static fromLayout(layout: PyIntSetLayout): PyIntSet {
    const size = layout.tableSize;
    if (!Number.isInteger(size) || size < MIN_SIZE || (size & (size - 1)) !== 0) {
      throw new ValueError(`A PyIntSet layout needs a power-of-two table size of at least ${MIN_SIZE}, got ${String(size)}.`);
    }
    const set = new PyIntSet(size);
    for (const [slot, key] of layout.slots) {
      checkKey(key);
      if (!Number.isInteger(slot) || slot < 0 || slot >= size || set.table[slot] !== undefined) {
        throw new ValueError(`A PyIntSet layout has an invalid or repeated slot ${String(slot)}.`);
      }
      set.table[slot] = key;
      set.used++;
    }
    return set;
  }

  /** CPython's probe sequence (linear probes, then perturbation): the slot holding `value`, or the empty slot it would take. */
  private probe(value: number): { slot: number; found: boolean } {
    const mask = this.table.length - 1;
    let i = value % this.table.length;
    let perturb = value;
    for (;;) {
      const probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
      for (let j = 0; j <= probes; j++) {
        const key = this.table[i + j];
        if (key === undefined) return { slot: i + j, found: false };
        if (key === value) return { slot: i + j, found: true };
      }
      perturb = Math.floor(perturb / PERTURB_SHIFT_DIVISOR);
      i = (i * 5 + 1 + perturb) % this.table.length;
    }
  }

  /** CPython's `set_table_resize(minused)`: the smallest power of two above `minused`, entries reinserted in slot order. */
  private resize(minused: number): void {
    let size = MIN_SIZE;
    while (size <= minused) size *= 2;
    const old = this.table;
    this.table = new Array<number | undefined>(size).fill(undefined);
    for (const key of old) if (key !== undefined) this.insertClean(key);
  }

  /** CPython's `set_insert_clean`: the key is not in the table, so it takes the first empty slot of its probe sequence. */
  private insertClean(value: number): void {
    this.table[this.probe(value).slot] = value;
  }
}

function checkKey(value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ValueError(`PyIntSet holds non-negative safe integers (they hash to themselves in Python), got ${String(value)}.`);
  }
}
