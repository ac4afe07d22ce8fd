import { expect, it } from "vitest";
import { PyFloat } from "./py-float.js";
import { parsePyJson } from "./py-json.js";
import { pyJsonDumps } from "./pyfmt.js";

it("keeps Python's int/float distinction and big integers, and round-trips through pyJsonDumps", () => {
  const text = '{"a": 1, "b": 1.0, "c": 1e+16, "d": 0.5, "e": 100000000000000000000, "f": -0.0, "g": "\\u00e9\\n", "h": [true, null, {}], "2": "x"}';
  const value = parsePyJson(text) as Record<string, unknown>;
  expect(value.a).toBe(1);
  expect(value.b).toBeInstanceOf(PyFloat);
  expect(value.e).toBe(100000000000000000000n);
  expect(pyJsonDumps(value)).toBe(
    '{"2": "x", "a": 1, "b": 1.0, "c": 1e+16, "d": 0.5, "e": 100000000000000000000, "f": -0.0, "g": "\\u00e9\\n", "h": [true, null, {}]}',
  );
  expect(() => parsePyJson("{'a': 1}")).toThrow("Invalid JSON");
  expect(() => parsePyJson("[1] x")).toThrow("trailing");
});
