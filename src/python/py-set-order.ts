import { pyHash } from "./py-hash.js";

const MIN_SIZE = 8;
const LINEAR_PROBES = 9;
const WORD = (1n << 64n) - 1n;

/**
 * The order in which CPython 3.11 iterates a `set` built by adding `values` one by one (`set(list)`, pydantic's set
 * validation), or `undefined` when some value's hash depends on the process (strings, `None`, NaN, containers), in
 * which case Python's own order is not reproducible either. `values` hold no duplicates (Python equality).
 *
 * @example
 * pySetOrder([7, 8]); // [8, 7], as list({7, 8}) in CPython
 */
export function pySetOrder<T>(values: readonly T[]): T[] | undefined {
  const hashes: bigint[] = [];
  for (const value of values) {
    const h = pyHash(value);
    if (h === undefined) return undefined;
    hashes.push(h);
  }
  let table: Array<number | undefined> = new Array<number | undefined>(MIN_SIZE).fill(undefined);
  let used = 0;
  const freeSlot = (index: number): number => {
    const mask = table.length - 1;
    const unsigned = hashes[index]! & WORD;
    let i = Number(unsigned & BigInt(mask));
    let perturb = unsigned;
    for (;;) {
      const probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
      for (let j = 0; j <= probes; j++) if (table[i + j] === undefined) return i + j;
      perturb >>= 5n;
      i = Number((BigInt(i) * 5n + 1n + perturb) & BigInt(mask));
    }
  };
  values.forEach((_, index) => {
    table[freeSlot(index)] = index;
    used++;
    const mask = table.length - 1;
    if (used * 5 >= mask * 3) {
      const minused = used > 50000 ? used * 2 : used * 4;
      let size = MIN_SIZE;
      while (size <= minused) size *= 2;
      const old = table;
      table = new Array<number | undefined>(size).fill(undefined);
      for (const entry of old) if (entry !== undefined) table[freeSlot(entry)] = entry;
    }
  });
  return table.filter((entry): entry is number => entry !== undefined).map((index) => values[index]!);
}

/** The items of a JavaScript `Set` in the order the equal Python set iterates (insertion order for strings and others). */
export function pySetItems<T>(set: ReadonlySet<T>): T[] {
  const items = [...set];
  return pySetOrder(items) ?? items;
}
