import { describe, expect, it } from "vitest";
import { PyFloat } from "../../python/py-float.js";
import { PyEqualSet } from "./py-equal-set.js";
import { pyScalarEquals } from "./validate-scalar.js";

/** The reference: keep a value unless an equal one was kept (pyScalarEquals against each, O(n²)). */
function dedupeByScan(values: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const value of values) if (!out.some((seen) => pyScalarEquals(seen, value))) out.push(value);
  return out;
}

function dedupeBySet(values: readonly unknown[]): unknown[] {
  const seen = new PyEqualSet();
  return values.filter((value) => seen.add(value));
}

describe("PyEqualSet", () => {
  it("keeps the same values as comparing each with pyScalarEquals, on mixed scalars", () => {
    // (No arrays: BigInt([1]) coerces to 1n, which made the old scan call [1] equal to 1n; sets hold hashable items.)
    const shared = { a: 1 };
    const pool: unknown[] = [
      0, -0, 1, 1.5, -1, true, false, 1n, 0n, 2 ** 53, 2 ** 53 + 2, 2n ** 53n, 2n ** 53n + 2n, 2n ** 64n, 2 ** 64, 2 ** 70, 2n ** 70n,
      Number.MAX_SAFE_INTEGER, BigInt(Number.MAX_SAFE_INTEGER), Infinity, -Infinity, NaN, new PyFloat(1), new PyFloat(NaN), new PyFloat(0),
      "1", "a", "", "true", null, undefined, shared, shared, { a: 1 },
    ];
    let state = 7;
    const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 300; round++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 12) }, () => pool[Math.floor(random() * pool.length)]);
      expect(dedupeBySet(values)).toEqual(dedupeByScan(values));
    }
  });
});
