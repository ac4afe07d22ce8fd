import { describe, expect, it } from "vitest";
import { PyFloat, pyFloat } from "./py-float.js";
import { pyFloatRepr, pyJsonDumps, pyRepr, pyStr, pyStrRepr } from "./pyfmt.js";
import strReprCases from "./__fixtures__/str-repr.json" with { type: "json" };

// Expected strings were produced by CPython 3.11 (`repr`, `json.dumps`).
describe("pyFloatRepr", () => {
  it("matches CPython's repr(float)", () => {
    const cases: Array<[number, string]> = [
      [1.0, "1.0"], [0.1, "0.1"], [1e-7, "1e-07"], [0.5, "0.5"], [-2.5, "-2.5"], [3.14159, "3.14159"],
      [1e16, "1e+16"], [2.5e-5, "2.5e-05"], [100.0, "100.0"], [-0.0, "-0.0"], [123456.789, "123456.789"],
      [1e22, "1e+22"], [0.30000000000000004, "0.30000000000000004"], [1e15, "1000000000000000.0"],
      [999999999999999.9, "999999999999999.9"], [1.5e300, "1.5e+300"], [5e-324, "5e-324"], [0.0001, "0.0001"],
      [0.00001, "1e-05"], [123456789012345680.0, "1.2345678901234568e+17"], [2 ** 53, "9007199254740992.0"],
      [NaN, "nan"], [Infinity, "inf"], [-Infinity, "-inf"],
    ];
    for (const [value, expected] of cases) expect(pyFloatRepr(value)).toBe(expected);
  });
});

describe("pyRepr / pyStr", () => {
  it("quotes strings the way CPython does", () => {
    expect(pyStrRepr("it's")).toBe(`"it's"`);
    expect(pyStrRepr('say "hi"')).toBe(`'say "hi"'`);
    expect(pyStrRepr(`both ' and "`)).toBe(`'both \\' and "'`);
    expect(pyStrRepr("tab\tnl\n\u200bé🙂\x7f\x85")).toBe("'tab\\tnl\\n\\u200bé🙂\\x7f\\x85'");
  });
  it("renders containers, ints, floats, bools and None", () => {
    expect(pyRepr({ a: [1, new PyFloat(2), null, true], b: "é" })).toBe("{'a': [1, 2.0, None, True], 'b': 'é'}");
    expect(pyStr(true)).toBe("True");
    expect(pyStr(null)).toBe("None");
    expect(pyStr(3)).toBe("3");
    expect(pyStr(pyFloat(1))).toBe("1.0");
    expect(pyStr(1e-7)).toBe("1e-07");
    expect(pyStr(10n ** 20n)).toBe("100000000000000000000");
    expect(pyStr("text")).toBe("text");
  });
});

describe("pyJsonDumps", () => {
  it("uses Python's separators and ensure_ascii=False when asked", () => {
    const value = { a: [1, new PyFloat(2), null, true], b: "é\n", c: {}, d: [] };
    expect(pyJsonDumps(value, { ensureAscii: false })).toBe('{"a": [1, 2.0, null, true], "b": "é\\n", "c": {}, "d": []}');
  });
  it("indents like json.dumps(indent=2) and escapes non-ASCII by default", () => {
    const value = { a: [1, new PyFloat(2), null, true], b: "é🙂\x7f", c: {}, d: [] };
    expect(pyJsonDumps(value, { indent: 2 })).toBe(
      '{\n  "a": [\n    1,\n    2.0,\n    null,\n    true\n  ],\n  "b": "\\u00e9\\ud83d\\ude42\\u007f",\n  "c": {},\n  "d": []\n}',
    );
  });
});

describe("string escaping against CPython", () => {
  // str-repr.gen.py: repr() and json.dumps() of seeded random strings over quotes, controls, non-printables,
  // astral characters and lone surrogates.
  it("matches repr(str) and json.dumps(str) for every fixture string", () => {
    for (const c of strReprCases) {
      expect(pyStrRepr(c.text), JSON.stringify(c.text)).toBe(c.repr);
      expect(pyRepr(c.text)).toBe(c.repr);
      expect(pyJsonDumps(c.text), JSON.stringify(c.text)).toBe(c.json);
      expect(pyJsonDumps(c.text, { ensureAscii: false }), JSON.stringify(c.text)).toBe(c.jsonUnicode);
    }
  });
});
