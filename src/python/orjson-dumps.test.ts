import { expect, it } from "vitest";
import { PyFloat } from "./py-float.js";
import { IntegerRangeError, orjsonDumpsIndent2, orjsonFloat } from "./orjson-dumps.js";

// Expected text from orjson 3.8.3 (the DSPy oracle's environment).
it("formats floats like orjson", () => {
  const cases: Array<[number, string]> = [
    [1e-5, "0.00001"], [1e-6, "1e-6"], [1.5e-6, "1.5e-6"], [1.23456e-5, "0.0000123456"], [1.2345678e-7, "1.2345678e-7"],
    [1e-4, "0.0001"], [123456789012345678.0, "1.2345678901234568e17"], [1.2345e16, "1.2345e16"], [1.5e15, "1500000000000000.0"],
    [1e21, "1e21"], [2.2250738585072014e-308, "2.2250738585072014e-308"], [3e-10, "3e-10"], [1.0, "1.0"], [-0.0, "-0.0"],
    [2.5e-5, "0.000025"], [0.30000000000000004, "0.30000000000000004"],
  ];
  for (const [value, text] of cases) expect(orjsonFloat(value)).toBe(text);
});

it("writes state files like orjson with OPT_INDENT_2 | OPT_APPEND_NEWLINE", () => {
  const value = { a: [new PyFloat(1), 1e-7, new PyFloat(1e16), 0.1], s: 'é\u007f\x1f"\\\n\t\u2028🙂', e: [], o: {}, b: true, n: null, i: 10n ** 19n };
  expect(orjsonDumpsIndent2(value)).toBe(
    '{\n  "a": [\n    1.0,\n    1e-7,\n    1e16,\n    0.1\n  ],\n  "s": "é\u007f\\u001f\\"\\\\\\n\\t\u2028🙂",\n  "e": [],\n  "o": {},\n  "b": true,\n  "n": null,\n  "i": 10000000000000000000\n}\n',
  );
  expect(() => orjsonDumpsIndent2({ i: 10n ** 20n })).toThrow(IntegerRangeError);
});

it("writes non-finite floats as null, as orjson does (Python could not load Infinity)", () => {
  expect(orjsonDumpsIndent2({ a: [Infinity, -Infinity, NaN], t: new PyFloat(Infinity) })).toBe(
    '{\n  "a": [\n    null,\n    null,\n    null\n  ],\n  "t": null\n}\n',
  );
});
