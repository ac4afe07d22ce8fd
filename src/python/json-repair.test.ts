import { readFileSync } from "node:fs";
import { expectOnlyKnownDifferences } from "./__fixtures__/expect-known-differences.js";
import { describe, expect, it } from "vitest";
import { RecursionError } from "../errors/recursion-error.js";
import { ValueError } from "../errors/value-error.js";
import { PyFloat } from "./py-float.js";
import { jsonRepairLoads } from "./json-repair.js";
import { decodeExpectation, pyValuesEqual, showPyValue } from "./__fixtures__/python-value-codec.js";

interface Fixture {
  description: string;
  cases: [string, unknown][];
}

function loadFixture(name: string): Fixture {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8")) as Fixture;
}

/** Runs every case; returns the inputs where tsdspy and Python's json_repair disagree, with both results. */
function disagreements(fixture: Fixture): Map<string, string> {
  const out = new Map<string, string>();
  for (const [input, encoded] of fixture.cases) {
    const expected = decodeExpectation(encoded);
    let actual: unknown;
    let thrown: unknown;
    try {
      actual = jsonRepairLoads(input);
    } catch (error) {
      thrown = error;
    }
    // An exception on both sides counts as agreement (Python's AssertionError is our ValueError).
    const agree = "error" in expected ? thrown !== undefined : thrown === undefined && pyValuesEqual(actual, expected.value);
    if (!agree) {
      const python = "error" in expected ? `${expected.error}: ${expected.message}` : showPyValue(expected.value);
      out.set(input, `python ${python} / tsdspy ${thrown === undefined ? showPyValue(actual) : String(thrown)}`);
    }
  }
  return out;
}

/**
 * Inputs where tsdspy knowingly differs from json_repair 0.61.7, per corpus, with the reason.
 * Every disagreement must be listed here, and every entry must still disagree.
 */
const KNOWN_DIFFERENCES: Record<string, Record<string, string>> = {
  "json-repair-dspy.json": {},
  "json-repair-handwritten.json": {
    '{"b": 1, "a": 2, "1": 3}': "JS objects list integer-like keys first; the keys and values are Python's",
  },
  "json-repair-fuzz.json": {},
  "json-repair-list-continuations.json": {},
};

describe("jsonRepairLoads agrees with Python's json_repair.loads", () => {
  for (const [name, known] of Object.entries(KNOWN_DIFFERENCES)) {
    it(`on ${name}`, () => {
      const fixture = loadFixture(name);
      expect(fixture.cases.length).toBeGreaterThan(200);
      expectOnlyKnownDifferences(disagreements(fixture), known);
    });
  }
});

