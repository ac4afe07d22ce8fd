import { PyFloat } from "../../python/py-float.js";

/**
 * The values seen so far, compared with Python equality as `pyScalarEquals` does (`1 == 1.0 == True`, strings by
 * value, NaN equal to nothing, anything else by identity), in constant time per value: a set of n items is
 * deduplicated in O(n), not O(n²).
 */
export class PyEqualSet {
  private readonly numbers = new Set<number>();
  /** Integers beyond 2^53, by their decimal text (a float that is such an integer is one too). */
  private readonly bigInts = new Set<string>();
  private readonly strings = new Set<string>();
  private readonly others = new Set<unknown>();

  /** Adds `value`; false when an equal value was there already. */
  add(value: unknown): boolean {
    if (typeof value === "string") return this.addTo(this.strings, value);
    if (value === null || value === undefined) return this.addTo(this.others, null);
    const num = typeof value === "boolean" ? Number(value) : value instanceof PyFloat ? value.value : value;
    if (typeof num === "number") {
      if (Number.isNaN(num)) return true;
      if (Number.isInteger(num) && !Number.isSafeInteger(num)) return this.addTo(this.bigInts, BigInt(num).toString());
      return this.addTo(this.numbers, num === 0 ? 0 : num);
    }
    if (typeof num === "bigint") {
      const n = Number(num);
      return Number.isSafeInteger(n) && BigInt(n) === num ? this.addTo(this.numbers, n) : this.addTo(this.bigInts, num.toString());
    }
    return this.addTo(this.others, value);
  }

  private addTo<T>(set: Set<T>, key: T): boolean {
    if (set.has(key)) return false;
    set.add(key);
    return true;
  }
}
