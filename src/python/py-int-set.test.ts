import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PyIntSet } from "./py-int-set.js";

interface SetCase {
  adds: number[];
  other: number[];
  order: number[];
  copy: number[];
  copy_of_copy: number[];
  from_list: number[];
  and: number[];
  rand: number[];
  comprehension: number[];
}

/** Iteration orders recorded from CPython 3.11 by `__fixtures__/py-int-set.gen.py`. */
const cases = JSON.parse(readFileSync(new URL("./__fixtures__/py-int-set.cpython.json", import.meta.url), "utf8")) as SetCase[];

describe("PyIntSet", () => {
  it("iterates like CPython after adds, copies, intersections and comprehensions", () => {
    for (const c of cases) {
      const s = PyIntSet.empty();
      for (const v of c.adds) s.add(v);
      const o = PyIntSet.from(c.other);
      expect([...s]).toEqual(c.order);
      expect([...PyIntSet.copyOf(s)]).toEqual(c.copy);
      expect([...PyIntSet.copyOf(PyIntSet.copyOf(s))]).toEqual(c.copy_of_copy);
      expect([...PyIntSet.from(c.adds)]).toEqual(c.from_list);
      expect([...s.intersection(o)]).toEqual(c.and);
      expect([...o.intersection(s)]).toEqual(c.rand);
      expect([...PyIntSet.from([...s].filter((v) => v % 3 !== 0))]).toEqual(c.comprehension);
      expect(s.size).toBe(new Set(c.adds).size);
      for (const v of c.adds) expect(s.has(v)).toBe(true);
    }
  });

  it("orders {3, 9} as CPython does and rejects keys that do not hash to themselves", () => {
    expect([...PyIntSet.of(3, 9)]).toEqual([9, 3]);
    expect(PyIntSet.of(1).has(-1)).toBe(false);
    expect(() => PyIntSet.of(-1)).toThrow(/non-negative/);
  });
});

describe("PyIntSet layouts", () => {
  it("round-trips the table so iteration order survives a checkpoint", () => {
    const s = PyIntSet.empty();
    for (const v of [9, 1, 17, 25, 33, 2, 40]) s.add(v);
    const restored = PyIntSet.fromLayout(JSON.parse(JSON.stringify(s.toLayout())));
    expect([...restored]).toEqual([...s]);
    restored.add(8).add(41);
    s.add(8).add(41);
    expect([...restored]).toEqual([...s]);
    expect(() => PyIntSet.fromLayout({ tableSize: 6, slots: [] })).toThrow(/power-of-two/);
    expect(() => PyIntSet.fromLayout({ tableSize: 8, slots: [[1, 1], [1, 2]] })).toThrow(/repeated slot/);
  });
});
