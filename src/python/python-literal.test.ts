import { readFileSync } from "node:fs";
import { expectOnlyKnownDifferences } from "./__fixtures__/expect-known-differences.js";
import { describe, expect, it } from "vitest";
import { PythonSyntaxError } from "../errors/python-syntax-error.js";
import { PythonTypeError } from "../errors/python-type-error.js";
import { ValueError } from "../errors/value-error.js";
import { PyComplex } from "./py-complex.js";
import { PY_ELLIPSIS } from "./py-ellipsis.js";
import { PyFloat } from "./py-float.js";
import { pyRepr } from "./pyfmt.js";
import { PythonRandom } from "./python-random.js";
import { pythonLiteralEval } from "./python-literal.js";
import { decodeExpectation, pyValuesEqual, showPyValue } from "./__fixtures__/python-value-codec.js";

interface Fixture {
  description: string;
  cases: [string, unknown][];
}

function loadFixture(name: string): Fixture {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8")) as Fixture;
}

/** The Python exception class a tsdspy error stands for. */
function pythonClassOf(error: unknown): string {
  if (error instanceof PythonSyntaxError) return error.pythonType;
  if (error instanceof PythonTypeError) return "TypeError";
  if (error instanceof ValueError) return "ValueError";
  return `not a Python error: ${String(error)}`;
}

/**
 * Runs every case: values must be equal; errors must be of the same Python class, and ValueError /
 * TypeError messages must be equal (SyntaxError texts are CPython's parser diagnostics; only the
 * class is required). Returns the disagreements.
 */
function disagreements(fixture: Fixture): Map<string, string> {
  const out = new Map<string, string>();
  for (const [input, encoded] of fixture.cases) {
    const expected = decodeExpectation(encoded);
    let actual: unknown;
    let thrown: unknown;
    try {
      actual = pythonLiteralEval(input);
    } catch (error) {
      thrown = error;
    }
    let agree: boolean;
    if ("error" in expected) {
      const sameClass = thrown !== undefined && pythonClassOf(thrown) === expected.error;
      const checkMessage = expected.error === "ValueError" || expected.error === "TypeError";
      agree = sameClass && (!checkMessage || (thrown as Error).message === expected.message);
    } else {
      agree = thrown === undefined && pyValuesEqual(actual, expected.value);
    }
    if (!agree) {
      const python = "error" in expected ? `${expected.error}: ${expected.message}` : showPyValue(expected.value);
      const ours = thrown === undefined ? showPyValue(actual) : `${pythonClassOf(thrown)}: ${(thrown as Error).message}`;
      out.set(input, `python ${python} / tsdspy ${ours}`);
    }
  }
  return out;
}

const NAME_ESCAPES = "\\N{...} needs Unicode's character-name table, which JavaScript lacks: tsdspy throws ValueError";

/** Inputs where tsdspy knowingly differs from Python 3.11's ast.literal_eval, per corpus, with the reason. */
const KNOWN_DIFFERENCES: Record<string, Record<string, string>> = {
  "python-literal-dspy.json": {},
  "python-literal-handwritten.json": {
    "'\\N{BULLET}'": NAME_ESCAPES,
    "'\\N{bullet}'": NAME_ESCAPES,
    "['\\N{EM DASH}']": NAME_ESCAPES,
    "'\\N{NOPE}'": `${NAME_ESCAPES} (Python: SyntaxError, unknown name)`,
  },
  "python-literal-generated.json": {},
  "python-literal-number-sums.json": {},
};

describe("pythonLiteralEval agrees with Python's ast.literal_eval", () => {
  for (const [name, known] of Object.entries(KNOWN_DIFFERENCES)) {
    it(`on ${name}`, () => {
      const fixture = loadFixture(name);
      expect(fixture.cases.length).toBeGreaterThan(100);
      expectOnlyKnownDifferences(disagreements(fixture), known);
    });
  }
});

