import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pyFloat } from "./py-float.js";
import { pyHash } from "./py-hash.js";
import { pySetOrder } from "./py-set-order.js";

/** CPython 3.11's `list(set(values))` for 300 lists of ints, floats and bools (scripts/oracle/gen_set_order_fixture.py). */
type Encoded = number | boolean | { $float: string } | { $int: string };
const cases = JSON.parse(readFileSync(new URL("./__fixtures__/set-order.json", import.meta.url), "utf8")) as Array<{ values: Encoded[]; order: Encoded[] }>;

function decode(v: Encoded): unknown {
  if (typeof v !== "object") return v;
  if ("$int" in v) return BigInt(v.$int);
  return v.$float === "inf" ? Infinity : v.$float === "-inf" ? -Infinity : pyFloat(Number(v.$float));
}

describe("pySetOrder", () => {
  it("iterates like CPython 3.11 sets on every captured case", () => {
    expect(cases.length).toBe(300);
    for (const c of cases) {
      const values = c.values.map(decode);
      expect(pySetOrder(values)?.map(String)).toEqual(c.order.map(decode).map(String));
    }
  });

  it("gives up on values hashed per process (strings, None, NaN)", () => {
    expect(pySetOrder([1, "a"])).toBeUndefined();
    expect(pySetOrder([null])).toBeUndefined();
    expect(pySetOrder([NaN])).toBeUndefined();
    expect(pySetOrder([7, 8])).toEqual([8, 7]);
  });

  it("hashes like CPython", () => {
    expect(pyHash(-1)).toBe(-2n);
    expect(pyHash(2n ** 61n - 1n)).toBe(0n);
    expect(pyHash(0.5)).toBe(1152921504606846976n);
    expect(pyHash(-1.5)).toBe(-1152921504606846977n);
    expect(pyHash(true)).toBe(1n);
    expect(pyHash("a")).toBeUndefined();
  });
});