describe("jsonRepairLoads", () => {
  it("reads valid JSON with Python's number types", () => {
    expect(jsonRepairLoads('{"a": 1, "b": 1.5, "c": 2.0, "d": 12345678901234567890, "e": -0.0}')).toStrictEqual({
      a: 1,
      b: 1.5,
      c: new PyFloat(2),
      d: 12345678901234567890n,
      e: new PyFloat(-0),
    });
    expect(jsonRepairLoads("[NaN, Infinity]")).toStrictEqual([NaN, Infinity]);
    expect(jsonRepairLoads("-0")).toBe(0);
    expect(jsonRepairLoads('"just a string"')).toBe("just a string");
    expect(jsonRepairLoads("null")).toBeNull();
  });

  it("keeps a __proto__ key as data", () => {
    const value = jsonRepairLoads('{"__proto__": {"x": 1}, "b": 2') as Record<string, unknown>;
    expect(Object.keys(value)).toStrictEqual(["__proto__", "b"]);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it("finds JSON in prose and code fences", () => {
    expect(jsonRepairLoads('Here is my answer: {"answer": "Paris"} Hope it helps!')).toStrictEqual({ answer: "Paris" });
    expect(jsonRepairLoads('```json\n{"a": [1, 2]}\n```')).toStrictEqual({ a: [1, 2] });
  });

  it("closes truncated output and drops trailing commas", () => {
    expect(jsonRepairLoads('{"answer": "Par')).toStrictEqual({ answer: "Par" });
    expect(jsonRepairLoads('{"a": [1, 2')).toStrictEqual({ a: [1, 2] });
    expect(jsonRepairLoads('Sure! {"answer": "Paris", "score": 1.0,}')).toStrictEqual({ answer: "Paris", score: new PyFloat(1) });
  });

  it("reads Python-style literals the way json_repair does (None stays a word)", () => {
    expect(jsonRepairLoads("{'a': True, 'b': None}")).toStrictEqual({ a: true, b: "None" });
    expect(jsonRepairLoads("{a: 1, b: [x, y]}")).toStrictEqual({ a: 1, b: ["x", "y"] });
  });

  it("returns an empty string when nothing can be read", () => {
    expect(jsonRepairLoads("not json at all")).toBe("");
    expect(jsonRepairLoads("")).toBe("");
    expect(jsonRepairLoads("True")).toBe("");
  });

  it("keeps several top-level values, letting a same-shaped later one replace the earlier", () => {
    expect(jsonRepairLoads('{"a": 1} {"b": 2}')).toStrictEqual([{ a: 1 }, { b: 2 }]);
    expect(jsonRepairLoads('{"a": 1} {"a": 2}')).toStrictEqual({ a: 2 });
  });

  it("throws where json_repair fails an assertion (a code fence as an object key)", () => {
    expect(() => jsonRepairLoads('{"```json\n1\n```": 2}')).toThrow(ValueError);
  });

  it("stops with a ValueError where json_repair's heuristics would re-read the text quadratically", () => {
    // json_repair would take minutes on these; tsdspy stops after a fixed amount of work per character.
    for (const unit of ['{e]"', ",{1"]) {
      expect(() => jsonRepairLoads(unit.repeat(10_000))).toThrow(/^Cannot repair this JSON in linear time/);
    }
  });

  it("fails on absurd nesting as json_repair does, never by overflowing the stack", () => {
    // Python's json.loads reaches its recursion limit first and json_repair lets that RecursionError out.
    expect(() => jsonRepairLoads("[".repeat(100_000))).toThrow(RecursionError);
    expect(() => jsonRepairLoads("[".repeat(100_000))).toThrow("maximum recursion depth exceeded while decoding a JSON array from a unicode string");
    expect(() => jsonRepairLoads('{"a": '.repeat(100_000))).toThrow("maximum recursion depth exceeded while decoding a JSON object from a unicode string");
    expect(() => jsonRepairLoads('[{"a": "b", "c": '.repeat(2_000))).toThrow(RecursionError);
    // Not valid that deep: the repair parser's RecursionError becomes json_repair's ValueError.
    expect(() => jsonRepairLoads("{".repeat(20_000))).toThrow(new ValueError("Input nesting exceeds the supported parser recursion depth."));
    // Nested parentheses make json_repair re-scan the rest of the text at every level: the work limit stops it first.
    expect(() => jsonRepairLoads("(".repeat(20_000))).toThrow(ValueError);
    expect(jsonRepairLoads("[".repeat(900) + "]".repeat(900))).toBeInstanceOf(Array);
  });

  it("re-reads a long escaped object (an edit of 300,000 characters) as json_repair does, without overflowing the stack", () => {
    // json_repair unescapes `{\\"a\\": \\"…\\"}` and parses it again: {'a': 'x…x'} in Python.
    const big = "x".repeat(300_000);
    expect(jsonRepairLoads(`{\\"a\\": \\"${big}\\"}`)).toEqual({ a: big });
  });

  it("joins a long continuation of a split list (300,000 items, 100,000 rows) as json_repair does, without overflowing the stack", () => {
    // Python: {'a': [1, 1, …]} and {'a': [[1, 2], [1, 2], …]} (list.extend).
    const items = jsonRepairLoads(`{"a": [1] [${"1,".repeat(300_000)}]}`) as { a: unknown[] };
    expect(items.a.length).toBe(300_001);
    const rows = jsonRepairLoads(`{"a": [[1,2]] [${"[1,2],".repeat(100_000)}]}`) as { a: unknown[] };
    expect(rows.a.length).toBe(100_001);
    expect(rows.a[100_000]).toEqual([1, 2]);
  });

  it("joins many continuations of one list in turn, regrouping loose cells into rows", () => {
    // json_repair 0.61.7: cells after the last row make rows when they fill them; an empty continuation changes nothing.
    expect(jsonRepairLoads('{"a": [[1,2], 3, 4] [5] [6]}')).toEqual({ a: [[1, 2], [3, 4], [5], 6] });
    expect(jsonRepairLoads('{"a": [[1,2], 3] [] [] [[4,5]]}')).toEqual({ a: [[1, 2], 3, [4, 5]] });
    expect(jsonRepairLoads(`{"a": [[""]]${" [[1]]".repeat(50_000)}}`)).toEqual({ a: [[""], ...Array.from({ length: 50_000 }, () => [1])] });
  });
});