describe("pythonLiteralEval", () => {
  it("evaluates the literals LMs write, in tsdspy's value model", () => {
    expect(pythonLiteralEval("{'a': True, 'b': None, 'c': (1, 2.0), 'd': [1e16, -0.0, 0.5]}")).toStrictEqual({
      a: true,
      b: null,
      c: [1, new PyFloat(2)],
      d: [new PyFloat(1e16), new PyFloat(-0), 0.5],
    });
    expect(pythonLiteralEval("  'it\\'s' \"ok\"\n")).toBe("it'sok");
    expect(pythonLiteralEval("r'\\d+' '\\u00e9\\x41'")).toBe("\\d+éA");
    expect(pythonLiteralEval("-1_000")).toBe(-1000);
    expect(pythonLiteralEval("0xFF")).toBe(255);
    expect(pythonLiteralEval("123456789012345678901234567890")).toBe(123456789012345678901234567890n);
  });

  it("returns sets as Set (Python's equality: 1 == 1.0 == True) and non-string-keyed dicts as Map", () => {
    expect(pythonLiteralEval("{1, 1.0, True, 'x'}")).toStrictEqual(new Set([1, "x"]));
    expect(pythonLiteralEval("set()")).toStrictEqual(new Set());
    expect(pythonLiteralEval("{1: 'a', 1.0: 'b', (1, 2): 'c'}")).toStrictEqual(
      new Map<unknown, unknown>([
        [1, "b"],
        [[1, 2], "c"],
      ]),
    );
  });

  it("returns complex numbers, bytes and Ellipsis", () => {
    const z = pythonLiteralEval("-1+2j");
    expect(z).toBeInstanceOf(PyComplex);
    expect(pyRepr(z)).toBe("(-1+2j)");
    expect(pyRepr(pythonLiteralEval("-1j"))).toBe("(-0-1j)");
    expect(pythonLiteralEval("b'a\\x00'")).toStrictEqual(Uint8Array.from([97, 0]));
    expect(pythonLiteralEval("...")).toBe(PY_ELLIPSIS);
  });

  it("throws Python's errors", () => {
    expect(() => pythonLiteralEval("hello world")).toThrow(new PythonSyntaxError("invalid syntax", { lineno: 1 }));
    expect(() => pythonLiteralEval("hello")).toThrow("malformed node or string on line 1: <ast.Name object>");
    expect(() => pythonLiteralEval("Literal['a']")).toThrow(ValueError);
    expect(() => pythonLiteralEval("{[1]: 2}")).toThrow(new PythonTypeError("unhashable type: 'list'"));
    expect(() => pythonLiteralEval("[1, 2")).toThrow("'[' was never closed (<unknown>, line 1)");
    let indentation: unknown;
    try {
      pythonLiteralEval("1\n  2");
    } catch (error) {
      indentation = error;
    }
    expect(indentation).toBeInstanceOf(PythonSyntaxError);
    expect((indentation as PythonSyntaxError).pythonType).toBe("IndentationError");
  });

  it("rejects \\N{...} escapes it cannot resolve with a ValueError", () => {
    expect(() => pythonLiteralEval("'\\N{BULLET}'")).toThrow(ValueError);
  });
});

describe("pythonLiteralEval displays of many elements", () => {
  /** The value, or the error's class and message. */
  function outcome(text: string): { value: unknown } | { error: string } {
    try {
      return { value: pythonLiteralEval(text) };
    } catch (error) {
      return { error: `${(error as Error).name}: ${(error as Error).message}` };
    }
  }

  it("gives each element the value it has alone, or the first failing element's error (lists, tuples, dict values)", () => {
    // Displays hold literal elements as values and only the others as nodes: the result must not show it.
    const pool = [
      "1", "-1", "+2.5", "-0.0", "1e3", "2j", "-2j", "1+2j", "-1-2j", "12345678901234567890", "'a'", "b'x'", "'a' 'b'",
      "True", "None", "...", "()", "(1,)", "(1, -2)", "((1, 2), ('a',))", "[]", "[1, -1]", "{}", "{'k': 1}", "{1: 2}",
      "{(1, 2): 'v'}", "{1, 2}", "set()", "x", "-x", "f(1)", "1 if 2 else 3", "not 1", "(1, x)", "[x]", "{'k': x}",
      "{x: 1}", "2j + 1", "-'a'", "{**x}",
    ];
    const rng = new PythonRandom(3);
    const mismatches: string[] = [];
    for (let n = 0; n < 3000; n++) {
      const elements = Array.from({ length: 1 + Number(rng.randbelow(6)) }, () => pool[Number(rng.randbelow(pool.length))]!);
      const alone = elements.map(outcome);
      const firstError = alone.find((o) => "error" in o);
      const values = alone.map((o) => ("value" in o ? o.value : undefined));
      const displays: Array<[string, unknown]> = [
        [`[${elements.join(", ")}]`, values],
        [`(${elements.join(", ")},)`, values],
        [`${elements.join(", ")},`, values],
        [`{${elements.map((e, k) => `'k${k}': ${e}`).join(", ")}}`, Object.fromEntries(values.map((v, k) => [`k${k}`, v]))],
      ];
      for (const [text, expected] of displays) {
        const got = outcome(text);
        const want = firstError ?? { value: expected };
        if (!pyValuesEqual("value" in got ? got.value : got, "value" in want ? want.value : want)) {
          mismatches.push(`${text}: ${JSON.stringify("error" in got ? got.error : showPyValue(got.value))}`);
        }
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});
