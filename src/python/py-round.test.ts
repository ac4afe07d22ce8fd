import { expect, it } from "vitest";
import { pyFormatFixed, pyRound } from "./py-round.js";
import { pyFloatRepr } from "./pyfmt.js";

// Expected values from CPython 3.11.
it("rounds like Python's round()", () => {
  const cases: Array<[number, number, string]> = [
    [0.125, 2, "0.12"], [0.375, 2, "0.38"], [2.675, 2, "2.67"], [0.6499999999999999, 2, "0.65"], [2.5, 0, "2.0"],
    [3.5, 0, "4.0"], [-0.5, 0, "-0.0"], [66.66666666666667, 2, "66.67"], [1e-7, 2, "0.0"], [123.456, -1, "120.0"],
  ];
  for (const [x, n, expected] of cases) expect(pyFloatRepr(pyRound(x, n))).toBe(expected);
});

it("formats like Python's f-string .Nf", () => {
  const cases: Array<[number, number, string]> = [
    [0.25, 1, "0.2"], [0.35, 1, "0.3"], [1.0, 1, "1.0"], [0.0, 2, "0.00"], [2.675, 2, "2.67"], [-0.04, 1, "-0.0"],
    [75, 1, "75.0"], [3.0, 2, "3.00"], [1234.5, 0, "1234"],
  ];
  for (const [x, n, expected] of cases) expect(pyFormatFixed(x, n)).toBe(expected);
});
